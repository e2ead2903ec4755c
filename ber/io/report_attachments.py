"""The report's attachments besides ``case.ber``: ``provenance.json`` (always) and
``register-cases.json`` (a cumulative report), written and read again.

``provenance.json`` records what the numbers were computed with: the geodata set
(name, year, version, checksum), the reference data version and checksum, and the
program version. A machine that recomputes the report without that geodata set
names it from this record (``ber assess REPORT.pdf``).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ber.io.pdf_attachment import embed_files, read_attachment
from ber.texts.messages import InputError, Problem

if TYPE_CHECKING:
    from ber.engine.cumulative_replay import CountedCases
    from ber.engine.result import Assessment

PROVENANCE_NAME = "provenance.json"
PROVENANCE_SCHEMA = "ber-provenance/1"
COUNTED_NAME = "register-cases.json"
#: the provenance record is a few hundred bytes
PROVENANCE_LIMIT = 64 * 1024


def provenance_record(result: Assessment) -> bytes:
    doc = {
        "schema": PROVENANCE_SCHEMA,
        "app_version": result.app_version,
        "reference_version": result.reference_version,
        "reference_checksum": result.reference_checksum,
        "geodata": asdict(result.geodata) if result.geodata is not None else None,
        "municipalities": [m.code for m in result.municipalities],
    }
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def records(result: Assessment, counted: CountedCases | None) -> list[tuple[str, bytes, str]]:
    """The provenance record and, when given, the counted register cases, as files to attach."""
    out = [(PROVENANCE_NAME, provenance_record(result), "BER-desk provenance (ber-provenance JSON)")]
    if counted is not None:
        out.append((COUNTED_NAME, counted.to_json(), "Counted register cases (ber-register-cases JSON)"))
    return out


def embed_records(pdf: bytes, result: Assessment, counted: CountedCases | None) -> bytes:
    """``pdf`` with the provenance record and, when given, the counted register cases attached."""
    return embed_files(pdf, records(result, counted))


def is_pdf(path: Path) -> bool:
    """Whether ``path`` starts as a PDF does; False for a case file or an unreadable file."""
    try:
        with path.open("rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def read_provenance(path: Path) -> dict[str, Any] | None:
    """The provenance record of a report PDF; None when absent or not readable as one
    (it only improves a message, so a damaged record is ignored)."""
    try:
        data = read_attachment(path, PROVENANCE_LIMIT, PROVENANCE_NAME)
        doc = json.loads(data.decode("utf-8")) if data is not None else None
    except (InputError, OSError, ValueError):  # a damaged PDF: reading its case said so already
        return None
    if not isinstance(doc, dict) or doc.get("schema") != PROVENANCE_SCHEMA:
        return None
    return doc


def read_counted(path: Path) -> CountedCases | None:
    """The counted register cases embedded in a report PDF; None when it has none.

    InputError (exit 2) when the attachment is damaged, too large or not valid.
    """
    from ber.case.limits import MAX_CASE_BYTES
    from ber.engine.cumulative_replay import parse_counted

    data = read_attachment(path, MAX_CASE_BYTES, COUNTED_NAME)
    if data is None:
        return None
    return parse_counted(data, f"{path}:{COUNTED_NAME}")


def embedded_cases(path: Path) -> CountedCases | None:
    """The counted register cases of a cumulative report PDF; None for a case file or a
    report without them.

    InputError (exit 2) when the attachment is damaged, invalid, or belongs to another
    case: its ``case_sha256`` must be the hash of the report's ``case.ber`` as embedded
    (the bytes, so a case migrated to a newer schema on loading still matches).
    """
    import hashlib

    from ber.io.pdf_attachment import CASE_ATTACHMENT_NAME

    if not is_pdf(path):
        return None
    counted = read_counted(path)
    if counted is None:
        return None
    from ber.case.limits import MAX_CASE_BYTES

    raw = read_attachment(path, MAX_CASE_BYTES, CASE_ATTACHMENT_NAME) or b""
    found = hashlib.sha256(raw).hexdigest()
    if counted.case_sha256 != found:
        params = {"path": f"{path}:{COUNTED_NAME}", "found": counted.case_sha256[:16], "expected": found[:16]}
        raise InputError([Problem("file.register_cases_other_case", params=params)])
    return counted
