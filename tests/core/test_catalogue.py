"""The one text catalogue (templates/texts/*.json) is complete, used, and the only source of prose.

- every key in Dutch and English, with the same placeholders and the same plural forms;
- no unused key: every key appears in the code as a literal, is produced by a key
  the code composes (f-string), or is enumerated from the data it labels;
- no user-visible literal outside the catalogue: string literals passed to Qt's text
  setters in gui/, and prose literals in the report, the exports and the CLI, apart
  from an explicit allowlist of what is not prose;
- no menu mnemonic ("&") in a window or dialog title.
"""

from __future__ import annotations

import ast
import functools
import json
import re
from pathlib import Path

import pytest

from ber.texts.catalogue import LANGS, catalogue_path, entries, placeholders, text

REPO = Path(__file__).resolve().parents[2]
SHIPPED = {
    lang: json.loads((REPO / "templates" / "texts" / f"{lang}.json").read_text("utf-8")) for lang in LANGS
}
KEYS = {k for k in SHIPPED["nl"] if not k.startswith("_")}
NAMESPACES = ("msg.", "label.", "gui.", "report.", "excel.", "cli.", "map.", "demo.")


def _sources(*parts: str) -> list[Path]:
    out: list[Path] = []
    for part in parts:
        path = REPO / part
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text("utf-8"), str(path))


def _docstrings(tree: ast.Module) -> set[int]:
    nodes = [tree, *ast.walk(tree)]
    return {
        id(n.body[0].value)
        for n in nodes
        if isinstance(n, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }


# --------------------------------------------------------------------------- completeness


def test_the_files_are_what_the_program_reads() -> None:
    for lang in LANGS:
        assert catalogue_path(lang) == REPO / "templates" / "texts" / f"{lang}.json"
        assert set(entries(lang)) == KEYS


def test_every_key_in_both_languages_with_same_placeholders_and_plural_forms() -> None:
    nl, en = SHIPPED["nl"], SHIPPED["en"]
    assert sorted(set(nl) ^ set(en)) == []
    for key in KEYS:
        assert key.startswith(NAMESPACES), key
        a, b = nl[key], en[key]
        assert type(a) is type(b), key
        if isinstance(a, dict):
            assert isinstance(b, dict)
            assert set(a) == set(b) == {"one", "other"}, key
            forms = [*a.values(), *b.values()]
        else:
            forms = [a, b]
        assert all(isinstance(f, str) and f.strip() for f in forms), key
        assert placeholders(a) == placeholders(b), key


def test_plural_forms_follow_the_count() -> None:
    assert text("cli.register.case_count", "nl", count=1) == "1 zaak"
    assert text("cli.register.case_count", "nl", count=2) == "2 zaken"
    assert text("cli.register.case_count", "en", count=1) == "1 case"
    assert text("cli.register.case_count", "nl", count=1234) == "1.234 zaken"  # {count}: formatted
    assert text("cli.register.case_count", "en", count=1234) == "1,234 cases"
    assert text("gui.unit.shifts", "nl", count=1) == "ploeg per dag"
    assert text("gui.unit.shifts", "nl", count=3) == "ploegen per dag"
    # a text with {n} takes its plural form from n
    assert text("gui.register.count", "nl", n=1) == "1 zaak"
    assert text("gui.status.invalid", "nl", n=1, first="x") == "✗ 1 invoerprobleem: x"
    assert text("gui.status.invalid", "nl", n=3, first="x") == "✗ 3 invoerproblemen: x"
    assert text("gui.status.invalid", "en", n=0, first="x") == "✗ 0 input problems: x"


def test_no_plural_shortcuts_left() -> None:
    """'zaak/zaken', 'gemeente(n)', 'case(s)': a count needs a plural object instead."""
    shortcut = re.compile(r"\w\(s\)|\w\(n\)|\w\(ies\)|zaak/zaken|invoerprobleem/|waterdeel/")
    found = [
        key
        for lang in LANGS
        for key, value in SHIPPED[lang].items()
        if not key.startswith("_") and shortcut.search(json.dumps(value, ensure_ascii=False))
    ]
    assert found == []


def test_an_override_folder_may_hold_only_the_changed_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "nl.json").write_text(
        json.dumps({"cli.register.case_count": {"one": "{count} dossier", "other": "{count} dossiers"}}),
        encoding="utf-8",
    )
    monkeypatch.setenv("BER_TEMPLATES_DIR", str(tmp_path))
    assert text("cli.register.case_count", "nl", count=2) == "2 dossiers"
    assert text("cli.register.case_count", "en", count=2) == "2 cases"  # no en.json there: shipped
    assert text("label.status.red", "nl") == "rood"  # not overridden: shipped


# --------------------------------------------------------------------------- no unused key


def _units() -> set[str]:
    """Every unit the engine names (norms, totals, domains, and a few named in code)."""
    from ber.engine.domains import domains
    from ber.engine.metrics import metrics
    from ber.reference.data import load_reference

    units = {n.unit for n in load_reference().norms.values()}
    units |= {m.unit for m in metrics()} | {d.unit for d in domains()}
    # units the engine names in code: sector values (ber.engine.summary.parameters_used),
    # the site comparison's travel (gui/models.py, ber/report) and the pressure column
    units |= {
        "share of jobs",
        "m² BVO per job",
        "factor over the year average",
        "vehicle-km per day",
        "km",
        "pressure (demand / spare capacity)",
        "persons",
    }
    return units


def _optional_data_keys() -> set[str]:
    """Keys composed from data that may be missing (the code falls back to another text)."""
    # ber.report.data.ReportData.param_unit: a reference value's unit, worded for the report
    return {f"report.punit.{u}" for u in _units()}


def _data_keys() -> set[str]:
    """Keys the code composes from data (``label.<kind>.<key>``): enumerated from that data."""
    from ber.case.intake import INTAKE_FIELDS
    from ber.case.qualitative import RATINGS
    from ber.engine.domains import domains
    from ber.engine.metrics import metrics
    from ber.geodata.columns import REGION_KINDS
    from ber.register.condition_schema import CONDITION_KINDS
    from ber.register.conditions import FILTER_STATUSES
    from ber.register.schema import CASE_STATUSES

    units = _units()
    # pydantic error types ber.case.model names in its "expected ..." messages
    pydantic_types = {
        "float_parsing",
        "float_type",
        "finite_number",
        "int_parsing",
        "int_type",
        "int_from_float",
        "string_type",
        "bool_type",
        "bool_parsing",
        "list_type",
        "dict_type",
        "model_type",
    }
    statuses = ("green", "amber", "red", "grey")
    return (
        {f"label.domain.{d.label}" for d in domains()}
        | {f"label.capacity_definition.{d.key}" for d in domains()}  # the capacity request's definitions
        | {f"label.status.{s}" for s in statuses}
        | {f"label.status_meaning.{s}" for s in statuses}
        | {f"label.unit.{u}" for u in units}
        | {f"label.total.{m.label}" for m in metrics()}
        | {f"label.case_status.{s}" for s in CASE_STATUSES}
        | {f"label.condition_kind.{k}" for k in CONDITION_KINDS}
        | {f"label.condition_status.{s}" for s in FILTER_STATUSES}
        | {f"label.region_kind.{k}" for k in REGION_KINDS}
        | {f"msg.type.{t}" for t in pydantic_types}
        | {f"label.rating.{r}" for r in (*RATINGS, "unrated")}  # the officer's qualitative ratings
        | set(INTAKE_FIELDS.values())  # the short names of the fields the employer declares
    )


#: key namespace -> (how the code names the key: the prefix its lookup helper adds, where)
LOOKUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "msg.": ("msg.", ("ber", "gui")),  # Problem("code"), translate("code")
    "gui.capacity_table.": ("gui.capacity_table.", ("gui/capacity_table.py", "gui/capacity_model.py")),
    "gui.map_demo.": ("gui.map_demo.", ("gui/map_demo.py",)),
    "gui.": ("gui.", ("gui",)),  # tr("key")
    "map.view.": ("map.view.", ("gui/map_view",)),
    "map.tooltip.": ("map.tooltip.", ("ber/maplayer",)),
    "report.": ("report.", ("ber/report",)),  # tx("key")
    "cli.geodata.": ("cli.geodata.", ("ber/cli/geodata_cmd.py",)),
}


@functools.cache
def _literals_and_patterns(*where: str) -> tuple[set[str], list[re.Pattern[str]]]:
    """Every string literal, and every f-string as a pattern ({…} matches anything)."""
    paths = _sources(*where)
    literals: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for path in paths:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr):
                parts = [re.escape(v.value) if isinstance(v, ast.Constant) else ".+" for v in node.values]
                if isinstance(node.values[0], ast.Constant):  # a key pattern starts with text
                    patterns.append(re.compile("".join(parts)))
    return literals, patterns


def test_every_key_is_used() -> None:
    all_literals, all_patterns = _literals_and_patterns("ber", "gui", "main.py")
    data = _data_keys() | _optional_data_keys()
    unused = []
    for key in sorted(KEYS):
        if key in all_literals or key in data or any(p.fullmatch(key) for p in all_patterns):
            continue
        namespace = next((ns for ns in LOOKUPS if key.startswith(ns)), None)
        if namespace is not None:
            prefix, where = LOOKUPS[namespace]
            literals, patterns = _literals_and_patterns(*where)
            short = key[len(prefix) :]
            if short in literals or any(p.fullmatch(short) for p in patterns):
                continue
        unused.append(key)
    assert unused == [], unused


def test_data_keys_exist_and_labels_are_only_data() -> None:
    """Every label the data needs is there, and the label namespace holds nothing else."""
    data = _data_keys()
    assert sorted(data - KEYS) == []
    labels = {k for k in KEYS if k.startswith(("label.", "msg.type."))}
    named_in_code = {
        "label.unknown",
        "label.misc.site",
        "label.misc.assumption",
        "label.misc.case_input",
        "label.misc.definition",
        "label.parameter.sector_migrant_share",
        "label.parameter.sector_m2_per_job",
        "label.parameter.sector_w_per_m2",
        "label.unit.W per m² BVO",
        "label.parameter.sector_trucks_per_100m2",
        "label.unit.trucks per 100 m² BVO per day",
        "label.parameter.season_peak_factor",
        "label.verdict.coverage",
        "label.verdict.no_capacity",
        "label.verdict.unknown_largest",
        "label.declared.mark",
        "label.declared.evidence",
        *(f"label.month.{m}" for m in range(1, 13)),  # ber/report/sections_season.py, the GUI's profile
    }
    assert sorted(labels - data - named_in_code) == []


# --------------------------------------------------------------------------- no prose outside


#: Qt calls that put text on screen; their string-literal arguments must be catalogue texts


TITLE_SECOND = {
    "getSaveFileName", "getOpenFileName", "getOpenFileNames", "getExistingDirectory",
    "question", "information", "warning", "critical", "about", "getText", "getItem",
}  # fmt: skip


def test_no_mnemonic_in_window_or_dialog_titles() -> None:
    """A title made from a menu text goes through gui.texts.title(), which drops the '&'."""
    found = []
    for path in _sources("gui"):
        for node in ast.walk(_tree(path)):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "setWindowTitle" and node.args:
                arg = node.args[0]
            elif name in TITLE_SECOND and len(node.args) > 1:
                arg = node.args[1]
            else:
                continue
            for call in ast.walk(arg):
                if (
                    isinstance(call, ast.Call)
                    and getattr(call.func, "id", "") == "tr"
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                ):
                    key = f"gui.{call.args[0].value}"
                    if "&" in json.dumps([SHIPPED[lang].get(key, "") for lang in LANGS]):
                        found.append(f"{path.relative_to(REPO)}:{node.lineno}: {key}")
    assert found == []


def test_title_strips_the_mnemonic() -> None:
    from gui.texts import set_language, title, tr

    assert "&" in tr("action.export_pdf")
    assert title("action.export_pdf") == "Exporteren als PDF…"
    set_language("en")
    try:
        assert title("action.export_pdf") == "Export as PDF…"
    finally:
        set_language("nl")


def test_every_message_code_is_in_the_catalogue() -> None:
    """Codes another branch added in messages.py's old dict form: move them (tools/absorb_messages.py)."""
    from ber.texts.messages import EXTRA_MESSAGES

    assert sorted(EXTRA_MESSAGES) == []


def test_command_line_help_and_argparse_errors_in_the_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ber.cli import main

    monkeypatch.delenv("BER_LANG", raising=False)
    with pytest.raises(SystemExit):
        main(["assess", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("gebruik: ber assess") and "casusbestand (.ber) of rapport-PDF" in out
    assert "opties:" in out and "deze hulptekst tonen en stoppen" in out
    with pytest.raises(SystemExit):
        main(["--lang", "en", "assess", "--help"])
    assert "case file (.ber) or report PDF" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["assess"])
    assert exit_info.value.code == 2
    assert "ber assess: fout: deze argumenten ontbreken: case" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--lang=en", "assess", "x", "--samples", "abc"])
    assert "argument --samples: invalid int value: 'abc'" in capsys.readouterr().err


def test_a_registry_can_add_labels_for_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """An extra domain's label, set in code (or a test), reaches every lookup; undoing removes it."""
    from ber.texts.labels import DOMAIN_LABELS, label

    with monkeypatch.context() as m:
        m.setitem(DOMAIN_LABELS, "noise", {"nl": "Geluid: omgeving", "en": "Noise: surroundings"})
        assert label("domain", "noise", "nl") == "Geluid: omgeving"
        assert text("label.domain.noise", "en") == "Noise: surroundings"
        assert "noise" in list(DOMAIN_LABELS)
        m.setitem(DOMAIN_LABELS, "care_gp", {"nl": "Zorg: huisarts (test)", "en": "Care: GP (test)"})
        assert DOMAIN_LABELS["care_gp"]["nl"] == "Zorg: huisarts (test)"
    assert "noise" not in DOMAIN_LABELS
    assert DOMAIN_LABELS["care_gp"] == {"nl": "Zorg: huisarts", "en": "Care: GP"}
    with pytest.raises(KeyError):
        del DOMAIN_LABELS["care_gp"]  # shipped texts are edited in the files


def test_pressure_has_one_unit_everywhere() -> None:
    """Pressure is a percentage on screen, in the PDF and in the cumulative view (one function)."""
    from ber.texts.labels import format_pressure

    assert format_pressure(0.68, "nl") == "68 %"  # 0.68 x 100, no decimals
    assert format_pressure(1.254, "en") == "125 %"
    assert format_pressure(None, "nl") == "onbekend"
