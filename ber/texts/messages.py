"""Engine problems as message codes: the code and its parameters travel, the text
comes from the one catalogue (``msg.<code>`` in ``templates/texts/*.json``).

The engine reports problems as :class:`Problem` (a code plus parameters); the CLI,
the GUI and the report turn them into text with :func:`translate`. The completeness
test (``tests/core/test_catalogue.py``) checks that every code has both languages
and the same placeholders in each.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from ber.texts.catalogue import LANGS, Lang, LangTable, has, localized, template, text

__all__ = ["LANGS", "MESSAGES", "BerError", "InputError", "Lang", "Problem", "translate"]

#: codes added on another branch in this module's old form ``{code: {"nl": ..., "en": ...}}``;
#: they work, but the completeness test asks to move them into the catalogue files
EXTRA_MESSAGES: dict[str, dict[str, str]] = {}


class _Messages(Mapping[str, dict[str, str]]):
    """``{code: {"nl": ..., "en": ...}}``: the catalogue's ``msg.`` texts (plus ``EXTRA_MESSAGES``)."""

    _catalogue = LangTable("msg.")

    def __getitem__(self, code: str) -> dict[str, str]:
        if code in EXTRA_MESSAGES:
            return EXTRA_MESSAGES[code]
        return self._catalogue[code]

    def __iter__(self) -> Iterator[str]:
        yield from self._catalogue
        yield from (c for c in EXTRA_MESSAGES if c not in self._catalogue)

    def __len__(self) -> int:
        return sum(1 for _ in self)


MESSAGES: Mapping[str, dict[str, str]] = _Messages()


def translate(code: str, lang: Lang = "nl", **params: Any) -> str:
    """Return the text for a message code in the given language."""
    if has(f"msg.{code}", lang) and code not in EXTRA_MESSAGES:
        try:
            return text(f"msg.{code}", lang, **params)
        except (KeyError, IndexError, ValueError):
            return f"{template(f'msg.{code}', lang)} {params}"
    texts = EXTRA_MESSAGES.get(code)
    if texts is None:
        return f"{code} {params}"
    raw = texts.get(lang) or texts["en"]
    # a parameter may itself be a text in both languages: {"nl": ..., "en": ...}
    params = {k: localized(v, lang) for k, v in params.items()}
    try:
        return raw.format(**params)
    except (KeyError, IndexError, ValueError):
        return f"{raw} {params}"


@dataclass(frozen=True)
class Problem:
    """One problem found in user input, as a code plus parameters."""

    code: str
    field: str = ""
    params: dict[str, Any] = dc_field(default_factory=dict)

    def text(self, lang: Lang = "nl") -> str:
        return translate(self.code, lang, field=self.field, **self.params)


class BerError(Exception):
    """Base class of every error the engine raises on purpose."""


class InputError(BerError):
    """User input is invalid; carries every problem found (never just the first)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.text("en") for p in problems))
        self.problems = problems

    def texts(self, lang: Lang = "nl") -> list[str]:
        return [p.text(lang) for p in self.problems]
