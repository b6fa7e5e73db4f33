"""The findings list beside the editor: sorted by position, filterable, actionable."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..findings import Finding
from ..guide.model import CATEGORIES, SEVERITIES
from ..messages import sentences
from . import tooltip
from .draft_editor import mark_tooltip
from .highlight import Mark, category_colour, severity_colour
from .i18n import label, tr, tr_n

MARK_ROLE = Qt.ItemDataRole.UserRole


class FindingsList(QWidget):
    """Shows marks; emits what the user wants done with them (the review applies it)."""

    activated = Signal(object)  # Mark: select its span
    applyRequested = Signal(object, str)  # Mark, suggestion
    ignoreRequested = Signal(object)  # Mark
    ignoredChanged = Signal()  # a finding was ignored or taken back: re-score, re-underline
    currentChanged = Signal(object)  # Mark | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._marks: list[Mark] = []
        self._ignored: set[tuple[str, str]] = set()
        self._checked = False  # no result yet: say so rather than "no findings"

        self.category = QComboBox()
        self.severity = QComboBox()
        self.show_ignored = QCheckBox()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        # The full message of the current finding (rows elide long messages).
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        self.details.setMargin(self.fontMetrics().averageCharWidth())
        self.details.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnCount(4)
        header = self.tree.header()
        header.setStretchLastSection(True)
        for col in (0, 1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.apply_button = QPushButton()  # a push button leaves room for the menu arrow
        self.apply_menu = QMenu(self.apply_button)
        self.apply_button.setMenu(self.apply_menu)
        self.ignore_button = QPushButton()

        filters = QHBoxLayout()
        filters.addWidget(self.category, 1)
        filters.addWidget(self.severity, 1)
        filters.addWidget(self.show_ignored)
        actions = QHBoxLayout()
        actions.addWidget(self.apply_button)
        actions.addWidget(self.ignore_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.details)
        layout.addLayout(actions)

        self.category.currentIndexChanged.connect(self._refilter)
        self.severity.currentIndexChanged.connect(self._refilter)
        self.show_ignored.toggled.connect(self._refilter)
        self.tree.itemClicked.connect(lambda item: self.activated.emit(item.data(0, MARK_ROLE)))
        self.tree.itemActivated.connect(lambda item: self.activated.emit(item.data(0, MARK_ROLE)))
        self.tree.currentItemChanged.connect(self._on_current)
        self.ignore_button.clicked.connect(self._ignore_current)
        self.retranslate()
        self._on_current(None)

    # language --------------------------------------------------------------------------
    def retranslate(self) -> None:
        for combo, first, values in (
            (self.category, "All categories", CATEGORIES),
            (self.severity, "All severities", SEVERITIES),
        ):
            index = max(combo.currentIndex(), 0)
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(tr(first), None)
            for v in values:
                combo.addItem(label(v), v)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        self.show_ignored.setText(tr("Show Ignored"))
        self.tree.setHeaderLabels([tr("Severity"), tr("Category"), tr("Text"), tr("Message")])
        self.apply_button.setText(tr("Apply Suggestion"))
        self._rebuild()

    # data ------------------------------------------------------------------------------
    @property
    def ignored(self) -> set[tuple[str, str]]:
        return self._ignored

    def is_finding_ignored(self, finding: Finding) -> bool:
        return (finding.rule, finding.text) in self._ignored

    def set_marks(self, marks: list[Mark]) -> None:
        self._checked = True
        self._marks = sorted(
            marks, key=lambda m: (m.cursor.selectionStart(), m.cursor.selectionEnd())
        )
        self._rebuild()

    def ignore(self, mark: Mark) -> None:
        self._ignored.update(mark.ignore_keys)
        self._refilter()
        self.ignoredChanged.emit()

    def unignore(self, mark: Mark) -> None:
        self._ignored.difference_update(mark.ignore_keys)
        self._refilter()
        self.ignoredChanged.emit()

    def is_visible(self, mark: Mark) -> bool:
        cat, sev = self.category.currentData(), self.severity.currentData()
        return (
            (cat is None or any(f.category == cat for f in mark.findings))
            and (sev is None or any(f.severity == sev for f in mark.findings))
            and (self.show_ignored.isChecked() or not self.is_ignored(mark))
        )

    def is_ignored(self, mark: Mark) -> bool:
        """Every finding on the span was ignored (a new one there shows it again)."""
        return mark.ignore_keys <= self._ignored

    def visible_marks(self) -> list[Mark]:
        return [m for m in self._marks if self.is_visible(m)]

    def active_marks(self) -> list[Mark]:
        """Marks not ignored (what the editor underlines)."""
        return [m for m in self._marks if not self.is_ignored(m)]

    def current_mark(self) -> Mark | None:
        item = self.tree.currentItem()
        return item.data(0, MARK_ROLE) if item is not None and not item.isHidden() else None

    def select(self, mark: Mark) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, MARK_ROLE) is mark:
                self.tree.setCurrentItem(item)
                return

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """A theme switch: colours taken from the palette are taken again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._refilter()

    def _rebuild(self) -> None:
        current = self.current_mark()
        self.tree.clear()
        for m in self._marks:
            f = m.finding
            snippet = tr("whole post") if m.whole_post else f.text.replace("\n", " ⏎ ")
            if len(snippet) > 24:
                snippet = snippet[:23] + "…"
            categories = " + ".join(dict.fromkeys(label(g.category) for g in m.findings))
            message = sentences(*(g.message for g in m.findings))
            item = QTreeWidgetItem([label(f.severity), categories, snippet, message])
            item.setData(0, MARK_ROLE, m)
            item.setForeground(1, QBrush(category_colour(f.category)))
            item.setToolTip(3, tooltip.plain("\n\n".join(g.message for g in m.findings)))
            self.tree.addTopLevelItem(item)
        self._refilter()
        if current is not None:
            self.select(current)

    def _refilter(self) -> None:
        shown = 0
        pal = self.palette()
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            m: Mark = item.data(0, MARK_ROLE)
            visible = self.is_visible(m)
            item.setHidden(not visible)
            shown += visible
            item.setForeground(0, QBrush(severity_colour(m.finding.severity, pal)))
            # Ignored rows are dimmed; others keep the view's own text colour, so a theme
            # switch never leaves them in the old palette's colour.
            dim = QBrush(pal.color(QPalette.ColorRole.PlaceholderText))
            for col in (2, 3):
                item.setData(col, Qt.ItemDataRole.ForegroundRole,
                             dim if self.is_ignored(m) else None)
        total = len(self._marks)
        ignored_count = sum(self.is_ignored(m) for m in self._marks)
        if not self._checked:
            self.summary.setText(tr("Checking the draft…"))
        elif total == 0:
            self.summary.setText(tr("No findings: the draft follows the guide."))
        else:
            self.summary.setText(tr_n(total, "{0} finding ({1} shown, {2} ignored)",
                                      "{0} findings ({1} shown, {2} ignored)", shown,
                                      ignored_count))
        self._on_current(self.tree.currentItem())

    def _on_current(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        mark = item.data(0, MARK_ROLE) if item is not None and not item.isHidden() else None
        self.apply_menu.clear()
        for s in mark.suggestions if mark else ():
            act = self.apply_menu.addAction(tr("Replace with “{0}”", s))
            act.triggered.connect(lambda _=False, m=mark, s=s: self.applyRequested.emit(m, s))
        self.details.setText(mark_tooltip(mark) if mark else "")
        self.details.setVisible(mark is not None)
        self.apply_button.setEnabled(bool(mark and mark.suggestions))
        self.ignore_button.setEnabled(mark is not None)
        ignored = mark is not None and self.is_ignored(mark)
        self.ignore_button.setText(tr("Stop Ignoring") if ignored else tr("Ignore This Finding"))
        self.currentChanged.emit(mark)

    def _ignore_current(self) -> None:
        mark = self.current_mark()
        if mark is None:
            return
        if self.is_ignored(mark):
            self.unignore(mark)
        else:
            self.ignoreRequested.emit(mark)
