"""The figures as a table on the terminal and as docs/benchmarks.md, each target met or not."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class Row:
    key: str  # a stable name (targets and the before/after table refer to it)
    what: str
    value: float | None
    shown: str
    target: str = ""
    met: bool | None = None  # None: no target, or not measured


def _ok(x: object) -> bool:
    return isinstance(x, (int, float)) and not (isinstance(x, float) and math.isnan(x))


def _f(x: object, unit: str = "", digits: int = 2) -> str:
    return f"{x:.{digits}f}{unit}" if _ok(x) else "n/a"


def _get(d: dict, *path: str) -> object:
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return None
        d = d[p]
    return d


# When a target is not met: why, and what would meet it. Written from the profiles of this code.
NOT_MET = {
    "cold.ratio": "Done for issue 25: the content model is plain frozen dataclasses, validated by "
    "pydantic from the same classes only when the content is read anew "
    "(kiosk/content/schema.py), and an unchanged gallery is read from a signed cache in "
    "the data folder (kiosk/content/cache.py): no pydantic and no YAML at such a start "
    "(the cache-warm row, about 0.15 s and 14 MB less than with an empty data folder). "
    "What is left before the first paint is Qt's own start beyond the bare window, "
    "importing the home screen's modules and building the home (cards, carousel, theme "
    "style sheet over every widget). Plan: build the home's cards' pictures from a cached "
    "image of the first frame, and the carousel after the first paint.",
    "transitions.fps": "At 4K in software (Xvfb, no GPU) a frame's paint and flush of 8.3 "
    "million pixels sometimes overruns the 16 ms animation tick. Plan: on "
    "hardware, the GPU-backed platform plugins (xcb-EGL, Wayland) flush "
    "without the CPU copy; here, nothing cheaper than one opaque blit exists.",
    "transitions.cost": "A frame is two blits of pre-rendered full-screen pixmaps and the "
    "flush of the window's backing store to the X server, all in software "
    "(8 MB a frame at 1080p, 33 MB at 4K). The median frame is within the "
    "target; the 90th percentile is a frame that waited for a core while "
    "other jobs shared this 2-core machine (see the load average). Plan: "
    "re-measure on a quiet machine; on hardware, a GPU-backed platform "
    "plugin flushes without the CPU copy.",
    "idle.poster": "Something still wakes the GUI thread on a static poster: the timer sources "
    "are in the JSON (--json).",
    "idle.fishbowl": "The running countdown repaints its huge digits (not glyph-cached) once a "
    "second. Plan: cache the digits' glyph outlines as paths.",
    "idle.attract": "The pulsing prompt costs a frame 25 times a second.",
    "memory.peak": "The floor is 68 MB (a bare PySide6 window at 1080p) and the first home "
    "frame 96 MB "
    "with the content cache warm (110 MB without). Visiting every screen adds what makes "
    "touch answers fast: three poster pages with their artwork, the slide's pre-rendered "
    "pixmaps and, since the touch-to-screen work, a picture of the poster at rest (8 MB "
    "at 1080p, 33 MB at 4K) so that the Next key's slide starts at once. Done for issue "
    "25: one shared QIcon per name, colour and size; PySide6's source scan no longer "
    "keeps every module's text in linecache; pydantic and YAML out of a start with "
    "unchanged content. Plan: pixmaps in the screen's format without alpha (a quarter "
    "less at 4K), and the rest picture dropped when the poster is left, not at the next "
    "paint only.",
    "memory.growth": "Python's own objects do not grow (tracemalloc between navigation 1,000 and "
    "4,000: no allocation site grows beyond the three pages on screen), so the "
    "drift of about 1 MB per 1,000 navigations is in the native heap (Qt's "
    "glyph and style caches, the allocator's fragmentation). The code before "
    "the fixes drifts as much when measured the same way: the earlier 3.8 MB "
    "figure started from a base that still held every poster's artwork. The "
    "45-minute soak (docs/reliability.md) saw most of its growth in the first "
    "20 minutes. Plan: run 100,000 navigations with malloc_info snapshots to "
    "tell a plateau from a leak, then heaptrack the native allocations.",
    "scaling.load": "The shipped posters are 3.5 times longer than when the target was set "
    "(English, "
    "French and Spanish in every text since issue 18: 167 KB for seven posters, 48 KB for "
    "six then): the load costs the same per kilobyte (0.13 ms), 3.2 ms a poster. A start "
    "with unchanged content reads the signed cache instead and skips YAML and pydantic. "
    "Plan: the node tree's composition in yamlsafe.compose_node (half the time) without a "
    "Python object for each scalar's position.",
    "cold.rss": "Measured step by step by `python -m benchmarks.startup_rss` (offscreen, "
    "content cache warm, 2026-12-06, after the change to BLAKE2 below): Python 13 MB; the "
    "QApplication +29.5 MB (Qt's libraries mapped); the content from the cache +3.6 MB; the "
    "main window's modules +7.8 MB; fonts and theme +2.4 MB; the home built +10.1 MB (its "
    "widgets and the cards' pictures); shown and its first second +12.4 MB (the window's "
    "backing store alone is 8 MB at 1080p, which the bare floor has too): 81.3 MB, against 65 "
    "to 68 MB for the bare window; with the cache cold, reading and validating the YAML adds "
    "15 MB more (pydantic and the YAML parser, 168 modules). "
    "Done for issue 25: no pydantic, YAML parser or linecache at a start with unchanged "
    "content (-14 MB), shared icons; the content cache signed with CPython's own keyed "
    "BLAKE2 instead of hmac and hashlib, which map OpenSSL's libcrypto (-3.7 MB: 85.0 to "
    "81.3 MB in that breakdown; not yet in this table's figures, measured before it). Plan: "
    "fewer modules before the first frame (the main window's imports take a third of the "
    "start: -X importtime puts the largest self times in the modules that define Qt classes "
    "and signals), the carousel built after it.",
    "cold.rss_warm": "See the row above (that breakdown is of this start: the cache warm).",
    "cold.ratio_warm": "See the row above: the same start, with the content read from the "
    "cache; what is left is Qt's start, the home screen's imports and building the home.",
    "timer.error": "The clock's labels are scheduled to the millisecond (median lag 6 ms); the "
    "worst is a moment the process was not scheduled at all while other jobs "
    "loaded this 2-core machine. Plan: run the kiosk with a higher CPU priority "
    "(systemd Nice=-5 in docs/kiosk-setup.md's unit) and re-measure on a quiet "
    "machine.",
    "peer.speed": "Headless Chromium reaches its first screenshot of the deck in 0.8 s on a "
    "quiet machine (1.5 s on a busy one); the app's first poster frame carries "
    "the start-up work described for the cold start (pydantic, the loader, the "
    "page) on top of a floor of about 0.17 s. Plan: the start-up plan; even at "
    "its floor the app would be about x4.5, so the poster page itself must be "
    "built in well under 0.05 s.",
    "touch.p95": "Where the time goes (cProfile of the taps and keys, under Xvfb at 1080p): a "
    "card's tap opens a poster whose page is usually not among the three kept, so the tap "
    "builds it before any frame (the page's widgets ~75 ms, `QScrollArea.setWidget` and its "
    "layout ~75 ms, showing it ~40 ms; the measurement's `call_ms` is most of the latency), "
    "and a tap that lands while the deck pre-renders a neighbour (60 ms after a poster is "
    "shown) waits for it (~270 ms); the Next key renders the page on screen into a "
    "full-screen pixmap before the slide can start (`PosterView.snapshot`: ~40 ms a press, "
    "half of it drawing the artwork scaled), the target's pixmap being ready; a swipe's "
    "release needs no pixmap and lands within a frame or two. Plan: keep the page on screen as a "
    "pixmap once it is at rest (made in idle time, as the neighbours' are), build the home "
    "cards' posters' pages in idle time or make a page cheaper to build (fewer widgets: "
    "fact tiles and section blocks painted rather than laid out), and re-measure on a quiet "
    "machine and on the one-CPU profile.",
    "peer.memory": "The browser's nine processes hold about 410 MB PSS; the app holds about "
    "100 MB, of which the bare PySide6 floor is 43 MB when no other Qt process "
    "shares its pages (the ratio was x5.3 in a run beside other Qt processes). "
    "Plan: the 20 MB of the pydantic-free run-time model (see the start-up plan) "
    "brings it past x4.",
}

FIXES = [
    "**Theme pre-rendered at build time** (`python -m tools.render_theme` writes "
    "`assets/theme/<theme>/`: qt-material's own stylesheet with the font size as a marker, and "
    "its icons): no qt-material, jinja2 or QtUiTools import and no icon writing at start; live "
    "qt-material stays the fallback. Same pixels (screenshots compared), same stylesheet text "
    "(tests/gui/test_theme_prerendered.py).",
    "**Only the first frame's screen is built at start**: the overview, the quotes screen, the "
    "help overlay and the poster screen (or the home, with `--poster`) are built when first "
    "shown; the window is built at its final size, so the home's grid is laid out once.",
    "**Services after the first frame**: live reload, the admin gesture, recovery and kiosk "
    "mode are attached right after the first frame is painted.",
    "**Nothing ticks unseen**: a quote carousel rests (no timer at all) while it is scrolled "
    "out of view or covered (a poster's quotes below the fold, the home under the attract "
    "loop) and resumes when it is painted again; a progress step repaints only the progress "
    "line, not the quote.",
    "**Attract loop**: the slide is painted once into a pixmap; the pulsing prompt blits it and "
    "fades a pre-rendered prompt, 25 times a second instead of 60.",
    "**Fishbowl public view**: each second only the parts that changed are painted, and fitted "
    "font sizes are remembered instead of measured anew.",
    "**Memory flat over a day**: only the current poster's neighbours keep a pre-rendered "
    "pixmap; glibc's allocator is told to map large blocks (full-screen pixmaps) on their own "
    "and free pages are returned in idle time after a navigation (kiosk/ui/memory.py).",
    "**YAML parsed by libyaml** under the loader's own non-recursive tree builder (aliases and "
    "nesting still refused before anything is built; text libyaml reads differently from PyYAML "
    "goes to the pure-Python parser, so every message stays word for word), each picture "
    "checked once per load, the garbage collector held during a load: 600 posters in 0.7 s "
    "instead of 5–10 s.",
    "**Quote carousel at rest**: each quote is drawn once into a pixmap, a cross-fade blends two "
    "pixmaps in 15 steps (a fade of live text at partial opacity cost 1,000 thread switches a "
    "frame), and the progress line is its own strip, repainted only when it moves a whole "
    "pixel, on a 200 ms single-shot timer.",
    "**Start-up**: the garbage collector is held until the first frame, then what exists is "
    "frozen; scroll areas get viewports made in Python (PySide's first wrap of a Qt-made one "
    "set up every widget class: 12 ms, 4.5 MB); the poster deck, quotes, help and the content "
    "model's classes are imported when first needed.",
    "**Memory per poster**: artwork no poster on screen shows is dropped from the image store; "
    "three poster pages are kept (the current one and its neighbours) instead of five; a slide "
    "holds two full-screen pixmaps instead of three, and nothing is pre-rendered during one; "
    "while the posters are not on show (home, the attract loop) the deck holds no full-screen "
    "picture at all (16 MB at 1080p, 66 MB at 4K), and a reload keeps no older copy of the "
    "gallery (kiosk/ui/context.py OnScreen, kiosk.content.changes.sharing).",
    "**Touch to screen**: a finger down on a card has its poster's page made, placed and laid "
    "out before it lifts (two steps; PosterDeck.prepare), so the tap only shows it; the poster "
    "on show is pictured once the window has not painted for 150 ms and let go at its next "
    "paint (kiosk/ui/gallery/rest_picture.py), so the Next key's slide starts without rendering "
    "it; a slide's first frame is already one frame on; the input filter on every event tests "
    "the object before reading the event's type; the poster bar refits only when the progress "
    "text's width changes.",
    "**Native memory that grew with use**: one QIcon per name, colour and size for the whole "
    "app (a new one at each quote change or poster build took new entries in Qt's pixmap "
    "cache: growth over 10,000 navigations 6.4 → 4.6 MB); PySide6's check of each imported "
    "module for the word PySide6 answered from the file without keeping its text in "
    "linecache (about 200 files' source; kiosk/ui/memory.py skip_source_scan).",
]


def _machine(r: dict) -> str:
    m = r.get("machine") or {}
    return str(m.get("cpu") or "an unrecorded machine") if isinstance(m, dict) else str(m)


def rows(r: dict) -> list[Row]:  # noqa: C901 - one block per section, in the report's order
    out: list[Row] = []
    cold = r.get("cold") or {}
    for where in ("xvfb", "offscreen"):
        if where not in cold:
            continue  # (the section was not run)
        c = cold.get(where) or {}
        if "error" in c and isinstance(c["error"], str):
            out.append(Row(f"cold.{where}", f"cold start ({where})", None, c["error"]))
            continue
        for name, what in (
            ("bare", "floor: bare PySide6 window"),
            ("material", "floor: + qt-material applied live"),
            ("prerendered", "floor: + qt-material pre-rendered"),
            ("home", "app: first painted home frame"),
            ("home_warm", "app: first painted home frame, content unchanged (cache warm)"),
            ("poster", "app: first painted poster (--poster)"),
        ):
            x = c.get(name) or {}
            if not x.get("runs"):
                err = (c.get("errors") or {}).get(name, "not measured")
                out.append(
                    Row(
                        f"cold.{where}.{name}",
                        f"{what} ({where})",
                        None,
                        "n/a: " + err.splitlines()[0][:90],
                    )
                )
                continue
            shown = (
                f"{_f(x['median_s'], ' s')} (min {_f(x['min_s'])}, max {_f(x['max_s'])}, "
                f"n={x['runs']}); RSS {_f(x['rss_mb'], ' MB', 0)}, "
                f"PSS {_f(x['pss_mb'], ' MB', 0)}"
            )
            if name != "bare":
                shown += f"; ×{_f(x.get('ratio_to_bare'))} of bare"
            out.append(Row(f"cold.{where}.{name}", f"{what} ({where})", x["median_s"], shown))
        for name, key, what in (
            ("home", "cold.ratio", "first home frame ÷ bare floor (Xvfb)"),
            ("home_warm", "cold.ratio_warm", "first home frame, cache warm ÷ bare floor (Xvfb)"),
        ):
            home = c.get(name) or {}
            if where == "xvfb" and home.get("runs"):
                ratio = home.get("ratio_to_bare")
                out.append(
                    Row(key, what, ratio, f"×{_f(ratio)}", "≤ ×1.5", _ok(ratio) and ratio <= 1.5)
                )
                rss = home.get("rss_mb")  # issue 25: RSS at that frame ≤ 80 MB
                out.append(
                    Row(
                        key.replace("ratio", "rss"),
                        what.split(" ÷ ")[0].replace("first", "RSS at the first") + " (Xvfb)",
                        rss,
                        _f(rss, " MB", 0),
                        "≤ 80 MB",
                        _ok(rss) and rss <= 80,
                    )
                )
    for size, t in (r.get("transitions") or {}).items():
        if "error" in t:
            out.append(Row(f"transitions.{size}", f"transitions at {size}", None, t["error"]))
            continue
        limit = 5.0 if size.startswith("1920") else 12.0
        fps_limit = 50 if one_cpu(r) else 58  # issue 25: ≥ 50 fps on the one-CPU profile
        for kind, label in (("slide", "next-poster slide"), ("swipe", "dragged swipe")):
            x = t.get(kind)
            if not x:
                continue
            i, c = x["interval_ms"], x["cost_ms"]
            out.append(
                Row(
                    f"transitions.{size}.{kind}.fps",
                    f"{label} at {size}: fps",
                    x["fps"],
                    f"{_f(x['fps'], '', 1)} fps, {_f(x['frames'], '', 0)} "
                    f"frames each (n={x['count']}); interval p50/p95/max "
                    f"{_f(i['p50'], '', 1)}/{_f(i['p95'], '', 1)}/{_f(i['max'], ' ms', 1)}",
                    f"≥ {fps_limit} fps",
                    _ok(x["fps"]) and x["fps"] >= fps_limit,
                )
            )
            out.append(
                Row(
                    f"transitions.{size}.{kind}.cost",
                    f"{label} at {size}: frame cost",
                    c["p90"],
                    f"p50/p90/max {_f(c['p50'], '', 1)}/{_f(c['p90'], '', 1)}/"
                    f"{_f(c['max'], ' ms', 1)}; first frame after "
                    f"{_f(x['latency_ms'], ' ms', 0)}",
                    f"p90 ≤ {limit:.0f} ms",
                    _ok(c["p90"]) and c["p90"] <= limit,
                )
            )
    out += touch_rows(r.get("touch") or {}, one_cpu(r))
    switch = r.get("language") or {}
    if "error" in switch:
        out.append(Row("language", "language switch", None, str(switch["error"])[:120]))
    for where, x in switch.items():
        if not isinstance(x, dict):
            continue
        wall = x["wall_ms"]
        out.append(
            Row(
                f"language.{where}",
                f"language switch on {where} (1920x1080): tap to painted",
                wall["p50"],
                f"p50 {_f(wall['p50'], ' ms', 0)}, max {_f(wall['max'], ' ms', 0)}, GUI-thread "
                f"CPU p50 {_f(x['gui_cpu_ms']['p50'], ' ms', 0)} (n={x['switches']})",
                "≤ 300 ms",
                _ok(wall["p50"]) and wall["p50"] <= 300,
            )
        )
    idle = r.get("idle") or {}
    if "error" in idle and isinstance(idle["error"], str):
        out.append(Row("idle", "idle cost", None, idle["error"]))
    limits = {"poster": 0.05, "home": None, "fishbowl": 0.5, "attract": 5.0}
    labels = {
        "poster": "static poster",
        "home": "home with the quote carousel",
        "fishbowl": "fishbowl public view, running",
        "attract": "attract loop",
    }
    for state, limit in limits.items():
        x = idle.get(state)
        if not isinstance(x, dict):
            continue
        if "error" in x:
            out.append(Row(f"idle.{state}", f"idle: {labels[state]}", None, x["error"][:120]))
            continue
        cpu, timers = x["cpu_percent"], x["timer_events_per_s"]
        shown = (
            f"{_f(cpu, ' %', 3)} CPU; {_f(timers, '', 1)} timer events/s, "
            f"{_f(x['thread_wakeups_per_s'], '', 1)} thread wake-ups/s, "
            f"{_f(x['paints_per_s'], '', 1)} paints/s"
        )
        target, met = "", None
        if limit is not None:
            target = f"≤ {limit} % CPU"
            met = cpu <= limit
            if state == "poster":
                target += ", no periodic wake-ups"
                met = met and timers == 0
        out.append(Row(f"idle.{state}", f"idle: {labels[state]}", cpu, shown, target, met))
    for size, m in (r.get("memory") or {}).items():
        if "error" in m:
            out.append(Row(f"memory.{size}", f"memory at {size}", None, m["error"][:120]))
            continue
        limit = 120 if size.startswith("1920") else 220  # issue 25's targets
        peak = m["peak_rss_mb"]
        out.append(
            Row(
                f"memory.{size}.peak",
                f"peak RSS at {size} (every screen visited)",
                peak,
                _f(peak, " MB", 0),
                f"≤ {limit} MB",
                peak <= limit,
            )
        )
        if m.get("navigations"):
            g = m["growth_mb"]
            out.append(
                Row(
                    "memory.growth",
                    f"RSS growth over {m['navigations']:,} navigations",
                    g,
                    f"{_f(g, ' MB', 1)} ({_f(m['base_rss_mb'], '', 0)} → "
                    f"{_f(m['end_rss_mb'], ' MB', 0)}, {_f(m['seconds'], ' s', 0)})",
                    "≤ 5 MB" + ("" if m["navigations"] >= 10_000 else " (over 10,000)"),
                    g <= 5,
                )
            )
    sc = r.get("scaling") or {}
    for count, x in sc.items():
        if "error" in x:
            out.append(Row(f"scaling.{count}", f"{count} posters", None, x["error"][:120]))
            continue
        load = x["load_s"]
        per = load / max(1, int(count)) * 1000
        target, met = ("≤ 1 s", load <= 1.0) if count == "600" else ("", None)
        out.append(
            Row(
                f"scaling.{count}.load",
                f"load + validate {count} posters",
                load,
                f"{_f(load, ' s', 3)} ({_f(per, ' ms', 1)} a poster, {x['errors']} errors)",
                target,
                met,
            )
        )
        if "open_home_s" in x:
            out.append(
                Row(
                    f"scaling.{count}.open",
                    f"{count} posters: open home, jump to last",
                    x["open_home_s"],
                    f"home {_f(x['open_home_s'], ' s')}; jump to "
                    f"poster {count} {_f(x['jump_last_s'] * 1e3, ' ms', 0)} (poster 6: "
                    f"{_f(x['jump_6th_s'] * 1e3, ' ms', 0)}); RSS "
                    f"{_f(x['rss_mb'], ' MB', 0)}",
                )
            )
    p = r.get("peer") or {}
    if p:
        runs = p.get("runs") or []
        if "error" in p or not runs:
            out.append(
                Row(
                    "peer",
                    "browser deck (reveal.js, headless Chromium)",
                    None,
                    "not measured: " + str(p.get("error", "no run")),
                )
            )
        if runs:
            b_t = sorted(x["first_screenshot_s"] for x in runs)[len(runs) // 2]
            b_m = sorted(x["pss_mb"] for x in runs)[len(runs) // 2]
            procs = runs[0]["processes"]
            a = p.get("app") or {}
            out.append(
                Row(
                    "peer.browser",
                    "browser deck: first screenshot, PSS",
                    b_t,
                    f"{_f(b_t, ' s')}, {_f(b_m, ' MB', 0)} PSS over {procs} processes "
                    f"({p.get('chromium', '?')}, reveal.js {p.get('reveal', '?')})",
                )
            )
            if _ok(a.get("first_frame_s")):
                speed, mem = b_t / a["first_frame_s"], b_m / a["pss_mb"]
                out.append(
                    Row(
                        "peer.app",
                        "app: first poster frame, PSS (same run)",
                        a["first_frame_s"],
                        f"{_f(a['first_frame_s'], ' s')}, {_f(a['pss_mb'], ' MB', 0)} PSS",
                    )
                )
                out.append(
                    Row(
                        "peer.speed",
                        "browser ÷ app, time to first frame",
                        speed,
                        f"×{_f(speed, '', 1)}",
                        "≥ ×4",
                        speed >= 4,
                    )
                )
                out.append(
                    Row(
                        "peer.memory",
                        "browser ÷ app, PSS",
                        mem,
                        f"×{_f(mem, '', 1)}",
                        "≥ ×4",
                        mem >= 4,
                    )
                )
    out += remote_rows(r.get("remote") or {})
    t = r.get("timer") or {}
    if t:
        real = t.get("real") or {}
        fake = t.get("fake_clock") or {}
        if "error" in real or not real.get("changes"):
            out.append(
                Row(
                    "timer.error",
                    "fishbowl timer: displayed vs wall clock",
                    None,
                    str(real.get("error", "no label changes"))[:120],
                )
            )
        else:
            worst = abs(real["worst_ms"])
            out.append(
                Row(
                    "timer.error",
                    f"fishbowl timer over {real['seconds']:.0f} s: label lag",
                    worst / 1000,
                    f"{real['changes']} changes; median {_f(real['median_ms'], '', 1)}, "
                    f"p95 {_f(real['p95_ms'], '', 1)}, worst "
                    f"{_f(real['worst_ms'], ' ms', 1)}",
                    "≤ 0.1 s" + ("" if real["seconds"] >= 600 else " (over 10 min)"),
                    worst <= 100,
                )
            )
        if fake:
            out.append(
                Row(
                    "timer.fake",
                    f"fishbowl model on a fake clock, 600 s in {fake['steps']} uneven steps: drift",
                    fake["error_s"],
                    f"{fake['error_s']:.9f} s",
                    "0",
                    fake["error_s"] == 0,
                )
            )
    return out


def one_cpu(r: dict) -> bool:
    """Measured on the small-machine profile (one CPU, a busy process beside the app)."""
    return (r.get("profile") or {}).get("name") == "one-cpu"


TOUCH_LABELS = {
    "card": "tap on a home card → the poster's page",
    "key": "Next key on a poster → the slide's first move",
    "swipe": "a swipe's release → the slide moving on",
    "fishbowl": "fishbowl Space (pause, resume) → the public view",
}


def touch_rows(t: dict, small: bool) -> list[Row]:
    """Touch to screen (benchmarks/touch_latency.py): p95 ≤ 50 ms at 1080p, ≤ 100 ms on one
    CPU (issue 25); no target at 4K."""
    out: list[Row] = []
    for size, row in t.items():
        if "error" in row:
            out.append(Row(f"touch.{size}", f"touch to screen at {size}", None, row["error"]))
            continue
        limit = (100.0 if small else 50.0) if size.startswith("1920") else None
        for scenario, label in TOUCH_LABELS.items():
            x = row.get(scenario)
            if not isinstance(x, dict):
                continue
            what = f"{label} at {size}"
            if "error" in x:
                out.append(Row(f"touch.{size}.{scenario}.p95", what, None, x["error"][:120]))
                continue
            lat = x["latency_ms"]
            shown = (
                f"p50 {_f(lat['p50'], '', 1)}, p95 {_f(lat['p95'], '', 1)}, max "
                f"{_f(lat['max'], ' ms', 1)} (n={lat['n']}"
                + (f", {x['missed']} missed" if x.get("missed") else "")
                + f"; first {_f(x['first_ms'], ' ms', 0)}); that frame's cost p50 "
                f"{_f(x['frame_cost_ms']['p50'], ' ms', 1)}"
            )
            settle = x.get("settle_ms") or {}
            if settle.get("n"):
                shown += (
                    f"; the next page at rest p50/p95 {_f(settle['p50'], '', 0)}/"
                    f"{_f(settle['p95'], ' ms', 0)}"
                )
            target = f"p95 ≤ {limit:.0f} ms" if limit is not None else ""
            met = (_ok(lat["p95"]) and lat["p95"] <= limit) if limit is not None else None
            if x.get("missed"):
                met = False if limit is not None else None
            out.append(Row(f"touch.{size}.{scenario}.p95", what, lat["p95"], shown, target, met))
    return out


def remote_rows(x: dict) -> list[Row]:
    """The phone remote on loopback (benchmarks/remote_latency.py)."""
    if not x:
        return []
    if "error" in x:
        return [Row("remote", "phone remote latency", None, "not measured: " + str(x["error"]))]
    paced, burst = x["paced"], x["back_to_back"]
    tap, push = paced["tap_to_frame_ms"], paced["push_ms"]
    return [
        Row(
            "remote.tap",
            f"tap on the phone → the gallery's frame ({paced['taps']} taps, "
            f"{paced['pace_s']} s apart)",
            tap["p95"] / 1000,
            f"median {_f(tap['median'], '', 1)}, p95 {_f(tap['p95'], '', 1)}, "
            f"max {_f(tap['max'], ' ms', 1)}",
            "p95 ≤ 100 ms",
            tap["p95"] <= 100,
        ),
        Row(
            "remote.push",
            "a move in the app → shown on the phone",
            push["p95"] / 1000,
            f"median {_f(push['median'], '', 1)}, p95 {_f(push['p95'], '', 1)}, "
            f"max {_f(push['max'], ' ms', 1)}",
            "p95 ≤ 100 ms",
            push["p95"] <= 100,
        ),
        Row(
            "remote.burst",
            f"taps back to back ({burst['taps']}): tap → frame",
            burst["tap_to_frame_ms"]["p95"] / 1000,
            f"median {_f(burst['tap_to_frame_ms']['median'], '', 1)}, "
            f"p95 {_f(burst['tap_to_frame_ms']['p95'], ' ms', 1)}; tap → the app's move "
            f"median {_f(burst['tap_to_move_ms']['median'], '', 1)}, "
            f"p95 {_f(burst['tap_to_move_ms']['p95'], ' ms', 1)} (a tap waits for the step "
            "of the neighbours' preparation under way: a page made or placed, a picture)",
        ),
    ]


def text_table(rs: list[Row]) -> str:
    lines = []
    w1 = max((len(r.what) for r in rs), default=10)
    for r in rs:
        status = "" if r.met is None else ("  [met]" if r.met else "  [NOT MET]")
        target = f"  (target {r.target})" if r.target else ""
        lines.append(f"{r.what:<{w1}}  {r.shown}{target}{status}")
    return "\n".join(lines)


def _status(r: Row) -> str:
    if r.met is None:
        return "not measured" if r.target else ""
    return "met" if r.met else "**not met**"


SECTION_TITLES = [
    ("cold", "Cold start: process start → first painted frame"),
    ("transitions", "Transitions: frames during next-poster slides and dragged swipes"),
    ("touch", "Touch to screen: an input's arrival → the end of the frame that shows it"),
    ("idle", "Idle cost"),
    ("memory", "Memory"),
    ("scaling", "Content scaling"),
    ("peer", "The peer: the same posters as a reveal.js deck in headless Chromium"),
    ("timer", "Timer accuracy"),
    ("remote", "The phone remote: tap to frame and state push on loopback"),
]


def markdown(r: dict, baseline: dict | None = None) -> str:
    rs = rows(r)
    m = r.get("machine", {})
    plan = r.get("plan", {})
    out = [
        "# Benchmarks" + (": the small-machine profile (one CPU)" if one_cpu(r) else ""),
        "",
        "Generated by `python -m benchmarks` (`make bench`); do not edit by hand. Speed is "
        "measured here, never by timed assertions in tests; `python -m benchmarks --quick` "
        "runs each measurement briefly and one test runs it to prove the benchmarks still "
        "work.",
        "",
        "Run it with `make bench` (renders the theme, then `python -m benchmarks`; ten to "
        "fifteen minutes on a quiet machine: the fishbowl clock runs ten minutes alongside "
        "the rest, the memory growth is 10,000 navigations), or "
        "`python -m benchmarks --only cold,idle` for some "
        "sections; `--json FILE` keeps the raw figures, `--baseline FILE` adds a before/after "
        "table, `--report-only FILE` rewrites this page from kept figures. It starts its own "
        "Xvfb servers, and installs Chromium (Debian, as root) and reveal.js (npm) for the "
        "peer if they are missing.",
        "",
        "Touch to screen alone: `python -m benchmarks --only touch` (`--touch-trials N`, 40 by "
        "default, at 1920x1080 and 3840x2160). The small-machine profile: `make bench-one-cpu` "
        "(`python -m benchmarks --one-cpu`): the runner pins itself and so every process it "
        "starts (the app, its X servers, the fishbowl clock) to CPU 0, as `taskset -c 0` does, "
        "with a busy process spinning on that CPU for the whole run; it measures start-up, "
        "slides, touch to screen and the fishbowl clock's lag, and writes "
        "docs/benchmarks-one-cpu.md.",
        "",
        f"- **Date:** {r.get('date', '?')}" + (" (quick mode)" if r.get("quick") else ""),
        f"- **Machine:** {m.get('cpu', '?')}, {m.get('cores', '?')} cores, "
        f"{m.get('memory', '?')}; {m.get('os', '?')} (kernel {m.get('kernel', '?')}); "
        f"no GPU: Xvfb software rendering",
        f"- **Software:** Python {m.get('python', '?')}, PySide6 {m.get('pyside6', '?')} "
        f"(Qt {m.get('qt', '?')}); the app's theme: {m.get('theme', 'pre-rendered')}",
        f"- **Run:** {plan.get('runs', '?')} cold starts of each kind, interleaved; idle "
        f"windows of {plan.get('idle_s', '?')} s (CPU) + {plan.get('wake_s', '?')} s (timer "
        f"events); {plan.get('navigations', '?')} navigations; the whole run took "
        f"{_f(r.get('elapsed_s', float('nan')) / 60, ' min', 0)}"
        + (
            f"; load average {_f(r['load_average']['start'], '', 1)} at the start, "
            f"{_f(r['load_average']['end'], '', 1)} at the end (2 cores)"
            if r.get("load_average")
            else ""
        )
        + ".",
    ]
    if one_cpu(r):
        prof = r["profile"]
        share = prof.get("busy_share")
        out.append(
            f"- **Profile:** one CPU (CPU {prof.get('cpu', 0)}, as `taskset -c "
            f"{prof.get('cpu', 0)}`) for every measured process, with a busy process spinning "
            "on it"
            + (
                f" that got {_f(share * 100, ' %', 0)} of that CPU over the run"
                if _ok(share)
                else ""
            )
            + "."
        )
    if r.get("caveat"):  # a run whose figures must not be read as the real ones
        out.append(f"- **Caveat:** {r['caveat']}")
    out += [
        "",
        "The machine is noisy (±25 % between hours): compare ratios from the same run. "
        "Cold start is timed from the runner's clock just before it starts the process to "
        "the end of the first paint pass of the window (after the backing store is flushed). "
        "Frame cost is the window's whole update (the slide layer's paint and the flush to "
        "the X server); an interval is the time between two frames' starts. Idle CPU is the "
        "process's CPU time (all threads) over wall time after a warm-up; timer events are "
        "the QTimerEvents delivered on the GUI thread; thread wake-ups are the voluntary "
        "context switches of all the process's threads. Touch to screen is timed from just "
        "before the input is handed to the window's platform window (QTest on the QWindow, "
        "into QWindowSystemInterface, as the platform plugin delivers input) to the end of the "
        "first frame of that window (its UpdateRequest: paint pass and flush; or, for a repaint "
        "Qt does at once, control back in the event loop) in which a widget showing the effect "
        "was painted with the new state: the poster's page for a card, the slide moved by a "
        "pixel or more for the Next key and for a swipe's release, the public view after the "
        "session's state changed for the fishbowl; one input every half second or so, each "
        "kind in a process of its own. The fishbowl clock's ten-minute "
        "run goes on alongside the other measurements (it measures lateness; they only "
        "make its conditions harsher). Other work on the machine during the run adds "
        "noise to the times, not to the counts.",
        "",
    ]
    by_prefix = {}
    for row in rs:
        by_prefix.setdefault(row.key.split(".")[0], []).append(row)
    for key, title in SECTION_TITLES:
        items = by_prefix.get(key)
        if not items:
            continue
        out += [f"## {title}", ""]
        note = (r.get("section_notes") or {}).get(key)
        if note:  # a section measured apart from the rest of the run
            out += [f"**{note}**", ""]
        out += [
            "| measurement | figures | target | status |",
            "| --- | --- | --- | --- |",
        ]
        for row in items:
            out.append(f"| {row.what} | {row.shown} | {row.target} | {_status(row)} |")
        out.append("")
    if r.get("notes"):
        out += ["Notes on this run:", ""] + [f"- {n}" for n in r["notes"]] + [""]
    out += ["## What keeps it fast", ""] + [f"- {x}" for x in FIXES] + [""]
    targets = [row for row in rs if row.target]
    out += [
        "## Targets",
        "",
        "| target | measured | status | reason and plan when not met |",
        "| --- | --- | --- | --- |",
    ]
    for row in targets:
        note = ""
        if row.met is False:
            parts = row.key.split(".")
            note = NOT_MET.get(f"{parts[0]}.{parts[-1]}", "")
        out.append(f"| {row.what}: {row.target} | {row.shown} | {_status(row)} | {note} |")
    out.append("")
    if baseline:
        before = {row.key: row for row in rows(baseline)}
        out += [
            "## Before and after the performance fixes",
            "",
            f"Before: {baseline.get('label', 'the code before the fixes')}, measured "
            f"{baseline.get('date', '?')} on {_machine(baseline)}; after: this run, on "
            f"{_machine(r)}. The same benchmark code; machines and their load can differ "
            "between the runs, so compare ratios and counts more than times.",
        ]
        out += [f"- Before: {note}" for note in baseline.get("notes", [])]
        out += ["", "| measurement | before | after |", "| --- | --- | --- |"]
        for row in rs:
            b = before.get(row.key)
            if b is not None and b.shown != row.shown:
                out.append(f"| {row.what} | {b.shown} | {row.shown} |")
        out.append("")
    return "\n".join(out)
