"""`voicecheck batch FOLDER`: check a folder of exports, write JSON/CSV/HTML reports.

Results are written as they stream in; the first Ctrl-C stops submitting work, lets what
is running finish and still writes the reports (a second Ctrl-C aborts).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

from ..config import Project
from ..findings import Report
from ..guide import Guide
from ..history import Comparison, History, HistoryError, Recorder, Run, begin, recorded
from ..messages import NO_CHANNEL, guide_label, say, say_n, sentences
from ..readers import ColumnMap, Skipped
from ..report.html_report import VIEWS
from .common import (
    BUILTIN_GUIDE,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    UsageError,
    add_colour_option,
    add_config_options,
    add_format_option,
    add_guide_option,
    add_lang_option,
    channel_key,
    colour,
    guide_for,
    lang_for,
    project,
)


class Progress:
    """A one-line bar with counts, rate and ETA on a terminal; silent otherwise."""

    def __init__(self, stream: TextIO, enabled: bool):
        self.stream, self.enabled = stream, enabled
        self.start = time.monotonic()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.1 and done < total):
            return
        self.last = now
        elapsed = now - self.start
        rate = done / elapsed if elapsed > 0 else 0.0
        frac = done / total if total else 1.0
        eta = (total - done) / rate if rate > 0 else 0.0
        bar = "█" * int(frac * 28) + "░" * (28 - int(frac * 28))
        self.stream.write(f"\r{bar} {done:,}/{total:,} {frac:4.0%}  {rate:5.0f} posts/s  "
                          f"ETA {int(eta) // 60}:{int(eta) % 60:02d} ")
        self.stream.flush()

    def clear_line(self) -> None:
        """Make room for a line of output on the terminal the bar is drawn on."""
        if self.enabled:
            self.stream.write("\r\033[K")

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    b = sub.add_parser("batch", help="check a folder of exported posts and write reports")
    b.add_argument("folder", metavar="FOLDER", help="folder of .txt/.md/.json/.csv/.xlsx exports")
    add_guide_option(b)
    b.add_argument("--channel", "-c", help="channel (key or name: weibo, Weibo, 微博) for "
                   "posts whose file, column or folder names none")
    b.add_argument("--campaign", help="campaign for posts whose file/folder names none")
    b.add_argument("--report", metavar="OUT.html", help="write a self-contained HTML report")
    b.add_argument("--report-view", choices=VIEWS, default="client",
                   help="client (default): findings and suggestions for the people the posts "
                   "are for; internal: also rule ids and the guide settings that allow a finding")
    b.add_argument("--json", metavar="OUT.json", help="write one JSON object per post")
    b.add_argument("--csv", metavar="OUT.csv", help="write one CSV row per finding")
    b.add_argument("--workers", "-j", type=int, help="worker processes (default: all cores)")
    b.add_argument("--dask", metavar="SCHEDULER", help="check the posts on the workers of "
                   "this Dask scheduler (tcp://host:8786) instead; needs voicecheck[dask]")
    b.add_argument("--follow-links", action="store_true",
                   help="also read files and folders that links in FOLDER point to outside "
                        "it (by default they are listed as skipped)")
    for fld in ("text", "channel", "campaign", "date", "author"):
        b.add_argument(f"--{fld}-column", metavar="NAME",
                       help=f"column / JSON field holding the {fld} (default: found by name)")
    b.add_argument("--no-history", action="store_true",
                   help="do not record this run in the local history (voicecheck history)")
    add_lang_option(b)
    add_format_option(b, default=None)
    add_config_options(b)
    add_colour_option(b)
    b.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..batch import run_batch
    from ..report.csv_report import CsvWriter
    from ..report.formats import open_writer
    from ..report.html_report import HtmlReport
    from ..report.json_stream import JsonArrayWriter

    folder = Path(args.folder)
    if not folder.exists():
        raise UsageError(f"{folder}: no such folder")
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.dask is not None and args.workers is not None:
        raise UsageError("--workers and --dask cannot be used together (Dask's workers "
                         "are the scheduler's)")
    proj = project(args)
    here = proj.settings(folder / "_" if folder.is_dir() else folder)  # what FOLDER gets
    guide = guide_for(args, here)
    lang = lang_for(args, here)
    channel = channel_key(guide, args.channel)
    for out in (args.report, args.json, args.csv):
        if out and not Path(out).resolve().parent.is_dir():
            raise UsageError(f"{out}: folder does not exist")
    columns = ColumnMap(args.text_column, args.channel_column, args.campaign_column,
                        args.date_column, args.author_column)
    # Without report files, failing posts are listed as text (or the --format chosen).
    fmt = args.format or (None if (args.report or args.json or args.csv) else "text")

    cancel = threading.Event()
    progress = Progress(sys.stderr, sys.stderr.isatty())
    checked = failed = no_channel = 0
    skipped: list[Skipped] = []

    def on_sigint(signum: int, frame: object) -> None:
        """Ctrl-C, or SIGTERM (a service manager, `kill`, a CI timeout): stop starting
        posts and write the reports; a second one aborts."""
        if cancel.is_set():
            raise KeyboardInterrupt
        cancel.set()
        again = "Ctrl-C" if signum == signal.SIGINT else "the signal"
        sys.stderr.write(f"\nstopping: finishing posts in progress ({again} again to abort)\n")

    stops = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.signal(s, on_sigint) for s in stops} if _main_thread() else {}
    record = None if args.no_history else _start_history(folder, guide, lang)
    try:
        with ExitStack() as stack:
            if record is not None:
                stack.callback(record.history.close)
            js = stack.enter_context(JsonArrayWriter(args.json)) if args.json else None
            cs = stack.enter_context(CsvWriter(args.csv)) if args.csv else None
            html = stack.enter_context(HtmlReport(
                lang=lang, guide=guide_label(lang, guide), folder=str(folder),
                view=args.report_view)) if args.report else None
            out = open_writer(fmt, sys.stdout, lang=lang, colour=colour(args),
                              failing_only=True) if fmt else None
            results = run_batch(folder, guide, workers=args.workers, default_channel=channel,
                                cancel=cancel, progress=progress, columns=columns,
                                default_campaign=args.campaign, lang=lang,
                                project=proj, follow_links=args.follow_links,
                                dask=args.dask)
            for result in _dask_said(recorded(results, record and record.recorder,
                                              cancel.is_set)):
                if isinstance(result, Skipped):
                    skipped.append(result)
                    for w in (cs, html, out):
                        if w is not None:
                            w.add_skipped(result)
                    continue
                checked += 1
                failed += not result.passed
                no_channel += result.channel == NO_CHANNEL
                for w in (js, cs, html):
                    if w is not None:
                        w.add(result)
                if out is not None:
                    progress.clear_line()
                    out.add(result)
            progress.finish()
            if out is not None:
                out.close(interrupted=cancel.is_set())
            since = record.compare() if record is not None else None
            if html is not None:
                html.interrupted = cancel.is_set()
                html.comparison = since
                html.write(args.report)
            if record is not None:
                record.say(since)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    _summary(checked, failed, skipped, cancel.is_set(), args)
    if no_channel:
        print("note: " + sentences(say_n(lang, "report/no-channel", no_channel, n=no_channel),
                                   say(lang, "report/no-channel-how")), file=sys.stderr)
    if not args.guide:
        _unused_guides(proj, folder, here.guide.value, guide)
    if checked == 0 and not cancel.is_set():
        raise UsageError(f"{folder}: no posts found")
    if cancel.is_set():
        return EXIT_INTERRUPTED
    return EXIT_FAILED if failed else EXIT_OK


class _Recording:
    """This run's record in the history, and the run it is compared with."""

    def __init__(self, history: History, recorder: Recorder, previous: Run | None):
        self.history, self.recorder, self.previous = history, recorder, previous

    def compare(self) -> Comparison | None:
        if self.previous is None or self.recorder.failed:
            return None
        return self.history.compare(self.recorder.run_id, self.previous)

    def say(self, since: Comparison | None) -> None:
        """One line on standard error: what changed since the last run of the folder."""
        if self.recorder.failed:
            print(f"note: {self.recorder.failed}", file=sys.stderr)
        elif since is not None:
            guide = "" if since.same_guide else ", with another guide"
            print(f"since the last run ({since.previous.when}{guide}): {len(since.new):,} new, "
                  f"{len(since.resolved):,} resolved, {since.still_open:,} still open "
                  f"(voicecheck history)", file=sys.stderr)


def _start_history(folder: Path, guide: Guide, lang: str) -> _Recording | None:
    """Open the history and start this run's record; without a usable history the run goes
    on unrecorded (a note says why)."""
    try:
        return _Recording(*begin(folder, guide, guide_label(lang, guide)))
    except HistoryError as exc:
        print(f"note: this run is not recorded: {exc}", file=sys.stderr)
        return None


def _dask_said(results: Iterator[Report | Skipped]) -> Iterator[Report | Skipped]:
    """The results; Dask missing or its scheduler out of reach is a usage error."""
    from ..batch import DaskUnavailable

    try:
        yield from results
    except DaskUnavailable as exc:
        raise UsageError(str(exc)) from None


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _unused_guides(proj: Project, folder: Path, used: str | None, guide: Guide) -> None:
    """Say so when a configuration file inside the folder names another guide: a batch
    checks every post with one guide (the one that applies to FOLDER)."""
    def key(path: str | None) -> str:
        return BUILTIN_GUIDE if path in (None, BUILTIN_GUIDE) else str(Path(path).resolve())

    for layer in proj.layers():
        named = layer.values.get("guide")
        inside = layer.file.resolve().is_relative_to(folder.resolve())
        if named and inside and key(named) != key(used):
            print(f"note: {layer.origins['guide']}: guide {named} not used: batch checks the "
                  f"whole folder with {guide.source} (check that folder on its own)",
                  file=sys.stderr)


def _summary(checked: int, failed: int, skipped: list[Skipped], interrupted: bool,
             args: argparse.Namespace) -> None:
    err = sys.stderr
    for s in skipped[:20]:
        print(f"skipped {s.source}: {s.reason}", file=err)
    if len(skipped) > 20:
        print(f"... and {len(skipped) - 20} more skipped", file=err)
    rate = f" ({(checked - failed) / checked:.0%} passed)" if checked else ""
    state = "interrupted after" if interrupted else "checked"
    posts = "post" if checked == 1 else "posts"
    print(f"{state} {checked:,} {posts}: {checked - failed:,} passed, {failed:,} failed{rate}, "
          f"{len(skipped):,} skipped", file=err)
    for label, path in (("HTML report", args.report), ("JSON", args.json), ("CSV", args.csv)):
        if path:
            print(f"{label}: {path}", file=err)
