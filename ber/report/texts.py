"""Report wording, read from ``templates/report_<lang>.json`` so a municipality can adapt it.

Each text may contain ``{name}`` placeholders the report fills in; the Dutch and
English files must have the same keys and the same placeholders (a test checks).
"""

from __future__ import annotations

import json
import string
from functools import lru_cache
from pathlib import Path

from ber.io.paths import templates_dir
from ber.texts.messages import Lang


def texts_path(lang: Lang) -> Path:
    return templates_dir() / f"report_{lang}.json"


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> dict[str, str]:
    with open(path, encoding="utf-8") as fh:
        doc = json.load(fh)
    if not isinstance(doc, dict) or not all(isinstance(v, str) for v in doc.values()):
        raise ValueError(f"{path}: expected a JSON object of texts")
    return {str(k): str(v) for k, v in doc.items()}


def load_texts(lang: Lang) -> dict[str, str]:
    """All texts of one language (keys starting with ``_`` are comments)."""
    path = texts_path(lang)
    return _load(str(path), path.stat().st_mtime)


def placeholders(text: str) -> set[str]:
    """The ``{name}`` placeholders of a text."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class Texts:
    """Look up and fill in report texts of one language."""

    def __init__(self, lang: Lang) -> None:
        self.lang: Lang = lang
        self._texts = load_texts(lang)

    def __call__(self, key: str, **params: object) -> str:
        text = self._texts.get(key)
        if text is None:
            raise KeyError(f"report text {key!r} missing in {texts_path(self.lang)}")
        return text.format(**params) if params else text

    def get(self, key: str, default: str) -> str:
        return self._texts.get(key, default)
