"""The reference data shipped with the application: sourced norms with ranges, the
sector table, categories, family presets and the built-in region (``data``).

Every number the engine uses that is not a case input is a row read here, with its
source or an ``assumption`` mark; the set has a version and a checksum.
"""
