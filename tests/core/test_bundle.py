"""The standalone bundle for people without Python (issue 10, item 5): built and smoke-tested.

Marked ``slow`` (it takes minutes): the README's test command skips it; run it with
``.venv/bin/python -m pytest -m slow tests/core/test_bundle.py`` after installing the
bundle extra (``.venv/bin/pip install -e '.[bundle]'``). Linux only: the Windows build
uses the same spec but is not tested here (docs/install.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ber import __version__
from ber.io.paths import REPO_ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the bundle is tested on Linux only"),
]


def _clean_env(**extra: str) -> dict[str, str]:
    """No PYTHONPATH, no display, no Qt platform: what a user's shell may well look like."""
    drop = ("PYTHONPATH", "PYTHONHOME", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "BER_REFERENCE_DIR")
    env = {k: v for k, v in os.environ.items() if k not in drop and k != "BER_TEMPLATES_DIR"}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail("PyInstaller is missing: install the bundle extra, .venv/bin/pip install -e '.[bundle]'")
    work = tmp_path_factory.mktemp("bundle")
    done = subprocess.run(
        [str(REPO_ROOT / "tools" / "bundle"), "--dist", str(work / "dist"), "--work", str(work / "build")],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=3600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    folder = work / "dist" / "ber-desk"
    assert (folder / "ber-desk").is_file() and (folder / "ber").is_file()
    return folder


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_versions_without_a_display(bundle: Path, tmp_path: Path) -> None:
    desk = _run([str(bundle / "ber-desk"), "--version"], tmp_path, _clean_env())
    assert desk.returncode == 0, desk.stderr
    assert desk.stdout.strip() == f"ber-desk {__version__}"
    cli = _run([str(bundle / "ber"), "--version"], tmp_path, _clean_env())
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout.strip() == f"ber {__version__}"


def test_ber_demo_headless_writes_the_pdf(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    done = _run([str(bundle / "ber"), "demo", "--out", str(out)], tmp_path, _clean_env())
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = out / "demo.pdf"
    assert pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-"
    assert pdf.stat().st_size > 20_000
    check = _run([str(bundle / "ber"), "--lang", "en", "reference", "--check"], tmp_path, _clean_env())
    assert check.returncode == 0, check.stdout + check.stderr


def test_register_migrations_run_in_the_bundle(bundle: Path, tmp_path: Path) -> None:
    """alembic reads the migration scripts as files: they must be in the bundle."""
    url = f"sqlite:///{tmp_path / 'register.sqlite'}"
    done = _run([str(bundle / "ber"), "register", "--url", url, "list"], tmp_path, _clean_env())
    assert done.returncode == 0, done.stdout + done.stderr


def test_window_is_shown_offscreen(bundle: Path, tmp_path: Path) -> None:
    """The Qt platform plugins and the GUI modules are in the bundle."""
    env = _clean_env(QT_QPA_PLATFORM="offscreen", BER_DATA_DIR=str(tmp_path / "data"))
    done = _run([str(bundle / "ber-desk"), "--benchmark-startup"], tmp_path, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "window shown after" in done.stdout


def test_desktop_entry_points_into_the_bundle(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "xdg"
    done = _run(
        [str(bundle / "ber-desk"), "--install-desktop"], tmp_path, _clean_env(XDG_DATA_HOME=str(home))
    )
    assert done.returncode == 0, done.stdout + done.stderr
    entry = (home / "applications" / "ber-desk.desktop").read_text("utf-8")
    assert f"Exec={bundle / 'ber-desk'} %f" in entry.splitlines()
    assert (home / "icons" / "hicolor" / "scalable" / "apps" / "ber-desk.svg").is_file()
