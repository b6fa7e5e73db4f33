"""The scorecard: overall score with pass/fail, a bar per category, tone against targets.

PySide6-Essentials ships no QtCharts, so the bars are painted here. Every size comes
from the font metrics and every colour from the palette (or a category colour), so the
card scales at 125%/200% and stays readable in dark mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..findings import Report
from ..guide.model import CATEGORIES, TONE_DIMENSIONS, Range
from .highlight import category_colour
from .i18n import label, tr, tr_n

PASS_COLOUR = QColor("#2E9E5B")
FAIL_COLOUR = QColor("#D55E00")


@dataclass
class Bar:
    label: str
    value: int | None  # None: not measured
    colour: QColor
    target: Range | None = None
    note: str = ""


class BarList(QWidget):
    """Rows of `label | bar | value`; a target range is drawn as a band behind the bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: list[Bar]) -> None:
        self._bars = bars
        self.updateGeometry()
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def _row_height(self) -> int:
        return round(self.fontMetrics().height() * 1.45)

    def _label_width(self) -> int:
        fm = self.fontMetrics()
        return max((fm.horizontalAdvance(b.label) for b in self._bars), default=0) + fm.averageCharWidth()

    def _value_width(self) -> int:
        fm = self.fontMetrics()
        widest = max([fm.horizontalAdvance("100"), *(fm.horizontalAdvance(b.note) for b in self._bars)])
        return widest + fm.averageCharWidth()

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(self._label_width() + self._value_width() + fm.averageCharWidth() * 16,
                     self._row_height() * max(len(self._bars), 1))

    def minimumSizeHint(self) -> QSize:
        return QSize(self._label_width() + self._value_width() + self.fontMetrics().averageCharWidth() * 6,
                     self.sizeHint().height())

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = self.fontMetrics()
        row_h = self._row_height()
        label_w, value_w = self._label_width(), self._value_width()
        track_x = label_w
        track_w = max(self.width() - label_w - value_w, 1)
        bar_h = max(fm.height() * 0.55, 4.0)
        text_colour = pal.color(QPalette.ColorRole.WindowText)
        dim = pal.color(QPalette.ColorRole.PlaceholderText)
        track_colour = QColor(pal.color(QPalette.ColorRole.Mid))
        track_colour.setAlpha(90)
        for i, bar in enumerate(self._bars):
            top = i * row_h
            p.setPen(text_colour)
            p.drawText(QRectF(0, top, label_w, row_h),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, bar.label)
            track = QRectF(track_x, top + (row_h - bar_h) / 2, track_w, bar_h)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(track_colour)
            p.drawRoundedRect(track, bar_h / 2, bar_h / 2)
            if bar.target is not None:
                lo, hi = bar.target
                band = QRectF(track.x() + track_w * lo / 100, track.y() - bar_h * 0.35,
                              track_w * (hi - lo) / 100, bar_h * 1.7)
                band_colour = QColor(PASS_COLOUR)
                band_colour.setAlpha(85)
                p.setBrush(band_colour)
                p.drawRect(band)
                edge = QPen(PASS_COLOUR)
                edge.setWidthF(max(1.0, bar_h / 6))
                p.setPen(edge)
                p.drawLine(band.topLeft(), band.bottomLeft())
                p.drawLine(band.topRight(), band.bottomRight())
                p.setPen(Qt.PenStyle.NoPen)
            if bar.value is not None:
                if bar.target is None:
                    fill = QRectF(track.x(), track.y(), track_w * bar.value / 100, bar_h)
                    p.setBrush(bar.colour)
                    p.drawRoundedRect(fill, bar_h / 2, bar_h / 2)
                else:
                    # A tone value is a position, not an amount: draw a marker.
                    x = track.x() + track_w * bar.value / 100
                    r = bar_h * 0.75
                    p.setBrush(bar.colour)
                    p.setPen(QPen(pal.color(QPalette.ColorRole.Window), max(1.0, r / 4)))
                    p.drawEllipse(QRectF(x - r, track.center().y() - r, 2 * r, 2 * r))
                    p.setPen(Qt.PenStyle.NoPen)
            p.setPen(text_colour if bar.value is not None else dim)
            p.drawText(QRectF(self.width() - value_w, top, value_w, row_h),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                       bar.note or ("—" if bar.value is None else str(bar.value)))
        p.end()


class ScoreCard(QWidget):
    """Overall score, pass/fail, category bars and tone markers for one report."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._report: Report | None = None
        self._targets: dict[str, Range] = {}
        self._pass_mark = 80
        self.score = QLabel("—")
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 3.2)
        big.setBold(True)
        self.score.setFont(big)
        self.verdict = QLabel()
        verdict_font = QFont(self.font())
        verdict_font.setPointSizeF(self.font().pointSizeF() * 1.4)
        verdict_font.setBold(True)
        self.verdict.setFont(verdict_font)
        self.pass_mark = QLabel()
        self.pass_mark.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.ignored_note = QLabel()  # findings the user set aside are not counted
        self.ignored_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.ignored_note.setWordWrap(True)
        self._ignored = 0
        self.categories_title = QLabel()
        self.tone_title = QLabel()
        for title in (self.categories_title, self.tone_title):
            f = QFont(self.font())
            f.setBold(True)
            title.setFont(f)
        self.categories = BarList()
        self.tone = BarList()

        head = QGridLayout()
        head.addWidget(self.score, 0, 0, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.verdict, 0, 1, Qt.AlignmentFlag.AlignBottom)
        head.addWidget(self.pass_mark, 1, 1, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.ignored_note, 2, 0, 1, 2)
        head.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.categories_title)
        layout.addWidget(self.categories)
        layout.addWidget(self.tone_title)
        layout.addWidget(self.tone)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.categories_title.setText(tr("Categories"))
        self.tone_title.setText(tr("Tone"))
        self._refresh()

    def set_report(self, report: Report | None, targets: dict[str, Range], pass_mark: int,
                   ignored: int = 0) -> None:
        """`report` as scored; `ignored`: how many of its findings it leaves out."""
        self._report, self._targets, self._pass_mark = report, targets, pass_mark
        self._ignored = ignored
        self._refresh()

    def _refresh(self) -> None:
        r = self._report
        self.pass_mark.setText(tr("pass mark {0}", self._pass_mark))
        self.ignored_note.setText(tr_n(self._ignored, "{0} ignored finding is not counted",
                                       "{0} ignored findings are not counted"))
        self.ignored_note.setVisible(self._ignored > 0)
        if r is None:
            self.score.setText("—")
            self.verdict.setText("")
        else:
            colour = (PASS_COLOUR if r.passed else FAIL_COLOUR).name()
            self.score.setText(f'<span style="color:{colour}">{r.score}</span>')
            self.verdict.setText(
                f'<span style="color:{colour}">{tr("PASS") if r.passed else tr("FAIL")}</span>'
            )
        scores = r.scores if r else {}
        self.categories.set_bars(
            [Bar(label(c), scores.get(c), category_colour(c)) for c in CATEGORIES]
        )
        tone = r.tone if r else {}
        bars = []
        for dim in TONE_DIMENSIONS:
            value = tone.get(dim)
            target = self._targets.get(dim)
            outside = value is not None and target is not None and not target[0] <= value <= target[1]
            colour = FAIL_COLOUR if outside else category_colour("tone")
            bars.append(Bar(label(dim), value, colour, target))
        self.tone.set_bars(bars)
        tips = [tr("target {0}–{1}", *self._targets[d]) for d in TONE_DIMENSIONS if d in self._targets]
        self.tone.setToolTip("\n".join(
            f"{label(d)}: {tone.get(d, tr('not measured'))}, {tip}"
            for d, tip in zip([d for d in TONE_DIMENSIONS if d in self._targets], tips, strict=True)
        ))
