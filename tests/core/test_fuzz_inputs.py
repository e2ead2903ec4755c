"""Seeded fuzz of the readers: mutated cases, report PDFs, sites files and capacity tables.

A few hundred runs in-process (well under a minute). A run fails the test on exit 1
(internal error), on a traceback, on a non-finite number in an output, and on exit 0
when the mutation is known to make the input invalid. The seed is fixed, so a
failure reproduces; the failing input is named in the assertion.
"""

from __future__ import annotations

import json
import math
import os
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ber.case.demo import demo_case
from ber.case.model import case_to_json
from ber.cli import main
from ber.engine.domains import domain_keys

#: fixed, so that a failure reproduces; BER_FUZZ_SEED / BER_FUZZ_SCALE explore further by hand
SEED = int(os.environ.get("BER_FUZZ_SEED", "20261130"))
SCALE = int(os.environ.get("BER_FUZZ_SCALE", "1"))


def _deep(levels: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(levels - 1):
        value = [value]
    return value


#: values that are wrong wherever they appear in a case (every field has a type and a range)
INVALID_VALUES: list[Any] = [
    "\ud800",  # a lone surrogate
    _deep(40),  # deeper than the JSON depth limit
    "x" * 25_000,
]
#: values that may or may not be valid, depending on the field
ANY_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1,
    0.5,
    1e-308,
    5e-324,
    1e308,
    -1e308,
    2**63,
    "",
    "900",
    "GM0983",
    "EPSG:4326",
    [],
    {},
    [1.0, 0.5],
    "x" * 1001,
]


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _paths(v, (*prefix, i))
    return out


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        doc = doc[part]
    doc[path[-1]] = value


def _finite(obj: Any) -> bool:
    if isinstance(obj, float):
        return math.isfinite(obj)
    if isinstance(obj, dict):
        return all(_finite(v) for v in obj.values())
    if isinstance(obj, list):
        return all(_finite(v) for v in obj)
    return True


def _strict_json(data: bytes) -> Any:
    """Parse an output; NaN/Infinity (not JSON) fail the test."""

    def bad(literal: str) -> Any:
        raise AssertionError(f"non-finite number {literal} in an output")

    doc = json.loads(data, parse_constant=bad)
    assert _finite(doc)
    return doc


class Runner:
    def __init__(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        self.capsys = capsys
        self.tmp = tmp_path
        self.runs = 0

    def __call__(self, label: str, argv: list[Any], *, invalid: bool, out: Path | None = None) -> int:
        self.runs += 1
        if out is not None and out.exists():
            out.unlink()
        code = main([str(a) for a in argv])
        captured = self.capsys.readouterr()
        assert code in (0, 2), f"{label}: exit {code}\n{captured.err[-2000:]}"
        assert "Traceback" not in captured.err, f"{label}: {captured.err[-2000:]}"
        if invalid:
            assert code == 2, f"{label}: exit 0 on invalid input"
        if code == 2:
            assert captured.err.strip(), f"{label}: exit 2 without a message"
        if code == 0 and out is not None:
            _strict_json(out.read_bytes())
        return code


def _byte_mutations(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    kind = rng.choice(["flip", "insert", "delete", "truncate"])
    if kind == "truncate":
        return bytes(b[: rng.randrange(0, len(b))])
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(0, len(b))
        if kind == "flip":
            b[at] = rng.randrange(256)
        elif kind == "insert":
            b[at:at] = rng.choice(
                [b"[", b"{", b'"', b"\\ud800", b"1e999", b"NaN", b"\x00", b"\xff", b"9" * 30]
            )
        else:
            del b[at : at + rng.randint(1, 20)]
    return bytes(b)


def test_fuzz_readers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BER_LANG", "en")
    rng = random.Random(SEED)
    run = Runner(capsys, tmp_path)
    base = json.loads(case_to_json(demo_case()))
    paths = _paths(base)
    case = tmp_path / "case.ber"
    out = tmp_path / "result.json"

    # 1. the case, value by value (typed mutations) ...
    for i in range(160 * SCALE):
        doc = json.loads(json.dumps(base))
        path = rng.choice(paths)
        invalid = rng.random() < 0.4
        value = rng.choice(INVALID_VALUES if invalid else ANY_VALUES)
        _set(doc, path, value)
        case.write_text(json.dumps(doc), "utf-8")
        label = f"case #{i}: {path} = {str(value)[:40]!r}"
        if i % 4 == 0:
            run(label, ["assess", case, "--out", out, "--quiet"], invalid=invalid, out=out)
        else:
            run(label, ["validate", case], invalid=invalid)

    # ... overrides of reference values and capacities at extreme values (assessed: the
    # result must hold finite numbers only, whatever passes validation) ...
    from ber.case.validate import POSITIVE_OVERRIDE_KEYS
    from ber.reference.data import load_reference

    # the values the calculation divides by, more often: they turn a tiny value into infinity
    norm_keys = sorted(load_reference().norms) + 3 * sorted(POSITIVE_OVERRIDE_KEYS)
    extremes = [0.0, 5e-324, 1e-308, 1e-9, 0.5, 1e9, 1e308]
    for i in range(60 * SCALE):
        doc = json.loads(json.dumps(base))
        if i % 3 == 0:
            code = rng.choice(["GM0983", "GM1507", "GM0984"])
            doc["capacity"][code] = {rng.choice(list(domain_keys())): rng.choice(extremes)}
        else:
            value = rng.choice(extremes)
            doc["overrides"][rng.choice(norm_keys)] = {"value": value, "justification": "fuzz"}
        case.write_text(json.dumps(doc), "utf-8")
        run(
            f"override #{i}: {doc['overrides']} {doc['capacity']}",
            ["assess", case, "--out", out, "--quiet"],
            invalid=False,
            out=out,
        )

    # ... and byte by byte
    text = case_to_json(demo_case()).encode()
    for i in range(80 * SCALE):
        case.write_bytes(_byte_mutations(rng, text))
        run(f"case bytes #{i}", ["assess", case, "--out", out, "--quiet"], invalid=False, out=out)

    # 2. a report PDF (the case attached, as ber writes it)
    from tests.core.test_hostile_input import pdf_with_attachment

    pdf = pdf_with_attachment(tmp_path, demo_case().canonical_json()).read_bytes()
    mutated = tmp_path / "mutated.pdf"
    for i in range(60 * SCALE):
        mutated.write_bytes(pdf[:5] + _byte_mutations(rng, pdf[5:]))
        run(f"pdf #{i}", ["assess", mutated, "--out", out, "--quiet"], invalid=False, out=out)

    # 3. a sites file
    sites = tmp_path / "sites.csv"
    rows = ["name,x,y", "A,205021,379119", "B,195591,392107"]
    cells = ["", "nan", "inf", "-1", "1e308", "205021", "x", '"', "\r", "GM0983", "5" * 400]
    case.write_text(case_to_json(demo_case()), "utf-8")
    ranking = tmp_path / "ranking.json"
    for i in range(30 * SCALE):
        grid = [r.split(",") for r in rows]
        for _ in range(rng.randint(1, 3)):
            grid[rng.randrange(len(grid))][rng.randrange(3)] = rng.choice(cells)
        sites.write_text("\n".join(",".join(r) for r in grid) + "\n", "utf-8")
        run(
            f"sites #{i}: {grid}",
            ["compare", case, "--sites", sites, "--out", ranking, "--quiet"],
            invalid=False,
            out=ranking,
        )

    # 4. a capacity table (the GUI's import: read_capacity never raises) and an Excel paste
    _fuzz_capacity(rng, tmp_path)
    assert run.runs >= 300
    print(f"fuzz: {run.runs} command-line runs (seed {SEED}, scale {SCALE})")


def _fuzz_capacity(rng: random.Random, tmp_path: Path) -> None:
    from ber.io.capacity import parse_paste, read_capacity, write_capacity_csv, write_capacity_xlsx

    codes, names = ["GM0983", "GM1507"], ["Venlo", "Horst aan de Maas"]
    table: dict[str, dict[str, float | None]] = {"GM0983": {"care_gp": 5.0}, "GM1507": {"housing_flex": 12.5}}
    good_csv, good_xlsx = tmp_path / "cap.csv", tmp_path / "cap.xlsx"
    write_capacity_csv(good_csv, codes, names, table)
    write_capacity_xlsx(good_xlsx, codes, names, table)
    readers: list[tuple[str, bytes, Callable[[bytes], bytes]]] = [
        (".csv", good_csv.read_bytes(), lambda b: _byte_mutations(rng, b)),
        (".xlsx", good_xlsx.read_bytes(), lambda b: b[:2] + _byte_mutations(rng, b[2:])),
    ]
    for i in range(40 * SCALE):
        suffix, data, mutate = readers[i % 2]
        path = tmp_path / f"mutated{suffix}"
        path.write_bytes(mutate(data))
        result, _problems = read_capacity(path)  # must not raise
        for values in result.values():
            assert all(v is None or (math.isfinite(v) and v >= 0) for v in values.values())
        pasted = path.read_bytes().decode("utf-8", "replace")
        edits, _ = parse_paste(pasted, codes)
        assert all(v is None or math.isfinite(v) for _, _, v in edits)
