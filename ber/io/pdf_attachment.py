"""Embed a case file in a PDF and extract it again (the report's reproducibility)."""

from __future__ import annotations

import io
import logging
import warnings
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ber.texts.messages import InputError, Problem

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


def case_file(case: Case) -> tuple[str, bytes, str]:
    """The case as a file to attach: ``case.ber`` with its canonical JSON (see :func:`embed_files`)."""
    return CASE_ATTACHMENT_NAME, case.canonical_json(), "BER-desk case (ber-case JSON)"


def embed_bytes(
    pdf_bytes: bytes,
    data: bytes,
    name: str = CASE_ATTACHMENT_NAME,
    description: str = "BER-desk case (ber-case JSON)",
) -> bytes:
    """The PDF with ``data`` attached as the associated file ``name`` (JSON)."""
    return embed_files(pdf_bytes, [(name, data, description)])


def embed_files(pdf_bytes: bytes, files: list[tuple[str, bytes, str]]) -> bytes:
    """The PDF with each ``(name, data, description)`` attached as an associated JSON file
    (in one pass: the PDF is read and written once)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        for name, data, description in files:
            spec = pikepdf.AttachedFileSpec(
                pdf,
                data,
                description=description,
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

    Raises InputError when the PDF is damaged, encrypted, too large, or the
    attachment inflates beyond the case-file limit.
    """
    from ber.case.limits import MAX_CASE_BYTES

    try:
        return read_case_attachment(path, MAX_CASE_BYTES)
    except InputError as err:
        if [p.code for p in err.problems] == ["file.pdf_without_case"]:
            return None
        raise


#: a report PDF (maps, charts, the case) stays far below this
MAX_PDF_BYTES = 200 * 1024 * 1024


def _problem(code: str, path: Path, **params: object) -> InputError:
    return InputError([Problem(code, params={"path": str(path), **params})])


def read_case_attachment(path: Path, limit: int) -> bytes:
    """The ``case.ber`` attachment of a report PDF, inflated to at most ``limit`` bytes
    (InputError ``file.pdf_without_case`` when there is none; see :func:`read_attachment`)."""
    data = read_attachment(path, limit, CASE_ATTACHMENT_NAME)
    if data is None:
        raise _problem("file.pdf_without_case", path)
    return data


def read_attachment(path: Path, limit: int, name: str) -> bytes | None:
    """The attachment ``name`` of a report PDF, inflated to at most ``limit`` bytes; None
    when the PDF has no such attachment.

    Read with pikepdf (the library that wrote it); every failure of the PDF library on a
    damaged file is a named problem (``file.pdf_damaged``), never a traceback, and its
    warnings are kept off stderr. The attachment is inflated by our own code under
    ``limit``, so a compression bomb stops there.
    """
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise _problem("file.too_large", path, size=round(size / 2**20, 1), limit=MAX_PDF_BYTES // 2**20)
    import pikepdf

    qpdf_log = logging.getLogger("pikepdf")
    level = qpdf_log.level
    qpdf_log.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with pikepdf.open(path) as pdf:
                if pdf.is_encrypted:
                    raise _problem("file.pdf_encrypted", path)
                data = _read_attachment(pdf, path, limit, name)
                repaired = pdf.get_warnings()
            if repaired:  # qpdf had to reconstruct the file: a damaged report is not evidence
                raise _problem("file.pdf_damaged", path, reason=str(repaired[0])[:200])
            return data
    except (InputError, OSError):
        raise
    except pikepdf.PasswordError:
        raise _problem("file.pdf_encrypted", path) from None
    except Exception as exc:  # a third-party parser on untrusted bytes: any failure is "damaged"
        if _mentions_encryption(path):
            raise _problem("file.pdf_encrypted", path) from None
        raise _problem("file.pdf_damaged", path, reason=type(exc).__name__) from None
    finally:
        qpdf_log.setLevel(level)


def _mentions_encryption(path: Path) -> bool:
    """The trailer (or cross-reference stream) of an encrypted PDF names /Encrypt in plain bytes."""
    try:
        return b"/Encrypt" in path.read_bytes()
    except OSError:
        return False


def _read_attachment(pdf: Any, path: Path, limit: int, name: str) -> bytes | None:
    import pikepdf

    spec = pdf.attachments.get(name)
    if spec is None:
        return None
    ef = spec.obj.get("/EF")
    stream = (ef.get("/F") or ef.get("/UF")) if isinstance(ef, pikepdf.Dictionary) else None
    if not isinstance(stream, pikepdf.Stream):
        return None
    declared = stream.get("/Filter")
    if declared is None:
        filters: list[str] = []
    elif isinstance(declared, pikepdf.Array):
        filters = [str(f) for f in declared]
    else:
        filters = [str(declared)]
    raw = bytes(stream.read_raw_bytes())  # the encoded bytes, inflated below under our own limit
    if filters == []:
        data = raw
    elif filters == ["/FlateDecode"] and "/DecodeParms" not in stream:
        data = _inflate(raw, limit, path)
    else:
        raise _problem("file.pdf_damaged", path, reason="attachment filter " + " ".join(filters))
    if len(data) > limit:
        raise _problem("limit.attachment", path, limit=limit // 2**20)
    return data


def _inflate(raw: bytes, limit: int, path: Path) -> bytes:
    """zlib-inflate at most ``limit`` + 1 bytes: a bomb stops at the limit."""
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(raw, limit + 1)
    except zlib.error:
        raise _problem("file.pdf_damaged", path, reason="attachment is not valid zlib data") from None
    if len(data) > limit:
        raise _problem("limit.attachment", path, limit=limit // 2**20)
    return data
