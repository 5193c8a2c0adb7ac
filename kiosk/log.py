"""Logging to stderr and to a file in the app-data folder; Qt's own messages go there too.

Every line is escaped on its way out (:class:`SafeFormatter`): messages quote what content files
hold (file names, keys, values, Qt quoting an SVG's embedded picture), and a name with an escape
sequence or a newline must neither repaint the terminal nor start a line that looks like a
record of its own."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from kiosk.content.errors import one_line

MAX_RECORD = 2000  # characters of one record's message; the middle of a longer one is cut
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# the names of the handlers setup() adds, so that a second call replaces them and nobody else's
CONSOLE, LOG_FILE = "kiosk.console", "kiosk.file"


class SafeFormatter(logging.Formatter):
    """A formatter whose every record is one line, control characters written as escapes
    (``\\x1b``, ``\\n``), long ``data:`` URIs summarised and a huge message cut. A traceback keeps
    its lines, each escaped and indented, so a line that starts at the margin is always the
    start of a real record."""

    def format(self, record: logging.LogRecord) -> str:
        """As logging's, but never with a traceback text another handler's formatter cached on
        the record (unescaped): this formatter's own is made, and the cache left as it was."""
        cached = record.exc_text
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        record.message = one_line(record.message, MAX_RECORD)
        return super().formatMessage(record)

    def formatException(self, ei: object) -> str:  # noqa: N802 - logging's name
        return _indented(super().formatException(ei))  # type: ignore[arg-type]

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging's name
        return _indented(super().formatStack(stack_info))


def _indented(text: str) -> str:
    return "\n".join("  " + one_line(line, MAX_RECORD) for line in text.splitlines())


def setup(data_dir: Path | None, level: int = logging.INFO) -> Path | None:
    """Configure the root logger once; returns the log file's path (None: stderr only)."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if handler.get_name() in (CONSOLE, LOG_FILE):
            root.removeHandler(handler)
            handler.close()
    console = logging.StreamHandler()
    console.setFormatter(SafeFormatter("%(levelname)s %(name)s: %(message)s"))
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
            handler.setFormatter(SafeFormatter(FORMAT))
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
