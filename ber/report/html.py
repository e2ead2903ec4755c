"""The accessible HTML version of the report: the same story as the PDF, as semantic HTML.

ReportLab (open-source edition) writes no structure tags, so its PDF is not PDF/UA
(see docs/report.md). This module walks the very flowables the PDF is built from and
writes them as HTML: ``lang`` on the document, chapter headings as ``h2``/``h3``,
tables with header cells (``th scope="col"``, and ``scope="row"`` for key/value
tables), numbered and bulleted lists, and charts and the map as inline SVG with
``role="img"`` and a text alternative that says what they show.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from ber.io.paths import templates_dir
from ber.report.data import ReportData

#: markup ReportLab paragraphs may hold that HTML keeps (everything else is dropped)
_KEEP = re.compile(r"</?(b|i|br/?)>")
_TAG = re.compile(r"<[^>]+>")


def _tag(tag: str, **attrs: str) -> str:
    """An opening tag; attribute values are escaped."""
    return "<" + tag + "".join(f' {k}="{escape(v, quote=True)}"' for k, v in attrs.items()) + ">"


def _inline(markup: str) -> str:
    """Paragraph markup as HTML text: already escaped by the report, only b/i/br kept."""
    out = []
    pos = 0
    for m in _TAG.finditer(markup):
        out.append(markup[pos : m.start()])
        if _KEEP.fullmatch(m.group(0)):
            out.append(m.group(0).replace("<br>", "<br/>"))
        pos = m.end()
    out.append(markup[pos:])
    return "".join(out).replace("\u00ad", "")


def _cell(value: Any) -> str:
    if isinstance(value, str):
        return escape(value)
    if hasattr(value, "text") and hasattr(value, "style"):  # a Paragraph
        return _inline(value.text)
    if isinstance(value, list | tuple):
        return " ".join(_cell(v) for v in value)
    alt = getattr(value, "_ber_alt", None)
    return escape(alt) if alt else ""


def _table(t: Any) -> str:
    rows = t._cellvalues
    head = int(getattr(t, "repeatRows", 0) or 0)
    out = ["<table>"]
    if head:
        out.append("<thead>")
        for row in rows[:head]:
            out.append("<tr>" + "".join(_tag("th", scope="col") + _cell(c) + "</th>" for c in row) + "</tr>")
        out.append("</thead>")
    out.append("<tbody>")
    for row in rows[head:]:
        cells = []
        for i, c in enumerate(row):
            # the first column names the row (municipality, domain, key)
            cells.append(_tag("th", scope="row") + _cell(c) + "</th>" if i == 0 else f"<td>{_cell(c)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _figure(d: Any) -> str:
    alt = getattr(d, "_ber_alt", "") or ""
    svg = ""
    try:
        from reportlab.graphics import renderSVG

        svg = renderSVG.drawToString(d)
        svg = svg[svg.index("<svg") :]
        svg = svg.replace("<svg", _tag("svg", role="img", **{"aria-label": alt})[:-1], 1)
    except Exception:  # a drawing SVG cannot render still has its text alternative
        svg = ""
    return f"<figure>{svg}<figcaption>{escape(alt)}</figcaption></figure>"


def _walk(flowables: list[Any], data: ReportData, out: list[str]) -> None:
    from reportlab.graphics.shapes import Drawing
    from reportlab.platypus import KeepTogether, ListFlowable, Paragraph, Table

    st = data.st
    for f in flowables:
        if isinstance(f, KeepTogether):
            _walk(list(f._content), data, out)
        elif isinstance(f, Paragraph):
            toc = getattr(f, "_ber_toc", None)
            style = f.style.name
            text = _inline(f.text)
            if toc is not None:
                level = toc[0] + 1
                out.append(f"<h{level}>{text}</h{level}>")
            elif style in (st.h2.name, st.h2_flow.name):
                out.append(f"<h3>{text}</h3>")
            elif style == st.title.name:
                out.append(f"<h1>{text}</h1>")
            elif style == st.note.name:
                out.append(_tag("p", **{"class": "note"}) + text + "</p>")
            elif style == st.small.name:
                out.append(_tag("p", **{"class": "small"}) + text + "</p>")
            elif text == escape(data.tx("toc.title")):
                continue  # the table of contents: the headings themselves are the outline
            else:
                out.append(f"<p>{text}</p>")
        elif isinstance(f, Table):
            out.append(_table(f))
        elif isinstance(f, ListFlowable):
            tag = "ol" if getattr(f, "_bulletType", "1") == "1" else "ul"
            items = []
            for item in f._flowables:
                inner: list[str] = []
                _walk(list(getattr(item, "_flowables", [item])), data, inner)
                items.append("<li>" + "".join(re.sub(r"^<p>|</p>$", "", x) for x in inner) + "</li>")
            out.append(f"<{tag}>" + "".join(items) + f"</{tag}>")
        elif isinstance(f, Drawing):
            out.append(_figure(f))
        # Spacer, PageBreak, the logo (decorative), the table of contents: nothing to say


def story_html(data: ReportData, story: list[Any]) -> str:
    """The whole report as one self-contained HTML document."""
    from ber.report.build import PDF_LANG

    body: list[str] = []
    _walk(story, data, body)
    title = escape(f"{data.tx('doc.title')}: {data.case.business.name}")
    css = (templates_dir() / "report.css").read_text(encoding="utf-8")
    head = [
        _tag("meta", charset="utf-8"),
        _tag("meta", name="viewport", content="width=device-width, initial-scale=1"),
        f"<title>{title}</title>",
        f"<style>{css}</style>",
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            _tag("html", lang=PDF_LANG[data.lang]),
            "<head>",
            *head,
            "</head>",
            "<body>",
            "<main>",
            *body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )
