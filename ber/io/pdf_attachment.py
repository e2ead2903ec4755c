"""Embed a case file in a PDF and extract it again (the report's reproducibility)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ber.case.model import Case

CASE_ATTACHMENT_NAME = "case.ber"
CASE_MIME_TYPE = "application/json"


def embed_case(pdf_bytes: bytes, case: Case) -> bytes:
    """The PDF with the case's canonical JSON attached as ``case.ber``.

    The file is an *associated file* of the document (``/AFRelationship /Data``
    and listed in ``Root./AF``), as PDF/A-3 requires for embedded files.
    """
    return embed_bytes(pdf_bytes, case.canonical_json())


def embed_bytes(pdf_bytes: bytes, data: bytes, name: str = CASE_ATTACHMENT_NAME) -> bytes:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        spec = pikepdf.AttachedFileSpec(
            pdf,
            data,
            description="BER-desk case (ber-case JSON)",
            filename=name,
            mime_type=CASE_MIME_TYPE,
            relationship=pikepdf.Name.Data,
        )
        pdf.attachments[name] = spec
        # pikepdf lists a file with a relationship in Root./AF itself; make sure it is there once
        af = pdf.Root.get("/AF")
        if af is None:
            pdf.Root.AF = pikepdf.Array([spec.obj])
        elif not any(item.objgen == spec.obj.objgen for item in af):
            af.append(spec.obj)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def extract_case_bytes(path: Path) -> bytes | None:
    """The bytes of the embedded ``case.ber`` attachment, or None when there is none.

    A file that is not a readable PDF is an InputError (``file.unreadable``).
    """
    import pikepdf

    from ber.texts.messages import InputError, Problem

    try:
        with pikepdf.open(path) as pdf:
            spec = pdf.attachments.get(CASE_ATTACHMENT_NAME)
            if spec is None:
                return None
            return bytes(spec.get_file().read_bytes())
    except pikepdf.PdfError as exc:
        reason = f"not a readable PDF ({str(exc).strip().splitlines()[0][:200] if str(exc).strip() else 'PdfError'})"
        raise InputError([Problem("file.unreadable", params={"path": str(path), "reason": reason})]) from None
