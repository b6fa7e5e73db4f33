"""One editable table model for lists of guide records (terms, channels, claims).

Each table is a list of dataclass rows plus column specs saying how a cell is shown,
edited and written back. Keeping one model (not one per record type) means sorting,
searching, check boxes, combo editors and problem highlighting behave the same in
every table of the guide editor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..termbase.cells import split_words
from . import tooltip
from .strings import tr

__all__ = ["Column", "RecordTable", "RowTableModel", "optional_int", "problem_colour",
           "split_words"]

T = TypeVar("T")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    """How one column reads and writes a row.

    kind: "text" (free text), "int" (whole number, empty = not set), "bool" (check box),
    "choice" (combo of `choices`; "" shown as `empty_label`). `put` mutates the row and
    raises ValueError for input it cannot take.
    """

    header: str
    get: Callable[[T], Any]
    put: Callable[[T, Any], None]
    kind: str = "text"
    choices: tuple[str, ...] = ()
    empty_label: str = ""
    tooltip: str = ""


def optional_int(value: Any) -> int | None:
    text = str(value).strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a whole number") from None


def problem_colour(palette: QPalette) -> QColor:
    """A red tint that stays readable on light and dark bases."""
    base = palette.color(QPalette.ColorRole.Base)
    red = QColor(220, 50, 47)
    red.setAlpha(90 if base.lightness() > 128 else 130)
    return red


class RowTableModel(QAbstractTableModel):
    """Editable rows of dataclass records; `edited` fires after any user change."""

    edited = Signal()
    rejected = Signal(str)  # a cell edit that could not be applied, with the reason

    def __init__(self, columns: list[Column[Any]], parent: Any = None):
        super().__init__(parent)
        self.columns = columns
        self.rows: list[Any] = []
        self._problems: dict[int, list[str]] = {}

    # -- contents ---------------------------------------------------------------
    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._problems = {}
        self.endResetModel()

    def append(self, row: Any) -> int:
        n = len(self.rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self.rows.append(row)
        self.endInsertRows()
        self.edited.emit()
        return n

    def remove(self, rows: list[int]) -> None:
        for r in sorted(set(rows), reverse=True):
            self.beginRemoveRows(QModelIndex(), r, r)
            del self.rows[r]
            self.endRemoveRows()
        if rows:
            self.edited.emit()

    def set_problems(self, problems: dict[int, list[str]]) -> None:
        """Rows to tint, with the messages shown as their tooltip."""
        if problems == self._problems:
            return
        self._problems = problems
        if self.rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, len(self.columns) - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])

    # -- Qt model API ------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            col = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return tr(col.header)
            if role == Qt.ItemDataRole.ToolTipRole and col.tooltip:
                return tr(col.tooltip)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], self.columns[index.column()]
        value = col.get(row)
        if role == Qt.ItemDataRole.CheckStateRole and col.kind == "bool":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if col.kind == "bool":
                return None
            if value in (None, "") and col.empty_label:
                return tr(col.empty_label)
            if col.kind == "choice":
                return tr(str(value))  # severities read in the UI language
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.EditRole:
            return "" if value is None else value
        if role == SORT_ROLE:
            if col.kind == "int":
                return -1 if value is None else int(value)
            if col.kind == "bool":
                return int(bool(value))
            return str(value or "").casefold()
        if role == Qt.ItemDataRole.BackgroundRole and index.row() in self._problems:
            return problem_colour(QApplication.palette())
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.row() in self._problems:
                return tooltip.plain("\n".join(self._problems[index.row()]))
            text = "" if value is None or col.kind != "text" else str(value)
            if len(text) > 24:  # the cell may be elided: show it whole
                return tooltip.plain(text)
            return tr(col.tooltip) if col.tooltip else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col.kind == "int":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: AnyIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row, col = self.rows[index.row()], self.columns[index.column()]
        if col.kind == "bool":
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        if value == col.get(row) or (value == "" and col.get(row) is None):
            return False
        try:
            col.put(row, value)
        except ValueError as exc:
            self.rejected.emit(str(exc))
            return False
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True


class SearchProxy(QSortFilterProxyModel):
    """Sorts by each column's natural key and searches every column."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(False)  # rows must not jump away while being edited


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor for columns with a fixed set of values."""

    def __init__(self, column: Column[Any], parent: Any = None):
        super().__init__(parent)
        self.column = column

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: AnyIndex) -> QWidget:
        box = QComboBox(parent)
        for value in self.column.choices:
            box.addItem(tr(value) if value else tr(self.column.empty_label), value)
        return box

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        editor.setCurrentIndex(max(0, editor.findData(value)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class RecordTable(QWidget):
    """Search box, Add/Delete buttons and a sortable table over a RowTableModel."""

    def __init__(self, model: RowTableModel, new_row: Callable[[], Any],
                 labels: dict[str, str], parent: QWidget | None = None,
                 searchable: bool = True):
        super().__init__(parent)
        self.model = model
        self._new_row = new_row
        self._labels = labels
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(model)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.add_button = QPushButton()
        self.delete_button = QPushButton()
        self.add_button.clicked.connect(self.add_row)
        self.delete_button.clicked.connect(self.delete_selected)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        for i, col in enumerate(model.columns):
            if col.kind == "choice":
                self.view.setItemDelegateForColumn(i, ChoiceDelegate(col, self.view))
        self.delete_shortcut = QShortcut(QKeySequence.StandardKey.Delete, self.view,
                                         self.delete_selected,
                                         context=Qt.ShortcutContext.WidgetShortcut)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        self.search.setVisible(searchable)
        if not searchable:
            top.addStretch(1)
        top.addWidget(self.add_button)
        top.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(tr(self._labels["search"]))
        self.add_button.setText(tr(self._labels["add"]))
        self.delete_button.setText(tr(self._labels["delete"]))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                          len(self.model.columns) - 1)

    def fit_columns(self, max_chars: int = 36) -> None:
        """Size columns to their contents, capped so one long note cannot push others off."""
        self.view.resizeColumnsToContents()
        cap = self.fontMetrics().averageCharWidth() * max_chars
        header = self.view.horizontalHeader()
        for i in range(header.count()):
            header.resizeSection(i, min(cap, header.sectionSize(i) + 8))

    def add_row(self) -> int:
        """Append a blank record and start editing its first cell."""
        self.search.clear()
        row = self.model.append(self._new_row())
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.edit(index)
        return row

    def selected_rows(self) -> list[int]:
        return sorted({self.proxy.mapToSource(i).row()
                       for i in self.view.selectionModel().selectedRows()})

    def delete_selected(self) -> None:
        self.model.remove(self.selected_rows())

    def select_source_row(self, row: int) -> None:
        self.search.clear()
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
