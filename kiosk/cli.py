"""Command-line parsing: ``kiosk [options]`` runs the gallery; subcommands do the rest."""

from __future__ import annotations

import argparse
import re

SIZE_RE = re.compile(r"^(\d{2,5})x(\d{2,5})$")


def _size(text: str) -> tuple[int, int]:
    m = SIZE_RE.match(text)
    if not m:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1920x1080")
    return int(m.group(1)), int(m.group(2))


def _add_content(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", metavar="DIR", help="the content folder (default: the shipped one)")


def _add_remote(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--remote",
        action="store_true",
        help="a phone remote on the local network: a QR code on the screen gives its address "
        "and a one-time token (off unless given)",
    )
    p.add_argument(
        "--remote-bind",
        metavar="ADDR",
        help="the address the remote listens on (default: this computer's LAN address; "
        "0.0.0.0 for every interface)",
    )
    p.add_argument(
        "--remote-port",
        type=int,
        metavar="N",
        help="the remote's port (default 8765, or a free one)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Poster gallery kiosk: full-screen posters, quotes and a fishbowl timer.",
    )
    _add_content(parser)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--windowed", action="store_true", help="open in a window")
    mode.add_argument("--fullscreen", action="store_true", help="open full screen")
    parser.add_argument("--screen", type=int, metavar="N", help="the screen to open on (0, 1, ...)")
    parser.add_argument("--poster", metavar="ID", help="start on this poster")
    parser.add_argument("--lang", metavar="CODE", help="the language to show")
    parser.add_argument(
        "--reduced-motion", action="store_true", help="change screens without animation"
    )
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help="unattended: locked full screen, reset on idle, attract loop",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="load the content, render every screen offscreen once, print a "
        "one-line JSON summary; exit 0 if all is well, 1 naming each "
        "failure",
    )
    parser.add_argument(
        "--licenses",
        action="store_true",
        help="list every part the app ships with its licence, and where the full texts are",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    val = sub.add_parser("validate", help="check a content folder and list every problem")
    val.add_argument(
        "content_dir",
        nargs="?",
        metavar="CONTENT_DIR",
        help="the folder to check (default: the content the app would load)",
    )
    val.add_argument(
        "--lang",
        metavar="CODE",
        dest="missing_lang",
        help="list every text that has no translation into this language (file:line: field)",
    )

    doc = sub.add_parser(
        "doctor",
        help="beyond validity: contrast, text alternatives, reading time, the posters' first "
        "screen and touch targets; one line per finding",
    )
    doc.add_argument(
        "content_dir",
        nargs="?",
        metavar="CONTENT_DIR",
        help="the folder to check (default: the content the app would load)",
    )

    pin = sub.add_parser(
        "set-pin",
        help="set the admin PIN (4 to 8 digits; asked twice, or read from standard input)",
    )
    pin.add_argument("pin", nargs="?", help=argparse.SUPPRESS)

    fish = sub.add_parser("fishbowl", help="the fishbowl discussion timer")
    _add_content(fish)
    fish.add_argument("--windowed", action="store_true", help="open in a window")
    fish.add_argument(
        "--public-screen",
        type=int,
        metavar="N",
        help="the public view full screen on screen N, the controls on another screen",
    )
    fish.add_argument("--lang", metavar="CODE", help="the facilitator's language")
    fish.add_argument(
        "--room-lang",
        metavar="CODE",
        help="the public view's language, when the room's differs (default: --lang)",
    )
    fish.add_argument("--reduced-motion", action="store_true", help="no pulsing")
    fish.add_argument(
        "--export-dir",
        metavar="DIR",
        help="where E saves the session log (default: the app-data folder)",
    )
    _add_remote(fish)

    present = sub.add_parser(
        "present",
        help="present the posters: the gallery for the room, the presenter's console (current "
        "and next poster, notes, clocks) on the laptop; C peeks at it on one screen",
    )
    _add_content(present)
    present.add_argument("--windowed", action="store_true", help="open in windows")
    present.add_argument(
        "--audience-screen",
        type=int,
        metavar="N",
        help="the room's screen (0, 1, ...); default: the first that is not the primary one",
    )
    present.add_argument("--poster", metavar="ID", help="start on this poster")
    present.add_argument("--lang", metavar="CODE", help="the language to show")
    present.add_argument(
        "--reduced-motion", action="store_true", help="change screens without animation"
    )
    present.add_argument(
        "--talk-minutes",
        type=int,
        metavar="MIN",
        help="the talk's length for the console's countdown (default: gallery.yaml's "
        "presenter.talk_minutes; 0: none)",
    )
    _add_remote(present)

    prn = sub.add_parser(
        "print",
        help="the posters as print pages (A0 to A4) or the A4 handout, as one PDF file",
    )
    _add_content(prn)
    prn.add_argument(
        "--size", default="A1", choices=["A0", "A1", "A2", "A3", "A4"], help="the paper (A1)"
    )
    prn.add_argument("--poster", metavar="ID", help="print this poster alone")
    prn.add_argument("--lang", metavar="CODE", help="the language to print")
    prn.add_argument(
        "--handout",
        action="store_true",
        help="the A4 handout instead: a cover with the credits and the source, then every "
        "poster with its quotes (--size and --poster do not apply)",
    )
    prn.add_argument("out", metavar="OUT.pdf")

    new = sub.add_parser(
        "new", help="write a commented starter gallery into a new folder, to edit into your own"
    )
    new.add_argument("new_dir", metavar="DIR", help="the new folder (must not exist, or be empty)")
    new.add_argument(
        "--lang",
        default="en",
        metavar="CODES",
        help="the gallery's languages, comma-separated, the default first: en, fr, es (en)",
    )

    pre = sub.add_parser(
        "preview",
        help="a window beside your editor: the poster you last saved, full length, updated at "
        "each save, with the content's problems listed above it",
    )
    pre.add_argument("preview_dir", metavar="DIR", help="the content folder you are editing")
    pre.add_argument(
        "--poster", metavar="ID", help="always show this poster (default: the last one saved)"
    )
    pre.add_argument("--lang", metavar="CODE", help="the language to show")
    pre.add_argument(
        "--size",
        type=_size,
        default=(1920, 1080),
        help="the kiosk's screen the poster is laid out for, WIDTHxHEIGHT (1920x1080)",
    )

    imp = sub.add_parser(
        "import",
        help="turn a spreadsheet's CSV of quotes (or of a poster's facts) into YAML",
    )
    imp.add_argument(
        "csv_file", metavar="FILE.csv", help="quotes.csv or facts.csv, from a spreadsheet"
    )
    imp.add_argument(
        "--kind",
        choices=["quotes", "facts"],
        help="what the rows are (default: from the file name, else from its columns)",
    )
    imp.add_argument(
        "--out",
        metavar="FILE.yaml",
        help="where to write the YAML (default: beside the CSV, .yaml for .csv; never over a file)",
    )

    st = sub.add_parser(
        "stats",
        help="what visitors looked at and chose (this kiosk's analytics, or several merged)",
    )
    _add_content(st)
    st.add_argument("--since", metavar="DATE", help="only from this day on (YYYY-MM-DD)")
    st.add_argument(
        "--db",
        metavar="FILE",
        action="append",
        help="an analytics database (repeat to merge copies from several kiosks; "
        "default: this machine's)",
    )
    out = st.add_mutually_exclusive_group(required=True)
    out.add_argument("--csv", metavar="DIR", help="write the figures as CSV files into DIR")
    out.add_argument("--html", metavar="FILE", help="write one offline HTML report")

    shot = sub.add_parser("shot", help="render a screen offscreen to a PNG file")
    _add_content(shot)
    shot.add_argument(
        "--screen",
        dest="shot_screen",
        default="home",
        choices=[
            "home",
            "poster",
            "overview",
            "help",
            "about",
            "settings",
            "blackout",
            "quotes",
            "fishbowl",
            "console",
        ],
        help="which screen to render (settings: the visitor's display settings card; console: "
        "the presenter's console of `kiosk present` on --poster, with a 20-minute talk)",
    )
    shot.add_argument(
        "--state",
        default="normal",
        choices=["setup", "normal", "warning", "overtime", "room", "finished"],
        help="the fishbowl timer's state (for --screen fishbowl): room is a named room with "
        "groups, people waiting and a message to the circle; finished is its closing view. "
        "For --screen console: normal, warning or overtime is the talk's countdown",
    )
    shot.add_argument("--poster", metavar="ID", help="the poster (for --screen poster)")
    shot.add_argument(
        "--remote",
        action="store_true",
        help="--screen console: with the phone remote's card, for an example address "
        "(no server is started)",
    )
    shot.add_argument("--size", type=_size, default=(1920, 1080), help="WIDTHxHEIGHT")
    shot.add_argument("--lang", metavar="CODE")
    shot.add_argument(
        "--text-size",
        type=int,
        choices=[0, 1, 2],
        default=0,
        help="the visitor's text size step: 0 standard, 1 large (x1.25), 2 larger (x1.5)",
    )
    shot.add_argument("--high-contrast", action="store_true", help="the high-contrast look")
    shot.add_argument(
        "--reach", action="store_true", help="reach mode: every control in the lower band"
    )
    shot.add_argument(
        "--all",
        dest="shot_all",
        action="store_true",
        help="every screen, every poster full length and every quote, in every language, "
        "into the folder OUT, with an index.html contact sheet",
    )
    shot.add_argument("out", metavar="OUT.png")
    return parser
