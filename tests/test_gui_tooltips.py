"""Tooltips show post text and messages as written (issue 16, family 9): Qt renders a
tooltip that looks like markup as rich text, so a post or a guide note with <img> or <b>
in it was rendered instead of shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument

from voicecheck.engine import check
from voicecheck.gui.batch_view import BatchModel
from voicecheck.gui.review import ReviewWorkspace
from voicecheck.guide import parse_guide

MARKUP = "<b>粗体</b><img src=x onerror=alert(1)>"
GUIDE = f"""\
version: 1
language: zh-Hans
terms:
  - prefer: 会员
    avoid: [VIP]
    note: '{MARKUP}'
"""


def shown(tooltip: str) -> str:
    """The text Qt shows for a tooltip (rich text when it looks like markup)."""
    if not GuiQt.mightBeRichText(tooltip):  # the test Qt applies to tooltips
        return tooltip
    doc = QTextDocument()
    doc.setHtml(tooltip)
    return doc.toPlainText()


def test_findings_list_tooltip_shows_markup_as_text(qtbot) -> None:
    guide = parse_guide(GUIDE, "g.yaml", Path("."))
    ws = ReviewWorkspace(guide)
    qtbot.addWidget(ws)
    ws.show()
    ws.start()
    ws.editor.setPlainText("成为VIP")
    qtbot.waitUntil(lambda: ws.findings.tree.topLevelItemCount() > 0, timeout=30000)
    tree = ws.findings.tree
    tips = [tree.topLevelItem(i).toolTip(3) for i in range(tree.topLevelItemCount())]
    assert any(MARKUP in shown(t) for t in tips) and not any("<img" in t for t in tips)
    ws.runner.wait()
    ws.editor.document().setModified(False)


def test_batch_tooltips_show_post_text_as_text(qapp) -> None:
    guide = parse_guide(GUIDE, "g.yaml", Path("."))
    report = check(f"成为VIP {MARKUP}", guide)
    report.source = f"exports/{MARKUP}.txt"
    model = BatchModel()
    model.extend([report])
    for col in (0, 5):
        tip = model.data(model.index(0, col), Qt.ItemDataRole.ToolTipRole)
        assert MARKUP in shown(tip) and "<img" not in tip, col


def test_learn_tooltips_show_post_names_and_phrases_as_text(qtbot, tmp_path: Path) -> None:
    from voicecheck.gui.learn_dialog import LearnDialog

    name = "<b>粗体<img src=x onerror=alert(1)>"  # no slash: a file name
    for i, text in enumerate(["清泉茶饮夏季菜单今天上新，欢迎你来尝尝。#清泉夏日#",
                              "清泉茶饮静安寺店本周六开业，欢迎你来坐坐。#清泉新店#"]):
        post = tmp_path / "weibo" / f"{name}{i}.txt"
        post.parent.mkdir(exist_ok=True)
        post.write_text(text, encoding="utf-8")
    dialog = LearnDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=120000)
    dialog.wait()
    tree = dialog.tree
    tips = [tree.topLevelItem(i).child(j).toolTip(0) for i in range(tree.topLevelItemCount())
            for j in range(tree.topLevelItem(i).childCount())]
    assert any(f"{name}0.txt" in shown(t) for t in tips)
    assert not any("<img" in t for t in tips)
