"""Time and memory for each case of the hostile corpus (the figures in docs/reliability.md).

    python -m tests.hostile.measure [--out FILE.md] [CASE ...]

For each case, in fresh processes so that each figure is the case's own: ``kiosk validate`` on
it (wall time, peak RSS, exit code), then the gallery window started on it offscreen at
1920×1080 with every poster opened and its pictures decoded (wall time to that point, peak
RSS). Peak RSS is the child's own high-water mark (``wait4``). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent


def _child(args: list[str], env: dict[str, str]) -> tuple[float, int, int, str]:
    """Run a child; its wall time (s), peak RSS (bytes), exit code and output."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(args, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return seconds, peak, proc.returncode, text


def window_main(content: str) -> int:
    """In the child: the window on ``content``, every poster opened, every picture decoded."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk import paths, startup
    from kiosk.content.loader import load_gallery

    app = startup.get_app()
    result = load_gallery(Path(content), paths.assets_dir())
    window = startup.gallery_window(result, (1920, 1080), reduced_motion=True, theme=False)
    ctx = window.ctx
    window.show()
    app.processEvents()
    ctx.images.wait(60000)
    for i in range(len(result.gallery.posters)):
        window.nav.open(i)
        app.processEvents()
        ctx.images.wait(60000)
        app.processEvents()
    window.grab()
    print(f"shown: {len(result.gallery.posters)} posters")
    return 0


def measure(case_ids: list[str] | None) -> list[str]:
    from tests.hostile.corpus import CASES

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    rows = [
        "| case | `kiosk validate` | peak RSS | errors | window: all posters shown | peak RSS |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    mb = 1024 * 1024
    # the clean gallery first: the reference every case is compared with
    cases = [None] + [c for c in CASES if not case_ids or c.id in case_ids]
    for case in cases:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            if case is None:
                import shutil

                from tests.conftest import FIXTURES

                content = root / "content"
                shutil.copytree(FIXTURES / "mini", content)
                name = "(the clean test gallery)"
            else:
                content, _outside = case.build(root)
                name = case.id
            env["KIOSK_DATA_DIR"] = str(root / "appdata")
            v_s, v_rss, v_code, v_out = _child(
                [sys.executable, "-m", "kiosk", "validate", str(content)], env
            )
            summary = re.search(r"(\d+) errors?, (\d+) warnings?$", v_out.strip())
            errors = summary.group(1) if summary else "?"
            w_s, w_rss, w_code, w_out = _child(
                [sys.executable, "-m", "tests.hostile.measure", "--window", str(content)], env
            )
            shown = "ok" if w_code == 0 and "shown:" in w_out else f"FAILED ({w_code})"
            rows.append(
                f"| {name} | {v_s:.2f} s (exit {v_code}) | {v_rss / mb:.0f} MB | "
                f"{errors} | {w_s:.2f} s {shown} | {w_rss / mb:.0f} MB |"
            )
            print(rows[-1], flush=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("cases", nargs="*", help="case ids (default: all)")
    parser.add_argument("--out", type=Path, help="also write the table here")
    parser.add_argument("--window", metavar="CONTENT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.window:
        return window_main(args.window)
    rows = measure(args.cases or None)
    if args.out:
        args.out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
