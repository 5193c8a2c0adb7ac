"""kiosk.log.setup may run more than once (self-test, shot, the app): it replaces its own
handlers, and only its own."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import log


@pytest.fixture
def root() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def ours(root: logging.Logger) -> list[str | None]:
    return sorted(
        h.get_name() for h in root.handlers if h.get_name() in (log.CONSOLE, log.LOG_FILE)
    )


def test_a_second_setup_replaces_its_handlers_and_keeps_the_others(root, tmp_path: Path) -> None:
    other = logging.NullHandler()
    root.addHandler(other)
    path = log.setup(tmp_path)
    assert path == tmp_path / "logs" / "kiosk.log"
    assert ours(root) == [log.CONSOLE, log.LOG_FILE]
    log.setup(None, logging.WARNING)
    assert ours(root) == [log.CONSOLE]
    assert other in root.handlers
    assert root.level == logging.WARNING


def test_the_log_file_receives_records(root, tmp_path: Path) -> None:
    path = log.setup(tmp_path)
    assert path is not None
    logging.getLogger("kiosk.test").warning("a line for the file")
    for handler in root.handlers:
        handler.flush()
    assert "WARNING kiosk.test: a line for the file" in path.read_text(encoding="utf-8")


def test_every_record_is_one_line_whatever_it_quotes(root, tmp_path: Path) -> None:
    """C0 and C1 controls, DEL and bidi overrides are written as escapes; an exception's own
    newlines stay, indented, so a line at the margin is always the start of a record."""
    path = log.setup(tmp_path)
    assert path is not None
    logger = logging.getLogger("kiosk.test")
    logger.warning("name %s", "a\x1b[31mb\x9bc\x7fd\u202ee\u2066f\r\ng")
    try:
        raise ValueError("first\n2026-01-01 00:00:00,000 ERROR kiosk: forged")
    except ValueError:
        logger.exception("it failed")
    for handler in root.handlers:
        handler.flush()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(
        "WARNING kiosk.test: name a\\x1b[31mb\\x9bc\\x7fd\\u202ee\\u2066f\\r\\ng"
    )
    assert lines[1].endswith("ERROR kiosk.test: it failed")
    assert all(line.startswith("  ") for line in lines[2:]), lines
    assert "  2026-01-01 00:00:00,000 ERROR kiosk: forged" in lines
