"""The catalogue is the only source of prose: no text literal in Qt's text calls in gui/,
no prose literal in the report, the exports, the command line and the engine (apart from
an explicit allowlist of what is not prose), no switch between Dutch and English literals.
Split from ``test_catalogue`` (same helpers)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from ber.texts.catalogue import LANGS
from tests.core.test_catalogue import KEYS, REPO, _docstrings, _sources, _tree

QT_TEXT_CALLS = {
    "setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "setStatusTip", "setWhatsThis",
    "setAccessibleName", "setAccessibleDescription", "addItem", "addItems", "insertItem",
    "setHeaderLabels", "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setTitle",
    "setTabText", "addTab", "insertTab", "addAction", "addMenu", "setLabelText", "showMessage",
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QToolButton",
    "QMenu", "QMessageBox", "information", "warning", "critical", "question", "about",
    "setInformativeText", "setDetailedText", "setSuffix", "setPrefix", "setSpecialValueText",
    "getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory", "addRow",
    "addButton", "setButtonText", "getText", "getItem", "setCancelButtonText", "setNameFilter",
    "setHtml", "setMarkdown", "setPlainText", "setWindowIconText",
}  # fmt: skip
#: calls with data arguments besides the text (addItem(text, userData))
DATA_SECOND = {"addItem", "insertItem"}
#: literals that may appear in a Qt text call: not prose, or deliberately the same in every language
QT_ALLOWED = {
    "<!DOCTYPE html>",  # the accessible HTML report's doctype
    "Nederlands",  # the language choice names each language in itself
    "English",
    "[*] – BER-desk",  # the window title: file name + modified marker + program name
}
WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")


def _qt_text_literals(path: Path) -> Iterator[tuple[int, str]]:
    for node in ast.walk(_tree(path)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name not in QT_TEXT_CALLS:
            continue
        args = list(node.args)
        if name in DATA_SECOND:
            # addItem([icon,] text, userData) and insertItem(index, [icon,] text, userData)
            texts = [a for a in args if isinstance(a, ast.Constant | ast.JoinedStr | ast.Call)]
            args = texts[:1] if name == "addItem" else args[1:2]
        for arg in [*args, *(k.value for k in node.keywords)]:
            parts: list[str] = []
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                parts = [arg.value]
            elif isinstance(arg, ast.JoinedStr):
                parts = ["".join(v.value if isinstance(v, ast.Constant) else "" for v in arg.values)]
            elif isinstance(arg, ast.List | ast.Tuple):
                parts = [
                    e.value for e in arg.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                ]
            for part in parts:
                if WORD.search(part) and part.strip() not in QT_ALLOWED:
                    yield node.lineno, part


def test_no_text_literal_in_qt_calls() -> None:
    found = [
        f"{path.relative_to(REPO)}:{line}: {value!r}"
        for path in _sources("gui")
        for line, value in _qt_text_literals(path)
    ]
    assert found == []


def test_the_qt_scan_finds_literals() -> None:
    """The scan can fail: a setText("Opslaan") is found."""
    sample = REPO / "tests" / "core" / "_qt_sample.py"
    sample.write_text('label.setText("Opslaan")\nbox.addItem("Optie", "key")\n', encoding="utf-8")
    try:
        assert [v for _, v in _qt_text_literals(sample)] == ["Opslaan", "Optie"]
    finally:
        sample.unlink()


#: two words in a row, or one capitalised word (a header such as "Status"): prose
PROSE = re.compile(r"[A-Za-zÀ-ÿ]{2,} +[A-Za-zÀ-ÿ]{2,}|^[A-Z][a-zà-ÿ]{2,}:?$")
#: literals in the report, the exports and the CLI that look like prose but are not shown as text
PROSE_ALLOWED = {
    "municipality code",  # column headers the capacity import recognises (input, not output)
    "municipality name",
    "PDF/A processing aborted",  # ghostscript's own log line we look for
    "; case sha256 ",  # workbook metadata for tools, not shown in the sheets
    "Polygon",  # GeoJSON geometry types
    "Point",
    "None",  # a missing value as pandas/GDAL spell it
    "Body",  # reportlab paragraph style names
    "Cell",
    "Title",
    "Subtitle",
    "Small",
    "Note",
    "<!DOCTYPE html>",  # the accessible HTML report's doctype
    "Nederlands",  # the language choice names each language in itself
    "English",
    "triangular(low, central, high) per uncertain value, independent draws",  # result JSON, for tools
    "EPSG:28992 (RD New), EPSG:4326 (WGS84)",  # names of coordinate systems
    "; It might help",  # GDAL's hint, cut from its error message
    "the file",  # replaces a path inside GDAL's (English) error message
    "start zoomed to the region",  # --help of gui/map_demo.py, a developer's demo script
    "save a PNG of the window and exit",
    "Multi",  # the prefix of OGC multi-geometry type names (MultiPolygon)
    "GUI thread",  # where an unexpected exception happened, for the log file
}
PROSE_FILES = (
    "ber/engine",
    "ber/geodata",
    "ber/case/validate.py",
    "ber/register/records.py",
    "ber/report",
    "ber/io/excel.py",
    "ber/io/capacity.py",
    "ber/cli",
    "ber/register/export.py",
    "ber/geodata/compare.py",
    "ber/maplayer",
    "gui",
)


def _prose_literals(path: Path) -> Iterator[tuple[int, str]]:
    tree = _tree(path)
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        # log lines and exceptions for developers are not the interface's text
        # (user-facing problems are ber.texts.messages codes); __all__ lists names
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            skip |= {id(n) for n in ast.walk(node.value)}
        elif isinstance(node, ast.Raise) or (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("debug", "info", "warning", "error", "exception")
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in ("log", "logger", "logging", "LOG")
        ):
            skip |= {id(n) for n in ast.walk(node)}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and PROSE.search(node.value)
            and node.value not in PROSE_ALLOWED
            and f"label.unit.{node.value}" not in KEYS  # a unit key, looked up in the catalogue
            and not _technical(node.value)
        ):
            yield node.lineno, node.value


def _technical(value: str) -> bool:
    """PostScript, CSS, regular expressions and matplotlib settings are not prose."""
    if value.startswith("^") and value.endswith("$"):
        return True  # a pattern, e.g. of argparse's own messages (ber.cli.ARGPARSE_MESSAGES)
    return bool(
        re.search(r"pdfmark|border:|solid #|^(upper|lower) (left|right)$|^window shown after $", value)
    )


def test_no_prose_literal_outside_the_catalogue() -> None:
    found = [
        f"{path.relative_to(REPO)}:{line}: {value[:60]!r}"
        for path in _sources(*PROSE_FILES)
        for line, value in _prose_literals(path)
    ]
    assert found == []


def _is_language_test(test: ast.expr) -> bool:
    """``lang == "nl"``, or a name ``nl`` (as in ``nl = lang == "nl"``)."""
    if isinstance(test, ast.Name):
        return test.id in LANGS
    return isinstance(test, ast.Compare) and any(
        isinstance(c, ast.Constant) and c.value in LANGS for c in test.comparators
    )


def test_no_language_switch_in_code() -> None:
    """No 'x if lang == "nl" else y' pairs of literal texts: such a pair is a catalogue key."""
    found = []
    for path in _sources("ber", "gui"):
        for node in ast.walk(_tree(path)):
            if (
                isinstance(node, ast.IfExp)
                and isinstance(node.body, ast.Constant)
                and isinstance(node.orelse, ast.Constant)
                and isinstance(node.body.value, str)
                and WORD.search(node.body.value)
                and not re.fullmatch(r"[\w.-]+\.\w+|nl|en", node.body.value)  # file names, codes
                and _is_language_test(node.test)
            ):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert found == []


# --------------------------------------------------------------------------- titles

#: calls whose title is their second argument (parent first)
