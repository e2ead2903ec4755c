"""``ber --version`` answers without importing the subcommands (and so the engine): fast.

The console script and ``python -m ber`` start in ``ber.cli.entry``."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ber import __version__
from ber.io.paths import REPO_ROOT

PROBE = (
    "import sys; from ber.cli.entry import main; code = main(sys.argv[1:]);"
    "heavy = [m for m in ('ber.engine.assess', 'ber.cli.demo_cmd', 'numpy', 'pandas') if m in sys.modules];"
    "print(code, ','.join(heavy) or '-')"
)


@pytest.mark.parametrize("args", [["--version"], ["--lang", "en", "--version"], ["--lang=nl", "--version"]])
def test_version_imports_no_subcommand(args: list[str]) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    version, result = done.stdout.strip().splitlines()
    assert version == f"ber {__version__}"
    assert result == "0 -"


def test_version_after_a_subcommand_is_still_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    from ber.cli.entry import main

    with pytest.raises(SystemExit) as exc:
        main(["demo", "--version"])
    assert exc.value.code == 2
    assert "--version" in capsys.readouterr().err


def test_console_script_and_python_m_start_in_the_entry_module() -> None:
    import tomllib

    scripts = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert scripts["ber"] == "ber.cli.entry:main"
    assert "from ber.cli.entry import main" in (REPO_ROOT / "ber" / "__main__.py").read_text("utf-8")
