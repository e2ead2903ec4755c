"""Golden text of the demo report (nl and en): extracted text and page count, not bytes.

Regenerate after an intended change with ``BER_UPDATE_GOLDEN=1 .venv/bin/python -m
pytest tests/core/test_report_golden.py`` and review the diff of tests/golden/report/.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from ber.case.demo import demo_case
from ber.engine.assess import Context, assess
from ber.report import build_report

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "report"
UPDATE = os.environ.get("BER_UPDATE_GOLDEN") == "1"


def _normalise(text: str, computed_at: str) -> str:
    """Mask the computation time (the only thing that differs between runs)."""
    text = text.replace(computed_at, "<COMPUTED_AT>")
    text = text.replace(computed_at[:16].replace("T", " "), "<COMPUTED_AT>")
    return re.sub(r"[ \t]+\n", "\n", text)


@pytest.mark.parametrize(("lang", "samples"), [("nl", 0), ("en", 0), ("nl", 200), ("en", 200)])
def test_demo_report_golden(lang: str, samples: int, tmp_path: Path) -> None:
    case = demo_case(lang)
    result = assess(case, Context.default(), samples=samples, seed=1)
    out = build_report(result, case, tmp_path / "demo.pdf", lang=lang)  # type: ignore[arg-type]
    pages = [p.extract_text() for p in PdfReader(str(out.path)).pages]
    text = "".join(
        f"===== page {i} =====\n{_normalise(t, result.computed_at)}\n" for i, t in enumerate(pages, 1)
    )
    name = f"demo_{lang}_{samples}"
    text_file, meta_file = GOLDEN / f"{name}.txt", GOLDEN / f"{name}.json"
    meta = {"pages": out.pages}
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        text_file.write_text(text, encoding="utf-8")
        meta_file.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    assert text_file.is_file(), f"{text_file} missing: run with BER_UPDATE_GOLDEN=1"
    expected = text_file.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(
            list(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), "golden", "now"))[:80]
        )
        pytest.fail(f"report text differs from {text_file.name} (BER_UPDATE_GOLDEN=1 to accept):\n{diff}")
    assert json.loads(meta_file.read_text()) == meta
