"""Peak memory of `voicecheck batch` with and without the HTML report, by run size.

Issue 16: with `--report` memory grew with the run (151 -> 415 MB for 2k -> 14k posts)
while the JSON path stayed flat. The report now spools each post's detail to disk, so
both should stay about flat. Builds batch_throughput's fixed corpus at each size (in a
temp dir), runs the CLI in a child process per case (-j 2) and prints the peak RSS of
that run's largest process (the parent: it holds the report; workers only check), read
from wait4's rusage. Figures on a shared machine are noisy.

Usage: .venv/bin/python benchmarks/report_memory.py [--sizes 2000 14000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch_throughput import build_corpus  # noqa: E402


def peak_rss(args: list[str]) -> tuple[float, float]:
    """(peak RSS of the parent process in MiB, seconds) for one CLI run."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "voicecheck.cli", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_maxrss / 1024, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 14000])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            root = Path(tmp) / f"exports-{n}"
            root.mkdir()
            build_corpus(root, n)
            for label, extra in (("--json", ["--json", str(Path(tmp) / "o.json")]),
                                 ("--json --report", ["--json", str(Path(tmp) / "o.json"),
                                                      "--report", str(Path(tmp) / "r.html")])):
                mib, secs = peak_rss(["batch", str(root), "-j", "2", *extra])
                print(f"{n:>6,} posts, {label:<16} peak RSS {mib:6.0f} MiB  ({secs:.0f} s)",
                      flush=True)


if __name__ == "__main__":
    main()
