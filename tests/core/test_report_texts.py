"""The report texts in templates/texts/: same keys and placeholders in Dutch and English, all keys used exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ber.report.texts import Texts, load_texts, placeholders

REPORT_DIR = Path(__file__).resolve().parents[2] / "ber" / "report"


def test_same_keys_in_both_languages() -> None:
    nl, en = load_texts("nl"), load_texts("en")
    assert sorted(set(nl) - set(en)) == []
    assert sorted(set(en) - set(nl)) == []


def test_same_placeholders_in_both_languages() -> None:
    nl, en = load_texts("nl"), load_texts("en")
    diff = {
        k: (placeholders(nl[k]), placeholders(en[k]))
        for k in nl
        if placeholders(nl[k]) != placeholders(en[k])
    }
    assert diff == {}


def test_no_empty_texts_and_not_untranslated() -> None:
    nl, en = load_texts("nl"), load_texts("en")
    assert [k for k, v in {**nl, **en}.items() if not v.strip()] == []
    same = [
        k for k in nl if nl[k] == en[k] and not k.startswith(("punit.", "unit.", "map.north", "doc.author"))
    ]
    # a few texts are the same word in both languages; keep this list short and deliberate
    # coordinates: "x 205.021 m, y 379.119 m" is written alike (the numbers differ by language);
    # the map's text alternative lists "{status}: {names}" in either language
    assert sorted(same) == [
        "coords.metres",
        "coords.rd",
        "date.long",
        "html.map_group",
        "inputs.sector",
        "results.chart_band",
    ]


def test_every_key_used_in_code_exists() -> None:
    nl = load_texts("nl")
    used: set[str] = set()
    for path in REPORT_DIR.glob("*.py"):
        used |= set(
            re.findall(r"""tx\(\s*["']([a-z_]+\.[a-z_0-9.]+)["']""", path.read_text(encoding="utf-8"))
        )
    assert len(used) > 100
    assert sorted(used - set(nl)) == []


def test_lookup_fills_placeholders_and_names_missing_keys() -> None:
    tx = Texts("nl")
    assert tx("footer.page", page=2, pages=17) == "pagina 2 van 17"
    assert Texts("en")("footer.page", page=2, pages=17) == "page 2 of 17"
    with pytest.raises(KeyError, match=r"no\.such\.key"):
        tx("no.such.key")


def test_templates_folder_can_be_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A municipality can adapt wording by pointing BER_TEMPLATES_DIR at its own copy."""
    import json

    src = Path(__file__).resolve().parents[2] / "templates"
    doc = json.loads((src / "texts" / "nl.json").read_text(encoding="utf-8"))
    doc["report.cover.title"] = "Effectrapportage gemeente Voorbeeld"
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "nl.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("BER_TEMPLATES_DIR", str(tmp_path))
    assert Texts("nl")("cover.title") == "Effectrapportage gemeente Voorbeeld"


def test_keys_built_at_run_time_exist() -> None:
    """Keys the sections compose from names (f-strings), which the scan above cannot see."""
    from ber.engine.domains import domain_keys

    nl = load_texts("nl")
    composed = [f"summary.sentence.{d}" for d in domain_keys()]
    composed += [f"inputs.residence.{m}" for m in ("gravity", "manual")]
    composed += [f"method.step{i}" for i in range(1, 10)]
    composed += [
        f"summary.mitigation.{k}"
        for k in ("employer_beds", "shuttle_share", "employer_gp_share", "local_recruitment_share")
    ]
    composed += ["inputs.region_method.list", "inputs.region_method.cutoff"]
    composed += [f"month.{m}" for m in range(1, 13)]
    assert [k for k in composed if k not in nl] == []
