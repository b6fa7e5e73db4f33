"""Style guide ▸ Learn from Posts…: a draft guide from a folder of approved posts.

Learning runs on a worker thread (it reads and measures every post, then checks them
against the draft), with its steps shown and a Cancel. The proposals are listed by
group, each with a check box (as proposed: on when the posts bear it out) and its reason
as the tooltip; the YAML beside them follows every tick. "Open as Draft" hands the YAML
to the guide editor as a new, unsaved guide.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..guide.saver import dump_data
from ..learn import Learned, NoPosts, learn, render_learned
from ..learn.proposals import GROUPS, Proposal
from . import tooltip
from .strings import tr

GROUP_NAMES = {"brand": "Brand", "language": "Language", "packs": "Rule packs", "tone": "Tone",
               "channels": "Channels", "promotion": "Promotion", "terms": "Terms",
               "compliance": "Contacts allowed", "scoring": "Pass mark"}
ROLE = Qt.ItemDataRole.UserRole


class LearnWorker(QThread):
    stepped = Signal(str)
    learned = Signal(object)  # Learned
    failed = Signal(str)  # "" when cancelled

    def __init__(self, folder: Path, brand: str | None, parent: Any = None):
        super().__init__(parent)
        self.folder, self.brand = folder, brand
        self.cancel_event = threading.Event()

    def run(self) -> None:
        try:
            self.learned.emit(learn(self.folder, brand=self.brand, progress=self.stepped.emit,
                                    cancel=self.cancel_event))
        except InterruptedError:
            self.failed.emit("")
        except NoPosts as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - shown in the dialog; the app goes on
            self.failed.emit(f"{type(exc).__name__}: {exc}")


class LearnDialog(QDialog):
    def __init__(self, folder: Path | str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Learn a Style Guide from Posts"))
        self.learned: Learned | None = None
        self._worker: LearnWorker | None = None
        self._filling = False
        self.folder_edit = QLineEdit(str(folder or ""))
        self.folder_edit.setPlaceholderText(tr("Folder of approved posts"))
        choose = QPushButton(tr("Choose Folder…"))
        choose.clicked.connect(self._choose)
        self.brand_edit = QLineEdit()
        self.brand_edit.setPlaceholderText(tr("Brand name (optional: else the name the posts use most)"))
        self.learn_button = QPushButton(tr("Learn"))
        self.learn_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(choose)
        row2 = QHBoxLayout()
        row2.addWidget(self.brand_edit, 1)
        row2.addWidget(self.learn_button)
        row2.addWidget(self.cancel_button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.status = QLabel(tr("Choose a folder of posts that were approved, then Learn."))
        self.status.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([tr("Proposal"), tr("Value"), tr("Posts"), tr("Why")])
        self.tree.itemChanged.connect(self._ticked)
        self.tree.setUniformRowHeights(True)
        self.yaml = QPlainTextEdit()
        self.yaml.setReadOnly(True)
        self.yaml.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.yaml.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(self.yaml)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.addButton(tr("Open as Draft Guide"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(row2)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        fm = self.fontMetrics()
        self.resize(fm.averageCharWidth() * 190, fm.height() * 44)

    # ------------------------------------------------------------------ learning
    def start(self) -> None:
        folder = Path(self.folder_edit.text().strip()).expanduser()
        if not folder.exists():
            self.status.setText(tr("No such folder: {0}", folder))
            return
        self.tree.clear()
        self.yaml.clear()
        self.open_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self._worker = LearnWorker(folder, self.brand_edit.text().strip() or None, self)
        self._worker.stepped.connect(lambda step: self.status.setText(tr("Learning: {0}…", step)))
        self._worker.learned.connect(self._show)
        self._worker.failed.connect(self._failed)
        self._worker.finished.connect(self._done)
        self.learn_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self._worker.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel_event.set()
            self.status.setText(tr("Cancelling…"))

    def wait(self) -> None:
        if self._worker is not None:
            self._worker.wait()

    def reject(self) -> None:
        self.cancel()
        self.wait()
        super().reject()

    def _done(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.learn_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _failed(self, message: str) -> None:
        self.status.setText(message or tr("Cancelled."))

    def _choose(self) -> None:
        name = QFileDialog.getExistingDirectory(self, tr("Choose a folder of approved posts"),
                                                self.folder_edit.text())
        if name:
            self.folder_edit.setText(name)

    # ------------------------------------------------------------------ proposals
    def _show(self, learned: Learned) -> None:
        self.learned = learned
        n, failing = len(learned.posts), len(learned.failing)
        self.status.setText(
            tr("{0} proposals from {1} posts. As proposed, every post passes the draft.",
               len(learned.proposals), n) if not failing else
            tr("{0} proposals from {1} posts; {2} posts still fail the draft.",
               len(learned.proposals), n, failing))
        self._filling = True
        groups: dict[str, QTreeWidgetItem] = {}
        prefix = learned.folder.rstrip("/") + "/"  # posts are named within the folder
        for p in sorted(learned.proposals, key=lambda p: GROUPS.index(p.group)):
            parent = groups.get(p.group)
            if parent is None:
                parent = QTreeWidgetItem(self.tree, [tr(GROUP_NAMES[p.group])])
                parent.setFlags(parent.flags() | Qt.ItemFlag.ItemIsAutoTristate
                                | Qt.ItemFlag.ItemIsUserCheckable)
                parent.setExpanded(p.group not in ("tone",))
                groups[p.group] = parent
            why = p.why.replace(prefix, "")
            item = QTreeWidgetItem(parent, [_label(p), _value(p), f"{p.posts:,}" if p.posts else "",
                                            why])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if p.accepted else Qt.CheckState.Unchecked)
            item.setData(0, ROLE, p)
            tip = why + (("\n" + tr("Posts: {0}", ", ".join(e.replace(prefix, "") for e in p.examples)))
                         if p.examples else "")
            for col in range(4):
                item.setToolTip(col, tooltip.plain(tip))  # post names and phrases as written
        self._filling = False
        for col in range(3):
            self.tree.resizeColumnToContents(col)
        self._render()
        self.open_button.setEnabled(True)

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        p = item.data(0, ROLE)
        if self._filling or column != 0 or not isinstance(p, Proposal):
            return
        p.accepted = item.checkState(0) == Qt.CheckState.Checked
        self._render()

    def _render(self) -> None:
        bar = self.yaml.verticalScrollBar().value()
        self.yaml.setPlainText(self.draft_text())
        self.yaml.verticalScrollBar().setValue(bar)

    def draft_text(self) -> str:
        """The draft guide's YAML with the proposals as ticked."""
        return render_learned(self.learned) if self.learned is not None else ""


def _label(p: Proposal) -> str:
    path = list(p.path)
    if path[0] == "channels" and len(path) > 2:
        from . import i18n
        return f"{i18n.channel_label(path[1])}: {'.'.join(path[2:])}"
    if p.append:
        return ".".join(path)
    return ".".join(path[1:]) if len(path) > 1 else path[0]


def _value(p: Proposal) -> str:
    if isinstance(p.value, dict):
        return "; ".join(f"{k}: {_flat(v)}" for k, v in p.value.items())
    return _flat(p.value)


def _flat(value: Any) -> str:
    return dump_data({"_": value})[3:].strip().replace("\n", " ")
