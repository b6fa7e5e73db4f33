"""Run a batch off the UI thread and hand results over in chunks.

`run_batch` streams one result at a time; sending each as its own queued signal would
flood the UI thread on fast runs of small posts. The worker batches them (by count or
by time, whichever comes first) and throttles progress the same way.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, Signal

from ..batch import run_batch
from ..guide.model import Guide
from ..history import History, HistoryError, Recorder, begin, recorded
from ..messages import DEFAULT as DEFAULT_LANG
from ..messages import guide_label

CHUNK = 64          # results per hand-over at most
CHUNK_SECONDS = 0.1  # ... or whatever arrived in this long
PROGRESS_SECONDS = 0.05


class BatchWorker(QThread):
    """Iterates run_batch in its own thread; cancel() sets the Event run_batch polls."""

    resultsReady = Signal(list)        # list[Report | Skipped], in arrival order
    progressed = Signal(int, int)      # done, total
    failed = Signal(str)               # an unexpected error, as text for the status line
    done = Signal(bool)                # cancelled?
    # The run's record in the history: (its id, the previous run's id or 0, a problem or "")
    recordedRun = Signal(int, int, str)

    def __init__(self, folder: Path, guide: Guide, *, workers: int,
                 default_channel: str | None, lang: str = DEFAULT_LANG, history: bool = True,
                 parent: Any = None):
        super().__init__(parent)
        self.folder, self.guide = Path(folder), guide
        self.workers, self.default_channel, self.lang = workers, default_channel, lang
        self.history = history
        self.cancel_event = threading.Event()
        self._last_progress = 0.0

    def cancel(self) -> None:
        self.cancel_event.set()

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_progress >= PROGRESS_SECONDS:
            self._last_progress = now
            self.progressed.emit(done, total)

    def _start_record(self) -> tuple[History | None, Recorder | None, int, str]:
        """Open the history in this thread (SQLite connections stay in theirs)."""
        if not self.history:
            return None, None, 0, ""
        try:
            h, rec, previous = begin(self.folder, self.guide, guide_label(self.lang, self.guide))
        except HistoryError as exc:
            return None, None, 0, str(exc)
        return h, rec, previous.id if previous else 0, ""

    def run(self) -> None:
        history, recorder, previous, problem = self._start_record()
        try:
            self._run(recorder)
        finally:
            if recorder is not None:
                problem = recorder.failed
                self.recordedRun.emit(recorder.run_id, previous, problem)
            elif problem:
                self.recordedRun.emit(0, 0, problem)
            if history is not None:
                history.close()
        self.done.emit(self.cancel_event.is_set())

    def _run(self, recorder: Recorder | None) -> None:
        chunk: list[Any] = []
        last = time.monotonic()
        try:
            results = run_batch(self.folder, self.guide, workers=self.workers,
                                default_channel=self.default_channel, lang=self.lang,
                                cancel=self.cancel_event, progress=self._progress)
            for result in recorded(results, recorder, self.cancel_event.is_set):
                chunk.append(result)
                now = time.monotonic()
                if len(chunk) >= CHUNK or now - last >= CHUNK_SECONDS:
                    self.resultsReady.emit(chunk)
                    chunk, last = [], now
        except Exception as exc:  # shown to the user; the run simply stops
            if chunk:
                self.resultsReady.emit(chunk)
                chunk = []
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        if chunk:
            self.resultsReady.emit(chunk)
