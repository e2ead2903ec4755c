"""The GUI's exception hook: an uncaught exception is logged, the case autosaved, the user told."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest


def _raise() -> None:
    raise RuntimeError("boom (test)")


def test_uncaught_exception_logs_autosaves_and_tells(make_window: Any, qtbot: Any, _user_data: Path) -> None:
    from gui.crash import install_crash_handler

    window = make_window()
    window.state.reset(window.state.case, None, dirty=True)  # unsaved changes
    handler = install_crash_handler(window, window.documents.autosave)
    try:
        assert sys.excepthook == handler.excepthook
        assert threading.excepthook == handler.thread_excepthook
        try:
            _raise()
        except RuntimeError:
            sys.excepthook(*sys.exc_info())  # type: ignore[misc, arg-type]
        qtbot.waitUntil(lambda: handler.box is not None and handler.box.isVisible(), timeout=5000)
        assert handler.box is not None
        text = handler.box.text()
        assert handler.log_path in text
        assert "RuntimeError" in text
        log_text = Path(handler.log_path).read_text("utf-8")
        assert "Traceback" in log_text and "boom (test)" in log_text and "_raise" in log_text
        autosave = _user_data / "autosave"
        assert any(p.suffix == ".ber" for p in autosave.iterdir()), list(autosave.iterdir())
        assert str(autosave) in text
        handler.box.close()
    finally:
        handler.uninstall()
    assert sys.excepthook != handler.excepthook


def test_exception_in_a_worker_thread_reaches_the_gui(make_window: Any, qtbot: Any) -> None:
    from gui.crash import install_crash_handler

    window = make_window()
    handler = install_crash_handler(window, window.documents.autosave)
    try:
        worker = threading.Thread(target=_raise, name="worker-test")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: handler.box is not None and handler.box.isVisible(), timeout=5000)
        assert handler.box is not None and "boom (test)" in handler.box.text()
        assert "thread worker-test" in Path(handler.log_path).read_text("utf-8")
        handler.box.close()
    finally:
        handler.uninstall()


def damaged_xlsx(tmp_path: Path) -> bytes:
    """A capacity workbook whose worksheet's deflate stream is damaged (zlib.error on reading)."""
    import zipfile

    from ber.io.capacity import write_capacity_xlsx

    good = tmp_path / "good.xlsx"
    write_capacity_xlsx(good, ["GM0983"], ["Venlo"], {"GM0983": {"care_gp": 5.0}})
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = next(i for i in zf.infolist() if i.filename.endswith("sheet1.xml"))
    data[info.header_offset + 30 + len(info.filename)] ^= 0xFF
    return bytes(data)


BARE_CR_CSV = b'gemeentecode;naam\r"GM0983\r";Venlo\n"x\ry";1\n'


@pytest.mark.parametrize("name", ["bare-cr.csv", "damaged.xlsx"])
def test_capacity_import_failure_is_a_message(
    make_window: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str
) -> None:
    content = BARE_CR_CSV if name.endswith(".csv") else damaged_xlsx(tmp_path)
    window = make_window()
    from gui.capacity_table import CapacityTableWidget

    table = window.findChild(CapacityTableWidget)
    assert table is not None
    shown: list[Any] = []
    monkeypatch.setattr(table, "_show_problems", lambda problems: shown.append(problems))
    path = tmp_path / name
    path.write_bytes(content)
    assert table.import_file(path) is False
    assert shown and shown[0][0].code == "file.unreadable", shown
