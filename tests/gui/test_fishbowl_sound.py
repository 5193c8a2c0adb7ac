"""The fishbowl chimes: the bundled WAV files, and a Chime that is silent (once, politely) where
it cannot play, mutes on request and loads nothing before it is needed."""

from __future__ import annotations

import enum
import logging
import math
import struct
import wave
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.ui.fishbowl import sound
from kiosk.ui.fishbowl.sound import SOUNDS, Chime
from tools import make_sounds

SOUND_DIR = paths.assets_dir() / "sounds"
LOGGER = "kiosk.ui.fishbowl.sound"
DURATIONS = {"chime-warning.wav": (0.6, 1.0), "chime-end.wav": (1.0, 1.5)}


def read_samples(path: Path) -> tuple[wave._wave_params, list[int]]:
    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        frames = w.readframes(params.nframes)
    return params, list(struct.unpack(f"<{len(frames) // 2}h", frames))


# --- the files --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(DURATIONS))
def test_wav_file_is_valid(name: str) -> None:
    path = SOUND_DIR / name
    assert path.is_file()
    assert path.stat().st_size < 150 * 1024
    params, samples = read_samples(path)
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 44_100)
    assert params.comptype == "NONE"
    low, high = DURATIONS[name]
    assert low <= params.nframes / params.framerate <= high
    peak = max(abs(s) for s in samples)
    peak_dbfs = 20 * math.log10(peak / 32767)
    assert -7.0 <= peak_dbfs <= -5.0  # about −6 dBFS, well below full scale
    # no click: it starts from silence and fades in over 5 ms, and ends in silence
    ms = params.framerate // 1000
    assert samples[0] == 0 and abs(samples[1]) < peak / 100
    assert max(abs(s) for s in samples[:ms]) < peak / 4
    assert max(abs(s) for s in samples[-20:]) < peak / 100


def test_the_two_chimes_differ() -> None:
    _, warning = read_samples(SOUND_DIR / "chime-warning.wav")
    _, end = read_samples(SOUND_DIR / "chime-end.wav")
    assert len(end) > len(warning)
    assert warning != end[: len(warning)]


def test_the_script_makes_the_bundled_files(tmp_path: Path, capsys) -> None:
    assert make_sounds.main(str(tmp_path)) == 0
    for name in DURATIONS:
        made_params, made = read_samples(tmp_path / name)
        bundled_params, bundled = read_samples(SOUND_DIR / name)
        assert made_params == bundled_params
        # identical but for the last bit a platform's libm might round differently
        assert max(abs(a - b) for a, b in zip(made, bundled, strict=True)) <= 1
    assert "chime-end.wav" in capsys.readouterr().out


def test_sound_names_match_the_files() -> None:
    assert sorted(SOUNDS.values()) == sorted(DURATIONS)
    readme = (SOUND_DIR / "README.md").read_text(encoding="utf-8")
    assert all(name in readme for name in DURATIONS) and "make_sounds" in readme


# --- a stand-in for QtMultimedia --------------------------------------------------------------
class FakeSignal:
    def __init__(self) -> None:
        self.slots: list = []

    def connect(self, slot) -> None:  # noqa: ANN001
        self.slots.append(slot)

    def emit(self) -> None:
        for slot in self.slots:
            slot()


class FakeEffect:
    class Status(enum.Enum):
        Null = 0
        Loading = 1
        Ready = 2
        Error = 3

    made: list[FakeEffect] = []

    def __init__(self, parent: object = None) -> None:
        self.parent = parent
        self.source = None
        self.volume = None
        self.plays = 0
        self.stops = 0
        self._status = self.Status.Ready
        self.statusChanged = FakeSignal()
        FakeEffect.made.append(self)

    def setSource(self, url) -> None:  # noqa: N802, ANN001
        self.source = url.toLocalFile()

    def setVolume(self, volume: float) -> None:  # noqa: N802
        self.volume = volume

    def status(self) -> FakeEffect.Status:
        return self._status

    def play(self) -> None:
        self.plays += 1

    def stop(self) -> None:
        self.stops += 1


class FakeDevices:
    outputs: list = []

    @classmethod
    def audioOutputs(cls) -> list:  # noqa: N802
        return cls.outputs


@pytest.fixture
def multimedia(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """QtMultimedia replaced: ``calls`` counts loads; set ``FakeDevices.outputs``."""
    calls: list[int] = []
    FakeEffect.made = []
    FakeDevices.outputs = []

    def load() -> tuple[type, type]:
        calls.append(1)
        return FakeEffect, FakeDevices

    monkeypatch.setattr(sound, "load_multimedia", load)
    return calls


def info_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno == logging.INFO
    ]


# --- the Chime --------------------------------------------------------------------------------
def test_no_audio_device_is_silent_and_says_so_once(multimedia, caplog) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    chime = Chime()
    assert chime.play("warning") is False
    assert chime.play("end") is False
    assert chime.play("warning") is False
    assert chime.available is False
    assert FakeEffect.made == []  # no sound effect is made without a device
    assert info_lines(caplog) == ["the fishbowl chime is silent: there is no audio output device"]
    assert chime.silent_reason == info_lines(caplog)[0]


def test_without_qtmultimedia_it_is_silent_and_says_so_once(monkeypatch, caplog) -> None:
    def missing() -> tuple[type, type]:
        raise ImportError("libpulse.so.0: cannot open shared object file")

    monkeypatch.setattr(sound, "load_multimedia", missing)
    caplog.set_level(logging.INFO, logger=LOGGER)
    chime = Chime()
    assert chime.play("end") is False and chime.play("warning") is False
    lines = info_lines(caplog)
    assert len(lines) == 1 and "QtMultimedia is not available" in lines[0]
    assert "libpulse" in lines[0]


def test_without_the_files_it_is_silent_and_says_so_once(multimedia, tmp_path, caplog) -> None:
    FakeDevices.outputs = ["speakers"]
    caplog.set_level(logging.INFO, logger=LOGGER)
    chime = Chime(folder=tmp_path)
    assert chime.play("warning") is False and chime.play("end") is False
    lines = info_lines(caplog)
    assert len(lines) == 1 and "no sound files" in lines[0] and str(tmp_path) in lines[0]
    assert FakeEffect.made == []


def test_one_missing_file_silences_only_that_chime(multimedia, tmp_path, caplog) -> None:
    FakeDevices.outputs = ["speakers"]
    (tmp_path / "chime-end.wav").write_bytes((SOUND_DIR / "chime-end.wav").read_bytes())
    caplog.set_level(logging.INFO, logger=LOGGER)
    chime = Chime(folder=tmp_path)
    assert chime.play("end") is True
    assert chime.play("warning") is False
    lines = info_lines(caplog)
    assert len(lines) == 1 and "chime-warning.wav is missing" in lines[0]


def test_nothing_is_loaded_before_the_first_chime(multimedia) -> None:
    FakeDevices.outputs = ["speakers"]
    chime = Chime()
    chime.set_muted(True)
    assert chime.play("warning") is False  # muted: not even a look for a device
    assert multimedia == [] and FakeEffect.made == []
    chime.set_muted(False)
    assert chime.play("warning") is True
    assert chime.play("end") is True
    assert len(multimedia) == 1 and len(FakeEffect.made) == 2


def test_plays_the_right_file(multimedia, caplog) -> None:
    FakeDevices.outputs = ["speakers"]
    caplog.set_level(logging.INFO, logger=LOGGER)
    chime = Chime()
    assert chime.available is True and chime.silent_reason is None
    by_file = {Path(e.source).name: e for e in FakeEffect.made}
    assert set(by_file) == set(SOUNDS.values())
    assert all(e.parent is chime and 0 < e.volume <= 1 for e in by_file.values())
    chime.play("end")
    chime.play("end")
    assert by_file["chime-end.wav"].plays == 2 and by_file["chime-warning.wav"].plays == 0
    assert info_lines(caplog) == []


def test_muting(qtbot, multimedia) -> None:
    FakeDevices.outputs = ["speakers"]
    chime = Chime(muted=True)
    assert chime.muted
    with qtbot.waitSignal(chime.muted_changed, timeout=1000) as blocker:
        chime.set_muted(False)
    assert blocker.args == [False] and not chime.muted
    assert chime.play("warning") is True
    effect = next(e for e in FakeEffect.made if e.source.endswith("chime-warning.wav"))
    with qtbot.assertNotEmitted(chime.muted_changed):
        chime.set_muted(False)  # no change, no signal
    chime.set_muted(True)
    assert chime.play("warning") is False
    assert effect.plays == 1


def test_a_file_the_backend_cannot_read_is_dropped_once(multimedia, caplog) -> None:
    FakeDevices.outputs = ["speakers"]
    caplog.set_level(logging.INFO, logger=LOGGER)
    chime = Chime()
    assert chime.available
    effect = next(e for e in FakeEffect.made if e.source.endswith("chime-end.wav"))
    effect._status = FakeEffect.Status.Error
    effect.statusChanged.emit()
    effect.statusChanged.emit()
    assert chime.play("end") is False and chime.play("warning") is True
    lines = info_lines(caplog)
    assert len(lines) == 1 and "end chime is silent" in lines[0]


def test_an_unknown_chime_is_a_bug() -> None:
    with pytest.raises(ValueError, match="unknown chime"):
        Chime().play("applause")


def test_on_this_machine_it_never_raises_or_warns(caplog) -> None:
    """The real QtMultimedia, whatever this machine has (no library, no device, or speakers).

    Only ``available`` is asked, so a developer's speakers stay quiet; any Qt warning that
    escaped would fail the test (qt_log_level_fail).
    """
    caplog.set_level(logging.INFO, logger=LOGGER)
    chime = Chime()
    available = chime.available
    assert chime.available is available
    lines = info_lines(caplog)
    if available:
        assert lines == []
    else:
        assert len(lines) == 1 and lines[0] == chime.silent_reason
        assert chime.play("warning") is False
        assert len(info_lines(caplog)) == 1
