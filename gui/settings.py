"""Typed, versioned user preferences over ``QSettings`` (kept apart from case data).

``SETTINGS_VERSION`` is stored with the settings; :func:`migrate` brings older
settings up to date (one step per version, like the case schema migrations).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

from PySide6.QtCore import QSettings

SETTINGS_VERSION = 2
MAX_RECENT = 8
MC_RANGE = (100, 20000)


def strip_password(url: str) -> str:
    """``url`` without its password (``postgresql://ber:secret@host/db`` -> ``postgresql://ber@host/db``).

    Text that is not a database URL comes back unchanged (the preferences dialog
    refuses it before it is saved).
    """
    url = url.strip()
    if not url or "@" not in url:
        return url
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    if parsed.password is None:
        return url
    # URL.set() ignores None; URL is a NamedTuple, so _replace clears the field
    return parsed._replace(password=None).render_as_string(hide_password=False)


def _to_v2(s: QSettings) -> None:
    """Version 2 adds ``register_url``; a password already in it (set by hand) is removed."""
    value = _text(s, "register_url").strip()
    s.setValue("register_url", strip_password(value))


#: MIGRATIONS[n] upgrades version-n settings to version n+1 in place
MIGRATIONS: dict[int, Callable[[QSettings], None]] = {
    0: lambda s: None,  # version 0: unversioned first run; nothing to rename
    1: _to_v2,
}


@dataclass
class Preferences:
    language: str = "nl"
    officer: str = ""
    logo: str = ""
    family_preset: str = "rijksoverheid_2023"
    mc_draws: int = 2000
    pdfa: bool = True
    #: register database URL without password; "" = SQLite in the user data folder
    register_url: str = ""
    #: CBS code of the municipality a new case starts in ("" = ask at the first new case)
    home_municipality: str = ""
    #: the case file that was open when the window closed ("" = none); reopened at start
    last_case: str = ""
    recent: list[str] = field(default_factory=list)

    def update_from(self, other: Preferences) -> None:
        """Take every value of ``other`` (one Preferences object is shared by the window
        and its controllers, so it is changed in place, never replaced)."""
        for f in fields(self):
            setattr(self, f.name, getattr(other, f.name))


def qsettings() -> QSettings:
    """The application's settings; with ``BER_DATA_DIR`` set (tests, portable use) an
    INI file in that folder instead of the user's registry/config."""
    override = os.environ.get("BER_DATA_DIR")
    if override:
        return QSettings(str(Path(override) / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings("BER-desk", "BER-desk")


def migrate(s: QSettings) -> None:
    version = _int(s, "settings_version", 0)
    while version < SETTINGS_VERSION:
        MIGRATIONS[version](s)
        version += 1
    s.setValue("settings_version", SETTINGS_VERSION)


def _text(s: QSettings, key: str, default: str = "") -> str:
    value = s.value(key, default)
    return default if value is None else str(value)


def _int(s: QSettings, key: str, default: int) -> int:
    value = s.value(key, default)
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def _bool(value: object, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).lower() in ("1", "true", "yes")


def load_preferences(s: QSettings | None = None) -> Preferences:
    s = s or qsettings()
    migrate(s)
    p = Preferences()
    lang = _text(s, "language", p.language)
    p.language = lang if lang in ("nl", "en") else "nl"
    p.officer = _text(s, "officer")
    p.logo = _text(s, "logo")
    p.family_preset = _text(s, "family_preset", p.family_preset) or p.family_preset
    draws = _int(s, "mc_draws", p.mc_draws)
    p.mc_draws = min(max(draws, MC_RANGE[0]), MC_RANGE[1])
    p.pdfa = _bool(s.value("pdfa"), True)
    p.register_url = strip_password(_text(s, "register_url"))
    p.home_municipality = _text(s, "home_municipality").strip()
    p.last_case = _text(s, "last_case")
    recent = s.value("recent", [])
    if isinstance(recent, str):
        recent = [recent] if recent else []
    p.recent = [str(r) for r in recent][:MAX_RECENT] if isinstance(recent, list) else []
    return p


def save_preferences(p: Preferences, s: QSettings | None = None) -> None:
    s = s or qsettings()
    s.setValue("settings_version", SETTINGS_VERSION)
    s.setValue("language", p.language)
    s.setValue("officer", p.officer)
    s.setValue("logo", p.logo)
    s.setValue("family_preset", p.family_preset)
    s.setValue("mc_draws", int(p.mc_draws))
    s.setValue("pdfa", bool(p.pdfa))
    s.setValue("register_url", strip_password(p.register_url))  # never a password on disk
    s.setValue("home_municipality", p.home_municipality)
    s.setValue("last_case", p.last_case)
    s.setValue("recent", list(p.recent))
    s.sync()


def add_recent(p: Preferences, path: Path | str) -> None:
    text = str(Path(path).resolve())
    p.recent = [text, *[r for r in p.recent if r != text]][:MAX_RECENT]
