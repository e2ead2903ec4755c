"""Recompute reference_data/manifest.json after a deliberate change of the reference set.

Usage: python tools/update_reference_checksum.py VERSION
"""

import sys

from ber.io.paths import reference_dir
from ber.reference.data import write_manifest

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/update_reference_checksum.py VERSION")
    print(write_manifest(reference_dir(), sys.argv[1]))
