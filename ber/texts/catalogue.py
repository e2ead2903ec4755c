"""The one text catalogue: every user-visible string in Dutch and English.

The texts live in ``templates/texts/nl.json`` and ``templates/texts/en.json`` (found
through :func:`ber.io.paths.templates_dir`, so a municipality can point
``BER_TEMPLATES_DIR`` at its own copy). Keys are namespaced (``msg.``, ``label.``,
``gui.``, ``report.``, ``excel.``, ``cli.``, ``map.``); a value is a text with named
``{placeholders}`` or a plural object ``{"one": ..., "other": ...}`` chosen by
``count`` with the CLDR plural rules of Babel. Why this design and not gettext:
``docs/texts.md``.

The shipped catalogue of a language is read once, on the first lookup in that
language (under a lock, so every thread sees the same texts; ``ber validate`` in
Dutch does without parsing the English file). A catalogue file in
an overriding templates folder is laid over the shipped one: it may hold only the
texts a municipality changed.
"""

from __future__ import annotations

import functools
import json
import math
import os
import string
import threading
from collections.abc import Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any, Literal

from ber.io.paths import templates_dir

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")

#: a catalogue value: a text, or a plural object {"one": ..., "other": ...}
Entry = str | dict[str, str]


@functools.cache
def _plural_rule(lang: Lang) -> Any:
    """babel's CLDR plural rule of ``lang``, loaded on first use (about 50 ms of locale data
    that ``ber validate`` and ``ber --version`` do without)."""
    from babel import Locale

    return Locale.parse(lang).plural_form


def catalogue_path(lang: Lang, folder: Path | None = None) -> Path:
    """Where the catalogue file of one language lives."""
    return (folder or templates_dir()) / "texts" / f"{lang}.json"


def _read(path: Path) -> dict[str, Entry]:
    with open(path, encoding="utf-8") as fh:
        doc = json.load(fh)
    if not isinstance(doc, dict):
        raise ValueError(f"{path}: expected a JSON object of texts")
    out: dict[str, Entry] = {}
    for key, value in doc.items():
        if key.startswith("_"):
            continue  # comments for the people who edit the file
        if isinstance(value, str):
            out[key] = value
        elif isinstance(value, dict) and "other" in value and all(isinstance(v, str) for v in value.values()):
            out[key] = {str(k): str(v) for k, v in value.items()}
        else:
            raise ValueError(f"{path}: text {key!r} must be a string or a plural object with 'other'")
    return out


class _Shipped(dict[Lang, dict[str, Entry]]):
    """The shipped catalogue per language, each read on its first use."""

    def __missing__(self, lang: Lang) -> dict[str, Entry]:
        with _SHIPPED_LOCK:
            if lang not in self:  # another thread may have read it meanwhile
                self[lang] = _read(catalogue_path(lang, _SHIPPED_DIR))
            return dict.__getitem__(self, lang)


_SHIPPED_DIR = templates_dir()
_SHIPPED_LOCK = threading.Lock()
_SHIPPED = _Shipped()
#: (folder, lang) -> (modification time of the override file, merged catalogue)
_MERGED: dict[tuple[str, Lang], tuple[float, dict[str, Entry]]] = {}


def entries(lang: Lang, *, refresh: bool = False) -> dict[str, Entry]:
    """The whole catalogue of one language (the override folder's file laid over the shipped one).

    With ``refresh`` an edited override file is read again (the report does so each
    time it is built, so edited wording applies without a restart).
    """
    if not os.environ.get("BER_TEMPLATES_DIR"):  # the shipped texts (every lookup comes here)
        return _SHIPPED[lang]
    folder = templates_dir()
    if folder == _SHIPPED_DIR:
        return _SHIPPED[lang]
    cache_key = (os.fspath(folder), lang)
    cached = _MERGED.get(cache_key)
    if cached is not None and not refresh:
        return cached[1]
    path = catalogue_path(lang, folder)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = -1.0
    if cached is None or cached[0] != mtime:
        merged = dict(_SHIPPED[lang])
        if mtime >= 0:
            merged.update(_read(path))
        cached = (mtime, merged)
        _MERGED[cache_key] = cached
    return cached[1]


#: (lang, key) -> the shipped entry an ``add`` replaced (None: there was none)
_REPLACED: dict[tuple[Lang, str], Entry | None] = {}


def add(key: str, texts: Mapping[str, Entry]) -> None:
    """Add (or replace) a text for this process, in both languages.

    For texts defined in code, such as a registry's labels, and for tests that
    register an extra domain; the catalogue files stay as they are.
    """
    for lang in LANGS:
        _REPLACED.setdefault((lang, key), _SHIPPED[lang].get(key))
        _SHIPPED[lang][key] = texts[lang]
        if _REPLACED[(lang, key)] == texts[lang]:
            del _REPLACED[(lang, key)]  # the shipped text again
    _MERGED.clear()


def remove(key: str) -> None:
    """Undo :func:`add`: the shipped text again, or none."""
    for lang in LANGS:
        if (lang, key) in _REPLACED:
            old = _REPLACED.pop((lang, key))
            if old is None:
                _SHIPPED[lang].pop(key, None)
            else:
                _SHIPPED[lang][key] = old
    _MERGED.clear()


def has(key: str, lang: Lang = "nl") -> bool:
    return key in entries(lang)


def keys(prefix: str = "", lang: Lang = "nl") -> list[str]:
    """Every key starting with ``prefix``, in catalogue order."""
    return [k for k in entries(lang) if k.startswith(prefix)]


def plural_category(count: float, lang: Lang) -> str:
    """The CLDR plural category of ``count`` ("one" or "other" for Dutch and English)."""
    return str(_plural_rule(lang)(abs(count)))


def template(key: str, lang: Lang = "nl", count: float | None = None) -> str:
    """The raw text of ``key`` (plural form chosen by ``count``), placeholders unfilled."""
    entry = entries(lang).get(key)
    if entry is None:
        raise KeyError(f"text {key!r} missing in {catalogue_path(lang)}")
    if isinstance(entry, str):
        return entry
    category = "other" if count is None else plural_category(count, lang)
    return entry.get(category, entry["other"])


def text(key: str, lang: Lang = "nl", /, count: float | None = None, **params: Any) -> str:
    """The text of ``key`` in ``lang`` with its ``{placeholders}`` filled in.

    ``count`` chooses the plural form and is available as ``{count}`` (formatted the
    Dutch or English way); without ``count``, a numeric parameter ``n`` chooses it. A parameter that is itself a text in both languages
    (``{"nl": ..., "en": ...}``) is taken in ``lang``.
    """
    if not isinstance(count, int | float) or isinstance(count, bool):
        if count is not None:
            params["count"] = count  # not a number: an ordinary parameter
        count = None
    n = params.get("n")
    if count is None and isinstance(n, int | float) and not isinstance(n, bool):
        raw = template(key, lang, n)  # a text with {n} takes its plural form from n
    else:
        raw = template(key, lang, count)
    if count is not None:
        params.setdefault("count", format_number(count, lang, 0 if float(count).is_integer() else 1))
    if not params:
        return raw
    return raw.format(**{k: localized(v, lang) for k, v in params.items()})


def localized(value: Any, lang: Lang) -> Any:
    """A parameter in ``lang``: a text in both languages (``{"nl": ..., "en": ...}``) or a
    :class:`Num` (decimal comma in Dutch); anything else as it is."""
    if isinstance(value, dict) and lang in value:
        return value[lang]
    if isinstance(value, Num):
        return value.localized(lang)
    return value


class Num(str):
    """A number as a message parameter (see :func:`num`).

    As a string it is the plain form ("1.5", "100000"; ``float()`` reads it back, e.g. the
    GUI that shows a range in the field's own unit); :func:`text` shows it the Dutch way
    ("1,5", "100.000") or the English way ("1.5", "100,000"): thousands are grouped from
    10,000 on, so a year stays a year ("2200").
    """

    def localized(self, lang: Lang) -> str:
        plain = str(self)
        sign, body = ("-", plain[1:]) if plain.startswith("-") else ("", plain)
        whole, point, fraction = body.partition(".")
        if not whole.isdigit() or "e" in fraction:  # 1e+20 and the like: as they are
            return plain.replace(".", ",") if lang == "nl" else plain
        group, decimal = (".", ",") if lang == "nl" else (",", ".")
        if len(whole) >= 5:
            whole = f"{int(whole):,}".replace(",", group)
        return sign + whole + (decimal + fraction if point else "")


def num(value: float, digits: int = 6) -> Num:
    """``value`` as a message parameter: whole numbers in full (1000000, not 1e+06),
    others with at most ``digits`` significant digits; the one number format of messages."""
    if float(value).is_integer() and abs(value) < 1e15:
        return Num(str(int(value)))
    return Num(f"{value:.{digits}g}")


def num_range(low: float, high: float) -> dict[str, str]:
    """A range "low–high" as a message parameter in both languages ("1–100.000" / "1–100,000")."""
    return {lang: f"{num(low).localized(lang)}–{num(high).localized(lang)}" for lang in LANGS}


def placeholders(raw: Entry) -> set[str]:
    """The ``{name}`` placeholders of a text (of all plural forms together)."""
    forms = raw.values() if isinstance(raw, dict) else [raw]
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name}


def format_number(
    value: float | None, lang: Lang = "nl", decimals: int = 0, unknown: str | None = None
) -> str:
    """Format a number the Dutch way (1.234,5) or the English way (1,234.5).

    None, NaN and infinity never show as such: None/NaN give "onbekend"/"unknown",
    infinity gives "∞". (Python's own rounding, not Babel's decimal rounding, so
    every number stays exactly as the hand-checked goldens show it.)
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return unknown if unknown is not None else text("label.unknown", lang)
    if math.isinf(value):
        return "∞"
    out = f"{value:,.{decimals}f}"
    if out in ("-0", "-0.0", "-0.00"):
        out = out[1:]
    if lang == "nl":
        out = out.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return out


def strip_mnemonic(label: str) -> str:
    """A menu text without its keyboard mnemonic ("Exporteren als &PDF…" -> "Exporteren als PDF…")."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


class LangTable(MutableMapping[str, dict[str, str]]):
    """A ``{key: {"nl": ..., "en": ...}}`` view of one namespace of the catalogue.

    Keeps the old per-module tables (``STATUS_LABELS["red"]["nl"]``) working while
    the texts themselves live in the catalogue. Setting an item adds the text for this
    process (:func:`add`), so ``monkeypatch.setitem(DOMAIN_LABELS, "space", {...})``
    makes an extra domain's label known to every lookup; deleting it undoes that.
    """

    def __init__(self, prefix: str, strip: str | None = None) -> None:
        """The texts whose key starts with ``prefix``, keyed without ``strip`` (default: the prefix)."""
        self.prefix = prefix
        self.strip = prefix if strip is None else strip

    def __getitem__(self, key: str) -> dict[str, str]:
        full = self.strip + key
        if not full.startswith(self.prefix) or not has(full):
            raise KeyError(key)
        return {lang: template(full, lang) for lang in LANGS}

    def __iter__(self) -> Iterator[str]:
        n = len(self.strip)
        return iter([k[n:] for k in keys(self.prefix)])

    def __len__(self) -> int:
        return len(keys(self.prefix))

    def __setitem__(self, key: str, value: dict[str, str]) -> None:
        add(self.strip + key, value)

    def __delitem__(self, key: str) -> None:
        if (LANGS[0], self.strip + key) not in _REPLACED:  # only an added text can be undone
            raise KeyError(key)
        remove(self.strip + key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (self.strip + key).startswith(self.prefix) and has(self.strip + key)
