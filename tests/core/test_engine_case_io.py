"""Case files: save/load round trip, atomic saving, canonical fingerprint, migrations."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import ber.case.model as case_mod
from ber.case.demo import demo_case
from ber.case.model import case_to_json, load_case, parse_case, save_case
from ber.texts.messages import InputError


def test_round_trip_keeps_every_field_and_the_fingerprint(tmp_path: Path) -> None:
    case = demo_case()
    path = tmp_path / "demo.ber"
    save_case(case, path)
    loaded = load_case(path)
    assert loaded == case
    assert loaded.sha256() == case.sha256()
    assert json.loads(path.read_text("utf-8"))["schema"] == "ber-case/2"


def test_fingerprint_ignores_layout_but_not_content(tmp_path: Path) -> None:
    case = demo_case()
    compact = tmp_path / "compact.ber"
    compact.write_text(json.dumps(case.to_dict(), separators=(",", ":")), "utf-8")
    assert load_case(compact).sha256() == case.sha256()
    changed = case.copy_with(business=case.business.model_copy(update={"jobs": 901.0}))
    assert changed.sha256() != case.sha256()


def test_atomic_save_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "case.ber"
    save_case(demo_case(), path)
    before = path.read_bytes()

    def fail(src: Any, dst: Any) -> None:
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(os, "replace", fail)
    changed = demo_case().copy_with(meta=demo_case().meta.model_copy(update={"title": "changed"}))
    with pytest.raises(OSError):
        save_case(changed, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["case.ber"]  # no temporary file left behind


def test_utf8_bom_and_non_ascii_text(tmp_path: Path) -> None:
    case = demo_case()
    path = tmp_path / "bom.ber"
    path.write_bytes(b"\xef\xbb\xbf" + case_to_json(case).encode("utf-8"))
    assert load_case(path).sites[0].name == "Venlo – Trade Port West (illustratief)"


@pytest.mark.parametrize("schema", ["ber-case/0", "ber-case/-1", "ber-case/x", "ber-result/1", 7])
def test_unusable_schema_versions_are_not_a_case(schema: Any) -> None:
    doc = demo_case().to_dict()
    doc["schema"] = schema
    with pytest.raises(InputError) as err:
        parse_case(doc, "x.ber")
    assert [p.code for p in err.value.problems] == ["file.not_a_case"]


def test_migration_hook_upgrades_older_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend the current schema is ber-case/3 and version 2 needs a migration after the real 1 -> 2."""
    calls: list[str] = []

    def two_to_three(doc: dict[str, Any]) -> dict[str, Any]:
        calls.append(doc["schema"])
        doc = dict(doc)
        doc["meta"] = {**doc.get("meta", {}), "notes": "migrated from ber-case/2"}
        return doc

    monkeypatch.setattr(case_mod, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(case_mod, "SCHEMA", "ber-case/3")
    monkeypatch.setattr(case_mod, "MIGRATIONS", {**case_mod.MIGRATIONS, 2: two_to_three})
    doc = {**demo_case().to_dict(), "schema": "ber-case/1"}
    doc["capacity"] = {"GM0983": {"housing_flex": 120}}
    case = parse_case(doc, "old.ber")
    assert calls == ["ber-case/2"]  # 1 -> 2 ran first (the real migration), then 2 -> 3
    assert case.meta.notes == "migrated from ber-case/2"
    assert case.capacity["GM0983"].get("housing_flex") == 120
    assert case.schema_ == "ber-case/3"
    newer = {**doc, "schema": "ber-case/4"}
    with pytest.raises(InputError) as err:
        parse_case(newer, "new.ber")
    assert err.value.problems[0].code == "file.newer_schema"
