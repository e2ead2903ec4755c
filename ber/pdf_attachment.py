"""Embed a case file in a PDF and extract it again (the report's reproducibility)."""

from __future__ import annotations

from pathlib import Path

CASE_ATTACHMENT_NAME = "case.ber"


def extract_case_bytes(path: Path) -> bytes | None:
    """The bytes of the embedded ``case.ber`` attachment, or None when there is none."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    attachments = reader.attachments
    data = attachments.get(CASE_ATTACHMENT_NAME)
    if not data:
        return None
    return bytes(data[0])
