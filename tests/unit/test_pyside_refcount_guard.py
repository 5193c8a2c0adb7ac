"""Guard for PITFALLS.md §1: PySide6 6.12.0 releases one reference too many to True and None on
every signal emit and void call, which aborts CPython 3.10/3.11 within minutes. Lift the pin in
pyproject.toml only when a new release passes this."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class _Emitter(QObject):
    ticked = Signal(bool)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="immortal True/None mask the bug on 3.12+")
def test_emits_and_void_calls_keep_refcounts(qapp) -> None:
    emitter = _Emitter()
    seen = []
    emitter.ticked.connect(seen.append)
    label = QLabel()
    before_true, before_none = sys.getrefcount(True), sys.getrefcount(None)
    for i in range(500):
        emitter.ticked.emit(True)
        label.setText(str(i))
    seen.clear()
    assert sys.getrefcount(True) >= before_true
    assert sys.getrefcount(None) >= before_none
