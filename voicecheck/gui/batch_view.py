"""Batch workspace: check a whole folder of exported posts without blocking the window.

Results stream into a sortable table as workers finish them; a double-click opens a post
in Review; exports are the same JSON/CSV/HTML reports the CLI writes.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..findings import Finding, Report
from ..guide.model import Guide
from ..history import Comparison, History, HistoryError
from ..messages import NO_CHANNEL, guide_label
from ..readers import Skipped
from ..report.csv_report import CsvWriter
from ..report.html_report import HtmlReport
from ..report.json_stream import JsonArrayWriter
from . import i18n, tooltip
from .batch_worker import BatchWorker
from .row_table import SORT_ROLE
from .strings import tr, tr_n
from .trends_view import TrendsView

AnyIndex = QModelIndex | QPersistentModelIndex
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
COLUMNS = ("Post", "Channel", "Score", "Result", "Findings", "Top finding")
VIEWS = ("Posts", "Trends")
# The filter chosen picks the HTML report's view: for the client, or internal.
HTML_CLIENT, HTML_INTERNAL = "HTML report for the client (*.html)", "HTML report, internal (*.html)"
EXPORT_FILTERS = (HTML_CLIENT, HTML_INTERNAL, "JSON (*.json)", "CSV (*.csv)")


def top_finding(report: Report) -> Finding | None:
    """The most severe finding, earliest first among equals."""
    if not report.findings:
        return None
    return min(report.findings, key=lambda f: (-SEVERITY_RANK.get(f.severity, 0), f.start))


def format_eta(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 60:
        return tr("{0} s", seconds)
    minutes, sec = divmod(seconds, 60)
    if minutes < 60:
        return tr("{0} min {1} s", minutes, sec)
    hours, minutes = divmod(minutes, 60)
    return tr("{0} h {1} min", hours, minutes)


def _clip(text: str, n: int = 16) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class BatchModel(QAbstractTableModel):
    """One row per checked post (the Report, text included, so a post can be opened)."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.reports: list[Report] = []
        self.root = ""  # folder prefix left out of the Post column

    def label(self, r: Report) -> str:
        """Where the post came from, relative to the folder that was checked."""
        source = r.source or r.file
        if self.root and source.startswith(self.root):
            return source[len(self.root):].lstrip("/\\") or source
        return source

    def clear(self) -> None:
        self.beginResetModel()
        self.reports = []
        self.endResetModel()

    def extend(self, reports: list[Report]) -> None:
        if not reports:
            return
        n = len(self.reports)
        self.beginInsertRows(QModelIndex(), n, n + len(reports) - 1)
        self.reports.extend(reports)
        self.endInsertRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.reports)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, col = self.reports[index.row()], index.column()
        top = top_finding(r)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return self.label(r)
            if col == 1:
                return i18n.channel_label(r.channel)
            if col == 2:
                return r.score
            if col == 3:
                return "✓ " + tr("PASS") if r.passed else "✗ " + tr("FAIL")
            if col == 4:
                return len(r.findings)
            if col == 5:
                return "" if top is None else (
                    f"{i18n.label(top.severity)} · {_clip(top.text)} — {top.message}")
        if role == SORT_ROLE:
            if col == 0:
                return str(r.source or r.file).casefold()
            if col == 1:
                return i18n.channel_label(r.channel).casefold()
            return (r.score, int(r.passed), len(r.findings),
                    -SEVERITY_RANK.get(top.severity, 0) if top else 0)[col - 2]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 5 and top is not None:
                more = "\n".join(f"{i18n.label(f.severity)} [{f.rule}] {f.text}: {f.message}"
                                 for f in r.findings[:12])
                return tooltip.plain(more)
            if col == 0:
                return tooltip.plain(f"{r.source or r.file}\n\n{_clip(r.text, 300)}")
        if role == Qt.ItemDataRole.FontRole and col == 3 and not r.passed:
            font = QApplication.font()
            font.setBold(True)  # weight, not colour: readable in any palette
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BatchFilter(QSortFilterProxyModel):
    """Search across the visible columns; optionally only failing posts."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.failing_only = False

    def set_failing_only(self, on: bool) -> None:
        self.beginFilterChange()
        self.failing_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: AnyIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, BatchModel)
        if self.failing_only and model.reports[row].passed:
            return False
        return super().filterAcceptsRow(row, parent)


class BatchView(QWidget):
    """Folder picker, run/cancel with progress, results table, skipped list, export."""

    openPost = Signal(object, object)     # Report, the Guide the run checked it with
    batchFinished = Signal(bool)          # cancelled?

    def __init__(self, parent: QWidget | None = None, history: bool = True):
        super().__init__(parent)
        self.history = history  # record runs in the local history (off: screenshots)
        self.last_run: tuple[int, int] | None = None  # (run id, previous run id) recorded
        self._history_problem = ""
        self.guide: Guide | None = None
        self.run_guide: Guide | None = None  # what the results in the table were checked with
        self.skipped: list[Skipped] = []
        self.folder: Path | None = None
        self._worker: BatchWorker | None = None
        self._started = self._elapsed = 0.0
        self._cancelled = False
        self._lang = i18n.language().code
        self._done = self._total = 0
        self._texts: list[tuple[Any, str]] = []
        self.setAcceptDrops(True)
        self._build()
        self._set_running(False)
        app = QApplication.instance()
        if app is not None:  # never leave a worker thread running into interpreter exit
            app.aboutToQuit.connect(self.shutdown)

    # ------------------------------------------------------------------ public API
    def set_guide(self, guide: Guide) -> None:
        """The guide the next run uses (a run in progress keeps its own, and the table
        says when its results came from another)."""
        self.guide = guide
        if self.model.reports and not self.is_running():
            self._show_summary()
        current = self.channel_box.currentData()
        self.channel_box.blockSignals(True)
        self.channel_box.clear()
        self.channel_box.addItem(tr("From files and folders"), None)
        for name in guide.channels:
            self.channel_box.addItem(i18n.channel_label(name), name)
        i = self.channel_box.findData(current)
        self.channel_box.setCurrentIndex(max(0, i))
        self.channel_box.blockSignals(False)

    def set_folder(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        self.folder_edit.setText(str(self.folder))
        self._set_running(self.is_running())
        self.trends.load(self.folder)

    def is_running(self) -> bool:
        return self._worker is not None and self._worker.isRunning()

    def run(self) -> None:
        """Start checking the chosen folder (replaces the previous results)."""
        text = self.folder_edit.text().strip()
        if not text or self.is_running():
            return
        folder = Path(text).expanduser()
        if not folder.exists():
            self.status.setText(tr("No such folder: {0}", folder))
            return
        if self.guide is None:
            from ..guide import load_guide
            self.set_guide(load_guide(None))
        assert self.guide is not None
        self.folder = folder
        self.run_guide = self.guide
        self.model.clear()
        self.notice.setVisible(False)
        self.model.root = str(folder)
        self.skipped = []
        self.skipped_list.clear()
        self._update_skipped()
        self._cancelled = False
        self._lang = i18n.language().code  # the run's messages, and its exported report
        self._done = self._total = 0
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.progress.setFormat(tr("Finding posts…"))
        self._started = time.monotonic()
        worker = BatchWorker(folder, self.guide, workers=self.workers.value(),
                             default_channel=self.channel_box.currentData(),
                             lang=self._lang, history=self.history, parent=self)
        self.last_run = None
        worker.recordedRun.connect(self._recorded)
        worker.resultsReady.connect(self._add_results)
        worker.progressed.connect(self._progressed)
        worker.failed.connect(self._failed)
        worker.done.connect(self._finished)
        self._worker = worker
        self._set_running(True)
        self.status.setText(tr("Checking {0}…", folder))
        worker.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(tr("Cancelling… posts already sent to workers finish first"))

    def shutdown(self) -> None:
        """Stop a run and wait for its thread (before the window goes away)."""
        if self._worker is not None:
            self._worker.cancel()
            self._worker.wait()
        self.trends.wait()

    def comparison(self) -> Comparison | None:
        """The last run against the folder's run before it (from the local history)."""
        if self.last_run is None or not self.last_run[1]:
            return None
        run, previous = self.last_run
        try:
            with History.open() as h:
                before = next((r for r in h.runs(self.folder) if r.id == previous), None)
                return h.compare(run, before) if before is not None else None
        except (HistoryError, sqlite3.Error):
            return None

    def reports(self) -> list[Report]:
        return list(self.model.reports)

    def export(self, path: Path | str, view: str = "client") -> None:
        """Write the results as the CLI would: .json, .csv or .html by the file suffix;
        `view`: the HTML report's (client or internal)."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix == ".json":
            with JsonArrayWriter(path) as js:
                for r in self.model.reports:
                    js.add(r)
        elif suffix == ".csv":
            with CsvWriter(path) as cw:
                for r in self.model.reports:
                    cw.add(r)
                for s in self.skipped:
                    cw.add_skipped(s)
        elif suffix in (".html", ".htm"):
            guide = guide_label(self._lang, self.guide) if self.guide else ""
            with HtmlReport(lang=self._lang, guide=guide, folder=str(self.folder or ""),
                            interrupted=self._cancelled, view=view,
                            comparison=self.comparison()) as html:
                for r in self.model.reports:
                    html.add(r)
                for s in self.skipped:
                    html.add_skipped(s)
                html.write(path)
        else:
            raise ValueError(tr("Choose a .html, .json or .csv file name"))

    def retranslate(self) -> None:
        for setter, text in self._texts:
            setter(tr(text))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        for i, name in enumerate(VIEWS):
            self.views.setTabText(i, tr(name))
        self.trends.retranslate()
        if self.guide is not None:
            self.set_guide(self.guide)
        self._update_skipped()
        if self.model.reports and not self.is_running():
            self._show_summary()

    # ------------------------------------------------------------------ building
    def _t(self, setter: Any, text: str) -> None:
        self._texts.append((setter, text))
        setter(tr(text))

    def _build(self) -> None:
        self.folder_edit = QLineEdit()
        self._t(self.folder_edit.setPlaceholderText,
                "Folder of exported posts (.txt, .md, .csv, .json, .xlsx) — or drop one here")
        self.folder_edit.returnPressed.connect(self.run)
        self.folder_edit.textChanged.connect(lambda _t: self._set_running(self.is_running()))
        self.choose_button = QPushButton()
        self._t(self.choose_button.setText, "Choose Folder…")
        self.choose_button.clicked.connect(self._choose)
        self.channel_box = QComboBox()
        self.channel_box.addItem(tr("From files and folders"), None)
        self.channel_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.workers = QSpinBox()
        cores = os.cpu_count() or 1
        self.workers.setRange(1, max(1, cores * 2))
        self.workers.setValue(max(1, cores))
        self.run_button = QPushButton()
        self._t(self.run_button.setText, "Run")
        self.run_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton()
        self._t(self.cancel_button.setText, "Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.export_button = QPushButton()
        self._t(self.export_button.setText, "Export…")
        self.export_button.clicked.connect(self._export_dialog)

        row1 = QHBoxLayout()
        row1.addWidget(self.folder_edit, 1)
        row1.addWidget(self.choose_button)
        row2 = QHBoxLayout()
        channel_label, workers_label = QLabel(), QLabel()
        self._t(channel_label.setText, "Default channel")
        self._t(workers_label.setText, "Workers")
        channel_label.setBuddy(self.channel_box)
        workers_label.setBuddy(self.workers)
        for w in (channel_label, self.channel_box, workers_label, self.workers):
            row2.addWidget(w)
        row2.addStretch(1)
        for w in (self.run_button, self.cancel_button, self.export_button):
            row2.addWidget(w)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        # What the user should know about the results (posts with no channel, a stale run).
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice.setMargin(self.fontMetrics().averageCharWidth())
        self.notice.setVisible(False)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self._t(self.search.setPlaceholderText, "Search posts…")
        self.failing_only = QCheckBox()
        self._t(self.failing_only.setText, "Failing only")
        self.model = BatchModel(self)
        self.proxy = BatchFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.failing_only.toggled.connect(self.proxy.set_failing_only)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        fm = self.fontMetrics()
        for col, chars in enumerate((34, 16, 6, 9, 8)):
            header.resizeSection(col, fm.averageCharWidth() * chars + 16)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.failing_only)

        self.skipped_title = QLabel()
        self.skipped_list = QListWidget()
        self.skipped_list.setWordWrap(True)
        skipped_box = QWidget()
        sl = QVBoxLayout(skipped_box)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.skipped_title)
        sl.addWidget(self.skipped_list)
        self.skipped_box = skipped_box

        results = QWidget()
        rl = QVBoxLayout(results)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(filters)
        rl.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(results)
        split.addWidget(skipped_box)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        self.trends = TrendsView()
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(split, tr(VIEWS[0]))
        self.views.addTab(self.trends, tr(VIEWS[1]))

        layout = QVBoxLayout(self)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.notice)
        layout.addWidget(self.views, 1)
        self._update_skipped()

    # ------------------------------------------------------------------ running
    def _set_running(self, running: bool) -> None:
        has_folder = bool(self.folder_edit.text().strip())
        self.run_button.setEnabled(not running and has_folder)
        self.cancel_button.setEnabled(running)
        self.export_button.setEnabled(not running and bool(self.model.reports or self.skipped))
        for w in (self.folder_edit, self.choose_button, self.channel_box, self.workers):
            w.setEnabled(not running)

    def _add_results(self, results: list[Report | Skipped]) -> None:
        reports = [r for r in results if isinstance(r, Report)]
        skipped = [s for s in results if isinstance(s, Skipped)]
        self.model.extend(reports)
        if skipped:
            self.skipped.extend(skipped)
            root = self.model.root
            self.skipped_list.addItems([
                f"{s.source[len(root):].lstrip('/') if root and s.source.startswith(root) else s.source}"
                f" — {s.reason}" for s in skipped])
            self._update_skipped()

    def _progressed(self, done: int, total: int) -> None:
        self._done, self._total = done, total
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        elapsed = time.monotonic() - self._started
        if 0 < done < total and elapsed > 1:
            eta = tr("about {0} left", format_eta(elapsed / done * (total - done)))
            self.progress.setFormat(f"{done:,} / {total:,} · {eta}")
        else:
            self.progress.setFormat(f"{done:,} / {total:,}")

    def _recorded(self, run: int, previous: int, problem: str) -> None:
        """The run is in the history (or why not): the Trends tab shows it."""
        self.last_run = (run, previous) if run else None
        self._history_problem = problem
        self.trends.load(self.folder)

    def _failed(self, message: str) -> None:
        QMessageBox.warning(self, tr("Batch stopped"), tr("The batch stopped: {0}", message))

    def _finished(self, cancelled: bool) -> None:
        worker = self._worker
        if worker is not None:
            worker.wait()
            worker.deleteLater()
        self._worker = None
        self._cancelled = cancelled
        self._elapsed = time.monotonic() - self._started
        self._set_running(False)
        self._show_summary()
        if not cancelled:
            self.progress.setRange(0, max(1, self._total))
            self.progress.setValue(self._total)
            self.progress.setFormat(f"{self._done:,} / {self._total:,}")
        self.batchFinished.emit(cancelled)

    def is_stale(self) -> bool:
        """The guide changed after the results in the table were checked."""
        return bool(self.model.reports) and self.run_guide is not self.guide

    def _show_summary(self) -> None:
        checked = len(self.model.reports)
        failed = sum(not r.passed for r in self.model.reports)
        no_channel = sum(r.channel == NO_CHANNEL for r in self.model.reports)
        notes = []
        if self._history_problem:
            notes.append(tr("This run is not in the history: {0}", self._history_problem))
        if self.is_stale():
            notes.append(tr("The style guide changed after this run: run again to score the "
                            "posts with it."))
        if no_channel:
            notes.append(tr_n(no_channel, "{0} post had no channel and was checked against the "
                              "default profile: name its channel with a sub-folder (weibo/, x/, "
                              "小红书/), a channel column or front matter, or choose a Default "
                              "channel above.",
                              "{0} posts had no channel and were checked against the default "
                              "profile: name their channel with a sub-folder (weibo/, x/, "
                              "小红书/), a channel column or front matter, or choose a Default "
                              "channel above."))
        self.notice.setText("\n".join(notes))
        self.notice.setVisible(bool(notes))
        if self._lang != i18n.language().code:
            self.status.setText(tr("The findings are in the language of the last run; run "
                                   "again to read them in this one."))
        elif self._cancelled and not self._total:
            self.status.setText(tr("Cancelled before any post was checked."))
        elif self._cancelled:
            self.status.setText(tr_n(self._total, "Cancelled: {1} of {0} post checked ({2} failed).",
                                     "Cancelled: {1} of {0} posts checked ({2} failed).",
                                     checked, failed))
        else:
            self.status.setText(tr_n(checked, "Checked {0} post in {1}: {2} passed, {3} failed, "
                                     "{4} skipped.", "Checked {0} posts in {1}: {2} passed, "
                                     "{3} failed, {4} skipped.", format_eta(self._elapsed),
                                     checked - failed, failed, len(self.skipped)))

    def _update_skipped(self) -> None:
        n = len(self.skipped)
        self.skipped_title.setText(tr("Skipped files ({0})", n))
        self.skipped_box.setVisible(n > 0)

    # ------------------------------------------------------------------ actions
    def _choose(self) -> None:
        start = self.folder_edit.text() or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, tr("Choose a folder of posts"), start)
        if folder:
            self.set_folder(folder)

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.openPost.emit(self.model.reports[self.proxy.mapToSource(index).row()],
                           self.run_guide)

    def _export_dialog(self) -> None:
        base = self.folder.name if self.folder else "voicecheck"
        start = str((self.folder.parent if self.folder else Path.home()) / f"{base}-report.html")
        filters = [tr(f) for f in EXPORT_FILTERS]
        name, chosen = QFileDialog.getSaveFileName(self, tr("Export Report"), start,
                                                   ";;".join(filters))
        if not name:
            return
        try:
            self.export(name, "internal" if chosen == tr(HTML_INTERNAL) else "client")
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self, tr("Export failed"), str(exc))
            return
        self.status.setText(tr("Exported {0}", name))

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and Path(urls[0].toLocalFile()).is_dir():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            self.set_folder(urls[0].toLocalFile())
            event.acceptProposedAction()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.shutdown()
        super().closeEvent(event)
