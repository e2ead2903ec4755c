"""The cumulative chapter's sentence on employer beds promised vs delivered (permit conditions)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from ber.case.demo import demo_case
from ber.engine.assess import Context, assess
from ber.register import Register, cumulative
from ber.register import conditions as cond
from ber.report import build_report
from ber.report.texts import Texts


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_report_names_promised_beside_delivered_employer_beds(tmp_path: Path, lang: str) -> None:
    case = demo_case(lang)  # type: ignore[arg-type]
    result = assess(case, Context.default())
    with Register.open(f"sqlite:///{tmp_path / 'register.sqlite'}") as reg:
        ref = case.meta.reference
        reg.add(case, result, status="granted", decided=dt.date(2026, 3, 1))
        cond.add_condition(reg, ref, "employer_beds", dt.date(2027, 1, 1), municipality="GM0983", beds=120)
        d = cond.add_condition(reg, ref, "employer_beds", dt.date(2027, 1, 1), municipality="GM0983", beds=20)
        cond.set_condition(reg, d.id, status="delivered")
        cum = cumulative(result, case, reg, exclude_ref="ANOTHER")
    # delivered 20; promised 120; added min(120, max(150 declared - 20, 0)) = 120
    assert cum.employer_beds is not None and (cum.employer_beds.delivered, cum.employer_beds.added) == (
        20,
        120,
    )
    path = tmp_path / "report.pdf"
    build_report(result, case, path, lang=lang, cumulative=cum)  # type: ignore[arg-type]
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    flat = " ".join(out.split())
    beds = {"nl": "bedden", "en": "beds"}[lang]
    expected = Texts(lang)(  # type: ignore[arg-type]
        "cum.employer_beds", delivered=f"20 {beds}", promised=f"120 {beds}", added=f"120 {beds}"
    )
    assert expected in flat
