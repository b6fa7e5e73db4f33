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
from ..messages import DEFAULT as DEFAULT_LANG

CHUNK = 64          # results per hand-over at most
CHUNK_SECONDS = 0.1  # ... or whatever arrived in this long
PROGRESS_SECONDS = 0.05


class BatchWorker(QThread):
    """Iterates run_batch in its own thread; cancel() sets the Event run_batch polls."""

    resultsReady = Signal(list)        # list[Report | Skipped], in arrival order
    progressed = Signal(int, int)      # done, total
    failed = Signal(str)               # an unexpected error, as text for the status line
    done = Signal(bool)                # cancelled?

    def __init__(self, folder: Path, guide: Guide, *, workers: int,
                 default_channel: str | None, lang: str = DEFAULT_LANG, parent: Any = None):
        super().__init__(parent)
        self.folder, self.guide = Path(folder), guide
        self.workers, self.default_channel, self.lang = workers, default_channel, lang
        self.cancel_event = threading.Event()
        self._last_progress = 0.0

    def cancel(self) -> None:
        self.cancel_event.set()

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_progress >= PROGRESS_SECONDS:
            self._last_progress = now
            self.progressed.emit(done, total)

    def run(self) -> None:
        chunk: list[Any] = []
        last = time.monotonic()
        try:
            for result in run_batch(self.folder, self.guide, workers=self.workers,
                                    default_channel=self.default_channel, lang=self.lang,
                                    cancel=self.cancel_event, progress=self._progress):
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
        self.done.emit(self.cancel_event.is_set())
