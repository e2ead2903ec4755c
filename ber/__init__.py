"""BER-desk engine: case model, reference data, calculation, geodata, report.

This package never imports Qt (checked by import-linter, see pyproject.toml).
"""

__version__ = "0.1.0"
