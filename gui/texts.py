"""The GUI's way into the one text catalogue: ``tr(key)`` is ``gui.<key>`` in the current language.

The texts live in ``templates/texts/*.json`` (``ber.texts.catalogue``); ``TEXTS`` is a
``{key: {"nl": ..., "en": ...}}`` view of the ``gui.`` namespace. The
language is chosen once at start-up (``set_language``; a changed preference applies
after a restart, the preferences dialog says so). Engine messages come translated
from ``ber.texts.messages``; the completeness test (``tests/core/test_catalogue.py``)
checks every key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from ber.texts.catalogue import Lang, LangTable, has, strip_mnemonic, text

__all__ = ["TEXTS", "Lang", "counted_suffix", "language", "set_language", "strip_mnemonic", "title", "tr"]

_CURRENT: list[Lang] = ["nl"]
TEXTS: Mapping[str, dict[str, str]] = LangTable("gui.")


def set_language(lang: str) -> None:
    _CURRENT[0] = "en" if lang == "en" else "nl"


def language() -> Lang:
    return _CURRENT[0]


def tr(key: str, /, count: float | None = None, **params: Any) -> str:
    """The text of ``gui.<key>`` in the current language, ``{placeholders}`` filled in.

    ``count`` chooses the plural form ("1 zaak", "2 zaken"). An unknown key comes
    back as itself (the completeness test makes sure none is used).
    """
    full = f"gui.{key}"
    if not has(full, _CURRENT[0]):
        return key
    return text(full, _CURRENT[0], count, **params)


def title(key: str, /, **params: Any) -> str:
    """``tr(key)`` for a window or dialog title: without the menu mnemonic ("&PDF" -> "PDF")."""
    return strip_mnemonic(tr(key, **params))


class _Signal(Protocol):
    def connect(self, slot: Callable[[Any], None]) -> Any: ...


class _Spin(Protocol):
    """A QSpinBox or QDoubleSpinBox (kept abstract: this module imports no Qt)."""

    @property
    def valueChanged(self) -> _Signal: ...

    def value(self) -> Any: ...

    def setSuffix(self, suffix: str) -> None: ...


def counted_suffix(spin: _Spin, key: str) -> None:
    """Give ``spin`` the unit ``tr(key)`` as suffix, in the plural form its value needs.

    "1 ploeg per dag", "2 ploegen per dag": the suffix follows the value as it changes.
    """

    def update(value: Any) -> None:
        spin.setSuffix(" " + tr(key, count=value))

    spin.valueChanged.connect(update)
    update(spin.value())
