"""The GUI catalogue is complete in both languages and covers every key the code uses."""

from __future__ import annotations

import re
import string
from pathlib import Path

from gui.texts import TEXTS, set_language, tr

GUI = Path(__file__).resolve().parents[2] / "gui"
OTHER_HELPERS = {"capacity_table.py", "map_demo.py"}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages_with_same_placeholders() -> None:
    for key, entry in TEXTS.items():
        assert set(entry) == {"nl", "en"}, key
        assert entry["nl"].strip() and entry["en"].strip(), key
        assert _fields(entry["nl"]) == _fields(entry["en"]), key


def test_every_literal_key_used_in_the_gui_exists() -> None:
    used: set[str] = set()
    pattern = re.compile(r"""\btr\(\s*"([a-z_]+\.[a-z_.]+)\"""")
    action = re.compile(r"""_action\(\s*"[a-z_]+",\s*"([a-z_.]+)\"""")
    for path in GUI.rglob("*.py"):
        if path.name in OTHER_HELPERS or "map_view" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        used |= set(pattern.findall(text)) | set(action.findall(text))
    missing = sorted(k for k in used if k not in TEXTS)
    assert not missing, missing
    assert len(used) > 150  # the scan found the keys (it can fail)


def test_tr_fills_placeholders_and_switches_language() -> None:
    set_language("en")
    try:
        assert tr("sites.new_name", n=3) == "Site 3"
    finally:
        set_language("nl")
    assert tr("sites.new_name", n=3) == "Locatie 3"
    assert tr("no.such.key") == "no.such.key"
