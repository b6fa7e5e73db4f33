"""Trends: a folder's past batch runs from the local history, drawn with QtCharts.

Pass rate and mean score per channel across runs, and the rules whose findings rose or
fell since the run before the last. The history is read on a worker thread (a large one
takes a moment), so switching folders never stalls the window.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, QPointF, Qt, QThread, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..history import History, Trends
from ..rules import info
from . import i18n
from .strings import tr, tr_n

LIMIT = 20  # runs drawn
# Distinct on light and dark backgrounds (Tableau 10).
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac")
SPARKS = "▁▂▃▄▅▆▇█"


class _Loader(QThread):
    loaded = Signal(object)  # Trends | str (why there are none)

    def __init__(self, folder: Path, parent: Any = None):
        super().__init__(parent)
        self.folder = folder

    def run(self) -> None:
        try:
            with History.open() as h:
                self.loaded.emit(h.trends(self.folder, LIMIT))
        except Exception as exc:  # noqa: BLE001 - a broken history is shown, never raised
            self.loaded.emit(str(exc))


class TrendsView(QWidget):
    """The Batch workspace's Trends tab for one folder."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.folder: Path | None = None
        self.trends: Trends | None = None
        self._loader: _Loader | None = None
        self._pending = False
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.pass_chart = _chart_view()
        self.score_chart = _chart_view()
        charts = QHBoxLayout()
        charts.addWidget(self.pass_chart, 1)
        charts.addWidget(self.score_chart, 1)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.summary)
        tl.addLayout(charts, 1)
        self.rules_title = QLabel()
        self.rules = QTableWidget(0, 4)
        self.rules.verticalHeader().setVisible(False)
        self.rules.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rules.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.rules_title)
        bl.addWidget(self.rules, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        self._show(None)

    # ------------------------------------------------------------------ loading
    def load(self, folder: Path | str | None) -> None:
        """Read the folder's runs (again) and redraw when they arrive."""
        self.folder = Path(folder) if folder else None
        if self.folder is None:
            self._show(None)
            return
        if self._loader is not None and self._loader.isRunning():
            self._pending = True  # read again once this one is in
            return
        self._loader = _Loader(self.folder, self)
        self._loader.loaded.connect(self._loaded)
        self._loader.start()

    def wait(self) -> None:
        """Let a read in progress finish (tests; before the window goes away)."""
        if self._loader is not None:
            self._loader.wait()

    def _loaded(self, result: object) -> None:
        if self._pending:
            self._pending = False
            self._loader = None
            self.load(self.folder)
            return
        self._show(result if isinstance(result, Trends) else None,
                   result if isinstance(result, str) else "")

    def retranslate(self) -> None:
        self._show(self.trends)

    # ------------------------------------------------------------------ drawing
    def _show(self, trends: Trends | None, problem: str = "") -> None:
        self.trends = trends
        runs = trends.runs if trends else []
        if problem:
            self.summary.setText(tr("The history cannot be read: {0}", problem))
        elif not runs:
            self.summary.setText(tr("No runs of this folder yet: each run is recorded here, on "
                                    "this computer, and its trends are shown."))
        else:
            changed = sum(1 for a, b in zip(runs, runs[1:], strict=False)
                          if a.guide_hash != b.guide_hash)
            text = tr_n(len(runs), "{0} run of this folder", "{0} runs of this folder")
            text += tr(", {0} to {1}", runs[0].when, runs[-1].when) if len(runs) > 1 else ""
            if changed:
                text += tr_n(changed, "; the guide changed once", "; the guide changed {0} times")
            self.summary.setText(text + tr("."))
        self._draw(self.pass_chart, tr("Pass rate by channel (%)"), trends,
                   lambda p: 100 * p.pass_rate)
        self._draw(self.score_chart, tr("Mean score by channel"), trends,
                   lambda p: p.mean_score)
        self._fill_rules(trends)

    def _draw(self, view: QChartView, title: str, trends: Trends | None, value: Any) -> None:
        chart = QChart()
        chart.setTitle(title)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        chart.setBackgroundBrush(self.palette().color(QPalette.ColorRole.Base))
        chart.setTitleBrush(ink)
        chart.legend().setLabelColor(ink)
        runs = trends.runs if trends else []
        x_axis = QCategoryAxis()
        x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for i, run in enumerate(runs):
            x_axis.append(f"{run.when[5:10]}\n#{run.id}", i)
        x_axis.setRange(-0.2, max(1, len(runs) - 1) + 0.2)
        y_axis = QValueAxis()
        y_axis.setRange(0, 100)
        y_axis.setTickCount(6)
        y_axis.setLabelFormat("%d")
        for axis in (x_axis, y_axis):
            axis.setLabelsColor(ink)
            chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom if axis is x_axis
                          else Qt.AlignmentFlag.AlignLeft)
        for n, (channel, points) in enumerate((trends.channels if trends else {}).items()):
            series = QLineSeries()
            series.setName(i18n.channel_label(channel))
            pen = QPen(QColor(PALETTE[n % len(PALETTE)]))
            pen.setWidthF(2.2)
            series.setPen(pen)
            series.setPointsVisible(True)
            for i, p in enumerate(points):
                if p is not None:
                    series.append(QPointF(i, value(p)))
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
        view.setChart(chart)

    def _fill_rules(self, trends: Trends | None) -> None:
        self.rules.setHorizontalHeaderLabels([tr("Rule"), tr("Last run"), tr("Change"),
                                              tr("Findings per run")])
        moved = [r for r in (trends.rules if trends else []) if r.change] if trends and \
            len(trends.runs) > 1 else []
        self.rules_title.setText(tr("Rules rising and falling since the run before the last")
                                 if moved else tr("No rule rose or fell since the run before "
                                                  "the last."))
        self.rules.setRowCount(len(moved))
        for row, r in enumerate(moved):
            peak = max(r.counts) or 1
            spark = "".join(SPARKS[min(7, c * 8 // (peak + 1))] for c in r.counts)
            known = info(r.rule)
            about = known.summary_in(i18n.language().code) if known else ""
            cells = [f"{about} ({r.rule})" if about else r.rule, f"{r.counts[-1]:,}",
                     f"{r.change:+,}", spark]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(" → ".join(f"{c:,}" for c in r.counts))
                if col in (1, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 2:
                    item.setForeground(QColor("#c0392b" if r.change > 0 else "#2e7d4f"))
                self.rules.setItem(row, col, item)
        self.rules.resizeColumnsToContents()
        self.rules.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


def _chart_view() -> QChartView:
    view = QChartView()
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return view
