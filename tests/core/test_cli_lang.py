"""Command-line conventions: --lang anywhere, help and argument errors in nl/en, one rotated log."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from ber.cli import main
from ber.cli.lang import detect
from ber.register.db import head_revision

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "cases"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse: help (0) and argument errors (2)
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(autouse=True)
def _no_lang_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BER_LANG", raising=False)


def test_detect_reads_lang_anywhere_before_a_double_dash() -> None:
    assert detect(["validate", "x", "--lang", "en"]) == "en"
    assert detect(["--lang=en", "validate", "x"]) == "en"
    assert detect(["--lang", "en", "register", "--lang", "nl", "list"]) == "nl"  # the last one wins
    assert detect(["validate", "--", "--lang", "en"]) == "nl"
    assert detect(["--lang", "de"]) == "nl"


@pytest.mark.parametrize(
    "argv",
    [
        ("--lang", "en", "validate", "CASE"),
        ("validate", "CASE", "--lang", "en"),
        ("validate", "--lang", "en", "CASE"),
        ("validate", "CASE", "--lang=en"),
    ],
)
def test_lang_before_or_after_the_subcommand(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    case = str(GOLDEN / "thresholds.ber")
    code, out, err = run(capsys, *[case if a == "CASE" else a for a in argv])
    assert code == 0, err
    assert out and "geldig" not in out.lower()  # the English text, not the Dutch one
    dutch = run(capsys, "validate", case)
    assert dutch[0] == 0 and dutch[1] != out


def test_lang_after_a_nested_subcommand(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    code, out, _ = run(capsys, "register", "--url", url, "list", "--lang", "en")
    assert code == 0 and "No cases found." in out
    code, out, _ = run(capsys, "register", "--url", url, "list")
    assert code == 0 and "Geen zaken gevonden." in out
    # --url after the action as well
    code, out, _ = run(capsys, "register", "upgrade", "--url", url, "--lang", "en")
    assert code == 0 and f"schema {head_revision()} (current)" in out and "r.sqlite" in out


def test_help_is_dutch_by_default_and_english_with_lang_en(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", "-h")
    assert code == 0
    assert out.startswith("gebruik: ber assess") and "opties:" in out
    assert "deze hulptekst tonen en stoppen" in out and "schrijf het PDF-rapport hierheen" in out
    assert "show this help" not in out and "write the PDF report" not in out
    code, out, _ = run(capsys, "assess", "-h", "--lang", "en")
    assert code == 0
    assert out.startswith("usage: ber assess") and "options:" in out and "write the PDF report here" in out
    code, out, _ = run(capsys, "-h")
    assert code == 0 and "opdrachten:" in out and "kandidaatlocaties voor een casus rangschikken" in out


def test_argument_errors_in_dutch_or_english_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate")
    assert code == 2 and "ber validate: fout: deze argumenten ontbreken: case" in err
    code, _, err = run(capsys, "validate", "--lang", "en")
    assert code == 2 and "ber validate: error: the following arguments are required: case" in err
    code, _, err = run(capsys, "register", "list", "--year", "abc")
    assert code == 2 and "ongeldige waarde 'abc': verwacht een geheel getal" in err
    code, _, err = run(capsys, "register", "list", "--year", "abc", "--lang", "en")
    assert code == 2 and "invalid int value: 'abc'" in err
    code, _, err = run(capsys, "nonsense")
    assert code == 2 and "ongeldige keuze: 'nonsense'" in err
    code, _, err = run(capsys, "demo", "--bogus")
    assert code == 2 and "onbekende argumenten: --bogus" in err
    code, _, err = run(capsys, "assess", "x.ber", "--s", "1")
    assert code == 2 and "ber assess: fout: dubbelzinnige optie: --s kan zijn: --samples, --seed" in err


def test_argparse_is_left_english_after_a_dutch_run(capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    run(capsys, "validate")
    parser = argparse.ArgumentParser(prog="other")
    assert "show this help message" in parser.format_help()


def test_one_rotated_log_shared_by_command_line_and_desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    from ber.io import logfile

    monkeypatch.setattr(logfile, "MAX_BYTES", 2_000)
    path = logfile.attach("ber.test_rotation")
    assert path == Path(os.environ["BER_DATA_DIR"]) / "logs" / "ber-desk.log"
    logger = logging.getLogger("ber.test_rotation")
    try:
        for i in range(100):
            logger.error("line %03d %s", i, "x" * 60)
    finally:
        logfile.detach("ber.test_rotation")
    rotated = sorted(p.name for p in path.parent.iterdir())
    assert rotated == ["ber-desk.log", "ber-desk.log.1", "ber-desk.log.2", "ber-desk.log.3"]
    assert all(p.stat().st_size <= 2_000 for p in path.parent.iterdir())
    assert "line 099" in path.read_text("utf-8")
