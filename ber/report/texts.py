"""Report wording: the ``report.`` texts of the one catalogue (``templates/texts/<lang>.json``).

A municipality can adapt the wording by editing those files (or a copy in the folder
``BER_TEMPLATES_DIR`` points at; the copy may hold only the texts it changes). Each
text may contain ``{name}`` placeholders the report fills in; the completeness test
checks both languages have the same keys and placeholders. An edited file applies
the next time a report is built, without restarting.
"""

from __future__ import annotations

from pathlib import Path

from ber.texts.catalogue import Entry, Lang, catalogue_path, entries, plural_category
from ber.texts.catalogue import placeholders as _placeholders

PREFIX = "report."


def texts_path(lang: Lang) -> Path:
    return catalogue_path(lang)


def load_texts(lang: Lang) -> dict[str, str]:
    """All report texts of one language, keyed without the ``report.`` prefix."""
    n = len(PREFIX)
    return {
        k[n:]: v if isinstance(v, str) else v["other"]
        for k, v in entries(lang, refresh=True).items()
        if k.startswith(PREFIX)
    }


def placeholders(text: str) -> set[str]:
    """The ``{name}`` placeholders of a text."""
    return _placeholders(text)


class Texts:
    """Look up and fill in report texts of one language."""

    def __init__(self, lang: Lang) -> None:
        self.lang: Lang = lang
        n = len(PREFIX)
        self._entries: dict[str, Entry] = {
            k[n:]: v for k, v in entries(lang, refresh=True).items() if k.startswith(PREFIX)
        }
        self._texts = load_texts(lang)

    def __call__(self, key: str, **params: object) -> str:
        """The text of ``report.<key>``; a plural text takes its form from ``count`` (or ``n``)."""
        entry = self._entries.get(key)
        if entry is None:
            raise KeyError(f"report text {key!r} missing in {texts_path(self.lang)}")
        if isinstance(entry, dict):
            number = params.get("count", params.get("n"))
            form = plural_category(number, self.lang) if isinstance(number, int | float) else "other"
            text = entry.get(form, entry["other"])
        else:
            text = entry
        return text.format(**params) if params else text

    def get(self, key: str, default: str) -> str:
        return self._texts.get(key, default)
