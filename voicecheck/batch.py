"""Batch checking of exported post folders: walk, read, check in parallel, stream results.

Memory stays flat: posts are read lazily, sent to workers in small chunks with a bounded
number in flight, and reports are yielded as they finish. Only posts that belong to a
campaign are held until their whole campaign is in, because campaign consistency
compares them with each other (see campaign.py).
"""

from __future__ import annotations

import errno
import multiprocessing
import multiprocessing.connection
import os
import signal
import stat
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .files import display_name, kind, reason
from .findings import Finding, Report
from .guide.model import Guide
from .messages import DEFAULT as DEFAULT_LANG
from .readers import ColumnMap, Defaults, Post, Skipped, known_channel, read_file
from .scoring import rescored

if TYPE_CHECKING:
    from .config import Project, Settings

__all__ = ["ColumnMap", "Post", "Skipped", "discover", "run_batch", "check_post"]

CHUNK = 16  # posts per task: big enough to amortise pickling, small enough to stream
IN_FLIGHT_PER_WORKER = 4


def _ignored(name: str) -> bool:
    """Hidden files and Office lock files are not exports."""
    return name.startswith((".", "~$"))


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _walk(folder: Path, follow_links: bool = False, root: str | None = None,
          seen: set[str] | None = None) -> Iterator[Path | Skipped]:
    """Files under folder in a stable order, and why anything else there is not read: a
    FIFO, socket or device, a broken or looping link, a folder that cannot be opened,
    and a link that leads out of the checked folder (unless `follow_links`; folders
    reached twice through links are walked once)."""
    root = root if root is not None else os.path.realpath(folder)
    seen = seen if seen is not None else {root}
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(display_name(folder), f"folder cannot be opened: {reason(exc)}")
        return
    dirs = []
    for e in entries:
        if _ignored(e.name):
            continue
        shown = display_name(e.path)
        try:
            link = e.is_symlink()
            st = os.stat(e.path) if link else e.stat(follow_symlinks=False)
        except OSError as exc:
            why = ("broken link (what it points to does not exist)"
                   if exc.errno == errno.ENOENT else f"cannot be read: {reason(exc)}")
            yield Skipped(shown, why)
            continue
        if link:
            target = os.path.realpath(e.path)
            if not follow_links and not _inside(target, root):
                yield Skipped(shown, "link to a file or folder outside the checked folder, "
                                     "not read (--follow-links reads it)")
                continue
        if stat.S_ISDIR(st.st_mode):
            real = os.path.realpath(e.path)
            if real in seen:
                continue  # walked already, through a link
            seen.add(real)
            dirs.append(Path(e.path))
        elif stat.S_ISREG(st.st_mode):
            yield Path(e.path)
        else:
            yield Skipped(shown, f"is {kind(st.st_mode)}, not a file")
    for d in dirs:
        yield from _walk(d, follow_links, root, seen)


def folder_defaults(
    folder: Path, path: Path, default_channel: str | None, default_campaign: str | None
) -> Defaults:
    """Channel from the deepest sub-folder named for a channel (weibo/, 小红书/, x/);
    campaign from the deepest sub-folder that is not a channel name."""
    channel, campaign = default_channel, default_campaign
    for part in path.relative_to(folder).parts[:-1]:
        known = known_channel(part)
        if known:
            channel = known
        else:
            campaign = part
    return Defaults(channel=channel, campaign=campaign)


def _configured(defaults: Defaults, settings: Settings | None) -> Defaults:
    """Project configuration's channel: a path glob wins over the folder's name, the
    configured default only fills in where nothing else names one."""
    if settings is None:
        return defaults
    if settings.channel_by_path.value:
        return replace(defaults, channel=settings.channel_by_path.value)
    return replace(defaults, channel=defaults.channel or settings.channel.value)


def discover(
    folder: Path,
    default_channel: str | None = None,
    columns: ColumnMap | None = None,
    *,
    default_campaign: str | None = None,
    project: Project | None = None,
    follow_links: bool = False,
) -> Iterator[Post | Skipped]:
    """Every post in the folder (recursively), or why a file or row was skipped. With a
    `project`, files its configuration ignores are left out and its channels apply.
    `follow_links`: read links that lead out of the folder too."""
    folder = Path(folder)
    if not folder.is_dir():
        settings = project.settings(folder) if project else None
        yield from read_file(folder, display_name(folder), _configured(
            Defaults(default_channel, default_campaign), settings), columns)
        return
    for path in _walk(folder, follow_links):
        if isinstance(path, Skipped):
            yield path
            continue
        settings = project.settings(path) if project else None
        if settings is not None and settings.ignored.value:
            continue
        defaults = _configured(folder_defaults(folder, path, default_channel, default_campaign),
                               settings)
        try:
            yield from read_file(path, display_name(path), defaults, columns)
        except Exception as exc:  # a reader bug on one odd file must not stop the run
            yield Skipped(display_name(path), f"could not read: {type(exc).__name__}: {exc}")


# --- checking one post (runs in workers) -------------------------------------------

_worker_guide: Guide | None = None
_worker_lang = DEFAULT_LANG
_worker_project: Project | None = None


def _init_worker(guide: Guide, lang: str, project: Project | None = None) -> None:
    """Runs once per worker process: keep the guide, message language and configuration,
    load the pipelines now."""
    global _worker_guide, _worker_lang, _worker_project
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _exit_with_parent()
    _worker_guide, _worker_lang, _worker_project = guide, lang, project
    _warm(guide)


def _exit_with_parent() -> None:
    """A worker ends when the process that started it does: killed with kill -9, the
    parent cannot shut its pool down, and its workers (and with them multiprocessing's
    resource tracker) stayed alive for good. The parent's end of the pipe the worker was
    started through closes when the parent dies, whatever killed it."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _warm(guide: Guide) -> None:
    from .engine import guide_words
    from .text import pipelines

    pipelines.warm_up()
    pipelines.add_user_words(guide_words(guide))


def check_post(post: Post, guide: Guide, lang: str = DEFAULT_LANG,
               project: Project | None = None) -> Report:
    """Check one post with its channel's profile; a channel the guide does not define is
    checked with the guide's defaults but keeps its name, so reports group by it. A
    mistake in the post's voicecheck directives raises DirectiveError. `project`: the
    configuration whose disabled rules and minimum severity apply to the post's file."""
    from .engine import check
    from .suppress import for_draft

    profile = post.channel if post.channel in guide.channels else None
    rules = for_draft(post.head or "", post.text, post.file if post.head is not None
                      else post.source)
    rules.check()
    if project is not None:
        rules += project.settings(Path(post.file)).suppressions()
    report = check(post.text, guide, profile, file=post.file, lang=lang, suppressions=rules)
    report.source = post.source
    report.campaign = post.campaign
    report.first_line = None if post.head is None else post.head.count("\n") + 1
    if post.channel and profile is None:
        report.channel = post.channel
    return report


def _check_or_skip(post: Post, guide: Guide, lang: str, project: Project | None
                   ) -> Report | Skipped:
    from .suppress import DirectiveError

    try:
        return check_post(post, guide, lang, project)
    except DirectiveError as exc:
        first = exc.problems[0]
        return Skipped(f"{first.file}:{first.line}:{first.column}",
                       "; ".join(p.message for p in exc.problems))


def _check_chunk(posts: list[Post]) -> list[Report | Skipped]:
    assert _worker_guide is not None, "worker not initialised"
    return [_check_or_skip(p, _worker_guide, _worker_lang, _worker_project) for p in posts]


# --- campaign holding ----------------------------------------------------------------

def rescore(report: Report, extra: list[Finding], guide: Guide) -> Report:
    """The report with extra (campaign) findings added and its scores recomputed."""
    if report.suppressions is not None:
        extra, suppressed = report.suppressions.split(extra)
        report = replace(report, suppressed=[*report.suppressed, *suppressed])
    if not extra:
        return report
    findings = sorted([*report.findings, *extra], key=lambda f: (f.start, f.end, f.rule))
    return rescored(report, findings, guide.scoring.pass_score)


def _finish_campaign(reports: list[Report], guide: Guide, lang: str) -> list[Report]:
    from .campaign import campaign_findings

    extra = campaign_findings(reports, guide, lang)
    return [rescore(r, extra.get(r.source, []), guide) for r in reports]


# --- the run -------------------------------------------------------------------------

def _count(
    items: Iterable[Post | Skipped], cancel: threading.Event | None
) -> tuple[int, Counter[str]]:
    total, campaigns = 0, Counter[str]()
    for item in items:
        if cancel is not None and cancel.is_set():
            break
        total += 1
        if isinstance(item, Post) and item.campaign:
            campaigns[item.campaign] += 1
    return total, campaigns


def _chunks(items: Iterator[Post | Skipped], size: int) -> Iterator[list[Post | Skipped]]:
    chunk: list[Post | Skipped] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_batch(
    folder: Path,
    guide: Guide,
    *,
    workers: int | None = None,
    default_channel: str | None = None,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
    columns: ColumnMap | None = None,
    default_campaign: str | None = None,
    lang: str = DEFAULT_LANG,
    project: Project | None = None,
    follow_links: bool = False,
) -> Iterator[Report | Skipped]:
    """Check every post in folder; reports (and skipped files) stream as they finish.

    workers: processes (default: all cores); 1 checks in this process. cancel: set it to
    stop submitting work; what already finished is still yielded. progress(done, total)
    is called after each item (total counts posts and skipped items). lang: the language
    findings are explained in ("en" | "zh"). project: configuration files that apply to
    each file (ignore, channels, disabled rules, minimum severity). follow_links: read
    links that lead out of the folder (by default they are listed as skipped).
    """
    folder = Path(folder)
    workers = max(1, workers or os.cpu_count() or 1)

    def items() -> Iterator[Post | Skipped]:
        return discover(folder, default_channel, columns, default_campaign=default_campaign,
                        follow_links=follow_links,
                        project=project)

    total, campaign_sizes = _count(items(), cancel)
    done = 0
    held: dict[str, list[Report]] = {}

    def emit(result: Report | Skipped) -> Iterator[Report | Skipped]:
        """Yield a result now, or hold it until its campaign is complete."""
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)
        campaign = result.campaign if isinstance(result, Report) else None
        if not campaign or campaign_sizes.get(campaign, 0) < 2:
            yield result
            return
        group = held.setdefault(campaign, [])
        group.append(result)
        if len(group) >= campaign_sizes[campaign]:
            yield from _finish_campaign(held.pop(campaign), guide, lang)

    def cancelled() -> bool:
        return cancel is not None and cancel.is_set()

    if workers == 1:
        _warm(guide)
        for item in items():
            if cancelled():
                break
            yield from emit(_check_or_skip(item, guide, lang, project) if isinstance(item, Post)
                            else item)
    else:
        ctx = multiprocessing.get_context("spawn")  # safe beside Qt threads and locks
        pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                                   initargs=(guide, lang, project))
        pending: set[Future[list[Report | Skipped]]] = set()
        try:
            chunks = _chunks(items(), CHUNK)
            exhausted = False
            while True:
                while not exhausted and not cancelled() and (
                    len(pending) < workers * IN_FLIGHT_PER_WORKER
                ):
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    for item in chunk:
                        if isinstance(item, Skipped):
                            yield from emit(item)
                    posts = [p for p in chunk if isinstance(p, Post)]
                    if posts:
                        pending.add(pool.submit(_check_chunk, posts))
                if not pending:
                    break
                finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for fut in finished:
                    if fut.cancelled():
                        continue
                    for report in fut.result():
                        yield from emit(report)
                if cancelled():
                    for fut in pending:
                        fut.cancel()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    for group in held.values():  # campaigns cut short by cancellation
        yield from _finish_campaign(group, guide, lang)
