"""Desktop integration on Linux (freedesktop.org): menu entry, icons and the ``.ber`` file type.

``ber-desk --install-desktop`` writes, for the current user only (no root needed):

- ``$XDG_DATA_HOME/applications/ber-desk.desktop`` (the menu entry; ``Exec=... %f``, so a
  double-click on a ``.ber`` file opens it),
- the application and file icons under ``$XDG_DATA_HOME/icons/hicolor/``,
- ``$XDG_DATA_HOME/mime/packages/ber-desk.xml`` (the MIME type ``application/x-ber-case``
  for ``*.ber``),

and then runs ``update-mime-database`` and ``update-desktop-database`` when they are
installed. ``ber-desk --uninstall-desktop`` removes exactly these files. ``$XDG_DATA_HOME``
defaults to ``~/.local/share``. The icons and the MIME description are package data of
this folder, made by ``tools/make_icons.py``.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

APP_ID = "ber-desk"
MIME_TYPE = "application/x-ber-case"
MIME_ICON = MIME_TYPE.replace("/", "-")
EXEC_RESERVED = " \t\n\"'\\><~|&;$*?#()`"

#: package file -> place under $XDG_DATA_HOME
ICONS: dict[str, str] = {
    "ber-desk.svg": "icons/hicolor/scalable/apps/ber-desk.svg",
    "ber-desk-256.png": "icons/hicolor/256x256/apps/ber-desk.png",
    "ber-desk-48.png": "icons/hicolor/48x48/apps/ber-desk.png",
    f"{MIME_ICON}.svg": f"icons/hicolor/scalable/mimetypes/{MIME_ICON}.svg",
    f"{MIME_ICON}-256.png": f"icons/hicolor/256x256/mimetypes/{MIME_ICON}.png",
    f"{MIME_ICON}-48.png": f"icons/hicolor/48x48/mimetypes/{MIME_ICON}.png",
}
DESKTOP_FILE = f"applications/{APP_ID}.desktop"
MIME_FILE = f"mime/packages/{APP_ID}.xml"

MIME_XML = f"""\
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>BER-desk case</comment>
    <comment xml:lang="nl">BER-desk-casus</comment>
    <sub-class-of type="application/json"/>
    <icon name="{MIME_ICON}"/>
    <glob pattern="*.ber"/>
  </mime-type>
</mime-info>
"""

DESKTOP_ENTRY = """\
[Desktop Entry]
Type=Application
Version=1.4
Name=BER-desk
GenericName=Bedrijfseffectrapportage
GenericName[en]=Business impact report
Comment=Effecten van arbeidsmigratie op huisvesting, zorg, onderwijs en verkeer
Comment[en]=Effects of labour migration on housing, care, education and traffic
Exec={exec} %f
Icon={icon}
Terminal=false
Categories=Office;
MimeType={mime};
Keywords=BER;arbeidsmigratie;gemeente;labour migration;municipality;
StartupWMClass=ber-desk
"""

TEXTS: dict[str, dict[str, str]] = {
    "installed": {
        "nl": "Bureaubladkoppeling geïnstalleerd (menu, pictogram, .ber-bestanden) in {folder}",
        "en": "Desktop integration installed (menu entry, icon, .ber files) in {folder}",
    },
    "uninstalled": {
        "nl": "Bureaubladkoppeling verwijderd uit {folder} ({count} bestanden)",
        "en": "Desktop integration removed from {folder} ({count} files)",
    },
    "not_linux": {
        "nl": "De bureaubladkoppeling is er alleen voor Linux; zie docs/install.md voor Windows.",
        "en": "Desktop integration is for Linux only; see docs/install.md for Windows.",
    },
}


def text(key: str, lang: str, **params: object) -> str:
    return TEXTS[key]["en" if lang == "en" else "nl"].format(**params)


@dataclass
class Outcome:
    """What an install or uninstall did: the files, and the database updates that ran."""

    data_home: Path
    files: list[Path] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or not absolute (the spec)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".local" / "share"


def package_file(name: str) -> Path:
    """A file shipped in this package (icons); real files in a wheel and in a bundle."""
    return Path(str(resources.files(__name__).joinpath(name)))


def icon_path() -> Path:
    """The application icon (SVG), also used as the window icon."""
    return package_file("ber-desk.svg")


def launcher() -> list[str]:
    """The command that starts this installation of BER-desk (absolute, so no PATH needed)."""
    if getattr(sys, "frozen", False):  # a standalone bundle: the ber-desk executable itself
        return [sys.executable]
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is not None and argv0.name in ("ber-desk", "ber-desk.exe") and argv0.exists():
        return [str(argv0.absolute())]  # the console script (pip, pipx, venv)
    if argv0 is not None and argv0.name == "main.py" and argv0.exists():
        return [sys.executable, str(argv0.absolute())]  # a source checkout: python main.py
    found = shutil.which("ber-desk")
    if found:
        return [found]
    return [sys.executable, "-m", "gui.app"]  # the installed package, started another way


def quote_exec_arg(arg: str) -> str:
    """Quote one argument of a desktop entry's Exec key (Desktop Entry Specification 1.4)."""
    if arg and not any(c in EXEC_RESERVED for c in arg):
        return arg.replace("%", "%%")
    inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    # the Exec value is itself a string value, in which every backslash is written twice
    return ('"' + inner + '"').replace("\\", "\\\\").replace("%", "%%")


def desktop_entry(command: list[str]) -> str:
    return DESKTOP_ENTRY.format(
        exec=" ".join(quote_exec_arg(a) for a in command), icon=APP_ID, mime=MIME_TYPE
    )


def _run_update(tool: str, folder: Path) -> bool:
    import subprocess  # only here: this module is imported at every start of the window (icon)

    exe = shutil.which(tool)
    if exe is None:
        return False
    done = subprocess.run([exe, str(folder)], capture_output=True, text=True, timeout=120, check=False)
    return done.returncode == 0


def _refresh(home: Path) -> list[str]:
    updated = []
    if (home / "mime" / "packages").is_dir() and _run_update("update-mime-database", home / "mime"):
        updated.append("update-mime-database")
    if (home / "applications").is_dir() and _run_update("update-desktop-database", home / "applications"):
        updated.append("update-desktop-database")
    return updated


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def install(home: Path | None = None, command: list[str] | None = None) -> Outcome:
    """Write the menu entry, icons and MIME type for the current user; refresh the databases."""
    home = home or data_home()
    outcome = Outcome(home)
    for name, target in ICONS.items():
        _write(home / target, package_file(name).read_bytes())
        outcome.files.append(home / target)
    _write(home / MIME_FILE, MIME_XML.encode("utf-8"))
    entry = home / DESKTOP_FILE
    _write(entry, desktop_entry(command or launcher()).encode("utf-8"))
    outcome.files += [home / MIME_FILE, entry]
    outcome.updated = _refresh(home)
    return outcome


def uninstall(home: Path | None = None) -> Outcome:
    """Remove exactly the files :func:`install` writes; refresh the databases."""
    home = home or data_home()
    outcome = Outcome(home)
    for relative in [*ICONS.values(), MIME_FILE, DESKTOP_FILE]:
        path = home / relative
        if path.exists():
            path.unlink()
            outcome.files.append(path)
    outcome.updated = _refresh(home)
    return outcome


def main(action: str, lang: str) -> int:
    """``ber-desk --install-desktop`` / ``--uninstall-desktop``; returns the exit code."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        print(text("not_linux", lang), file=sys.stderr)
        return 2
    if action == "install":
        outcome = install()
        print(text("installed", lang, folder=outcome.data_home))
    else:
        outcome = uninstall()
        print(text("uninstalled", lang, folder=outcome.data_home, count=len(outcome.files)))
    return 0
