"""Desktop integration: menu entry, icons and the .ber MIME type, per user (issue 10, item 4).

Everything is written into a temporary ``XDG_DATA_HOME``; the real user's folders are
never touched. ``desktop-file-validate`` and ``update-mime-database`` are used when
installed (``tools/setup --dev`` installs them on Debian/Ubuntu).
"""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import ber.desktop as desktop
from ber.io.paths import REPO_ROOT

MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_install_writes_entry_icons_and_mime_type(home: Path) -> None:
    outcome = desktop.install(command=["/opt/BER desk/ber-desk"])
    assert outcome.data_home == home
    entry_path = home / "applications" / "ber-desk.desktop"
    assert entry_path in outcome.files and all(p.is_file() for p in outcome.files)
    entry = _entry(entry_path)
    assert entry["Type"] == "Application" and entry["Name"] == "BER-desk"
    assert entry["Exec"] == '"/opt/BER desk/ber-desk" %f'  # the path quoted, the file passed on
    assert entry["Icon"] == "ber-desk" and entry["Terminal"] == "false"
    assert "application/x-ber-case" in entry["MimeType"].split(";")

    mime = ET.parse(home / "mime" / "packages" / "ber-desk.xml").getroot()
    (mime_type,) = mime.findall(f"{MIME_NS}mime-type")
    assert mime_type.get("type") == "application/x-ber-case"
    assert [g.get("pattern") for g in mime_type.findall(f"{MIME_NS}glob")] == ["*.ber"]

    icons = home / "icons" / "hicolor"
    assert ET.parse(icons / "scalable" / "apps" / "ber-desk.svg").getroot().tag.endswith("svg")
    assert (
        ET.parse(icons / "scalable" / "mimetypes" / "application-x-ber-case.svg")
        .getroot()
        .tag.endswith("svg")
    )
    for size in (48, 256):
        assert _png_size(icons / f"{size}x{size}" / "apps" / "ber-desk.png") == (size, size)
        assert _png_size(icons / f"{size}x{size}" / "mimetypes" / "application-x-ber-case.png") == (
            size,
            size,
        )


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-validate not installed"
)
def test_desktop_entry_is_valid(home: Path) -> None:
    desktop.install(command=["/opt/BER desk/ber-desk"])
    done = subprocess.run(
        ["desktop-file-validate", str(home / "applications" / "ber-desk.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.strip() == "", done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("update-mime-database") is None, reason="update-mime-database not installed")
def test_mime_database_knows_ber_files(home: Path) -> None:
    outcome = desktop.install(command=["/usr/bin/ber-desk"])
    assert "update-mime-database" in outcome.updated
    globs = (home / "mime" / "globs2").read_text("utf-8")
    assert "application/x-ber-case:*.ber" in globs


def test_uninstall_removes_exactly_what_install_wrote(home: Path) -> None:
    other = home / "applications" / "other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n", "utf-8")
    written = desktop.install(command=["/usr/bin/ber-desk"]).files
    removed = desktop.uninstall().files
    assert sorted(removed) == sorted(written)
    assert not any(p.exists() for p in written)
    assert other.is_file()
    assert desktop.uninstall().files == []  # a second uninstall finds nothing and is no error


@pytest.mark.parametrize(
    ("arg", "quoted"),
    [
        ("/usr/bin/ber-desk", "/usr/bin/ber-desk"),
        ("/home/a b/ber-desk", '"/home/a b/ber-desk"'),
        ("/x/$y", '"/x/\\\\$y"'),  # $ escaped inside the quotes, the backslash doubled in the file
        ("/x/50%", "/x/50%%"),
    ],
)
def test_exec_arguments_are_quoted_by_the_spec(arg: str, quoted: str) -> None:
    assert desktop.quote_exec_arg(arg) == quoted


def _run_main(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_DATA_HOME"] = str(home)
    env["PYTHONPATH"] = str(REPO_ROOT)
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"), *args],
        cwd=home.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_ber_desk_installs_and_uninstalls_without_a_display(home: Path) -> None:
    done = _run_main("--install-desktop", "--lang", "en", home=home)
    assert done.returncode == 0, done.stderr
    assert "installed" in done.stdout and str(home) in done.stdout
    entry = _entry(home / "applications" / "ber-desk.desktop")
    assert entry["Exec"].endswith(" %f") and "main.py" in entry["Exec"]
    assert "PySide6" not in done.stderr
    done = _run_main("--uninstall-desktop", home=home)
    assert done.returncode == 0, done.stderr
    assert "verwijderd" in done.stdout
    assert not (home / "applications" / "ber-desk.desktop").exists()


def test_ber_desk_version_without_a_display(tmp_path: Path) -> None:
    from ber import __version__

    done = _run_main("--version", home=tmp_path / "xdg")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"ber-desk {__version__}"
