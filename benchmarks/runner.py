"""``python -m benchmarks``: measure the app, print a table, write docs/benchmarks.md.

Every figure comes from processes started here (see benchmarks/child.py), under Xvfb (a real X
window, software rendering) and offscreen, side by side with the floor (a bare PySide6 window)
and the peer (the same posters as a reveal.js deck in headless Chromium) in the same run: the
machine is noisy, so ratios from one run mean more than absolute figures from different hours.

``--quick`` runs each measurement briefly (the test suite uses it to prove they still run).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks import procstat

REPO = Path(__file__).resolve().parent.parent
STATIC_POSTER = "montreal-technopole-angus"  # has a quote carousel: the harder static case
FIRST_POSTER = "introduction"


@dataclass
class Plan:
    quick: bool
    runs: int
    idle_s: float
    wake_s: float
    warm_s: float
    slides: int
    swipes: int
    navigations: int
    warmup: int
    scaling: tuple[int, ...]
    clock_s: float
    peer_runs: int
    sizes: tuple[tuple[int, int], ...]
    remote_taps: int = 100  # each series of the phone remote's latency
    touch_trials: int = 40  # inputs of each kind for touch to screen, at each size

    @classmethod
    def make(cls, quick: bool, args: argparse.Namespace) -> Plan:
        if quick:
            plan = cls(True, 2, 1.0, 0.5, 0.5, 2, 1, 40, 8, (6, 60), 3.0, 0, ((1920, 1080),))
            plan.touch_trials = 3
        else:
            plan = cls(
                False,
                10,
                30.0,
                10.0,
                3.0,
                10,
                6,
                10_000,
                200,
                (6, 60, 600),
                600.0,
                5,
                ((1920, 1080), (3840, 2160)),
            )
        if args.runs:
            plan.runs = args.runs
        if args.clock_seconds:
            plan.clock_s = args.clock_seconds
        if args.navigations is not None:
            plan.navigations = args.navigations
        if args.idle_seconds:
            plan.idle_s = args.idle_seconds
        if args.touch_trials:
            plan.touch_trials = args.touch_trials
        return plan


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- displays -----------------------------------------------------------------------------------
class Xvfb:
    """A private X server of a given size, for real-window measurements."""

    def __init__(self, width: int, height: int) -> None:
        self.size = (width, height)
        self.proc: subprocess.Popen | None = None
        self.display = ""

    def __enter__(self) -> Xvfb:
        binary = shutil.which("Xvfb")
        if binary is None:
            return self
        for n in range(90, 140):
            if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
                break
        w, h = self.size
        self.proc = subprocess.Popen(
            [binary, f":{n}", "-screen", "0", f"{w}x{h}x24", "-nolisten", "tcp", "-noreset"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                self.display = f":{n}"
                break
            time.sleep(0.05)
        time.sleep(0.2)
        return self

    @property
    def ok(self) -> bool:
        return bool(self.display)

    def __exit__(self, *_exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Env:
    """Environments for the measured processes: a throwaway app-data folder each run."""

    def __init__(self, work: Path) -> None:
        self.work = work
        config = work / "offscreen.json"
        config.write_text(
            json.dumps(
                {
                    "screens": [
                        {
                            "name": "bench",
                            "x": 0,
                            "y": 0,
                            "width": 1920,
                            "height": 1080,
                            "logicalDpi": 96,
                            "logicalBaseDpi": 96,
                            "dpr": 1,
                        }
                    ]
                }
            )
        )
        self.offscreen_config = config

    def make(self, display: str | None, extra: dict | None = None) -> dict:
        env = dict(os.environ)
        for key in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "QT_SCALE_FACTOR"):
            env.pop(key, None)
        if display:
            env["DISPLAY"] = display
        else:
            env["QT_QPA_PLATFORM"] = f"offscreen:configfile={self.offscreen_config}"
        env["KIOSK_DATA_DIR"] = tempfile.mkdtemp(prefix="data-", dir=self.work)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.update(extra or {})
        return env


def child(args: list[str], env: dict, timeout: float = 900) -> tuple[dict, float]:
    """Run ``python -m benchmarks.child ARGS``: its figures and the clock just before it
    started."""
    t0 = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.child", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines = [x for x in proc.stdout.splitlines() if x.startswith("BENCH ")]
    if not lines:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        return {"error": f"{' '.join(args)} exited {proc.returncode}: {tail}"}, t0
    return json.loads(lines[-1][6:]), t0


# --- statistics ---------------------------------------------------------------------------------
def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


# --- the measurements ---------------------------------------------------------------------------
def cold_start(plan: Plan, env: Env, display: str | None, runs: int | None = None) -> dict:
    """Process start → first painted frame: the floor and the app, interleaved run by run."""
    probes = {
        "bare": ["floor", "bare"],
        "material": ["floor", "material"],
        "prerendered": ["floor", "prerendered"],
        "home": ["app"],
        # a restart with the content unchanged: its data folder already holds the content
        # cache (kiosk/content/cache.py); every other probe starts with an empty one
        "home_warm": ["app"],
        "poster": ["app", "--poster", STATIC_POSTER],
    }
    warm = env.make(display)
    subprocess.run(
        [sys.executable, "-c", "from kiosk import startup; startup.load(None)"],
        cwd=REPO,
        env=warm,
        capture_output=True,
        timeout=300,
    )
    raw: dict[str, list[dict]] = {k: [] for k in probes}
    errors: dict[str, str] = {}
    for _ in range(runs or plan.runs):
        for name, args in probes.items():
            if name in errors:
                continue
            data, t0 = child(args, warm if name == "home_warm" else env.make(display))
            if "error" in data:
                errors[name] = data["error"]
                continue
            raw[name].append(
                {"s": data["paint"] - t0, "rss_mb": data["rss_mb"], "pss_mb": data["pss_mb"]}
            )
    out: dict = {"errors": errors}
    for name, runs in raw.items():
        times = [r["s"] for r in runs]
        out[name] = {
            "runs": len(runs),
            "median_s": med(times),
            "min_s": min(times) if times else float("nan"),
            "max_s": max(times) if times else float("nan"),
            "rss_mb": med([r["rss_mb"] for r in runs]),
            "pss_mb": med([r["pss_mb"] for r in runs]),
        }
    for name in ("home", "home_warm", "poster", "material", "prerendered"):
        pairs = [a["s"] / b["s"] for a, b in zip(raw[name], raw["bare"], strict=False)]
        out[name]["ratio_to_bare"] = med(pairs)
    return out


def at_each_size(plan: Plan, out: dict) -> Iterator[tuple[str, str]]:
    """``(WIDTHxHEIGHT, display)`` for each of the plan's sizes, a private X server of that
    size running meanwhile; a size with no X server gets its error in ``out``."""
    for w, h in plan.sizes:
        key = f"{w}x{h}"
        with Xvfb(w, h) as x:
            if not x.ok:
                out[key] = {"error": "Xvfb is not available"}
                continue
            yield key, x.display


def transitions(plan: Plan, env: Env) -> dict:
    out: dict = {}
    for key, display in at_each_size(plan, out):
        data, _ = child(
            ["transitions", str(plan.slides), str(plan.swipes)],
            env.make(display, {"BENCH_POSTER": FIRST_POSTER}),
        )
        if "error" in data:
            out[key] = data
            continue
        row: dict = {"size": data["size"]}
        for kind, items in data["results"].items():
            intervals = [v for it in items for v in it["intervals"]]
            costs = [v for it in items for v in it["costs"]]
            fps = [(it["frames"] - 1) / it["span"] for it in items if it["span"] > 0]
            row[kind] = {
                "count": len(items),
                "frames": med([it["frames"] for it in items]),
                "fps": med(fps),
                "interval_ms": {
                    "p50": pct(intervals, 0.5) * 1e3,
                    "p95": pct(intervals, 0.95) * 1e3,
                    "max": max(intervals, default=float("nan")) * 1e3,
                },
                "cost_ms": {
                    "p50": pct(costs, 0.5) * 1e3,
                    "p90": pct(costs, 0.9) * 1e3,
                    "max": max(costs, default=float("nan")) * 1e3,
                },
                "latency_ms": med([it["latency"] * 1e3 for it in items]),
            }
        out[key] = row
    return out


def spread(values: list[float]) -> dict:
    return {
        "n": len(values),
        "p50": pct(values, 0.5),
        "p95": pct(values, 0.95),
        "max": max(values, default=float("nan")),
    }


def touch(plan: Plan, env: Env) -> dict:
    """Touch to screen (benchmarks/touch_latency.py): each kind of input in a process of its
    own, on a real X window at each size."""
    from benchmarks.touch_latency import SCENARIOS

    out: dict = {}
    for key, display in at_each_size(plan, out):
        row: dict = {}
        for scenario in SCENARIOS:
            data, _ = child(["touch", scenario, str(plan.touch_trials)], env.make(display))
            if "error" in data:
                row[scenario] = data
                continue
            latency = data["latency_ms"]
            row[scenario] = {
                "latency_ms": spread(latency),
                "first_ms": latency[0] if latency else float("nan"),
                "frame_cost_ms": spread(data["frame_cost_ms"]),
                "settle_ms": spread(data["settle_ms"]),
                "call_ms": spread(data["call_ms"]),
                "missed": data["missed"],
                "frames": data["frames"],
                "raw_ms": latency,
            }
        out[key] = row
    return out


def language(plan: Plan, env: Env) -> dict:
    """The visitor's language switch at 1920x1080 under Xvfb: home and a poster."""
    switches = 6 if plan.quick else 15
    with Xvfb(1920, 1080) as x:
        if not x.ok:
            return {"error": "Xvfb is not available"}
        data, _ = child(["language", str(switches)], env.make(x.display))
    if "error" in data:
        return data
    return {
        where: {
            "switches": len(times["wall"]),
            "wall_ms": {"p50": pct(times["wall"], 0.5) * 1e3, "max": max(times["wall"]) * 1e3},
            "gui_cpu_ms": {"p50": pct(times["cpu"], 0.5) * 1e3},
        }
        for where, times in data["results"].items()
    }


def idle(plan: Plan, env: Env) -> dict:
    out: dict = {}
    with Xvfb(1920, 1080) as x:
        if not x.ok:
            return {"error": "Xvfb is not available"}
        for state in ("poster", "home", "fishbowl", "attract"):
            data, _ = child(
                ["idle", state, str(plan.idle_s), str(plan.wake_s), str(plan.warm_s)],
                env.make(x.display, {"BENCH_POSTER": STATIC_POSTER}),
            )
            out[state] = data
    return out


def memory(plan: Plan, env: Env) -> dict:
    out: dict = {}
    for w, h in plan.sizes:
        key = f"{w}x{h}"
        navigations = plan.navigations if (w, h) == (1920, 1080) else 0
        with Xvfb(w, h) as x:
            if not x.ok:
                out[key] = {"error": "Xvfb is not available"}
                continue
            data, _ = child(
                [
                    "memory",
                    str(navigations),
                    str(plan.warmup),
                    "10",
                    "0.25" if plan.quick else "0.6",
                ],
                env.make(x.display),
                timeout=3600,
            )
        out[key] = data
    return out


def make_content(count: int, folder: Path) -> Path:
    """The default content with ``count`` posters: the six real ones, then copies."""
    import yaml

    target = folder / f"content-{count}"
    if target.exists():
        shutil.rmtree(target)
    src = REPO / "content"
    shutil.copytree(src, target)
    gallery_file = target / "gallery.yaml"
    gallery = yaml.safe_load(gallery_file.read_text())
    ids = list(gallery["posters"])
    originals = {i: (target / "posters" / f"{i}.yaml").read_text() for i in ids}
    k = 0
    while len(ids) < count:
        base = list(originals)[k % len(originals)]
        new = f"{base}-{k // len(originals) + 1}"
        text = originals[base].replace(f"id: {base}", f"id: {new}", 1)
        (target / "posters" / f"{new}.yaml").write_text(text)
        ids.append(new)
        k += 1
    ids = ids[:count]
    for extra in (target / "posters").glob("*.yaml"):
        if extra.stem not in ids:
            extra.unlink()
    lines = gallery_file.read_text().splitlines()
    start = lines.index("posters:")
    end = start + 1
    while end < len(lines) and lines[end].startswith("  - "):
        end += 1
    lines[start + 1 : end] = [f"  - {i}" for i in ids]
    gallery_file.write_text("\n".join(lines) + "\n")
    return target


def scaling(plan: Plan, env: Env) -> dict:
    out: dict = {}
    with Xvfb(1920, 1080) as x:
        for count in plan.scaling:
            folder = make_content(count, env.work)
            loads = []
            for _ in range(2 if plan.quick else 5):
                data, _t = child(["scaling-load", str(folder)], env.make(None))
                if "error" in data:
                    out[str(count)] = data
                    break
                loads.append(data["load_s"])
            else:
                row: dict = {
                    "load_s": med(loads),
                    "errors": data["errors"],
                    "posters": data["posters"],
                }
                if x.ok:
                    opens = []
                    for _ in range(1 if plan.quick else 3):
                        data, t0 = child(["scaling-open", str(folder)], env.make(x.display))
                        if "error" in data:
                            row["open_error"] = data["error"]
                            break
                        opens.append(
                            (
                                data["paint"] - t0,
                                data["jump_last_s"],
                                data["jump_6th_s"],
                                data["rss_mb"],
                            )
                        )
                    if opens:
                        row.update(
                            open_home_s=med([o[0] for o in opens]),
                            jump_last_s=med([o[1] for o in opens]),
                            jump_6th_s=med([o[2] for o in opens]),
                            rss_mb=med([o[3] for o in opens]),
                        )
                out[str(count)] = row
    return out


def start_timer(plan: Plan, env: Env) -> subprocess.Popen:
    """The fishbowl clock's real run, started first and left to run alongside the rest (ten
    minutes in a full run): it measures lateness, and the other measurements only make its
    conditions harsher."""
    turn = max(4.0, plan.clock_s / 2)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "benchmarks.fishbowl_clock",
            "--seconds",
            str(plan.clock_s),
            "--turn",
            str(turn),
            "--json",
        ],
        cwd=REPO,
        env=env.make(None),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def finish_timer(plan: Plan, proc: subprocess.Popen) -> dict:
    from benchmarks.fishbowl_clock import fake_clock_drift

    out: dict = {"fake_clock": fake_clock_drift(600.0)}
    try:
        stdout, _ = proc.communicate(timeout=plan.clock_s + 120)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, _ = proc.communicate()
    lines = [x for x in stdout.splitlines() if x.startswith("BENCH ")]
    out["real"] = (
        json.loads(lines[-1][6:])
        if lines
        else {"error": f"fishbowl_clock exited {proc.returncode}: {stdout[-500:]}"}
    )
    return out


def peer(plan: Plan, env: Env, skip: bool) -> dict:
    if plan.quick or skip:
        return {"error": "not run in quick mode" if plan.quick else "not run (--no-peer)"}
    from benchmarks import peer as peer_module

    data = peer_module.measure(plan.peer_runs, 1.5, log)
    # the app on the same first poster, with the same settling time, in the same run
    app_runs = []
    with Xvfb(1920, 1080) as x:
        for _ in range(plan.peer_runs):
            got, t0 = child(
                ["app", "--poster", FIRST_POSTER],
                env.make(x.display if x.ok else None, {"BENCH_SETTLE": "1.5"}),
            )
            if "error" not in got:
                app_runs.append(
                    {"first_frame_s": got["paint"] - t0, "pss_mb": got["settled"]["pss_mb"]}
                )
    data["app"] = {
        "first_frame_s": med([r["first_frame_s"] for r in app_runs]),
        "pss_mb": med([r["pss_mb"] for r in app_runs]),
        "runs": len(app_runs),
    }
    return data


def remote(plan: Plan) -> dict:
    if plan.quick:
        return {"error": "not run in quick mode"}
    from benchmarks import remote_latency

    return remote_latency.measure(plan.remote_taps, log)


SECTIONS = (
    "cold",
    "transitions",
    "touch",
    "language",
    "idle",
    "memory",
    "scaling",
    "timer",
    "peer",
    "remote",
)
# the small-machine profile's sections: the ones with a target on one CPU (issue 25)
ONE_CPU = ("cold", "transitions", "touch", "timer")


def run(plan: Plan, only: set[str], no_peer: bool) -> dict:
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    env = Env(work)
    results: dict = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="minutes"),
        "quick": plan.quick,
        "machine": describe_machine(),
        "plan": plan.__dict__,
    }
    clock = start_timer(plan, env) if "timer" in only else None
    try:
        if "cold" in only:
            log("cold start …")
            cold = {}
            with Xvfb(1920, 1080) as x:
                cold["xvfb"] = (
                    cold_start(plan, env, x.display) if x.ok else {"error": "Xvfb is not available"}
                )
            cold["offscreen"] = cold_start(plan, env, None, runs=1 if plan.quick else None)
            results["cold"] = cold
        if "transitions" in only:
            log("transitions …")
            results["transitions"] = transitions(plan, env)
        if "touch" in only:
            log("touch to screen …")
            results["touch"] = touch(plan, env)
        if "language" in only:
            log("language switch …")
            results["language"] = language(plan, env)
        if "idle" in only:
            log("idle cost …")
            results["idle"] = idle(plan, env)
        if "memory" in only:
            log("memory …")
            results["memory"] = memory(plan, env)
        if "scaling" in only:
            log("scaling …")
            results["scaling"] = scaling(plan, env)
        if "peer" in only:
            log("peer (reveal.js in headless Chromium) …")
            results["peer"] = peer(plan, env, no_peer)
        if "remote" in only:
            log("phone remote latency (the app and headless Chromium) …")
            results["remote"] = remote(plan)
        if clock is not None:
            log(f"timer accuracy (a {plan.clock_s:.0f} s run, started first) …")
            results["timer"] = finish_timer(plan, clock)
            clock = None
    finally:
        if clock is not None:
            clock.kill()
        shutil.rmtree(work, ignore_errors=True)
    return results


def describe_machine() -> dict:
    info = procstat.machine()
    info["python"] = platform.python_version()
    try:
        import PySide6
        from PySide6 import QtCore

        info["pyside6"] = PySide6.__version__
        info["qt"] = QtCore.qVersion()
    except ImportError:
        pass
    xvfb = shutil.which("Xvfb")
    info["xvfb"] = "yes" if xvfb else "missing"
    rendered = any((REPO / "assets" / "theme").glob("*/theme.json"))
    info["theme"] = (
        "pre-rendered (assets/theme)"
        if rendered
        else "live qt-material (run python -m tools.render_theme)"
    )
    return info


def main(argv: list[str] | None = None) -> int:
    from benchmarks import report

    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="each measurement briefly")
    parser.add_argument(
        "--out",
        default=None,
        help="the report to write (default: docs/benchmarks.md; with --quick, none unless given)",
    )
    parser.add_argument("--json", default=None, help="also write the raw figures as JSON")
    parser.add_argument(
        "--baseline",
        default=None,
        help="a JSON from an earlier run: shown as 'before' in the report",
    )
    parser.add_argument(
        "--only",
        default=None,
        help=f"comma-separated sections ({', '.join(SECTIONS)}; default: all)",
    )
    parser.add_argument("--runs", type=int, default=0, help="cold-start runs (default 10)")
    parser.add_argument(
        "--clock-seconds",
        type=float,
        default=0,
        help="length of the real-clock timer run (default 600)",
    )
    parser.add_argument(
        "--idle-seconds", type=float, default=0, help="CPU window per idle state (default 30)"
    )
    parser.add_argument(
        "--navigations",
        type=int,
        default=None,
        help="navigations for the memory growth (default 10000)",
    )
    parser.add_argument(
        "--touch-trials",
        type=int,
        default=0,
        help="inputs of each kind for touch to screen, at each size (default 40)",
    )
    parser.add_argument(
        "--one-cpu",
        action="store_true",
        help="the small-machine profile: everything pinned to CPU 0 (as taskset -c 0) beside a "
        f"busy process there (benchmarks/one_cpu.py); default sections {','.join(ONE_CPU)}, "
        "default report docs/benchmarks-one-cpu.md",
    )
    parser.add_argument("--no-peer", action="store_true", help="skip the browser deck")
    parser.add_argument(
        "--report-only",
        metavar="RESULTS.json",
        default=None,
        help="measure nothing: write the report from a saved --json",
    )
    args = parser.parse_args(argv)
    if args.report_only:
        results = json.loads(Path(args.report_only).read_text())
        baseline = json.loads(Path(args.baseline).read_text()) if args.baseline else None
        page = "benchmarks-one-cpu.md" if results.get("profile") else "benchmarks.md"
        out = args.out or str(REPO / "docs" / page)
        Path(out).write_text(report.markdown(results, baseline))
        print(report.text_table(report.rows(results)))
        return 0
    plan = Plan.make(args.quick, args)
    chosen = args.only or ",".join(ONE_CPU if args.one_cpu else SECTIONS)
    only = {s.strip() for s in chosen.split(",") if s.strip()}
    unknown = only - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    # the app starts from compiled modules, as an installed app or the bundle does (the
    # children write no .pyc of their own, so an edited module would be compiled every start)
    compileall.compile_dir(str(REPO / "kiosk"), quiet=1)
    started = time.monotonic()
    load_before = os.getloadavg()
    if args.one_cpu:
        from benchmarks.one_cpu import OneBusyCpu

        with OneBusyCpu() as pinned:
            log(f"one-CPU profile: pinned to CPU {pinned.cpu}, a busy process beside it")
            results = run(plan, only, args.no_peer)
        results["profile"] = {"name": "one-cpu", **pinned.describe()}
    else:
        results = run(plan, only, args.no_peer)
    results["elapsed_s"] = time.monotonic() - started
    results["load_average"] = {"start": load_before[0], "end": os.getloadavg()[0]}
    baseline = json.loads(Path(args.baseline).read_text()) if args.baseline else None
    rows = report.rows(results)
    print(report.text_table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))
    page = "benchmarks-one-cpu.md" if args.one_cpu else "benchmarks.md"
    out = args.out or (None if args.quick else str(REPO / "docs" / page))
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(report.markdown(results, baseline))
        log(f"wrote {out}")
    return 0
