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
