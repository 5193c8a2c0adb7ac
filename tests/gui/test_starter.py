"""The starter gallery of ``kiosk new`` is a good example as well as a valid one: laid out on
the real screens at 1920x1080 and 1080x1920, ``kiosk doctor`` finds nothing (every poster's
title, tagline, picture and first key figure on its first screen; contrast; alt; reading)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kiosk.commands import new
from tests.gui.test_scale_and_cli import run_kiosk


@pytest.mark.parametrize("langs", ["en", "en,fr,es"])
def test_the_doctor_finds_nothing_in_the_starter(tmp_path: Path, langs: str) -> None:
    folder = tmp_path / "event"
    assert new.run(str(folder), langs, io.StringIO(), io.StringIO()) == 0
    proc = run_kiosk("doctor", str(folder))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.rstrip().endswith("3 posters, 2 quotes: no findings")
