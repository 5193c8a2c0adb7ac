"""Generate the fishbowl timer's chimes (assets/sounds/*.wav) from code, so the project owns them.

Run ``python -m tools.make_sounds [OUT_DIR]``. The sounds are synthesised with the standard
library only (``wave``, ``math``, ``struct``): a few sine partials per note under an exponential
decay, so they sound like a soft bell rather than a beep. Every note opens with a 5 ms fade-in and
the file closes with a short fade-out, so nothing clicks; the mix is normalised to about −6 dBFS,
loud enough across a room without clipping on any output. The output is deterministic: running
the script again gives the same samples.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

RATE = 44_100  # Hz
PEAK_DBFS = -6.0
FADE_IN = 0.005  # s, at the start of every note
FADE_OUT = 0.080  # s, at the end of the file
FULL_SCALE = 32767

# (frequency ratio, amplitude) of a soft bell: mostly the fundamental, a little brightness on top
PARTIALS: tuple[tuple[float, float], ...] = ((1.0, 1.0), (2.0, 0.30), (3.0, 0.10), (4.16, 0.04))


@dataclass(frozen=True)
class Note:
    """One struck tone: when it starts, its pitch, its loudness, how fast it dies away."""

    start: float  # s from the start of the file
    freq: float  # Hz of the fundamental
    gain: float = 1.0
    decay: float = 0.30  # s, time constant of the exponential envelope


@dataclass(frozen=True)
class Chime:
    name: str
    duration: float  # s
    notes: tuple[Note, ...]
    description: str


CHIMES: tuple[Chime, ...] = (
    Chime(
        "chime-warning.wav",
        0.8,
        (
            Note(0.00, 783.99, 1.0, 0.22),  # G5
            Note(0.26, 659.25, 0.9, 0.28),
        ),  # E5
        "warning: a soft two-tone chime (G5, E5), the turn is nearly over",
    ),
    Chime(
        "chime-end.wav",
        1.2,
        (
            Note(0.00, 880.00, 1.0, 0.24),  # A5
            Note(0.28, 698.46, 0.95, 0.26),  # F5
            Note(0.56, 587.33, 0.95, 0.38),
        ),  # D5
        "end: a three-tone descending chime (A5, F5, D5), the turn's time is up",
    ),
)


def render(chime: Chime, rate: int = RATE) -> list[int]:
    """The chime as 16-bit samples, peak at PEAK_DBFS."""
    count = round(chime.duration * rate)
    mix = [0.0] * count
    for note in chime.notes:
        first = round(note.start * rate)
        for i in range(first, count):
            t = (i - first) / rate
            attack = min(1.0, t / FADE_IN)
            value = 0.0
            for ratio, amp in PARTIALS:
                # higher partials die away sooner, as on a real bell
                envelope = math.exp(-t / (note.decay / math.sqrt(ratio)))
                value += amp * envelope * math.sin(2 * math.pi * note.freq * ratio * t)
            mix[i] += note.gain * attack * value
    fade = round(FADE_OUT * rate)
    for k in range(fade):  # raised-cosine fade to silence: the file ends without a click
        mix[count - fade + k] *= 0.5 * (1 + math.cos(math.pi * (k + 1) / fade))
    peak = max(abs(v) for v in mix) or 1.0
    scale = FULL_SCALE * 10 ** (PEAK_DBFS / 20) / peak
    return [round(v * scale) for v in mix]


def write_wav(path: Path, samples: list[int], rate: int = RATE) -> None:
    """44.1 kHz, 16-bit, mono PCM: what every audio backend plays."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))


def main(out: str | None = None) -> int:
    from kiosk import paths

    folder = Path(out) if out else paths.assets_dir() / "sounds"
    folder.mkdir(parents=True, exist_ok=True)
    for chime in CHIMES:
        samples = render(chime)
        path = folder / chime.name
        write_wav(path, samples)
        peak = max(abs(s) for s in samples)
        print(
            f"{path}: {len(samples) / RATE:.2f} s, peak {20 * math.log10(peak / FULL_SCALE):.1f}"
            f" dBFS, {path.stat().st_size // 1024} KB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
