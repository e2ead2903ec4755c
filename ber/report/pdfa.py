"""PDF/A-3b through ghostscript (reportlab cannot write PDF/A itself).

Recipe from ``STACK-NOTES.md``: reportlab PDF with embedded fonts → ghostscript
``-dPDFA=3`` with a PDFA_def.ps naming an absolute sRGB ICC profile → pikepdf
attaches the case as an associated file (done by the caller).
"""

from __future__ import annotations

import glob
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

GS_TIMEOUT_S = 180


class PdfaError(Exception):
    """Ghostscript could not make PDF/A; ``str(exc)`` is a short technical reason."""


def find_ghostscript() -> str | None:
    """Path of the ghostscript executable, or None (tests monkeypatch this)."""
    for name in ("gs", "gswin64c", "gswin32c"):
        found = shutil.which(name)
        if found:
            return found
    return None


def find_srgb_profile() -> Path | None:
    """An sRGB ICC profile: icc-profiles-free's, else ghostscript's own."""
    candidates = [
        "/usr/share/color/icc/sRGB.icc",
        "/usr/share/color/icc/ghostscript/srgb.icc",
        *sorted(glob.glob("/usr/share/ghostscript/*/iccprofiles/srgb.icc")),
        *sorted(glob.glob("/usr/local/share/ghostscript/*/iccprofiles/srgb.icc")),
    ]
    for c in candidates:
        if Path(c).is_file():
            return Path(c)
    return None


def _ps_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def pdfa_def(icc: Path) -> str:
    return f"""%!
/ICCProfile {_ps_string(str(icc))} def
[/_objdef {{icc_PDFA}} /type /stream /OBJ pdfmark
[{{icc_PDFA}} <</N 3>> /PUT pdfmark
[{{icc_PDFA}} ICCProfile (r) file /PUT pdfmark
[/_objdef {{OutputIntent_PDFA}} /type /dict /OBJ pdfmark
[{{OutputIntent_PDFA}} <<
  /Type /OutputIntent
  /S /GTS_PDFA1
  /DestOutputProfile {{icc_PDFA}}
  /OutputConditionIdentifier (sRGB)
>> /PUT pdfmark
[{{Catalog}} <</OutputIntents [ {{OutputIntent_PDFA}} ]>> /PUT pdfmark
"""


def convert_to_pdfa(pdf_bytes: bytes, gs: str) -> bytes:
    """Convert a PDF to PDF/A-3b with ghostscript; raises PdfaError with the reason."""
    icc = find_srgb_profile()
    if icc is None:
        raise PdfaError("no sRGB ICC profile found")
    with tempfile.TemporaryDirectory(prefix="ber-pdfa-") as tmp:
        folder = Path(tmp)
        src, dst, deff = folder / "in.pdf", folder / "out.pdf", folder / "PDFA_def.ps"
        src.write_bytes(printable_annotations(pdf_bytes))
        deff.write_text(pdfa_def(icc), encoding="ascii")
        cmd = [
            gs,
            *interpreter_options(gs),
            "-dPDFA=3",
            "-dBATCH",
            "-dNOPAUSE",
            "-dQUIET",
            "-dPDFACompatibilityPolicy=1",
            "-sColorConversionStrategy=RGB",
            "-sDEVICE=pdfwrite",
            f"--permit-file-read={icc.parent}/",
            f"--permit-file-read={folder}/",
            f"-sOutputFile={dst}",
            str(deff),
            str(src),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=GS_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfaError(f"ghostscript: {exc}") from None
        log = (proc.stdout or "") + (proc.stderr or "")
        if proc.returncode != 0:
            raise PdfaError(f"ghostscript exit {proc.returncode}: {_last_line(log)}")
        if "PDF/A processing aborted" in log:
            raise PdfaError(_last_line(log) or "PDF/A processing aborted")
        if not dst.is_file() or dst.stat().st_size == 0:
            raise PdfaError("ghostscript wrote no output")
        return dst.read_bytes()


def printable_annotations(pdf_bytes: bytes) -> bytes:
    """Mark link annotations (contents, bookmarks targets) printable: PDF/A drops non-printing ones."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        changed = False
        for page in pdf.pages:
            for annot in page.get("/Annots", []):
                flags = int(annot.get("/F", 0))
                if not flags & 4:
                    annot.F = flags | 4
                    changed = True
        if not changed:
            return pdf_bytes
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


@lru_cache(maxsize=4)
def gs_version(gs: str) -> tuple[int, ...]:
    """Ghostscript's version, e.g. (10, 0, 0); () when it cannot be read."""
    try:
        proc = subprocess.run([gs, "--version"], capture_output=True, text=True, timeout=30, check=False)
        return tuple(int(p) for p in proc.stdout.strip().split("."))
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return ()


def interpreter_options(gs: str) -> list[str]:
    """Ghostscript 10.00/10.01's new PDF interpreter drops the fonts' ToUnicode maps
    (text of the PDF/A is then not searchable: "patiënten" extracts as "patinten");
    their legacy interpreter keeps them. Later versions no longer have the switch."""
    version = gs_version(gs)
    if version[:1] == (10,) and version[1:2] in ((0,), (1,)):
        return ["-dNEWPDF=false"]
    return []


def _last_line(log: str) -> str:
    lines = [ln.strip() for ln in log.splitlines() if ln.strip()]
    return lines[-1][:200] if lines else ""
