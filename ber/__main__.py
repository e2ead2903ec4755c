"""`python -m ber` runs the command line."""

import sys

from ber.cli import main

sys.exit(main())
