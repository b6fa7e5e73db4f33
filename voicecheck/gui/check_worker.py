"""Run analysis off the UI thread, newest request wins.

One worker thread runs jobs one at a time (the tokenizers are shared state). A new
check request replaces any check still waiting in the queue, so a fast typist queues
at most one. Every check carries a generation number; the runner bumps it on each
edit and passes on only results whose generation is still the newest, so results
describing older text are dropped.
"""

from __future__ import annotations

import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from ..convert import convert
from ..draft import FrontMatterError, check_draft
from ..engine import check
from ..findings import Report
from ..guide.model import Guide
from ..messages import DEFAULT as DEFAULT_LANG
from ..text import english, pipelines

WARM_UP, WARM_UP_ENGLISH, CHECK, CONVERT = "warm-up", "warm-up-english", "check", "convert"


@dataclass(frozen=True)
class CheckResult:
    generation: int
    report: Report
    seconds: float


class _Relay(QObject):
    """Carries a job's outcome back to the UI thread (queued connection)."""

    done = Signal(object)
    failed = Signal(object, str)


class _Job(QRunnable):
    def __init__(self, kind: str, generation: int, fn: Callable[[], Any], relay: _Relay,
                 extra: Any = None) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it until its result has been handled
        self.kind, self.generation, self.fn, self.relay, self.extra = (
            kind, generation, fn, relay, extra)

    def run(self) -> None:  # worker thread
        t0 = time.perf_counter()
        try:
            value = self.fn()
        except Exception as exc:  # a check bug must not kill the app; show it instead
            traceback.print_exc()
            self.relay.failed.emit(self, f"{type(exc).__name__}: {exc}")
            return
        self.relay.done.emit((self, value, time.perf_counter() - t0))


class CheckRunner(QObject):
    """Schedules checks, conversions and the tokenizer warm-up on one background thread."""

    checked = Signal(object)  # CheckResult, only for the newest generation
    converted = Signal(int, str, str)  # generation, target locale, converted text
    failed = Signal(str)
    warmedUp = Signal()
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._queue: deque[_Job] = deque()
        self._running: _Job | None = None
        self._latest = 0

    @property
    def latest(self) -> int:
        """The generation of the current text."""
        return self._latest

    def warm_up(self) -> None:
        """Load jieba and the lexicons in the background so the first check does not wait."""
        self._submit(_Job(WARM_UP, 0, pipelines.warm_up, self._relay))

    def warm_up_english(self, model: str | None) -> None:
        """Load spaCy (and the guide's pipeline) in the background once the first check is
        queued: a Chinese draft's first result does not wait for it, an English one's
        later checks do not pay for it."""
        self._submit(_Job(WARM_UP_ENGLISH, 0, lambda: english.warm_up(model), self._relay))

    def request(self, text: str, guide: Guide, channel: str | None, lang: str = DEFAULT_LANG) -> int:
        """Queue a check of `text` (the current text), its findings explained in `lang`;
        returns its generation number."""
        self._latest += 1
        gen = self._latest
        self._queue = deque(j for j in self._queue if j.kind != CHECK)
        self._submit(_Job(CHECK, gen, lambda: _check(text, guide, channel, lang), self._relay))
        return gen

    def convert(self, text: str, target: str) -> None:
        """Queue a script conversion of the current text; `converted` reports it."""
        self._submit(_Job(CONVERT, self._latest, lambda: convert(text, target), self._relay,
                          extra=target))

    def invalidate(self) -> None:
        """The text changed: any result in flight is stale from now on."""
        self._latest += 1

    def is_busy(self) -> bool:
        return self._running is not None or bool(self._queue)

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)

    def _submit(self, job: _Job) -> None:
        self._queue.append(job)
        if self._running is None:
            self.busyChanged.emit(True)
            self._next()

    def _next(self) -> None:
        while self._queue:
            job = self._queue.popleft()
            if job.kind not in (WARM_UP, WARM_UP_ENGLISH) and job.generation != self._latest:
                continue  # the text changed while it waited; a newer request follows
            self._running = job
            self._pool.start(job)
            return
        self._running = None
        self.busyChanged.emit(False)

    @Slot(object)
    def _on_done(self, payload: tuple[_Job, Any, float]) -> None:
        job, value, seconds = payload
        self._next()
        if job.kind == WARM_UP:
            self.warmedUp.emit()
        elif job.kind == WARM_UP_ENGLISH:
            return
        elif job.generation == self._latest:
            if job.kind == CHECK:
                self.checked.emit(CheckResult(job.generation, value, seconds))
            else:
                self.converted.emit(job.generation, job.extra, value)

    @Slot(object, str)
    def _on_failed(self, job: _Job, message: str) -> None:
        self._next()
        if job.kind in (WARM_UP, WARM_UP_ENGLISH) or job.generation == self._latest:
            self.failed.emit(message)


def _check(text: str, guide: Guide, channel: str | None, lang: str) -> Report:
    """The draft after its front matter; while the front matter is being typed and not
    yet valid YAML, the whole text."""
    try:
        return check_draft(text, guide, channel, lang=lang)
    except FrontMatterError:
        return check(text, guide, channel, lang=lang)
