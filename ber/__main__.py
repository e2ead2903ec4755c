"""`python -m ber` runs the command line."""

import sys

from ber.cli.entry import main

sys.exit(main())
