"""The figures as CSV files and as one offline HTML page with its charts inline (SVG): nothing
to fetch, it opens on any laptop. Poster and option names come from the content when given."""

from __future__ import annotations

import csv
import html
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from kiosk.core.analytics.report import Figures, duration_text

# the report's words in one place
TITLE = "Visitors at the gallery"
PRIVACY = (
    "Recorded on the kiosk itself, never sent anywhere: visits (start, end, length), "
    "the screens and posters seen and for how long, zooms, quote swipes, read aloud, "
    "languages and poll votes. Nothing about a person: no names, no pictures, no free text, "
    "no identifier beyond a random number per visit."
)


def write_csv(figures: Figures, folder: Path, names: Mapping[str, str] | None = None) -> list[Path]:
    names = names or {}
    folder.mkdir(parents=True, exist_ok=True)
    tables: dict[str, tuple[Sequence[str], list[Sequence[object]]]] = {
        "summary.csv": (
            ("figure", "value"),
            [
                ("sessions", figures.sessions),
                ("sessions_today", figures.sessions_today),
                ("median_session_seconds", round(figures.median_session_seconds, 1)),
                *((f"events_{k}", v) for k, v in figures.events.items()),
            ],
        ),
        "posters.csv": (
            ("poster", "title", "views", "median_seconds"),
            [
                (p.poster, names.get(p.poster, ""), p.views, round(p.median_seconds, 1))
                for p in figures.posters
            ],
        ),
        "poll.csv": (
            ("poll", "option", "name", "votes"),
            [
                (poll, o, names.get(f"{poll}#{o}", ""), n)
                for poll, tally in sorted(figures.polls.items())
                for o, n in sorted(tally.items())
            ],
        ),
        "hours.csv": (("hour", "sessions"), [(h, n) for h, n in enumerate(figures.hours)]),
    }
    written = []
    for name, (header, rows) in tables.items():
        path = folder / name
        with path.open("w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(header)
            out.writerows(rows)
        written.append(path)
    return written


def bar_chart(rows: Sequence[tuple[str, float, str]], width: int = 760) -> str:
    """Horizontal bars as inline SVG: (name, value, value's words) a row; the name on its own
    line above its bar, whole."""
    row_h, text_w = 58, 150
    top = max((v for _, v, _ in rows), default=0) or 1
    room = width - text_w
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{row_h * len(rows) + 8}" '
        f'role="img" font-family="sans-serif" font-size="15">'
    ]
    for i, (name, value, words) in enumerate(rows):
        y = i * row_h + 4
        w = max(0.0, room * value / top)
        parts.append(
            f'<text x="0" y="{y + 16}" fill="#1b2327">{html.escape(name)}</text>'
            f'<rect x="0" y="{y + 24}" width="{room}" height="24" fill="#e3ebee" rx="4"/>'
            f'<rect x="0" y="{y + 24}" width="{w:.1f}" height="24" fill="#00796b" rx="4"/>'
            f'<text x="{room + 10}" y="{y + 41}" fill="#1b2327" font-weight="bold">'
            f"{html.escape(words)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def hours_chart(hours: Sequence[int], width: int = 760, height: int = 180) -> str:
    top = max(hours) or 1
    step = width / 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 24}" '
        f'role="img" font-family="sans-serif" font-size="12">'
    ]
    for h, n in enumerate(hours):
        bar = height * n / top
        parts.append(
            f'<rect x="{h * step + 2:.1f}" y="{height - bar:.1f}" width="{step - 4:.1f}" '
            f'height="{bar:.1f}" fill="#00796b"><title>{h:02d}:00 {n}</title></rect>'
            f'<text x="{h * step + step / 2:.1f}" y="{height + 16}" text-anchor="middle" '
            f'fill="#1b2327">{h:02d}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def write_html(
    figures: Figures,
    path: Path,
    names: Mapping[str, str] | None = None,
    since: str | None = None,
    now: float | None = None,
) -> Path:
    names = names or {}
    made = time.strftime("%Y-%m-%d %H:%M", time.localtime(now if now is not None else time.time()))
    poster_rows = [
        (names.get(p.poster, p.poster), p.views, f"{p.views} · {duration_text(p.median_seconds)}")
        for p in figures.posters
    ]
    polls = []
    for poll, tally in sorted(figures.polls.items()):
        total = sum(tally.values()) or 1
        rows = [
            (names.get(f"{poll}#{o}", f"option {o + 1}"), n, f"{n} · {round(100 * n / total)}%")
            for o, n in sorted(tally.items())
        ]
        question = html.escape(names.get(f"{poll}?", poll))
        polls.append(f"<h3>{question}</h3>{bar_chart(rows)}")
    esc = html.escape
    body = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(TITLE)}</title>
<style>
body {{ font-family: sans-serif; color: #1b2327; margin: 32px auto; max-width: 820px; }}
.tiles {{ display: flex; gap: 16px; }}
.tile {{ background: #e3ebee; border-radius: 8px; padding: 12px 18px; flex: 1; }}
.tile b {{ display: block; font-size: 32px; }}
.note {{ color: #46545a; font-size: 14px; }}
</style></head><body>
<h1>{esc(TITLE)}</h1>
<p class="note">Made {esc(made)}{", from " + esc(since) if since else ""}. {esc(PRIVACY)}</p>
<div class="tiles">
<div class="tile"><b>{figures.sessions}</b>visitor sessions</div>
<div class="tile"><b>{figures.sessions_today}</b>today</div>
<div class="tile"><b>{esc(duration_text(figures.median_session_seconds))}</b>median visit</div>
</div>
<h2>Posters by views (and median time on the poster)</h2>
{bar_chart(poster_rows) if poster_rows else "<p>No poster viewed yet.</p>"}
<h2>Poll results</h2>
{"".join(polls) or "<p>No votes yet.</p>"}
<h2>Busiest hours (sessions started, local time)</h2>
{hours_chart(figures.hours)}
</body></html>
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path
