"""``ber-desk FILE`` (and so a double-click on a .ber file, ``Exec=ber-desk %f``) opens that case."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_a_case_given_on_the_command_line_is_opened(qtbot: Any, tmp_path: Path) -> None:
    from ber.case.demo import demo_case
    from ber.case.model import save_case
    from gui.app import build_window

    case = demo_case()
    case = case.copy_with(
        business=case.business.model_copy(update={"name": "Dubbelklik B.V.", "jobs": 432.0})
    )
    path = tmp_path / "dubbel klik.ber"
    save_case(case, path)
    window = build_window("nl", path)
    qtbot.addWidget(window)
    assert window.state.path == path
    assert window.state.case.business.name == "Dubbelklik B.V."
    assert window.state.case.business.jobs == 432
    assert not window.state.dirty
    window.close()
