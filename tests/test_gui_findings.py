"""The findings list as a copywriter uses it: one entry per problem, ignoring that the
score follows, readable after a theme switch, honest before the first result."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from test_gui_review import wait_checked

from voicecheck.gui.draft_editor import mark_tooltip
from voicecheck.gui.review import ReviewWorkspace
from voicecheck.gui.theme import apply_theme
from voicecheck.guide import load_guide

# Three exclamation marks where the default guide allows two: the second run, '！！', is
# both repeated punctuation (formatting) and the mark over the limit (promotion).
SHOUTING = "亲们！新品上市啦！！欢迎你来尝。"


@pytest.fixture
def review(qtbot):
    ws = ReviewWorkspace(load_guide(None))
    qtbot.addWidget(ws)
    ws.show()
    ws.start()
    yield ws
    ws.runner.wait()


def _row_of(review: ReviewWorkspace, text: str) -> int:
    tree = review.findings.tree
    rows = [i for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).text(2) == text]
    assert len(rows) == 1, [tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())]
    return rows[0]


def test_one_problem_is_one_entry_naming_each_category(qtbot, review) -> None:
    review.set_text(SHOUTING)
    wait_checked(qtbot, review)
    on_marks = [f for f in review.report.findings if f.text == "！！"]
    assert {f.category for f in on_marks} == {"formatting", "promotion"}  # the data keeps both
    [mark] = [m for m in review.marks if m.finding.text == "！！"]
    assert {f.rule for f in mark.findings} == {"formatting.repeated-punctuation",
                                                "promotion.exclamations"}
    item = review.findings.tree.topLevelItem(_row_of(review, "！！"))
    assert "formatting" in item.text(1) and "promotion" in item.text(1)
    tip = mark_tooltip(mark)
    assert all(f.message.split("'")[0] in tip for f in mark.findings)
    assert mark.suggestions == ("！",)  # offered once


def test_ignoring_an_entry_sets_all_its_findings_aside_and_the_score_follows(qtbot, review):
    review.set_text(SHOUTING)
    wait_checked(qtbot, review)
    before = review.scored_report()
    [mark] = [m for m in review.marks if m.finding.text == "！！"]
    review.ignore(mark)
    after = review.scored_report()
    assert after.score > before.score
    assert after.scores["formatting"] == 100 and after.scores["promotion"] > before.scores["promotion"]
    assert review.scorecard.score.text().endswith(f">{after.score}</span>")
    bars = {b.label: b.value for b in review.scorecard.categories.bars()}
    assert bars["formatting"] == 100
    assert review.scorecard.ignored_note.isVisibleTo(review)
    assert review.scorecard.ignored_note.text() == "1 ignored finding is not counted"
    assert review.report.score == before.score  # the check's own result is unchanged
    # the next check of the same wording keeps them aside
    review.editor.moveCursor(review.editor.textCursor().MoveOperation.End)
    review.editor.insertPlainText("好喝")
    wait_checked(qtbot, review)
    assert review.scored_report().scores["formatting"] == 100
    # and taking it back counts them again
    review.findings.show_ignored.setChecked(True)
    [mark] = [m for m in review.marks if m.finding.text == "！！"]
    review.findings.select(mark)
    assert review.findings.ignore_button.text() == "Stop Ignoring"
    review.findings.ignore_button.click()
    assert review.scored_report().scores["formatting"] < 100
    assert not review.scorecard.ignored_note.isVisibleTo(review)


def _luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def _contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("themes", [("light", "dark"), ("dark", "light")])
def test_findings_stay_readable_after_a_theme_switch(qtbot, review, themes) -> None:
    app = QApplication.instance()
    try:
        apply_theme(app, themes[0])
        review.set_text(SHOUTING + "Clear Spring VIP会员")
        wait_checked(qtbot, review)
        [mark] = [m for m in review.marks if m.finding.text == "亲们"]
        review.ignore(mark)  # an ignored row keeps its dimmed look, in the new palette too
        review.findings.show_ignored.setChecked(True)
        apply_theme(app, themes[1])  # no re-check in between
        tree = review.findings.tree
        base = tree.palette().color(QPalette.ColorRole.Base)
        for i in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(i)
            for col in (2, 3):
                brush = item.data(col, Qt.ItemDataRole.ForegroundRole)
                colour = brush.color() if brush is not None else tree.palette().color(
                    QPalette.ColorRole.Text)
                assert _contrast(colour, base) >= 3.0, (themes, item.text(col), colour.name())
    finally:
        apply_theme(app, "system")


def test_the_list_says_it_is_checking_until_the_first_result(qtbot) -> None:
    ws = ReviewWorkspace(load_guide(None))
    qtbot.addWidget(ws)
    ws.editor.setPlainText(SHOUTING)
    assert ws.findings.summary.text() == "Checking the draft…"
    ws.start()
    wait_checked(qtbot, ws)
    assert ws.findings.summary.text().startswith(f"{len(ws.marks)} findings")
    ws.runner.wait()
