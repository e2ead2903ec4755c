"""The installed package works outside the source tree (issue 10, item 1).

Builds the source distribution and, from it, the wheel (``python -m build
--no-isolation``, so MANIFEST.in and the build hook in setup.py are both exercised),
installs the wheel into a fresh virtual environment in a temporary folder and runs
its commands from another working directory, with no PYTHONPATH: the source tree is
not importable there (checked). To stay fast the new environment borrows the
dependencies of the running one through a path file (a plain path line: the editable
install of the running environment is not activated by it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from ber import __version__
from ber.io.paths import REPO_ROOT

DATA_FOLDERS = ("reference_data", "templates", "docs")
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "*.pyc", ".*_cache",
    ".hypothesis", ".benchmarks", "ber-demo", "out", "screenshots", "demo-output",
)  # fmt: skip
PROBE = "wheel-probe/probe.gpkg"  # a binary file of the kind the national data set adds


def _env() -> dict[str, str]:
    """The current environment (so the test's own BER_DATA_DIR), without a way back to the source."""
    drop = ("PYTHONPATH", "PYTHONHOME", "BER_REFERENCE_DIR", "BER_TEMPLATES_DIR")
    return {k: v for k, v in os.environ.items() if k not in drop}


@dataclass
class Installed:
    wheel: Path
    venv: Path
    cwd: Path

    @property
    def env(self) -> dict[str, str]:
        return _env()

    def bin(self, name: str) -> str:
        return str(self.venv / ("Scripts" if os.name == "nt" else "bin") / name)

    def run(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args), cwd=self.cwd, env=env or self.env, capture_output=True, text=True, timeout=300
        )


def _files(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    }


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(REPO_ROOT, source, ignore=COPY_IGNORE)
    probe = source / "reference_data" / PROBE
    probe.parent.mkdir(parents=True)
    probe.write_bytes(bytes(range(256)) * 4096)  # 1 MiB with every byte value
    env = {**_env(), "BER_DATA_DIR": str(work / "userdata")}  # module scope: before the per-test folder
    dist = work / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(source)],
        cwd=work, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    (wheel,) = dist.glob("*.whl")

    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    py = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True, env=env, cwd=work,
    ).stdout.strip()  # fmt: skip
    # the dependencies (numpy, PySide6, ...) come from the running environment
    Path(purelib, "_ber_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    pip = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "-q", "--no-deps",
         "--disable-pip-version-check", str(wheel)],
        cwd=work, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert pip.returncode == 0, pip.stdout + pip.stderr
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(source)  # nothing of the source tree is left to fall back on
    return Installed(wheel, venv, elsewhere)


def test_wheel_holds_every_data_file_and_the_icons(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as zf:
        names = set(zf.namelist())
    for folder in DATA_FOLDERS:
        expected = _files(REPO_ROOT / folder)
        assert expected, folder
        shipped = {
            n.removeprefix(f"ber/_data/{folder}/") for n in names if n.startswith(f"ber/_data/{folder}/")
        }
        assert expected <= shipped, (folder, sorted(expected - shipped))
    assert f"ber/_data/reference_data/{PROBE}" in names
    assert {"ber/desktop/ber-desk.svg", "ber/desktop/ber-desk-256.png"} <= names
    assert not any("__pycache__" in n for n in names)


def test_installed_package_is_imported_from_the_venv_and_finds_its_data(installed: Installed) -> None:
    code = (
        "import ber, gui, ber.io.paths as p;"
        "print(ber.__file__); print(gui.__file__);"
        "print(p.reference_dir()); print(p.templates_dir()); print(p.docs_dir())"
    )
    done = installed.run(installed.bin("python"), "-c", code)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    venv = installed.venv.resolve()
    for line in lines:
        assert Path(line).resolve().is_relative_to(venv), line
        assert not Path(line).resolve().is_relative_to(REPO_ROOT), line
    reference, templates, docs = (Path(line) for line in lines[2:])
    assert (reference / "manifest.json").is_file() and (templates / "fonts").is_dir()
    assert (docs / "user-guide.md").is_file() and (docs / "user-guide.en.md").is_file()
    assert (reference / PROBE).stat().st_size == 256 * 4096


def test_ber_version(installed: Installed) -> None:
    done = installed.run(installed.bin("ber"), "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"ber {__version__}"


def test_ber_reference_check_passes_on_the_installed_data(installed: Installed) -> None:
    done = installed.run(installed.bin("ber"), "--lang", "en", "reference", "--check")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ber_demo_writes_the_pdf(installed: Installed) -> None:
    assert "BER_DATA_DIR" in installed.env  # the test's own user folder, never the real one
    out = installed.cwd / "demo-out"
    done = installed.run(installed.bin("ber"), "demo", "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = out / "demo.pdf"
    assert pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-", done.stdout
    assert pdf.stat().st_size > 20_000
    assert (out / "demo.ber").is_file() and (out / "demo-result.json").is_file()


def test_ber_desk_version_needs_no_display(installed: Installed) -> None:
    env = {
        k: v for k, v in installed.env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = installed.run(installed.bin("ber-desk"), "--version", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"ber-desk {__version__}"


def test_installed_ber_desk_shows_its_window_and_finds_the_manual(installed: Installed) -> None:
    env = {**installed.env, "QT_QPA_PLATFORM": "offscreen"}
    done = installed.run(installed.bin("ber-desk"), "--benchmark-startup", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "window shown after" in done.stdout
    code = "from gui.dialogs import manual_path; print(manual_path('nl')); print(manual_path('en'))"
    done = installed.run(installed.bin("python"), "-c", code, env=env)
    assert done.returncode == 0, done.stderr
    for line in done.stdout.strip().splitlines():
        path = Path(line)
        assert path.is_file() and path.resolve().is_relative_to(installed.venv.resolve()), line
