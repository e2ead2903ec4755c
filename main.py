"""Start BER-desk: builds the QApplication, installs the language, opens the main window."""

import sys

from gui.app import main

if __name__ == "__main__":
    sys.exit(main())
