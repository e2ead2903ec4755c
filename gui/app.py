"""Start the desktop application: ``ber-desk`` (console script) or ``python main.py``.

Options: ``--lang nl|en`` (overrides the preference for this run), ``FILE`` (a
``.ber`` case or a report PDF to open), ``--version`` (print the version and exit,
without a window), ``--benchmark-startup`` (exit as soon as the window is shown; used
by ``bench/bench_startup.py``). ``BER_DESK_BENCH_STARTUP=1`` does the same as the flag.

What the window starts with: the autosaved case after a crash (when the user accepts),
else ``FILE``, else the case that was open when the window was last closed (when it
can still be read), else a new case at the home municipality of the preferences, else
(first start, no home municipality chosen yet) the built-in demo.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow

START = time.perf_counter()


def build_window(lang: str | None = None, file: Path | None = None) -> MainWindow:
    """Create (not show) the main window, with recovery offer and the optional file opened."""
    from PySide6.QtCore import QLocale, QTimer

    from ber.reference.data import load_reference
    from gui.main_window import MainWindow
    from gui.settings import load_preferences
    from gui.texts import set_language, tr
    from gui.workers import setup_logging

    prefs = load_preferences()
    set_language(lang or prefs.language)
    # spin boxes show numbers the Dutch way (1.234,5) in Dutch, the English way otherwise
    if (lang or prefs.language) == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    setup_logging()
    ref = load_reference()
    window = MainWindow(ref, prefs)
    documents = window.documents
    recovered = documents.start_session_marker()
    last = Path(prefs.last_case) if prefs.last_case else None
    if recovered is not None:
        documents.restore(recovered)
        window.statusBar().showMessage(tr("recover.done"), 8000)
    elif file is not None:
        documents.open_path(file, ask=False)
    elif last is not None and last.is_file() and documents.open_path(last, ask=False):
        pass  # the case of the last session
    elif prefs.home_municipality:
        window.start_at_home()
    QTimer.singleShot(0, window.map_region.load_map_data)
    return window


def install_qt_translations(app: QApplication, lang: str | None) -> list[object]:
    """Qt's own texts (standard buttons, the file dialog's "Zoeken in:") in the chosen language.

    Loads ``qtbase_<lang>.qm`` that PySide6 ships in ``QLibraryInfo``'s translations
    folder, plus a fallback for the source texts Qt 6 gave a mnemonic after the Dutch
    file was made ("&Look in:" is only translated as "Look in:"). Returns the
    installed translators (a test removes them again).
    """
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from gui.settings import load_preferences

    chosen = lang or load_preferences().language
    if chosen != "nl":
        return []
    base = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not base.load(f"qtbase_{chosen}", folder):
        return []

    class MnemonicFallback(QTranslator):
        """Translate "&Look in:" as "&Zoeken in:" when only "Look in:" is in the catalogue."""

        def translate(
            self, context: str, source: str, disambiguation: str | None = None, n: int = -1
        ) -> str | None:
            # None is a null QString: Qt then asks the next translator; "" would be a translation
            if "&" not in source:
                return None
            found = base.translate(context, source.replace("&", ""), disambiguation, n)
            return f"&{found}" if found else None

        def isEmpty(self) -> bool:
            return False

    fallback = MnemonicFallback(app)
    app.installTranslator(base)
    app.installTranslator(fallback)
    return [base, fallback]


def _lang_args(argv: list[str]) -> list[str]:
    """The values given to --lang (``--lang en`` or ``--lang=en``)."""
    pairs = zip(argv, [*argv[1:], ""], strict=True)
    return [b if a == "--lang" else a.partition("--lang=")[2] for a, b in pairs if a.startswith("--lang")]


def main(argv: list[str] | None = None) -> int:
    from ber import __version__
    from ber.texts.catalogue import Lang, text

    given = sys.argv[1:] if argv is None else argv
    # --help is printed while parsing: take its language from the command line or BER_LANG
    help_lang: Lang = "en" if "en" in (os.environ.get("BER_LANG", "nl")[:2], *_lang_args(given)) else "nl"
    parser = argparse.ArgumentParser(prog="ber-desk", description="BER-desk")
    parser.add_argument("--version", action="version", version=f"ber-desk {__version__}")
    parser.add_argument("file", nargs="?", type=Path, help=text("gui.cli.file_help", help_lang))
    parser.add_argument("--lang", choices=("nl", "en"), help=text("gui.cli.lang_help", help_lang))
    parser.add_argument("--benchmark-startup", action="store_true", help=argparse.SUPPRESS)
    # --version above, and these, finish before any Qt object exists: no display needed
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument(
        "--install-desktop",
        action="store_true",
        help=text("gui.cli.install_desktop_help", help_lang),
    )
    desktop.add_argument(
        "--uninstall-desktop", action="store_true", help=text("gui.cli.uninstall_desktop_help", help_lang)
    )
    args = parser.parse_args(given)
    bench = args.benchmark_startup or os.environ.get("BER_DESK_BENCH_STARTUP") == "1"
    if args.install_desktop or args.uninstall_desktop:
        import ber.desktop  # menu entry, icons, MIME type: see ber/desktop/__init__.py

        return ber.desktop.main("install" if args.install_desktop else "uninstall", args.lang or "nl")

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from ber.desktop import APP_ID, icon_path

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("BER-desk")
    app.setOrganizationName("BER-desk")
    app.setApplicationDisplayName("BER-desk")
    app.setDesktopFileName(APP_ID)  # ties the window to ber-desk.desktop (taskbar icon on Wayland)
    app.setWindowIcon(QIcon(str(icon_path())))
    install_qt_translations(app, args.lang)
    window = build_window(args.lang, args.file)
    from gui.crash import install_crash_handler

    install_crash_handler(window, window.documents.autosave)  # log, autosave, tell the user
    window.show()
    if bench:

        def report() -> None:
            print(f"window shown after {time.perf_counter() - START:.3f} s", flush=True)
            window.documents.end_session_marker()
            app.exit(0)

        QTimer.singleShot(0, report)
    code = int(app.exec())
    from gui.workers import funnel

    funnel().shutdown()  # queued jobs are dropped; running ones were cancelled on close
    return code


if __name__ == "__main__":
    sys.exit(main())
