"""Repository-level checks: README vs CI, import contract, reference data, messages."""

from __future__ import annotations

import json
import re
import string
import subprocess
import sys
from pathlib import Path

from ber.io.paths import REPO_ROOT
from ber.reference.data import ASSUMPTION, check_reference, load_reference
from ber.texts.messages import LANGS, MESSAGES


def _code_blocks(markdown: str) -> list[list[str]]:
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", markdown, flags=re.S | re.M)
    return [[line.strip() for line in b.splitlines() if line.strip()] for b in blocks]


def test_readme_test_command_is_what_ci_runs() -> None:
    blocks = _code_blocks((REPO_ROOT / "README.md").read_text("utf-8"))
    assert len(blocks) >= 2
    (command,) = blocks[1]  # the second block: set up and run the tests, one line
    assert "pytest" in command
    ci = (REPO_ROOT / ".ci" / "run").read_text("utf-8")
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.strip().startswith("#")]
    commands = [c for c in commands if not c.startswith(("set ", "cd ", "export "))]
    assert commands == [command]


def test_readme_demo_command_first() -> None:
    blocks = _code_blocks((REPO_ROOT / "README.md").read_text("utf-8"))
    assert blocks[0] == ["tools/setup && .venv/bin/ber demo"]


def test_engine_never_imports_qt() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    proc = subprocess.run(
        [str(lint)], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "The engine never imports Qt KEPT" in proc.stdout


def test_reference_check_passes() -> None:
    ref = load_reference()
    assert [p.text("en") for p in check_reference(ref)] == []


def test_every_reference_row_has_a_source_or_is_an_assumption() -> None:
    folder = REPO_ROOT / "reference_data"
    sources = json.loads((folder / "sources.json").read_text("utf-8"))
    for source in sources.values():
        assert source["publisher"] and source["title"] and int(source["year"]) > 1900
    rows = json.loads((folder / "norms.json").read_text("utf-8"))
    keys = [r["key"] for r in rows]
    assert len(keys) == len(set(keys)), "duplicate norm keys"
    for row in rows:
        assert row["source"] == ASSUMPTION or row["source"] in sources, row["key"]
        assert row["low"] <= row["value"] <= row["high"], row["key"]
        assert row["unit"] and row["label_nl"] and row["label_en"], row["key"]
    for sector in json.loads((folder / "sectors.json").read_text("utf-8")):
        for field in ("migrant_share_source", "m2_per_job_source"):
            assert sector[field] == ASSUMPTION or sector[field] in sources, sector["key"]
    presets = json.loads((folder / "presets.json").read_text("utf-8"))
    for preset in presets["presets"].values():
        assert preset["source"] in sources


def test_issue_reference_values_are_shipped() -> None:
    """The values the issue prescribes (value, low, high) are in the reference set."""
    norms = load_reference().norms
    expected = {
        "family.knowledge.rijksoverheid_2023": (1.0, 0.77, 1.0),
        "family.third_country.rijksoverheid_2023": (0.6, 0.2, 0.6),
        "family.knowledge.cbs_2023": (0.77, None, None),
        "family.third_country.cbs_2023": (0.2, None, None),
        "family.eu_long": (0.3, 0.1, 0.6),
        "housing.household_size": (2.1, 2.0, 2.2),
        "care.gp_patients_per_fte": (2095, 1800, 2168),
        "education.class_size_primary": (23.1, 22.6, 23.3),
        "education.newcomer_years": (2, None, None),
        "housing.short_stay_turnover": (1.2, None, None),
        "registration.brp_threshold_months": (4, None, None),
        "housing.snf_m2_per_person": (12, 10, 15),
        "transport.trips_per_worker_per_shift": (2, None, None),
    }
    for key, (value, low, high) in expected.items():
        n = norms[key]
        assert n.value == value, key
        if low is not None:
            assert (n.low, n.high) == (low, high), key
    sector = load_reference().sectors["distribution"]
    assert (sector.m2_per_job, sector.m2_per_job_low, sector.m2_per_job_high) == (160, 150, 170)


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for code, texts in MESSAGES.items():
        assert set(texts) == set(LANGS), code
        assert all(texts[lang].strip() for lang in LANGS), code
        assert _placeholders(texts["nl"]) == _placeholders(texts["en"]), code


def test_no_literal_numbers_hidden_in_the_model() -> None:
    """Method rule: every number the engine uses is a case input or a reference row.

    The calculation module may use structural constants only (0, 1, 2 as array
    arithmetic, LN2 of the gravity formula, EPS); any other float literal is a
    buried norm.
    """
    source = "\n".join(
        (REPO_ROOT / "ber" / "engine" / name).read_text("utf-8") for name in ("model.py", "residence.py")
    )
    code_lines = [line.split("#")[0] for line in source.splitlines()]
    floats = re.findall(r"(?<![\w.])(\d+\.\d+)(?![\w.])", "\n".join(code_lines))
    assert set(floats) <= {"0.0", "1.0", "2.0"}, floats


def test_every_unit_has_a_dutch_and_english_label() -> None:
    from ber.engine.domains import domains
    from ber.engine.metrics import metrics
    from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS, TOTAL_LABELS, UNIT_LABELS

    units = {n.unit for n in load_reference().norms.values()}
    units |= {m.unit for m in metrics()} | {d.unit for d in domains()}
    units |= {"share of jobs", "m² BVO per job"}  # sector values (ber.engine.summary.parameters_used)
    for unit in units:
        assert set(UNIT_LABELS.get(unit, {})) == set(LANGS), unit
    for m in metrics():
        assert set(TOTAL_LABELS[m.label]) == set(LANGS), m.key
    for d in domains():
        assert set(DOMAIN_LABELS[d.label]) == set(LANGS), d.key
    for status in ("green", "amber", "red", "grey"):
        assert set(STATUS_LABELS[status]) == set(LANGS), status


def test_ruff_is_clean() -> None:
    ruff = Path(sys.executable).parent / "ruff"
    done = subprocess.run(
        [str(ruff), "check", "ber", "gui", "tests", "bench", "tools", "main.py"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_engine_and_gui_are_mypy_strict_clean() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "ber", "gui"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


#: the project rule: no module longer than this (split by responsibility)
MAX_MODULE_LINES = 500


def long_modules(root: Path, limit: int = MAX_MODULE_LINES) -> list[str]:
    """``path (lines)`` of every ``.py`` file under the checked folders longer than ``limit``."""
    out = []
    for folder in ("ber", "gui", "tests", "bench", "tools"):
        for path in sorted((root / folder).rglob("*.py")):
            n = len(path.read_text("utf-8").splitlines())
            if n > limit:
                out.append(f"{path.relative_to(root).as_posix()} ({n})")
    return out


def test_no_module_over_500_lines() -> None:
    offenders = long_modules(REPO_ROOT)
    assert not offenders, f"modules over {MAX_MODULE_LINES} lines (split them): {', '.join(offenders)}"


def test_long_module_check_can_fail(tmp_path: Path) -> None:
    (tmp_path / "gui").mkdir()
    (tmp_path / "gui" / "long.py").write_text("x = 1\n" * 501, "utf-8")
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "short.py").write_text("x = 1\n" * 500, "utf-8")
    assert long_modules(tmp_path) == ["gui/long.py (501)"]
