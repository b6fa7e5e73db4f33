"""`voicecheck history [FOLDER]`: the batch runs recorded on this machine, and trends."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from ..history import History, HistoryError, Trends
from ..messages import channel_label
from .common import EXIT_OK, UsageError, add_lang_option

SPARKS = "▁▂▃▄▅▆▇█"


def spark(values: list[float | None], lo: float = 0.0, hi: float = 1.0) -> str:
    """A sparkline ('·' where a run has no value)."""
    span = (hi - lo) or 1.0
    return "".join("·" if v is None else
                   SPARKS[min(len(SPARKS) - 1, max(0, int((v - lo) / span * len(SPARKS))))]
                   for v in values)


def run(args: argparse.Namespace) -> int:
    try:
        history = History.open()
    except HistoryError as exc:
        raise UsageError(str(exc)) from None
    with history:
        if args.folder is None:
            return _folders(history, args)
        if not Path(args.folder).exists() and not history.runs(args.folder):
            raise UsageError(f"{args.folder}: no such folder")
        return _folder(history, args)


def _folders(history: History, args: argparse.Namespace) -> int:
    folders = history.folders()
    if args.format == "json":
        print(json.dumps([{"folder": f, "runs": n, "last": last} for f, n, last in folders],
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    if not folders:
        print(f"no runs recorded yet ({history.path}); `voicecheck batch FOLDER` records one")
        return EXIT_OK
    for folder, n, _ in folders:
        last = history.runs(folder, limit=1)[-1]
        print(f"{folder}\n    {n} run{'s' if n != 1 else ''}, last {last.when}: {last.posts:,} "
              f"posts, {last.pass_rate:.0%} passed ({last.state})")
    return EXIT_OK


def _folder(history: History, args: argparse.Namespace) -> int:
    t = history.trends(args.folder, args.limit)
    if args.format == "json":
        print(json.dumps(_as_data(t), ensure_ascii=False, indent=2))
        return EXIT_OK
    out = sys.stdout
    if not t.runs:
        print(f"no runs of {args.folder} recorded yet", file=out)
        return EXIT_OK
    print(f"{t.runs[-1].folder}: the last {len(t.runs)} run{'s' if len(t.runs) != 1 else ''}",
          file=out)
    print(f"  {'run':>4}  {'when':16}  {'posts':>6}  {'passed':>6}  {'mean':>4}  state        "
          "guide", file=out)
    for i, (r, mean) in enumerate(zip(t.runs, t.mean_scores, strict=True)):
        changed = " (guide changed)" if i and r.guide_hash != t.runs[i - 1].guide_hash else ""
        print(f"  {r.id:>4}  {r.when:16}  {r.posts:>6,}  {r.pass_rate:>6.0%}  {mean:>4.0f}  "
              f"{r.state:11}  {r.guide_name} [{r.guide_hash[:8]}]{changed}", file=out)
    print("\nby channel: pass rate over these runs, first → last (mean score)", file=out)
    width = max(len(channel_label(args.lang or "en", c)) for c in t.channels)
    for channel, points in t.channels.items():
        rates = [p.pass_rate if p else None for p in points]
        known = [p for p in points if p]
        first, last = known[0], known[-1]
        print(f"  {channel_label(args.lang or 'en', channel):{width}}  {spark(rates)}  "
              f"{first.pass_rate:4.0%} → {last.pass_rate:4.0%}  "
              f"({first.mean_score:.0f} → {last.mean_score:.0f})", file=out)
    for title, rules in (("rising", t.rising), ("falling", t.falling)):
        if rules and len(t.runs) > 1:
            print(f"\nrules {title} since the run before the last:", file=out)
            for r in rules[:args.rules]:
                print(f"  {r.change:+4d}  {r.rule:34} {r.counts[-2]} → {r.counts[-1]}  "
                      f"{spark([float(c) for c in r.counts], 0, max(r.counts))}", file=out)
    return EXIT_OK


def _as_data(t: Trends) -> dict[str, object]:
    return {
        "runs": [{**asdict(r), "mean_score": round(m, 1)}
                 for r, m in zip(t.runs, t.mean_scores, strict=True)],
        "channels": {c: [None if p is None else {"run": p.run, "posts": p.posts,
                                                 "passed": p.passed,
                                                 "mean_score": round(p.mean_score, 1)}
                         for p in points] for c, points in t.channels.items()},
        "rules": [{"rule": r.rule, "category": r.category, "counts": r.counts,
                   "change": r.change} for r in t.rules],
    }


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    h = sub.add_parser("history", help="batch runs recorded on this machine, and trends")
    h.add_argument("folder", metavar="FOLDER", nargs="?",
                   help="a folder checked with `voicecheck batch` (default: list the folders)")
    h.add_argument("--limit", type=int, default=10, help="runs to show (default 10)")
    h.add_argument("--rules", type=int, default=8, help="rising/falling rules to show")
    h.add_argument("--format", "-f", choices=("text", "json"), default="text")
    add_lang_option(h)
    h.set_defaults(run=run)
