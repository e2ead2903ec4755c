"""Opening a register of revision 0003 in the register window converts it to the compact
store (revision 0004) and shows the conversion's progress in the window's status line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ber.case.demo import demo_case
from ber.engine.assess import Context, assess
from ber.register import Register
from ber.register import db as regdb
from tests.core.test_register_compact import _cases, _register_0003


def test_old_register_is_converted_with_progress_in_the_status_line(qtbot: Any, tmp_path: Path) -> None:
    from gui.register_view import RegisterView

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    _register_0003(url, _cases()[:2])
    case = demo_case()
    result = assess(case, Context.default())
    view = RegisterView(lambda: case, lambda: result, officer="A", url=url)
    qtbot.addWidget(view)
    shown: list[str] = []
    original = view.status_label.setText
    view.status_label.setText = lambda text: (shown.append(text), original(text))  # type: ignore[method-assign]
    view.show()
    qtbot.waitUntil(lambda: view.busy == 0 and view.model.rowCount() == 2, timeout=20_000)
    assert "Register omzetten naar de compacte opslag: 2 van 2 zaken" in shown
    with Register.open(url) as reg, reg.engine.connect() as conn:
        assert regdb.current_revision(conn) == regdb.head_revision() >= "0004"
        assert {s.reference for s in reg.list()} == {"OLD-0", "OLD-1"}
    view.close()
