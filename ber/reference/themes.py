"""Themes of the qualitative assessment (``reference_data/qualitative_themes.json``).

Public order and safety and social cohesion are not computed: the officer rates each
theme (none / limited / considerable) with evidence text and a source. This module
reads the themes, each with its labels, its guiding question and the sources it was
derived from (the seeds and the VNG conversation guide). A municipality adds a theme
by adding a row to the file in its reference folder (``BER_REFERENCE_DIR``); the file
carries its own ``sources`` block so that it stands apart from the checksummed set.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ber.io.paths import reference_dir, shipped_dir
from ber.texts.messages import Lang

THEMES_FILE = "qualitative_themes.json"
#: the form of a theme key (it is also part of a field path: ``qualitative.<key>.evidence``)
THEME_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")


@dataclass(frozen=True)
class ThemeSource:
    id: str
    publisher: str
    title: str
    year: int
    url: str = ""
    seed: str = ""

    def citation(self) -> str:
        text = f"{self.publisher}, {self.title} ({self.year})"
        if self.url:
            text += f", {self.url}"
        if self.seed:
            text += f" [{self.seed}]"
        return text


@dataclass(frozen=True)
class Theme:
    key: str
    label_nl: str
    label_en: str
    question_nl: str
    question_en: str
    sources: tuple[str, ...]

    def label(self, lang: Lang) -> str:
        return self.label_nl if lang == "nl" else self.label_en

    def question(self, lang: Lang) -> str:
        return self.question_nl if lang == "nl" else self.question_en


@dataclass(frozen=True)
class ThemeSet:
    themes: dict[str, Theme]
    sources: dict[str, ThemeSource]

    def label(self, key: str, lang: Lang) -> str:
        """The theme's name; a theme the file does not know (from another municipality) by its key."""
        theme = self.themes.get(key)
        return theme.label(lang) if theme is not None else key

    def citations(self, key: str) -> list[str]:
        theme = self.themes.get(key)
        if theme is None:
            return []
        return [self.sources[s].citation() for s in theme.sources if s in self.sources]


def load_themes(folder: Path | None = None) -> ThemeSet:
    """The themes of the reference folder (cached per folder)."""
    return _load(str(folder or reference_dir()))


@lru_cache(maxsize=4)
def _load(folder: str) -> ThemeSet:
    path = Path(folder) / THEMES_FILE
    if not path.is_file():  # an older municipal reference folder: the shipped themes
        path = shipped_dir("reference_data") / THEMES_FILE
    doc = json.loads(path.read_text(encoding="utf-8"))
    sources = {
        key: ThemeSource(
            id=key,
            publisher=str(v["publisher"]),
            title=str(v["title"]),
            year=int(v["year"]),
            url=str(v.get("url", "")),
            seed=str(v.get("seed", "")),
        )
        for key, v in doc["sources"].items()
    }
    themes = {}
    for row in doc["themes"]:
        key = str(row["key"])
        if not THEME_KEY.fullmatch(key):
            raise ValueError(f"{THEMES_FILE}: bad theme key {key!r}")  # developer error: shipped file
        themes[key] = Theme(
            key=key,
            label_nl=str(row["label_nl"]),
            label_en=str(row["label_en"]),
            question_nl=str(row["question_nl"]),
            question_en=str(row["question_en"]),
            sources=tuple(str(s) for s in row["sources"]),
        )
    return ThemeSet(themes=themes, sources=sources)
