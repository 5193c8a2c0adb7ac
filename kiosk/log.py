"""Logging to stderr and to a file in the app-data folder; Qt's own messages go there too."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# the names of the handlers setup() adds, so that a second call replaces them and nobody else's
CONSOLE, LOG_FILE = "kiosk.console", "kiosk.file"


def setup(data_dir: Path | None, level: int = logging.INFO) -> Path | None:
    """Configure the root logger once; returns the log file's path (None: stderr only)."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if handler.get_name() in (CONSOLE, LOG_FILE):
            root.removeHandler(handler)
            handler.close()
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    console.set_name(CONSOLE)
    root.addHandler(console)
    path = None
    if data_dir is not None:
        try:
            logs = data_dir / "logs"
            logs.mkdir(parents=True, exist_ok=True)
            path = logs / "kiosk.log"
            handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=2 * 1024 * 1024, backupCount=3, encoding="utf-8"
            )
            handler.setFormatter(logging.Formatter(FORMAT))
            handler.set_name(LOG_FILE)
            root.addHandler(handler)
        except OSError as exc:
            logging.getLogger(__name__).warning("no log file: %s", exc)
            path = None
    return path


def route_qt_messages() -> None:
    """Send qDebug/qWarning/... into the log instead of stderr alone."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        qt_log.log(levels.get(mode, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)
