"""BER-desk desktop application (PySide6).

Importing this package applies one process-wide workaround, see ``_protect_none``.
"""

from __future__ import annotations

import sys


def _protect_none() -> None:
    """Keep PySide6 6.12.0 from crashing CPython 3.10/3.11 with "deallocating None".

    Measured here (PySide6 6.12.0, CPython 3.11.7): every call of a Qt method that
    returns void (``setBrush``, ``setZValue``, ``update``, ``QColor.setRed``, ...)
    hands Python its ``None`` without taking a reference, so None's reference
    count drops by one per call; after a few thousand calls the interpreter aborts
    with "Fatal Python error: none_dealloc". From CPython 3.12 on None is immortal
    and the bug is harmless. Adding a large constant to None's reference count
    makes it immortal on 3.10/3.11 too. None is a static singleton that is never
    freed, so nothing else changes. Remove when PySide6 is fixed or Python >= 3.12.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes

    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < 1 << 40:
        refcount.value += 1 << 50


_protect_none()
