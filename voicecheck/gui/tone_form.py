"""Tone target ranges, one range slider per dimension, each optional.

Used twice in the guide editor: for the voice's targets (unset = no target) and for a
channel's overrides (unset = inherit the voice's range).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from ..guide.model import TONE_DIMENSIONS
from .range_slider import RangeSlider
from .strings import tr

DIMENSION_LABELS = {
    "formality": "Formality",
    "enthusiasm": "Enthusiasm",
    "warmth": "Warmth",
    "customer_focus": "Customer focus",
}
DIMENSION_HINTS = {
    "formality": "casual → formal",
    "enthusiasm": "matter-of-fact → excited",
    "warmth": "cold → warm",
    "customer_focus": "about us → about you",
}


class ToneForm(QWidget):
    """Check a dimension to give it a target range; `edited` fires on user changes."""

    edited = Signal()

    def __init__(self, unset_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._unset_text = unset_text
        self._setting = False
        self.checks: dict[str, QCheckBox] = {}
        self.sliders: dict[str, RangeSlider] = {}
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        for row, dim in enumerate(TONE_DIMENSIONS):
            check = QCheckBox()
            slider = RangeSlider()
            value = QLabel()
            value.setMinimumWidth(value.fontMetrics().horizontalAdvance("100 – 100") + 8)
            check.toggled.connect(lambda on, d=dim: self._toggled(d, on))
            slider.rangeChanged.connect(lambda lo, hi, d=dim: self._moved(d, lo, hi))
            grid.addWidget(check, row, 0)
            grid.addWidget(slider, row, 1)
            grid.addWidget(value, row, 2)
            self.checks[dim], self.sliders[dim], self.values[dim] = check, slider, value
        self.set_ranges({})
        self.retranslate()

    def retranslate(self) -> None:
        for dim in TONE_DIMENSIONS:
            self.checks[dim].setText(tr(DIMENSION_LABELS[dim]))
            self.checks[dim].setToolTip(tr(DIMENSION_HINTS[dim]))
            self.sliders[dim].setAccessibleName(tr(DIMENSION_LABELS[dim]))
            self.sliders[dim].setToolTip(tr(DIMENSION_HINTS[dim]))
            self._show(dim)

    def set_unset_text(self, text: str) -> None:
        self._unset_text = text
        for dim in TONE_DIMENSIONS:
            self._show(dim)

    def set_ranges(self, ranges: dict[str, tuple[int, int]]) -> None:
        self._setting = True
        try:
            for dim in TONE_DIMENSIONS:
                on = dim in ranges
                self.checks[dim].setChecked(on)
                if on:
                    self.sliders[dim].setValues(*ranges[dim])
                self._show(dim)
        finally:
            self._setting = False

    def ranges(self) -> dict[str, tuple[int, int]]:
        return {d: self.sliders[d].values() for d in TONE_DIMENSIONS if self.checks[d].isChecked()}

    def _show(self, dim: str) -> None:
        on = self.checks[dim].isChecked()
        self.sliders[dim].setEnabled(on)
        lo, hi = self.sliders[dim].values()
        self.values[dim].setText(f"{lo} – {hi}" if on else tr(self._unset_text))

    def _toggled(self, dim: str, on: bool) -> None:
        self._show(dim)
        if not self._setting:
            self.edited.emit()

    def _moved(self, dim: str, lo: int, hi: int) -> None:
        self._show(dim)
        if not self._setting:
            self.edited.emit()
