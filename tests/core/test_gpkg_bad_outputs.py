"""Issue 14, bad input: a GeoPackage export to a path that exists and is not a regular
file (a symlink to elsewhere, a FIFO, a folder) is refused with a message and exit 2,
never followed or replaced; an export where no file can be written says so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ber.case.demo import demo_case
from ber.case.model import save_case
from ber.cli import main


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.ber"
    save_case(demo_case(), path)
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


def test_gpkg_to_a_symlink_is_refused_and_its_target_untouched(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elders.txt"
    elsewhere.write_text("niet overschrijven", encoding="utf-8")
    link = tmp_path / "uit.gpkg"
    link.symlink_to(elsewhere)
    code, err = _run(capsys, "assess", str(demo_file), "--gpkg", str(link), "--quiet")
    assert code == 2 and "uit.gpkg" in err
    assert link.is_symlink() and elsewhere.read_text(encoding="utf-8") == "niet overschrijven"


def test_gpkg_to_a_fifo_or_a_folder_is_refused(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pijp.gpkg"
    os.mkfifo(fifo)
    folder = tmp_path / "map.gpkg"
    folder.mkdir()
    for target in (fifo, folder):
        code, err = _run(capsys, "assess", str(demo_file), "--gpkg", str(target), "--quiet", "--lang", "en")
        assert code == 2 and target.name in err and "not a regular file" in err, err
    assert fifo.exists() and folder.is_dir() and not any(folder.iterdir())


def test_gpkg_where_no_file_can_be_written_says_so(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A "folder" that is a file (no folder can be made there, not even by root): exit 2
    naming the file; the file in the way is untouched."""
    blocker = tmp_path / "notities.txt"
    blocker.write_text("geen map", encoding="utf-8")
    target = blocker / "uit.gpkg"
    code, err = _run(capsys, "assess", str(demo_file), "--gpkg", str(target), "--quiet")
    assert code == 2 and "uit.gpkg" in err
    assert blocker.read_text(encoding="utf-8") == "geen map"
