"""Limits of a case document, enforced before and while it is parsed.

Every limit here is documented in ``docs/case-format.md`` ("Limits") and named,
with its value, in the message when it is hit. The byte-level limits (size, nesting
depth, length of a whole-number literal, finite numbers) are checked by
:func:`load_json_limited` before or during ``json.loads``; the document-level limits
(text length, valid Unicode, number of list entries) by :func:`document_problems`
on the parsed document, so they hold for every source of a case (file, report PDF,
case register).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from ber.texts.catalogue import num
from ber.texts.messages import InputError, Problem

#: a case file, or the case attached to a report PDF, holds at most this many bytes
MAX_CASE_BYTES = 20 * 1024 * 1024
#: nesting of JSON objects and lists (a case needs 5)
MAX_JSON_DEPTH = 32
#: digits of a whole-number literal (1,000,000,000,000,000 has 19)
MAX_INT_DIGITS = 19
#: characters of a text field; meta.notes and override justifications may be longer
MAX_TEXT_CHARS = 1_000
MAX_LONG_TEXT_CHARS = 20_000
LONG_TEXT_FIELDS = ("meta.notes", "overrides.*.justification", "qualitative.*.evidence")
#: entries of a list or an object; sites and employer beds have their own limit
MAX_ENTRIES = 1_000
MAX_SITES = 200
MAX_EMPLOYER_BEDS = 500
LIST_LIMITS: dict[str, int] = {"sites": MAX_SITES, "workforce.employer_beds": MAX_EMPLOYER_BEDS}

# a JSON string token, escapes included (unrolled: linear, no backtracking)
_STRING_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def json_depth(data: bytes) -> int:
    """The deepest nesting of ``[`` and ``{`` in JSON bytes, strings ignored (vectorised for large input)."""
    brackets = _STRING_TOKEN.sub(b'""', data).translate(None, _NOT_BRACKETS)
    if not brackets:
        return 0
    if len(brackets) < 65_536:  # a normal case file: no need for numpy (``ber validate`` stays light)
        depth = deepest = 0
        for b in brackets:
            depth += 1 if b in (0x5B, 0x7B) else -1
            deepest = max(deepest, depth)
        return deepest
    import numpy as np

    codes = np.frombuffer(brackets, dtype=np.uint8)
    steps = np.where((codes == ord("[")) | (codes == ord("{")), 1, -1)
    return int(np.cumsum(steps).max())


def _limit(code: str, path: str, **params: object) -> InputError:
    return InputError([Problem(code, params={"path": path, **params})])


def load_json_limited(data: bytes, path: str) -> Any:
    """Parse JSON bytes of a case within the limits; InputError names the limit hit."""
    if len(data) > MAX_CASE_BYTES:
        raise _limit("file.too_large", path, size=round(len(data) / 2**20, 1), limit=MAX_CASE_BYTES // 2**20)
    depth = json_depth(data)
    if depth > MAX_JSON_DEPTH:
        raise _limit("limit.depth", path, depth=depth, limit=MAX_JSON_DEPTH)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _limit("file.not_json", path, line=1, column=exc.start + 1, reason="not UTF-8 text") from None

    def parse_int(literal: str) -> int:
        if len(literal.lstrip("-")) > MAX_INT_DIGITS:
            raise _limit("limit.int_digits", path, digits=len(literal.lstrip("-")), limit=MAX_INT_DIGITS)
        return int(literal)

    def parse_float(literal: str) -> float:
        value = float(literal)
        if not math.isfinite(value):
            raise _limit("limit.not_finite", path, value=literal[:40])
        return value

    def parse_constant(literal: str) -> float:
        raise _limit("limit.not_finite", path, value=literal)

    try:
        return json.loads(text, parse_int=parse_int, parse_float=parse_float, parse_constant=parse_constant)
    except json.JSONDecodeError as exc:
        raise _limit("file.not_json", path, line=exc.lineno, column=exc.colno, reason=exc.msg) from None
    except RecursionError:  # cannot happen below MAX_JSON_DEPTH; kept as a last fence
        raise _limit("limit.depth", path, depth=f"> {MAX_JSON_DEPTH}", limit=MAX_JSON_DEPTH) from None


def is_valid_text(text: str) -> bool:
    """True when the text can be written as UTF-8 (no lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _field(prefix: str, key: int | str) -> str:
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    return f"{prefix}.{key}" if prefix else key


def _pattern(field: str) -> str:
    """``overrides.housing.household_size.justification`` -> ``overrides.*.justification``."""
    if field.startswith("overrides.") and field.endswith(".justification"):
        return "overrides.*.justification"
    if field.startswith("qualitative.") and field.endswith(".evidence"):
        return "qualitative.*.evidence"
    return re.sub(r"\[\d+\]", "", field)


def _show_text(text: str) -> str:
    shown = ascii(text[:40])
    return shown if len(text) <= 40 else shown + "..."


def _check_text(field: str, text: str, problems: list[Problem], *, is_key: bool = False) -> None:
    if not is_valid_text(text):
        problems.append(Problem("text.invalid", field, {"value": _show_text(text)}))
        return
    limit = MAX_LONG_TEXT_CHARS if not is_key and _pattern(field) in LONG_TEXT_FIELDS else MAX_TEXT_CHARS
    if len(text) > limit:
        problems.append(Problem("limit.text", field, {"length": num(len(text)), "limit": num(limit)}))


def document_problems(doc: Any) -> list[Problem]:
    """Text and size problems anywhere in a parsed case document (iterative: any depth)."""
    problems: list[Problem] = []
    stack: list[tuple[str, Any]] = [("", doc)]
    while stack:
        field, value = stack.pop()
        if isinstance(value, str):
            _check_text(field, value, problems)
        elif isinstance(value, (dict, list)):
            limit = LIST_LIMITS.get(_pattern(field), MAX_ENTRIES)
            if len(value) > limit:
                problems.append(Problem("limit.entries", field or "/", {"count": len(value), "limit": num(limit)}))
                continue
            items = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
            for key, item in reversed(items):  # reversed: popped in document order
                if isinstance(key, str):
                    if not is_valid_text(key):  # name the field without the bad character
                        problems.append(
                            Problem(
                                "text.invalid", _field(field, _show_text(key)), {"value": _show_text(key)}
                            )
                        )
                        continue
                    _check_text(_field(field, key), key, problems, is_key=True)
                stack.append((_field(field, key), item))
    return problems
