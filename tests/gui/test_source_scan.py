"""PySide6 reads every module imported after it to see whether it mentions "PySide6"; through
``inspect.getsource`` that kept each file's text in ``linecache`` for good (kiosk/ui/memory.py
``skip_source_scan``). The same answer now comes from the file read once."""

from __future__ import annotations

import importlib
import linecache
import sys
from pathlib import Path

from kiosk.ui import memory


def test_imported_modules_are_judged_the_same_and_their_text_is_not_kept(
    tmp_path: Path, monkeypatch
) -> None:
    assert memory.skip_source_scan()  # this PySide6 has the scan (6.x): the fix applies
    assert memory.skip_source_scan()  # twice is once
    feature = sys.modules["shibokensupport.feature"]
    (tmp_path / "kiosk_scan_uses.py").write_text("from PySide6 import QtCore\nX = 1\n")
    (tmp_path / "kiosk_scan_plain.py").write_text("import json\nY = 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("kiosk_scan_uses", "kiosk_scan_plain"):
        monkeypatch.delitem(sys.modules, name, raising=False)
        __import__(name)  # the import statement's way, which PySide hooks
    # PySide's own answer for each: 0, switchable (it uses PySide6); -1, left alone
    assert feature.pyside_feature_dict["kiosk_scan_uses"] == 0
    assert feature.pyside_feature_dict["kiosk_scan_plain"] == -1
    kept = {Path(f).name for f in linecache.cache}
    assert "kiosk_scan_uses.py" not in kept and "kiosk_scan_plain.py" not in kept
    # and a module without a source file is not one that uses PySide6
    assert feature._mod_uses_pyside(sys) is False
    assert feature._mod_uses_pyside(importlib.import_module("_json")) is False
