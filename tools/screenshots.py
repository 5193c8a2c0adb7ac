"""Render the docs' screenshots with ``kiosk shot``: every poster at 1920×1080 and 1080×1920,
the home, overview, help and About screens, the visitor's display settings (larger text, high
contrast, reach mode), the fishbowl's public view, and home, a poster, the quotes, the help
and the fishbowl in French and Spanish."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk import paths
from kiosk.content.loader import load_gallery

SIZES = ["1920x1080", "1080x1920"]


def main(out: str = "docs/screenshots") -> int:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    gallery = load_gallery(paths.default_content_dir(), paths.assets_dir()).gallery
    jobs = [("home", None), ("overview", None), ("help", None), ("about", None), ("quotes", None)]
    jobs += [("poster", p.id) for p in gallery.posters]
    for size in SIZES:
        for screen, poster in jobs:
            name = f"{poster or screen}-{size}.png"
            cmd = [
                sys.executable,
                "-m",
                "kiosk",
                "shot",
                "--screen",
                screen,
                "--size",
                size,
                str(folder / name),
            ]
            if poster:
                cmd[4:4] = ["--poster", poster]
            if subprocess.run(cmd, check=False).returncode:
                return 1
    # the visitor's display settings: the card, larger text, high contrast, reach mode
    visitor = [
        ("settings-1920x1080.png", "settings", "1920x1080", []),
        ("larger-text-poster-1920x1080.png", "poster", "1920x1080", ["--text-size", "2"]),
        ("larger-text-home-1080x1920.png", "home", "1080x1920", ["--text-size", "2"]),
        ("high-contrast-home-1920x1080.png", "home", "1920x1080", ["--high-contrast"]),
        ("high-contrast-poster-1080x1920.png", "poster", "1080x1920", ["--high-contrast"]),
        ("reach-home-1080x1920.png", "home", "1080x1920", ["--reach"]),
        ("reach-poster-1080x1920.png", "poster", "1080x1920", ["--reach"]),
    ]
    for name, screen, size, extra in visitor:
        cmd = [sys.executable, "-m", "kiosk", "shot", "--screen", screen, "--size", size]
        if screen in ("poster", "settings"):
            cmd += ["--poster", "montreal-technopole-angus"]
        if subprocess.run([*cmd, *extra, str(folder / name)], check=False).returncode:
            return 1
    for state in ("normal", "warning", "overtime", "room", "finished"):
        name = f"fishbowl-{state}-1920x1080.png"
        cmd = [
            sys.executable,
            "-m",
            "kiosk",
            "shot",
            "--screen",
            "fishbowl",
            "--state",
            state,
            "--size",
            "1920x1080",
            str(folder / name),
        ]
        if subprocess.run(cmd, check=False).returncode:
            return 1
    for state in ("normal", "warning"):  # the presenter's console (kiosk present) with notes
        name = f"console-{state}-1920x1080.png"
        cmd = [sys.executable, "-m", "kiosk", "shot", "--screen", "console", "--state", state]
        cmd += ["--poster", "montreal-technopole-angus", "--size", "1920x1080", str(folder / name)]
        if subprocess.run(cmd, check=False).returncode:
            return 1
    cmd = [sys.executable, "-m", "kiosk", "shot", "--screen", "console", "--remote"]
    cmd += ["--poster", "montreal-technopole-angus", str(folder / "console-remote-1920x1080.png")]
    if subprocess.run(cmd, check=False).returncode:
        return 1
    return language_shots(folder)


LANGUAGE_SHOTS = [
    ("home", []),
    ("poster", ["--poster", "montreal-technopole-angus"]),
    ("quotes", []),
    ("help", ["--poster", "montreal-technopole-angus"]),
    ("fishbowl", ["--state", "room"]),
]


def language_shots(folder: Path, content: str | None = None) -> int:
    """Home, a poster, the quotes, the help and the fishbowl in French and Spanish at
    1920x1080: ``home-fr-1920x1080.png``..."""
    for lang in ("fr", "es"):
        for screen, extra in LANGUAGE_SHOTS:
            cmd = [sys.executable, "-m", "kiosk", "shot", "--screen", screen, "--lang", lang]
            if content:
                cmd += ["--content", content]
            name = f"{screen}-{lang}-1920x1080.png"
            if subprocess.run([*cmd, *extra, str(folder / name)], check=False).returncode:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
