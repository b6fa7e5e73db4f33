"""Batch checking of exported post folders: walk, read, check in parallel, stream results.

Memory stays flat: posts are read lazily, sent to workers in small chunks with a bounded
number in flight, and reports are yielded as they finish. Only posts that belong to a
campaign are held until their whole campaign is in, because campaign consistency
compares them with each other (see campaign.py).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import multiprocessing
import multiprocessing.connection
import os
import pickle
import signal
import stat
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import own_temporary
from .files import display_name, kind, reason
from .findings import Finding, Report
from .guide.model import BUILTIN_NAME, Guide
from .messages import DEFAULT as DEFAULT_LANG
from .readers import ColumnMap, Defaults, Post, Skipped, known_channel, read_file
from .scoring import rescored

if TYPE_CHECKING:
    from .config import Project, Settings

__all__ = ["ColumnMap", "Post", "Skipped", "check_post", "check_records", "discover", "run_batch"]

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
        entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
    except OSError as exc:
        yield Skipped(display_name(folder), f"folder cannot be opened: {reason(exc)}")
        return
    dirs = []
    while entries:  # each entry let go once read: it keeps its path and stat result
        e = entries.pop()  # (100,000 files in one folder held 80 MB more by the end)
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


def _init_worker(given: str) -> None:
    """Runs once per worker process: keep the guide, message language and configuration
    (pickled into the file `given`, see `_LocalPool`), load the pipelines now."""
    global _worker_guide, _worker_lang, _worker_project
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _exit_with_parent()
    with open(given, "rb") as fh:
        _worker_guide, _worker_lang, _worker_project = pickle.load(fh)
    _ready(_worker_guide)


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


_ready_for: list[Guide] = []  # the guide this process last got ready for


def _ready(guide: Guide) -> None:
    """Load the pipelines and teach jieba the guide's words, once per process and guide
    (a Dask worker is handed the same guide object for every task)."""
    if _ready_for and _ready_for[0] is guide:
        return
    from .engine import guide_words
    from .text import pipelines

    pipelines.warm_up()
    pipelines.add_user_words(guide_words(guide))
    _ready_for[:] = [guide]


@functools.lru_cache(maxsize=4)
def _guide_at(spec: str) -> Guide:
    from .guide import load_guide

    return load_guide(None if spec == BUILTIN_NAME else spec)


def _as_post(record: Post | Mapping[str, Any], number: int) -> Post:
    if isinstance(record, Post):
        return record
    file = str(record.get("file") or f"record {number}")
    channel = record.get("channel")
    return Post(text=str(record["text"]),
                channel=(known_channel(str(channel)) or str(channel).strip().lower())
                if channel else None,
                campaign=str(record["campaign"]) if record.get("campaign") else None,
                source=str(record.get("source") or file), file=file)


def check_records(records: Iterable[Post | Mapping[str, Any]],
                  guide: Guide | str | os.PathLike[str] | None = None,
                  lang: str = DEFAULT_LANG, project: Project | None = None
                  ) -> list[Report | Skipped]:
    """The report of each record, each on its own: a pure function of the record and
    the guide, for running where the posts are (a Dask partition, another process).

    A record is a Post or a mapping with `text` and, if known, `channel` (a guide's
    channel key or an export's name for it: 微博, twitter), `campaign`, `file` and
    `source` (how the report names it). A record whose voicecheck directives are wrong
    comes back as Skipped. `guide`: a Guide, or a guide file's path (or builtin:default,
    or None for it) that each process loads once. Campaign findings compare posts with
    each other and so are not here: `finish_campaigns` adds them once a campaign's
    reports are together."""
    if not isinstance(guide, Guide):
        guide = _guide_at(os.fspath(guide) if guide is not None else BUILTIN_NAME)
    _ready(guide)
    return [_check_or_skip(_as_post(r, i), guide, lang, project)
            for i, r in enumerate(records, 1)]


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
    except Exception as exc:  # noqa: BLE001 - one post's failure must not end the run
        return Skipped(post.source, f"voicecheck failed on this post ({type(exc).__name__}: "
                                    f"{str(exc)[:200]}); please report it")


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


def finish_campaigns(reports: Iterable[Report | Skipped], guide: Guide,
                     lang: str = DEFAULT_LANG) -> list[Report | Skipped]:
    """`check_records`' reports with their campaign findings added (posts of one campaign
    compared with each other), in the order given."""
    done = list(reports)
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(done):
        if isinstance(r, Report) and r.campaign:
            groups.setdefault(r.campaign, []).append(i)
    for where in groups.values():
        if len(where) >= 2:
            for i, r in zip(where, _finish_campaign([done[i] for i in where], guide, lang),
                            strict=True):
                done[i] = r
    return done


# --- where posts are checked ----------------------------------------------------------

class _Pool:
    """Chunks of posts checked elsewhere: `submit` gives a future of their reports.
    `restart`, where there is one, replaces workers that died (see `_LocalPool`)."""

    def __init__(self, workers: int, submit: Callable[[list[Post]], Future[list[Report | Skipped]]],
                 close: Callable[[], None], restart: Callable[[], None] | None = None):
        self.workers, self.submit, self.close, self.restart = workers, submit, close, restart


class _LocalPool(_Pool):
    """Worker processes on this machine, spawned (safe beside Qt threads and locks).

    The guide reaches them through a file, not the pipe each is started through: a worker
    that died before reading more than that pipe's 64 KB (a guide pickles to ~80 KB) left
    this process blocked writing it for good (a file left by a kill -9 goes at the next
    run). A pool whose worker died (the kernel's out-of-memory killer, a kill -9) fails
    every chunk it holds; `restart` starts another.
    """

    def __init__(self, workers: int, guide: Guide, lang: str, project: Project | None):
        fd, self._given = own_temporary(Path(tempfile.gettempdir()), "voicecheck-guide")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((guide, lang, project), fh, protocol=pickle.HIGHEST_PROTOCOL)
            self._executor = self._start(workers)
        except BaseException:
            os.unlink(self._given)
            raise
        super().__init__(workers, self._submit, self._close, self._restart)

    def _start(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(self._given,))

    def _submit(self, posts: list[Post]) -> Future[list[Report | Skipped]]:
        try:
            return self._executor.submit(_check_chunk, posts)
        except (BrokenProcessPool, OSError) as exc:
            # broken between two waits, or while submit started a worker ("handle is
            # closed" once the pool's manager is gone): fail like its futures
            failed: Future[list[Report | Skipped]] = Future()
            failed.set_exception(exc if isinstance(exc, BrokenProcessPool)
                                 else BrokenProcessPool(str(exc)))
            return failed

    def _restart(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = self._start(self.workers)

    def _close(self) -> None:
        try:
            self._executor.shutdown(wait=True, cancel_futures=True)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(self._given)


class DaskUnavailable(Exception):
    """Dask is not installed, or its scheduler cannot be reached; the message says which."""


def dask_pool(address: str, guide: Guide, lang: str, project: Project | None) -> _Pool:
    """The workers of the Dask scheduler at `address`: the guide and configuration are
    sent to each worker once (and the analysers loaded there once, on the first chunk);
    chunks of posts go out as `check_records` tasks."""
    try:
        from distributed import Client
    except ImportError:
        raise DaskUnavailable("--dask needs Dask's distributed scheduler: "
                              "pip install 'voicecheck[dask]'") from None
    try:
        client = Client(address, timeout=20, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise DaskUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    shared = client.scatter({"guide": guide, "project": project}, broadcast=True, hash=False)
    executor = client.get_executor(pure=False)

    def close() -> None:
        executor.shutdown(wait=False)  # what is still queued is not wanted any more
        client.close()

    threads = sum(client.nthreads().values()) or 1
    return _Pool(threads, lambda posts: executor.submit(
        check_records, posts, shared["guide"], lang, shared["project"]), close)


def _checked_by(pool: _Pool, chunks: Iterator[list[Post | Skipped]],
               cancelled: Callable[[], bool],
               here: Callable[[Iterable[Post | Skipped]], Iterator[Report | Skipped]]
               ) -> Iterator[Report | Skipped]:
    """The results of chunks checked by the pool, a bounded number in flight.

    When a worker dies, every chunk in flight is lost; they are checked again one at a
    time, and a chunk that stops a worker again post by post, so the one post that kills
    a worker is skipped with its reason and the run goes on (it ended with a traceback
    and no HTML report). Workers that cannot start at all leave the rest to `here`.
    """
    pending: dict[Future[list[Report | Skipped]], list[Post]] = {}
    suspects: list[list[Post]] = []  # chunks lost with a worker, to check one at a time
    alone = exhausted = False
    while True:
        if alone and pending:
            pass  # the suspect in flight comes back first
        elif suspects:
            if not cancelled():
                chunk = suspects.pop(0)
                pending[pool.submit(chunk)] = chunk
                alone = True
        else:
            alone = False
            while not exhausted and not cancelled() and (
                len(pending) < pool.workers * IN_FLIGHT_PER_WORKER
            ):
                items = next(chunks, None)
                if items is None:
                    exhausted = True
                    break
                yield from (i for i in items if isinstance(i, Skipped))
                posts = [p for p in items if isinstance(p, Post)]
                if posts:
                    pending[pool.submit(posts)] = posts
        if not pending:
            break
        finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        if pool.restart is not None and any(_broken(f) for f in finished):
            finished, _ = wait(pending)  # a broken pool fails all it holds
        lost: list[list[Post]] = []
        for fut in finished:
            posts = pending.pop(fut)
            if fut.cancelled():
                continue
            if pool.restart is not None and _broken(fut):
                lost.append(posts)
            else:
                yield from fut.result()
        if lost:
            if not _restarted(pool, cancelled):  # not one post's doing: workers cannot start
                todo = [*lost, *suspects]
                yield from here(p for chunk in todo for p in chunk)
                yield from here(i for items in chunks for i in items)
                return
            if not alone:
                suspects.extend(lost)
            elif len(lost[0]) > 1:
                suspects[:0] = [[p] for p in lost[0]]
            else:
                yield Skipped(lost[0][0].source, "the worker process checking this post "
                              "stopped, and again when it checked the post alone (out of "
                              "memory, or a crash); the post is not checked")
        if cancelled():
            for fut in pending:
                fut.cancel()


def _broken(fut: Future[Any]) -> bool:
    return not fut.cancelled() and isinstance(fut.exception(), BrokenProcessPool)


def _restarted(pool: _Pool, cancelled: Callable[[], bool]) -> bool:
    """Whether the pool started again and can check posts: an empty chunk comes back."""
    assert pool.restart is not None
    try:
        pool.restart()
    except OSError:  # no processes left to start, or multiprocessing's own helper died
        return False
    probe = pool.submit([])
    while not wait([probe], timeout=0.2).done:
        if cancelled():
            return True  # the run is stopping; nothing more is submitted
    return not _broken(probe)


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
    dask: str | None = None,
) -> Iterator[Report | Skipped]:
    """Check every post in folder; reports (and skipped files) stream as they finish.

    workers: processes (default: all cores); 1 checks in this process. dask: a Dask
    scheduler's address: the posts are read here and checked on its workers instead
    (see `dask_pool`). cancel: set it to
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

    def here(todo: Iterable[Post | Skipped]) -> Iterator[Report | Skipped]:
        _ready(guide)
        for item in todo:
            if cancelled():
                return
            yield _check_or_skip(item, guide, lang, project) if isinstance(item, Post) else item

    pool: _Pool | None = None
    if dask is not None:
        pool = dask_pool(dask, guide, lang, project)
    elif workers > 1:
        with contextlib.suppress(OSError):  # no worker processes here: check in this one
            pool = _LocalPool(workers, guide, lang, project)
    if pool is None:
        for result in here(items()):
            yield from emit(result)
    else:
        try:
            for result in _checked_by(pool, _chunks(items(), CHUNK), cancelled, here):
                yield from emit(result)
        finally:
            pool.close()
    for group in held.values():  # campaigns cut short by cancellation
        yield from _finish_campaign(group, guide, lang)
