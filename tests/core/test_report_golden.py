"""Golden meaning of the demo report (nl and en): per chapter, its numbers and verdicts.

The report is compared by what it says, not by how one PDF library extracts its text:
the extracted text is split into the report's chapters (their titles are part of the
golden file), and per chapter the multiset of numbers and of verdict words must be the
same; the page count too. Line breaks, spacing, the order in which a library reads table
columns, headers and footers do not matter; a changed number, verdict or chapter does.

Regenerate after an intended change with ``BER_UPDATE_GOLDEN=1 .venv/bin/python -m
pytest tests/core/test_report_golden.py`` and review the diff of tests/golden/report/.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from ber.case.demo import demo_case
from ber.engine.assess import Context, assess
from ber.report import build_report

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "report"
UPDATE = os.environ.get("BER_UPDATE_GOLDEN") == "1"

#: chapter titles in the order the report prints them (a chapter that is not printed,
#: such as the cumulative one without a register, is simply not found)
CHAPTERS = {
    "nl": [
        "Samenvatting",
        "Invoer",
        "Methode en aannames",
        "Resultaten per domein",
        "Cumulatieve effecten",
        "Kaart",
        "Locatievergelijking",
        "Onzekerheid",
        "Conclusie",
        "Verantwoording",
    ],
    "en": [
        "Summary",
        "Inputs",
        "Method and assumptions",
        "Results per domain",
        "Cumulative effects",
        "Map",
        "Site comparison",
        "Uncertainty",
        "Conclusion",
        "Accountability",
    ],
}
STATUS_WORDS = {
    "nl": ("groen", "oranje", "rood", "onbekend"),
    "en": ("green", "amber", "red", "unknown"),
}
#: running header and footer lines (page numbers, computation time) carry no meaning
RUNNING = re.compile(
    r"^(pagina \d+ van \d+|page \d+ of \d+|BER-desk .*· (berekend|computed) .*"
    r"|(Bedrijfseffectrapportage|Business impact report) · .*|(Zaak|Case) \S+)$"
)
NUMBER = re.compile(r"(?<![\w])-?\d+(?:[.,]\d+)*")
DOT_LEADER = re.compile(r"^\s*(\.\s*){3,}\d+\s*$")


def _lines(pages: list[str]) -> list[str]:
    out: list[str] = []
    for page in pages:
        for raw in page.splitlines():
            line = " ".join(raw.split())
            if line and not RUNNING.match(line):
                out.append(line)
    return out


def _chapters(lines: list[str], titles: list[str]) -> list[tuple[str, list[str]]]:
    """Split the report body into (title, lines) per chapter; the table of contents is skipped."""
    starts: list[tuple[int, str]] = []
    pos = 0
    for title in titles:
        for i in range(pos, len(lines)):
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if lines[i] == title and not DOT_LEADER.match(nxt):
                starts.append((i, title))
                pos = i + 1
                break
    bounds = [*starts, (len(lines), "")]
    return [(t, lines[i + 1 : bounds[n + 1][0]]) for n, (i, t) in enumerate(starts)]


def meaning(pages: list[str], lang: str) -> dict[str, Any]:
    """Per chapter: the sorted numbers and the count of each verdict word."""
    words = STATUS_WORDS[lang]
    chapters = []
    for title, body in _chapters(_lines(pages), CHAPTERS[lang]):
        text = "\n".join(body)
        numbers = sorted(NUMBER.findall(text))
        tokens = Counter(w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]+", text))
        chapters.append(
            {"title": title, "numbers": numbers, "statuses": {w: tokens.get(w, 0) for w in words}}
        )
    return {"pages": len(pages), "chapters": chapters}


def _diff(expected: dict[str, Any], got: dict[str, Any]) -> list[str]:
    problems = []
    if expected["pages"] != got["pages"]:
        problems.append(f"pages: {expected['pages']} -> {got['pages']}")
    exp_titles = [c["title"] for c in expected["chapters"]]
    got_titles = [c["title"] for c in got["chapters"]]
    if exp_titles != got_titles:
        problems.append(f"chapters: {exp_titles} -> {got_titles}")
    for e, g in zip(expected["chapters"], got["chapters"], strict=False):
        missing = Counter(e["numbers"]) - Counter(g["numbers"])
        extra = Counter(g["numbers"]) - Counter(e["numbers"])
        if missing or extra:
            problems.append(f"{e['title']}: numbers missing {dict(missing)}, new {dict(extra)}")
        if e["statuses"] != g["statuses"]:
            problems.append(f"{e['title']}: verdicts {e['statuses']} -> {g['statuses']}")
    return problems


def _report_pages(lang: str, samples: int, tmp_path: Path) -> list[str]:
    case = demo_case(lang)
    result = assess(case, Context.default(), samples=samples, seed=1)
    out = build_report(result, case, tmp_path / "demo.pdf", lang=lang)  # type: ignore[arg-type]
    pages = [p.extract_text() for p in PdfReader(str(out.path)).pages]
    assert len(pages) == out.pages
    stamp = result.computed_at
    return [p.replace(stamp, "").replace(stamp[:16].replace("T", " "), "") for p in pages]


@pytest.mark.parametrize(("lang", "samples"), [("nl", 0), ("en", 0), ("nl", 200), ("en", 200)])
def test_demo_report_golden(lang: str, samples: int, tmp_path: Path) -> None:
    got = meaning(_report_pages(lang, samples, tmp_path), lang)
    golden = GOLDEN / f"demo_{lang}_{samples}.json"
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.is_file(), f"{golden} missing: run with BER_UPDATE_GOLDEN=1"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    problems = _diff(expected, got)
    assert not problems, "report meaning differs (BER_UPDATE_GOLDEN=1 to accept):\n" + "\n".join(problems)
    # every chapter of a plain demo report is there (no register: no cumulative chapter)
    assert len(got["chapters"]) == len(CHAPTERS[lang]) - 1 - (0 if samples else 1)


def test_meaning_sees_a_changed_number_and_verdict() -> None:
    """The comparison is not vacuous: one changed number or verdict word is reported."""
    pages = ["Inhoud\nSamenvatting\n . . . . 3\n", "Samenvatting\nDruk 0,71 ORANJE\nKaart\n12 rood\n"]
    base = meaning(pages, "nl")
    assert [c["title"] for c in base["chapters"]] == ["Samenvatting", "Kaart"]
    assert base["chapters"][0]["numbers"] == ["0,71"]
    changed = meaning([pages[0], pages[1].replace("0,71", "0,72")], "nl")
    assert _diff(base, changed)
    verdict = meaning([pages[0], pages[1].replace("ORANJE", "ROOD")], "nl")
    assert _diff(base, verdict)
    reflowed = meaning([pages[0], pages[1].replace("Druk 0,71", "Druk\n   0,71")], "nl")
    assert not _diff(base, reflowed)
