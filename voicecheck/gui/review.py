"""Review workspace: the draft, its findings, scorecard and channel preview, live.

Typing only restarts a debounce timer and bumps a generation number on the UI thread;
the check runs on CheckRunner's worker thread and a result is shown only if no edit
happened since it was requested. Underlines are tracked QTextCursors, so they follow
the text while a newer check is on its way.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..findings import Finding, Report
from ..guide.model import Guide
from ..scoring import rescored
from . import i18n
from .check_worker import CheckResult, CheckRunner
from .draft_editor import DraftEditor
from .edits import replace_span, replace_text
from .findings_list import FindingsList
from .highlight import Mark, extra_selections, make_marks
from .i18n import channel_label, tr
from .preview import ChannelPreview
from .scorecard import ScoreCard
from .script_tools import LABELS, TARGETS

DEBOUNCE_MS = 250


class ReviewWorkspace(QWidget):
    """Draft editor + channel picker + scorecard + findings list + preview."""

    checked = Signal(object)  # Report, each time a current result is shown
    statusMessage = Signal(str)
    channelChanged = Signal(object)  # str | None

    def __init__(self, guide: Guide, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guide = guide
        self.report: Report | None = None
        self.marks: list[Mark] = []
        self.context: list[Finding] = []  # from outside the draft: a batch's campaign findings
        self.last_check_ms: float | None = None
        self._warming = False

        self.runner = CheckRunner(self)
        self.runner.checked.connect(self._on_checked)
        self.runner.failed.connect(lambda msg: self._set_status(tr("Check failed: {0}", msg)))
        self.runner.warmedUp.connect(self._on_warmed_up)
        self.runner.converted.connect(self._on_converted)
        # Finding messages follow the UI language: switching it re-checks the draft.
        i18n.language().changed.connect(self._on_language_changed)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.recheck)

        # widgets
        self.toolbar = QToolBar()  # the main window puts the draft's actions here
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.channel_label = QLabel()
        self.channel = QComboBox()
        self.channel.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.convert_button = QPushButton()
        self.convert_menu = QMenu(self.convert_button)
        for target in TARGETS:
            act = self.convert_menu.addAction(LABELS[target])
            act.triggered.connect(lambda _=False, t=target: self.convert_script(t))
        self.convert_button.setMenu(self.convert_menu)
        self.status = QLabel()
        self.editor = DraftEditor()
        self.editor.marks_at = self._marks_at
        self.preview = ChannelPreview()
        self.scorecard = ScoreCard()
        self.findings = FindingsList()

        bar = QHBoxLayout()
        bar.addWidget(self.toolbar)
        bar.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        bar.addWidget(self.channel_label)
        bar.addWidget(self.channel)
        bar.addWidget(self.convert_button)
        bar.addStretch(1)
        bar.addWidget(self.status)

        # Three columns: the draft (over its preview), the findings, the scorecard.
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.addWidget(self.editor)
        self.left.addWidget(self.preview)
        self.left.setStretchFactor(0, 3)
        self.left.setStretchFactor(1, 2)
        score_scroll = QScrollArea()
        score_scroll.setWidget(self.scorecard)
        score_scroll.setWidgetResizable(True)
        score_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.right = QSplitter(Qt.Orientation.Horizontal)
        self.right.addWidget(self.findings)
        self.right.addWidget(score_scroll)
        self.right.setStretchFactor(0, 3)
        self.right.setStretchFactor(1, 2)
        self.main = QSplitter(Qt.Orientation.Horizontal)
        self.main.addWidget(self.left)
        self.main.addWidget(self.right)
        self.main.setStretchFactor(0, 4)
        self.main.setStretchFactor(1, 5)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.main, 1)

        # wiring
        self.editor.document().contentsChanged.connect(self._on_edited)
        self.editor.suggestionChosen.connect(self.apply_suggestion)
        self.editor.ignoreChosen.connect(self.ignore)
        self.findings.activated.connect(self.editor.select_mark)
        self.findings.applyRequested.connect(self.apply_suggestion)
        self.findings.ignoreRequested.connect(self.ignore)
        self.findings.ignoredChanged.connect(self._on_ignored_changed)
        self.findings.currentChanged.connect(lambda _m: self._update_underlines())
        self.channel.currentIndexChanged.connect(self._on_channel_picked)
        self._fill_channels(None)
        self.retranslate()

    # public API -------------------------------------------------------------------------
    def start(self) -> None:
        """Load the tokenizers in the background, then check the current draft."""
        self._warming = True
        self._set_status(tr("Loading language tools…"))
        self.runner.warm_up()
        self.recheck()
        self.runner.warm_up_english(self.guide.spacy_model)

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_text(self, text: str) -> None:
        """Load a draft (not an edit: the undo history starts here)."""
        self.editor.setPlainText(text)
        self.editor.document().setModified(False)
        self.recheck()

    def channel_name(self) -> str | None:
        return self.channel.currentData()

    def set_channel(self, name: str | None) -> None:
        index = self.channel.findData(name) if name is not None else 0
        self.channel.setCurrentIndex(max(index, 0))

    def set_guide(self, guide: Guide) -> None:
        """Use another (or an edited) guide: keep the channel if it still exists, re-check."""
        self.guide = guide
        self._fill_channels(self.channel_name())
        self.recheck()

    def recheck(self) -> None:
        """Check the current text now (F5, channel or guide change, end of typing pause)."""
        self.debounce.stop()
        text = self.text()
        channel = self.guide.channel(self.channel_name())
        self.preview.set_post(text, channel)
        if not self._warming:
            self._set_status(tr("Checking…"))
        self.runner.request(text, self.guide, self.channel_name(), i18n.language().code)

    def is_checking(self) -> bool:
        return self.runner.is_busy() or self.debounce.isActive()

    def apply_suggestion(self, mark: Mark, replacement: str) -> None:
        """Replace a finding's span with a suggestion, as one undoable edit."""
        if not mark.is_intact():
            self._set_status(tr("The text changed here; re-check before applying."))
            return
        self.marks = [m for m in self.marks if m is not mark]
        replace_span(mark.cursor, replacement)
        self._show_marks()
        self.recheck()

    def ignore(self, mark: Mark) -> None:
        """Set a finding aside (by rule and wording) for the rest of the session: it is
        no longer underlined or counted in the score."""
        self.findings.ignore(mark)

    def set_context(self, findings: list[Finding]) -> None:
        """Findings that compare the draft with posts Review cannot see (a batch's campaign
        findings): listed and scored with every check while the text they are about is
        still in the draft."""
        self.context = list(findings)

    def scored_report(self) -> Report | None:
        """The last result as the scorecard shows it: ignored findings not counted."""
        if self.report is None:
            return None
        kept = [f for f in self.report.findings if not self.findings.is_finding_ignored(f)]
        if len(kept) == len(self.report.findings):
            return self.report
        return rescored(self.report, kept, self.guide.scoring.pass_score)

    def convert_script(self, target: str) -> None:
        """Convert the whole draft to `target` (in the worker; applied as one undo step)."""
        self.debounce.stop()
        self.runner.convert(self.text(), target)

    def _on_converted(self, _generation: int, target: str, new_text: str) -> None:
        if replace_text(self.editor, new_text):
            self._set_status(tr("Converted to {0}", target))
            self.recheck()
        else:
            self._set_status(tr("Already in {0}", target))

    def convert_to_channel_script(self) -> None:
        locale = self.guide.locale_for(self.guide.channel(self.channel_name()))
        if locale in TARGETS:
            self.convert_script(locale)

    def step_finding(self, step: int) -> None:
        """Select the next (+1) or previous (-1) visible finding after the text cursor."""
        visible = self.findings.visible_marks()
        if not visible:
            return
        here = self.editor.textCursor().selectionStart()
        if step > 0:
            after = [m for m in visible if m.cursor.selectionStart() > here]
            mark = after[0] if after else visible[0]
        else:
            before = [m for m in visible if m.cursor.selectionStart() < here]
            mark = before[-1] if before else visible[-1]
        self.findings.select(mark)
        self.editor.select_mark(mark)

    def retranslate(self) -> None:
        self.channel_label.setText(tr("Channel"))
        for i in range(self.channel.count()):
            self.channel.setItemText(i, channel_label(self.channel.itemData(i)))
        self.convert_button.setText(tr("Convert Script"))
        self.editor.retranslate()
        self.findings.retranslate()
        self.scorecard.retranslate()
        self.preview.retranslate()

    def save_state(self, settings: QSettings) -> None:
        for name in ("main", "left", "right"):
            settings.setValue(f"review/{name}", getattr(self, name).saveState())

    def restore_state(self, settings: QSettings) -> None:
        for name in ("main", "left", "right"):
            state = settings.value(f"review/{name}")
            if state is not None:
                getattr(self, name).restoreState(state)

    # internals --------------------------------------------------------------------------
    def _fill_channels(self, keep: str | None) -> None:
        self.channel.blockSignals(True)
        self.channel.clear()
        self.channel.addItem(channel_label(None), None)
        for name in self.guide.channels:
            self.channel.addItem(channel_label(name), name)
        index = self.channel.findData(keep) if keep is not None else 0
        self.channel.setCurrentIndex(max(index, 0))
        self.channel.blockSignals(False)

    def _on_language_changed(self, _code: str) -> None:
        self.recheck()

    def _on_channel_picked(self, _index: int) -> None:
        self.channelChanged.emit(self.channel_name())
        self.recheck()

    def _on_edited(self) -> None:
        self.runner.invalidate()
        self.debounce.start()

    def _on_warmed_up(self) -> None:
        self._warming = False
        if self.runner.is_busy():
            self._set_status(tr("Checking…"))

    def _on_checked(self, result: CheckResult) -> None:
        report = result.report
        if report.text != self.text():  # belt and braces: generations should prevent this
            return
        carried = [f for f in (_relocated(f, report.text) for f in self.context) if f]
        if carried:
            findings = sorted([*report.findings, *carried], key=lambda f: (f.start, f.end))
            report = rescored(report, findings, self.guide.scoring.pass_score)
        self.report = report
        self.last_check_ms = result.seconds * 1000
        self.marks = make_marks(self.editor.document(), report.text, report.findings)
        self._show_marks()
        self._show_score()
        if not self._warming:
            self._set_status(tr("Checked in {0} ms", round(self.last_check_ms)))
        self.checked.emit(report)

    def _show_score(self) -> None:
        shown = self.scored_report()
        channel = self.guide.channel(self.channel_name())
        ignored = sum(self.findings.is_ignored(m) for m in self.marks)  # entries, as listed
        self.scorecard.set_report(shown, self.guide.tone_targets(channel),
                                  self.guide.scoring.pass_score, ignored=ignored)

    def _on_ignored_changed(self) -> None:
        self._update_underlines()
        self._show_score()

    def _show_marks(self) -> None:
        self.findings.set_marks(self.marks)
        self._update_underlines()

    def _update_underlines(self) -> None:
        self.editor.setExtraSelections(
            extra_selections(self.findings.active_marks(), self.findings.current_mark())
        )

    def _marks_at(self, position: int) -> list[Mark]:
        return [m for m in self.findings.active_marks() if m.contains(position)]

    def _set_status(self, message: str) -> None:
        self.status.setText(message)
        self.statusMessage.emit(message)


def _relocated(finding: Finding, text: str) -> Finding | None:
    """The finding on its text's occurrence nearest to where it was; None once edited away."""
    if text[finding.start:finding.end] == finding.text:
        return finding
    hits = [m.start() for m in re.finditer(re.escape(finding.text), text)] if finding.text else []
    if not hits:
        return None
    start = min(hits, key=lambda i: abs(i - finding.start))
    return replace(finding, start=start, end=start + len(finding.text))
