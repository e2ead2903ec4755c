"""BER-desk desktop application (PySide6).

PySide6-Essentials 6.12.0 is excluded in pyproject.toml: on CPython 3.11 every
void Qt call there drops a reference to ``None`` and the interpreter aborts after
a few thousand calls ("deallocating None"); ``tests/gui/test_map_view.py`` checks
the installed PySide6 does not leak.
"""
