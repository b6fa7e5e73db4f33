"""Cold start of the bundle (`make bundle` first), beside the venv for reference.

    .venv/bin/python benchmarks/bundle_start.py [--runs N] [dist/voicecheck]

Each run is a new process in an empty HOME and TMPDIR, except that the "warm cache" runs
keep the first run's cache (~/.cache/voicecheck: jieba's trimmed dictionary, built
once). The CLI checks a Chinese post and an English one (which loads spaCy). The app's
time is from starting the process to its window being mapped on an X display (Xvfb is
started when there is none; needs the xvfb and xdotool packages). Prints min, median and
max seconds: the machine is shared, so the spread says how noisy it was.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_CLI = Path(sys.executable).parent / "voicecheck"
ZH, EN = ROOT / "assets" / "samples" / "weibo-launch.txt", ROOT / "assets" / "samples" / "x-promo-en.txt"
WINDOW_TIMEOUT = 60.0


def env_for(home: Path, display: str | None = None) -> dict[str, str]:
    env = {"HOME": str(home), "TMPDIR": str(home / "tmp"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    if display:
        env["DISPLAY"] = display
    return env


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def window_shown(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds until a visible window of the started process exists (polled every 20 ms)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        while time.perf_counter() - start < WINDOW_TIMEOUT:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(proc.pid)],
                                   env=env, capture_output=True, check=False)
            if found.stdout.strip():
                return time.perf_counter() - start
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited with {proc.returncode} before showing a "
                                   f"window: {proc.stderr.read()[-800:] if proc.stderr else ''}")
            time.sleep(0.02)
        raise RuntimeError(f"no window after {WINDOW_TIMEOUT} s")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def report(label: str, times: list[float]) -> None:
    print(f"  {label:<52} min {min(times):5.2f}   median {statistics.median(times):5.2f}"
          f"   max {max(times):5.2f} s   ({len(times)} runs)", flush=True)


def series(label: str, make_cmd, runs: int, base: Path, display: str | None = None,
           measure=timed) -> None:
    """First runs in a new empty HOME each; warm-cache runs share one HOME."""
    first = []
    for i in range(runs):
        home = base / f"{label}-first-{i}"
        first.append(measure(make_cmd(), env_for(home, display)))
    warm_home = base / f"{label}-warm"
    measure(make_cmd(), env_for(warm_home, display))
    warm = [measure(make_cmd(), env_for(warm_home, display)) for _ in range(runs)]
    report(f"{label}, empty HOME (first start)", first)
    report(f"{label}, warm cache", warm)


def start_display() -> tuple[str | None, subprocess.Popen | None]:
    if os.environ.get("DISPLAY"):
        return os.environ["DISPLAY"], None
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        return None, None
    # -displayfd: Xvfb picks a free display and writes its number once it accepts clients
    # (a fixed one may be taken, or held by a killed run's lock); -noreset: by default Xvfb
    # resets when its last client leaves, refusing the next run
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1600x1000x24",
                             "-nolisten", "tcp", "-noreset"], pass_fds=(write_end,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as number:
        display = number.readline().strip()
    if not display:
        xvfb.wait(timeout=10)
        return None, None
    return f":{display}", xvfb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / "voicecheck"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bundle = Path(args.bundle)
    if not (bundle / "voicecheck").is_file():
        print(f"{bundle}: no bundle (make bundle)", file=sys.stderr)
        return 2
    print(f"cold start, {args.runs} runs each (a shared machine: min, median and max)")
    with tempfile.TemporaryDirectory(prefix="voicecheck-start-") as tmp:
        base = Path(tmp)
        for name, cli in (("bundle", bundle / "voicecheck"), ("venv", VENV_CLI)):
            series(f"{name} CLI --version", lambda cli=cli: [str(cli), "--version"], args.runs, base)
            series(f"{name} CLI check (Chinese)", lambda cli=cli: [str(cli), "check", str(ZH)],
                   args.runs, base)
            series(f"{name} CLI check (English)", lambda cli=cli: [str(cli), "check", str(EN)],
                   args.runs, base)
        display, xvfb = start_display()
        if display is None:
            print("  (no display, and no Xvfb/xdotool or Xvfb did not start: app window not measured)")
            return 0
        try:
            for name, cmd in (("bundle app", [str(bundle / "voicecheck-app")]),
                              ("venv app", [str(VENV_CLI), "gui"])):
                series(f"{name} window shown", lambda cmd=cmd: [*cmd, str(ZH)], args.runs, base,
                       display, window_shown)
        finally:
            if xvfb is not None:
                xvfb.terminate()
                xvfb.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
