"""A two-handle 0-100 range slider for tone targets.

Qt has no range slider; this one paints with the palette (so it follows dark mode and
high-contrast themes) and is fully keyboard driven: each handle is its own Tab stop,
arrows move by 1, PageUp/PageDown by 10, Home/End jump to the limits. The low handle
can never pass the high one, so a reversed range cannot be made here.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from . import tooltip

LOW, HIGH = 0, 1


class RangeSlider(QWidget):
    """Two handles on one groove; emits rangeChanged(low, high) on every change."""

    rangeChanged = Signal(int, int)
    #: emitted when the user finishes a drag or keyboard step (for coalescing edits)
    rangeCommitted = Signal(int, int)

    def __init__(self, parent: QWidget | None = None, minimum: int = 0, maximum: int = 100):
        super().__init__(parent)
        self._min, self._max = minimum, maximum
        self._values = [minimum, maximum]
        self._active = LOW
        self._dragging: int | None = None
        self._problem = ""
        self._tooltip = ""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(False)
        self._update_accessible()

    # -- values ---------------------------------------------------------------
    def low(self) -> int:
        return self._values[LOW]

    def high(self) -> int:
        return self._values[HIGH]

    def values(self) -> tuple[int, int]:
        return self._values[LOW], self._values[HIGH]

    def setValues(self, low: int, high: int) -> None:  # noqa: N802 - Qt naming
        """Set both handles (clamped, and swapped into order if given reversed)."""
        low, high = sorted((self._clamp(low), self._clamp(high)))
        if [low, high] != self._values:
            self._values = [low, high]
            self._changed()

    def set_problem(self, message: str) -> None:
        """Outline the groove in red with the message as tooltip ("" clears it)."""
        if message and not self._problem:
            self._tooltip = self.toolTip()
        self.setToolTip(tooltip.plain(message) or self._tooltip)
        self._problem = message
        self.update()

    def activeHandle(self) -> int:  # noqa: N802
        return self._active

    def _clamp(self, v: int) -> int:
        return max(self._min, min(self._max, int(v)))

    def _move(self, handle: int, value: int) -> bool:
        value = self._clamp(value)
        lo, hi = (self._min, self._values[HIGH]) if handle == LOW else (self._values[LOW], self._max)
        value = max(lo, min(hi, value))
        if value == self._values[handle]:
            return False
        self._values[handle] = value
        self._changed()
        return True

    def _changed(self) -> None:
        self._update_accessible()
        self.update()
        self.rangeChanged.emit(*self.values())

    def _update_accessible(self) -> None:
        which = "low" if self._active == LOW else "high"
        self.setAccessibleDescription(
            f"{self._values[LOW]} to {self._values[HIGH]}; {which} handle selected"
        )

    # -- geometry ---------------------------------------------------------------
    def _handle_radius(self) -> float:
        return max(6.0, self.fontMetrics().height() * 0.45)

    def sizeHint(self) -> QSize:  # noqa: N802
        r = self._handle_radius()
        return QSize(int(r * 20), int(r * 2 + 8))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        r = self._handle_radius()
        return QSize(int(r * 8), int(r * 2 + 8))

    def _span(self) -> tuple[float, float]:
        r = self._handle_radius() + 2
        return r, max(r + 1, self.width() - r)

    def _x_for(self, value: int) -> float:
        x0, x1 = self._span()
        return x0 + (x1 - x0) * (value - self._min) / max(1, self._max - self._min)

    def _value_at(self, x: float) -> int:
        x0, x1 = self._span()
        frac = (x - x0) / max(1.0, x1 - x0)
        return self._clamp(round(self._min + frac * (self._max - self._min)))

    # -- painting -------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        group = QPalette.ColorGroup.Active if self.isEnabled() else QPalette.ColorGroup.Disabled
        cy = self.height() / 2
        r = self._handle_radius()
        x0, x1 = self._span()
        groove_h = max(4.0, r * 0.6)
        groove = QRectF(x0, cy - groove_h / 2, x1 - x0, groove_h)
        edge = QColor(220, 50, 47) if self._problem else pal.color(group, QPalette.ColorRole.Mid)
        p.setPen(QPen(edge, 2 if self._problem else 1))
        p.setBrush(pal.color(group, QPalette.ColorRole.Base))
        p.drawRoundedRect(groove, groove_h / 2, groove_h / 2)
        lo_x, hi_x = self._x_for(self.low()), self._x_for(self.high())
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(pal.color(group, QPalette.ColorRole.Highlight))
        p.drawRoundedRect(QRectF(lo_x, groove.top(), hi_x - lo_x, groove_h), groove_h / 2,
                          groove_h / 2)
        for handle, x in ((LOW, lo_x), (HIGH, hi_x)):
            focused = self.hasFocus() and handle == self._active
            border = pal.color(group, QPalette.ColorRole.Highlight if focused
                               else QPalette.ColorRole.Dark)
            p.setPen(QPen(border, 3 if focused else 1.2))
            p.setBrush(pal.color(group, QPalette.ColorRole.Button))
            p.drawEllipse(QPointF(x, cy), r - 1, r - 1)
        p.end()

    # -- mouse --------------------------------------------------------------------------
    def _nearest(self, x: float) -> int:
        lo_x, hi_x = self._x_for(self.low()), self._x_for(self.high())
        if abs(x - lo_x) == abs(x - hi_x):  # handles on top of each other
            return LOW if x < lo_x else HIGH
        return LOW if abs(x - lo_x) < abs(x - hi_x) else HIGH

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton or not self.isEnabled():
            return super().mousePressEvent(event)
        x = event.position().x()
        self._active = self._dragging = self._nearest(x)
        self._move(self._active, self._value_at(x))
        self._update_accessible()
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._dragging is not None:
            self._move(self._dragging, self._value_at(event.position().x()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._dragging is not None:
            self._dragging = None
            self.rangeCommitted.emit(*self.values())

    # -- keyboard -------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        v = self._values[self._active]
        steps = {
            Qt.Key.Key_Left: v - 1, Qt.Key.Key_Down: v - 1,
            Qt.Key.Key_Right: v + 1, Qt.Key.Key_Up: v + 1,
            Qt.Key.Key_PageDown: v - 10, Qt.Key.Key_PageUp: v + 10,
            Qt.Key.Key_Home: self._min, Qt.Key.Key_End: self._max,
        }
        if key in steps:
            if self._move(self._active, steps[key]):
                self.rangeCommitted.emit(*self.values())
            event.accept()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt signature
        """Tab goes low handle -> high handle before leaving the widget."""
        if next and self._active == LOW:
            self._active = HIGH
        elif not next and self._active == HIGH:
            self._active = LOW
        else:
            return super().focusNextPrevChild(next)
        self._update_accessible()
        self.update()
        return True

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        if event.reason() == Qt.FocusReason.TabFocusReason:
            self._active = LOW
        elif event.reason() == Qt.FocusReason.BacktabFocusReason:
            self._active = HIGH
        self._update_accessible()
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.update()
