"""Number fields that never alter what was typed.

A :class:`NumberEdit` is a line edit: the text stays exactly as typed. When the text
reads as a number (Dutch or English decimals, a unit word or "%" after it), that
number goes into the case, even when it lies outside the allowed range: validation
then names the field and the range at the widget. When it does not read as a number
(letters, an empty required field), the case keeps nothing for an optional field and
its previous value for a required one, and the field shows why (a *typed problem*,
see :class:`gui.binding.Binder`). Nothing is ever clamped, rounded or dropped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit

from ber.case.model import Case
from gui.texts import language

#: number, optionally preceded by "ca." / "circa" / "±" / "~" and followed by a unit word or "%"
_APPROX = re.compile(r"^\s*(ca\.?|circa|±|~|about|approx\.?)\s*", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*([+-−]?\s*[0-9][0-9.,\s\u00a0\u202f']*)([eE][+-]?[0-9]+)?(.*)$")
_UNIT = re.compile(r"^\s*(%|[^\W\d_](?:[^\W\d_]|[.²³/ ])*)?\s*$")


@dataclass(frozen=True)
class Parsed:
    """A typed number: its value, and what was ignored to read it ("bedden", "ca.")."""

    value: float
    ignored: str = ""


class NotANumber(ValueError):
    """The text does not read as a number."""


def _digits(body: str, integer: bool) -> float:
    s = re.sub(r"[\s\u00a0\u202f']", "", body).replace("−", "-")
    if "," in s and "." in s:
        # the last separator is the decimal one: "1.234,5" and "1,234.5"
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        group = "." if dec == "," else ","
        s = s.replace(group, "").replace(dec, ".")
    elif s.count(",") == 1:
        s = s.replace(",", ".")
    elif s.count(",") > 1 or s.count(".") > 1:
        s = s.replace(",", "").replace(".", "")  # "1.000.000": groups of thousands
    elif integer and re.fullmatch(r"[+-]?\d{1,3}\.\d{3}", s):
        s = s.replace(".", "")  # "1.500 banen": a Dutch thousands separator in a whole number
    try:
        return float(s)
    except ValueError:
        raise NotANumber(body) from None


def parse_number(text: str, integer: bool = False) -> Parsed:
    """Read a typed number: "4,342", "4.342", "1.234,5", "150 %", "50 bedden", "ca. 30".

    Raises :class:`NotANumber` for text that holds no number ("veel", "abc", "3 of 4").
    """
    rest = text.strip()
    ignored = []
    approx = _APPROX.match(rest)
    if approx:
        ignored.append(approx.group(1))
        rest = rest[approx.end() :]
    match = _NUMBER.match(rest)
    if not match:
        raise NotANumber(text)
    body, exponent, tail = match.group(1), match.group(2) or "", match.group(3)
    if not _UNIT.match(tail):
        raise NotANumber(text)
    tail = tail.strip()
    if tail and tail != "%":
        ignored.append(tail)
    try:
        value = _digits(body, integer) * (10.0 ** int(exponent[1:]) if exponent else 1.0)
    except OverflowError:
        raise NotANumber(text) from None
    if not math.isfinite(value):
        raise NotANumber(text)
    return Parsed(value, " ".join(ignored))


#: the name under which other modules read a typed number (ber.io.capacity has its own parse_number)
parse_typed = parse_number


def parse_point(text: str) -> tuple[float, float] | None:
    """A pasted "52.01, 4.21" or "52,01 4,21" (latitude, longitude as web maps give it);
    None when the text is not two numbers."""
    s = text.strip()
    parts = re.split(r"\s*[;\s]\s*|\s*,\s+", s)
    if len(parts) != 2 and s.count(",") == 1 and s.count(".") == 2:
        parts = s.split(",")
    if len(parts) != 2:
        return None
    try:
        a = parse_number(parts[0]).value
        b = parse_number(parts[1]).value
    except NotANumber:
        return None
    return a, b


class NumberEdit(QLineEdit):
    """A line edit for a number: keeps the typed text; ``unit`` is shown after it."""

    def __init__(
        self,
        *,
        integer: bool = False,
        optional: bool = False,
        scale: float = 1.0,
        low: float | None = None,
        high: float | None = None,
        unit: str = "",
        placeholder: str = "",
        grouping: bool = True,
    ) -> None:
        super().__init__()
        self.integer = integer
        self.optional = optional
        self.scale = scale
        #: the allowed range in the shown unit (percent for ``scale`` 100), for messages
        self.low = low
        self.high = high
        self.unit = unit
        #: thousands separators in messages (not for years: "2000", not "2.000")
        self.grouping = grouping
        if placeholder:
            self.setPlaceholderText(placeholder)

    def allowed(self) -> dict[str, str]:
        """The allowed range as a message parameter, in the interface's decimals and unit."""
        from gui.texts import tr

        if self.low is None or self.high is None:
            return {"allowed": tr("input.any_number")}
        return {
            "allowed": tr("input.range", low=self.format(self.low), high=self.format(self.high))
            + self.suffix()
        }

    def suffix(self) -> str:
        return f" {self.unit}" if self.unit else ""

    def format(self, shown: float | None) -> str:
        """A number in the shown unit ("1.000.000", "0,5"), for messages."""
        from ber.texts.labels import format_number

        if shown is None:
            return "–"
        decimals = 0 if float(shown).is_integer() else 6
        if not self.grouping:
            text = f"{shown:.{decimals}f}"
            text = text.replace(".", ",") if language() == "nl" else text
        else:
            text = format_number(shown, language(), decimals)
        if decimals:  # "7,6", not "7,600000"
            text = text.rstrip("0").rstrip("," if language() == "nl" else ".")
        return text

    # --- reading and showing ------------------------------------------------------------

    def read(self) -> tuple[str, float | int | None, str]:
        """(problem, value, note) of the typed text, in the case's units.

        ``problem`` is "" when the text reads as a number (or is empty in an optional
        field), else "required", "not_a_number" or "not_whole"; ``value`` is None for an
        empty optional field or a problem; ``note`` names what was ignored ("bedden").
        """
        text = self.text().strip()
        if not text:
            return ("" if self.optional else "required"), None, ""
        try:
            parsed = parse_number(text, self.integer)
        except NotANumber:
            return "not_a_number", None, ""
        if self.integer:
            if not parsed.value.is_integer():
                return "not_whole", None, parsed.ignored
            return "", int(parsed.value), parsed.ignored
        return "", round(parsed.value / self.scale, 12), parsed.ignored

    def reads_as(self, value: float | None) -> bool:
        """Whether the typed text already means ``value`` (then it is left as typed)."""
        problem, current, _note = self.read()
        return not problem and current is not None and value is not None and abs(current - value) < 1e-9

    def show_value(self, value: float | None, lang: str) -> None:
        """Show a value of the case (in the interface's decimals, no thousands separators)."""
        if value is None:
            self.setText("")
            return
        shown = Decimal(repr(round(float(value) * self.scale, 10))).normalize()
        text = format(shown, "f")
        if text.endswith(".0"):
            text = text[:-2]
        self.setText(text.replace(".", ",") if lang == "nl" else text)


class PowerEdit(NumberEdit):
    """A grid capacity in kVA; "2,4 MVA" (MVA typed after the number) is read as 2.400 kVA."""

    def read(self) -> tuple[str, float | int | None, str]:
        problem, value, note = super().read()
        if not problem and value is not None and "mva" in self.text().lower():
            return "", round(float(value) * 1000.0, 9), ""
        return problem, value, note


def searchable(combo: QComboBox) -> QComboBox:
    """Let a long list (342 municipalities) filter as you type: any part of the name."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    if completer is None:
        return combo
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return combo


#: more jobs than this is possible, but unusual enough to ask (a typo with an extra zero?)
JOBS_WARNING = 10_000


def plausibility_warnings(case: Case, this_year: int) -> dict[str, str]:
    """Warnings (not errors) for unusual but possible values, per field path."""
    from gui.texts import tr

    out: dict[str, str] = {}
    jobs = case.business.jobs
    if jobs is not None and jobs > JOBS_WARNING:
        out["business.jobs"] = tr(
            "warn.jobs_many", n=f"{JOBS_WARNING:,}".replace(",", "." if language() == "nl" else ",")
        )
    if case.business.start_year < this_year:
        out["business.start_year"] = tr("warn.start_past", year=case.business.start_year)
    return out
