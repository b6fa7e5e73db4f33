"""Scores over time: every batch run recorded in a local SQLite database.

The database is the user's own (`$XDG_DATA_HOME/voicecheck/history.sqlite3`, else
~/.local/share; %LOCALAPPDATA% on Windows) and nothing in it leaves the machine. It holds
each run (folder, guide name, file and content hash, when, how it ended) and, per post,
its scores and findings, so a later run of the same folder can say what is new, what was
resolved and what is still open, and `voicecheck history` and the app can draw trends.

Safe to share: WAL journal (readers never block the writer), a busy timeout and short
`BEGIN IMMEDIATE` transactions, so two processes (two app windows, the app and a CI
job) can record at once. A run is written as it goes, in small transactions: a run killed
outright (kill -9, a power cut) keeps what was committed and is listed as "killed" once
its process is gone; the database itself is never left half-written (SQLite's journal).
The schema is versioned (`PRAGMA user_version`); a database from a newer voicecheck is
read-only to this one, and one that is not a database at all is moved aside, not lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .findings import Report
from .guide.model import Guide
from .readers import Skipped

SCHEMA_VERSION = 2
FILE_NAME = "history.sqlite3"
BUSY_MS = 30_000  # how long a write waits for another process's transaction
FLUSH_POSTS, FLUSH_SECONDS = 64, 1.0  # a running run is committed this often

_SCHEMA = """
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  folder TEXT NOT NULL,
  guide_name TEXT NOT NULL,
  guide_file TEXT NOT NULL,
  guide_hash TEXT NOT NULL,
  started TEXT NOT NULL,
  finished TEXT,
  state TEXT NOT NULL CHECK (state IN ('running', 'complete', 'interrupted', 'killed')),
  posts INTEGER NOT NULL DEFAULT 0,
  passed INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  tool TEXT NOT NULL,
  pid_start TEXT NOT NULL DEFAULT ''
);
CREATE INDEX runs_by_folder ON runs (folder, id);
CREATE TABLE posts (
  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  channel TEXT NOT NULL,
  campaign TEXT,
  score INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  scores TEXT NOT NULL,
  tone TEXT NOT NULL,
  PRIMARY KEY (run, source)
);
CREATE TABLE findings (
  run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  rule TEXT NOT NULL,
  category TEXT NOT NULL,
  severity TEXT NOT NULL,
  text TEXT NOT NULL,
  nth INTEGER NOT NULL,
  message TEXT NOT NULL,
  whole INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX findings_by_run ON findings (run, source, rule);
"""
# Each step takes a database from the version before it to the next.
_MIGRATIONS = {
    2: ("ALTER TABLE findings ADD COLUMN whole INTEGER NOT NULL DEFAULT 0",  # about the post
        "ALTER TABLE runs ADD COLUMN pid_start TEXT NOT NULL DEFAULT ''"),  # see _alive
}


class HistoryError(Exception):
    """The history cannot be used (one sentence); a run goes on without it."""


def default_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or (
        os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    return Path(base or Path.home() / ".local" / "share") / "voicecheck" / FILE_NAME


def guide_hash(guide: Guide) -> str:
    """A short hash of what the guide checks (packs merged): equal hashes, same rules."""
    from .guide.saver import guide_to_data

    data = json.dumps(guide_to_data(guide), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def folder_key(folder: str | Path) -> str:
    """A folder as runs are grouped by it: its real, absolute path."""
    return os.path.realpath(folder)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Run:
    id: int
    folder: str
    guide_name: str
    guide_file: str
    guide_hash: str
    started: str
    finished: str | None
    state: str
    posts: int
    passed: int
    skipped: int

    @property
    def pass_rate(self) -> float:
        return self.passed / self.posts if self.posts else 0.0

    @property
    def when(self) -> str:
        """The start, in local time, to the minute."""
        return dt.datetime.fromisoformat(self.started).astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class ChannelPoint:
    run: int
    channel: str
    posts: int
    passed: int
    mean_score: float

    @property
    def pass_rate(self) -> float:
        return self.passed / self.posts if self.posts else 0.0


@dataclass(frozen=True)
class Change:
    """A finding as compared between two runs of a folder."""

    source: str
    rule: str
    category: str
    severity: str
    text: str
    message: str


@dataclass
class Comparison:
    """What changed since the previous run of the same folder."""

    previous: Run
    new: list[Change] = field(default_factory=list)
    resolved: list[Change] = field(default_factory=list)
    still_open: int = 0
    new_posts: int = 0  # posts the previous run did not have
    gone_posts: int = 0  # posts of the previous run no longer there
    same_guide: bool = True


@dataclass
class RuleTrend:
    rule: str
    category: str
    counts: list[int]  # per run, oldest first

    @property
    def change(self) -> int:
        """Findings in the last run minus the one before."""
        return self.counts[-1] - (self.counts[-2] if len(self.counts) > 1 else 0)


@dataclass
class Trends:
    """A folder's last runs: per channel and overall, and the rules that moved."""

    runs: list[Run]
    channels: dict[str, list[ChannelPoint | None]]  # channel -> point per run (None: absent)
    mean_scores: list[float]  # per run
    rules: list[RuleTrend]  # every rule seen, biggest change first

    @property
    def rising(self) -> list[RuleTrend]:
        return [r for r in self.rules if r.change > 0]

    @property
    def falling(self) -> list[RuleTrend]:
        return [r for r in self.rules if r.change < 0]


class History:
    """The run database. Open it with `History.open()`; one connection per thread."""

    def __init__(self, conn: sqlite3.Connection, path: Path, writable: bool = True):
        self.conn, self.path, self.writable = conn, path, writable

    @classmethod
    def open(cls, path: str | Path | None = None) -> History:
        """Open (creating it if need be); HistoryError when it cannot be used."""
        p = Path(path) if path is not None else default_path()
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            conn = _connect(p)
        except (OSError, sqlite3.Error) as exc:
            raise HistoryError(f"history {p} cannot be opened: {exc}") from None
        try:
            writable = _prepare(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            if "not a database" not in str(exc) and "malformed" not in str(exc):
                raise HistoryError(f"history {p} cannot be used: {exc}") from None
            aside = p.with_name(f"{p.name}.broken-{int(time.time())}")
            os.replace(p, aside)  # never deleted: someone may want it back
            conn = _connect(p)
            writable = _prepare(conn)
        return cls(conn, p, writable)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if not self.writable:
            raise HistoryError(f"history {self.path} was written by a newer voicecheck; "
                               "this one only reads it")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # ---- recording ----------------------------------------------------------------------

    def start(self, folder: str | Path, guide: Guide, guide_name: str) -> Recorder:
        with self._write() as c:
            cur = c.execute(
                "INSERT INTO runs (folder, guide_name, guide_file, guide_hash, started, state,"
                " host, pid, tool, pid_start) VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)",
                (folder_key(folder), guide_name, guide.source, guide_hash(guide), _now(),
                 socket.gethostname(), os.getpid(), __version__, _process_start(os.getpid())))
        return Recorder(self, int(cur.lastrowid or 0))

    # ---- reading ------------------------------------------------------------------------

    def runs(self, folder: str | Path | None = None, limit: int | None = None) -> list[Run]:
        """Runs, oldest first (of one folder, or all); the last `limit` of them."""
        self._mark_killed()
        where, args = ("WHERE folder = ?", [folder_key(folder)]) if folder else ("", [])
        rows = self.conn.execute(
            f"SELECT id, folder, guide_name, guide_file, guide_hash, started, finished, state,"
            f" posts, passed, skipped FROM runs {where} ORDER BY id DESC"
            + (" LIMIT ?" if limit else ""), [*args, *([limit] if limit else [])]).fetchall()
        return [Run(*row) for row in reversed(rows)]

    def folders(self) -> list[tuple[str, int, str]]:
        """(folder, runs, last start) for every folder with runs, most recent first."""
        return self.conn.execute(
            "SELECT folder, COUNT(*), MAX(started) FROM runs GROUP BY folder "
            "ORDER BY MAX(id) DESC").fetchall()

    def previous(self, folder: str | Path, before: int | None = None) -> Run | None:
        """The last run of the folder that checked posts (before run `before`)."""
        runs = [r for r in self.runs(folder) if r.posts and (before is None or r.id < before)]
        return runs[-1] if runs else None

    def channels(self, run_ids: Iterable[int]) -> list[ChannelPoint]:
        ids = list(run_ids)
        if not ids:
            return []
        rows = self.conn.execute(
            f"SELECT run, channel, COUNT(*), SUM(passed), AVG(score) FROM posts WHERE run IN "
            f"({','.join('?' * len(ids))}) GROUP BY run, channel ORDER BY run, channel",
            ids).fetchall()
        return [ChannelPoint(*row) for row in rows]

    def rule_counts(self, run_id: int) -> Counter[str]:
        return Counter(dict(self.conn.execute(
            "SELECT rule, COUNT(*) FROM findings WHERE run = ? GROUP BY rule", (run_id,))))

    def compare(self, run_id: int, previous: Run) -> Comparison:
        """Findings of run `run_id` against `previous` (same folder): a finding is the same
        when its post, rule and text are (the n-th such in the post); only posts in both
        runs count for new and resolved."""
        current = self._findings(run_id)
        before = self._findings(previous.id)
        now_posts, then_posts = self._sources(run_id), self._sources(previous.id)
        both = now_posts & then_posts
        out = Comparison(previous=previous, new_posts=len(now_posts - then_posts),
                         gone_posts=len(then_posts - now_posts))
        out.new = [c for k, c in current.items() if k not in before and k[0] in both]
        out.resolved = [c for k, c in before.items() if k not in current and k[0] in both]
        out.still_open = sum(1 for k in current if k in before)
        row = self.conn.execute("SELECT guide_hash FROM runs WHERE id = ?", (run_id,)).fetchone()
        out.same_guide = row is not None and row[0] == previous.guide_hash
        return out

    def trends(self, folder: str | Path, limit: int = 20) -> Trends:
        """The last `limit` runs of a folder that checked posts, as series."""
        runs = [r for r in self.runs(folder) if r.posts][-limit:]
        ids = [r.id for r in runs]
        at = {run: i for i, run in enumerate(ids)}
        channels: dict[str, list[ChannelPoint | None]] = {}
        totals = [[0.0, 0] for _ in runs]
        for p in self.channels(ids):
            channels.setdefault(p.channel, [None] * len(runs))[at[p.run]] = p
            totals[at[p.run]][0] += p.mean_score * p.posts
            totals[at[p.run]][1] += p.posts
        rules: dict[str, RuleTrend] = {}
        if ids:
            rows = self.conn.execute(
                f"SELECT run, rule, category, COUNT(*) FROM findings WHERE run IN "
                f"({','.join('?' * len(ids))}) GROUP BY run, rule", ids)
            for run, rule, category, n in rows:
                rules.setdefault(rule, RuleTrend(rule, category, [0] * len(runs))
                                 ).counts[at[run]] = n
        ordered = sorted(rules.values(), key=lambda r: (-abs(r.change), -r.counts[-1], r.rule))
        return Trends(runs, dict(sorted(channels.items())),
                      [s / n if n else 0.0 for s, n in totals], ordered)

    def _sources(self, run_id: int) -> set[str]:
        return {s for (s,) in self.conn.execute("SELECT source FROM posts WHERE run = ?",
                                                (run_id,))}

    def _findings(self, run_id: int) -> dict[tuple[str, str, str, int], Change]:
        """A finding's key: its post, rule, wording and which such it is; a finding about
        the whole post (its tone, its length) is the same whatever the text became."""
        rows = self.conn.execute(
            "SELECT source, rule, category, severity, text, nth, message, whole FROM findings "
            "WHERE run = ? ORDER BY source, rule, nth", (run_id,))
        return {(s, r, "" if whole else t, n): Change(s, r, c, sev, t, m)
                for s, r, c, sev, t, n, m, whole in rows}

    def _mark_killed(self) -> None:
        """Runs still 'running' whose process on this machine is gone were killed."""
        if not self.writable:
            return
        host = socket.gethostname()
        rows = self.conn.execute("SELECT id, pid, pid_start FROM runs WHERE state = 'running' "
                                 "AND host = ?", (host,)).fetchall()
        dead = [run for run, pid, start in rows if not _alive(pid, start)]
        if dead:
            with self._write() as c:
                c.executemany("UPDATE runs SET state = 'killed' WHERE id = ? AND state = 'running'",
                              [(run,) for run in dead])


class Recorder:
    """Writes one run as its results arrive: committed every FLUSH_POSTS posts or
    FLUSH_SECONDS, and at `finish`."""

    def __init__(self, history: History, run_id: int):
        self.history, self.run_id = history, run_id
        self._posts: list[tuple[Any, ...]] = []
        self._findings: list[tuple[Any, ...]] = []
        self._last = time.monotonic()
        self.posts = self.passed = self.skipped = 0
        self.failed = ""  # why recording stopped (the run goes on without it)

    def add(self, result: Report | Skipped) -> None:
        if self.failed:
            return
        if isinstance(result, Skipped):
            self.skipped += 1
            return
        source = result.source or result.file
        self.posts += 1
        self.passed += result.passed
        self._posts.append((self.run_id, source, result.channel, result.campaign, result.score,
                            int(result.passed), json.dumps(result.scores), json.dumps(result.tone)))
        seen: Counter[tuple[str, str]] = Counter()
        for f in result.findings:
            whole = f.start == 0 and f.end == len(result.text) > 0
            key = (f.rule, "" if whole else f.text)
            seen[key] += 1
            self._findings.append((self.run_id, source, f.rule, f.category, f.severity, f.text,
                                   seen[key], f.message, int(whole)))
        if len(self._posts) >= FLUSH_POSTS or time.monotonic() - self._last >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        try:
            self._flush()
        except (sqlite3.Error, HistoryError) as exc:  # a full disk, a lock held for long
            self.failed = f"history not recorded: {exc}"

    def _flush(self) -> None:
        if self.failed:
            return
        with self.history._write() as c:
            c.executemany("INSERT OR REPLACE INTO posts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                          self._posts)
            c.executemany("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          self._findings)
            c.execute("UPDATE runs SET posts = ?, passed = ?, skipped = ? WHERE id = ?",
                      (self.posts, self.passed, self.skipped, self.run_id))
        self._posts, self._findings = [], []
        self._last = time.monotonic()

    def finish(self, interrupted: bool = False) -> None:
        self.flush()
        if self.failed:
            return
        try:
            with self.history._write() as c:
                c.execute("UPDATE runs SET state = ?, finished = ? WHERE id = ?",
                          ("interrupted" if interrupted else "complete", _now(), self.run_id))
        except (sqlite3.Error, HistoryError) as exc:
            self.failed = f"history not recorded: {exc}"


def begin(folder: str | Path, guide: Guide, guide_name: str
          ) -> tuple[History, Recorder, Run | None]:
    """Open the history and start a run of `folder`: (history, its recorder, the folder's
    previous run to compare with). HistoryError when the history cannot be used."""
    history = History.open()
    try:
        previous = history.previous(folder)
        return history, history.start(folder, guide, guide_name), previous
    except (HistoryError, sqlite3.Error) as exc:
        history.close()
        raise HistoryError(str(exc)) from None


def recorded(results: Iterable[Report | Skipped], recorder: Recorder | None,
             interrupted: Callable[[], bool] | None = None) -> Iterator[Report | Skipped]:
    """`results`, each recorded as it passes; the run is finished when they end (as
    interrupted when `interrupted()` says so, or when the consumer stops early or fails)."""
    if recorder is None:
        yield from results
        return
    complete = False
    try:
        for result in results:
            recorder.add(result)
            yield result
        complete = not (interrupted and interrupted())
    finally:
        recorder.finish(interrupted=not complete)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None,
                           check_same_thread=True)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    return conn


def _prepare(conn: sqlite3.Connection) -> bool:
    """WAL, foreign keys, the schema; False when a newer voicecheck wrote it (read-only)."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")  # with WAL: a crash loses no committed run
    conn.execute("PRAGMA foreign_keys = ON")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        return False
    if version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # another process may have made or migrated it since we looked
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
            else:
                for step in range(version + 1, SCHEMA_VERSION + 1):
                    for statement in _MIGRATIONS[step]:
                        conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return True


def _process_start(pid: int) -> str:
    """When process `pid` started, in clock ticks since boot (Linux; "" elsewhere): with
    the pid it names one process, even after the pid is given to another."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[-1].split()[19]


def _alive(pid: int, start: str = "") -> bool:
    """Is the process that wrote a run still running? Not when the pid is gone, is a
    zombie, or now belongs to a process that started later."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but not ours to signal
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    except OSError:
        return True  # no /proc: trust the signal
    return state != "Z" and (not start or _process_start(pid) == start)
