"""Style guide ▸ Learn from Posts and the Terms tab's term base import and export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from voicecheck.gui.guide_editor import GuideEditor
from voicecheck.gui.learn_dialog import LearnDialog
from voicecheck.guide import parse_guide

POSTS = {
    "weibo/a.txt": "清泉茶饮夏季菜单今天上新，欢迎你来尝尝。#清泉夏日#",
    "weibo/b.txt": "清泉茶饮静安寺店本周六开业，欢迎你来坐坐。#清泉新店#",
    "x/c.txt": "Our new spring tea is here at ClearSpring. Come and try it. #tea",
}


def _folder(root: Path) -> Path:
    for name, text in POSTS.items():
        f = root / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text, encoding="utf-8")
    return root


def _items(dialog: LearnDialog):
    tree = dialog.tree
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        for j in range(group.childCount()):
            yield group.child(j)


def test_learning_previews_each_proposal_and_a_tick_changes_the_draft(qtbot, tmp_path) -> None:
    dialog = LearnDialog(_folder(tmp_path / "posts"))
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=120000)
    dialog.wait()
    assert "every post passes the draft" in dialog.status.text()
    items = list(_items(dialog))
    hashtag = next(i for i in items if i.text(0).endswith("hashtag") and "Weibo" in i.text(0))
    assert hashtag.checkState(0) == Qt.CheckState.Checked and "#话题#" in hashtag.toolTip(0)
    assert "hashtag: '#topic#'" in dialog.draft_text()
    hashtag.setCheckState(0, Qt.CheckState.Unchecked)
    text = dialog.draft_text()
    assert "hashtag: '#topic#'" not in text.split("# Proposed but left out")[0]
    assert dialog.yaml.toPlainText() == text
    parse_guide(text, "draft.yaml", tmp_path)  # still a valid guide


def test_a_learned_draft_opens_unsaved_in_the_editor(qtbot, tmp_path) -> None:
    editor = GuideEditor()
    qtbot.addWidget(editor)
    editor.load_draft("version: 1\nlanguage: en\nbrand: {name: NorthPeak}\n")
    assert editor.path is None and editor.is_dirty() and editor.problems() == []
    assert editor.current_guide().brand.name == "NorthPeak"
    assert "learned draft" in editor.path_label.text()


def test_terms_tab_imports_and_exports_a_term_base(qtbot, tmp_path, monkeypatch) -> None:
    guide = tmp_path / "g.yaml"
    guide.write_text("# ours\nversion: 1\nlanguage: zh-Hans\nterms:\n  - avoid: [亲们]\n",
                     encoding="utf-8")
    editor = GuideEditor()
    qtbot.addWidget(editor)
    editor.load(guide)
    tbx = tmp_path / "in.csv"
    tbx.write_text("concept,language,term,status\nm,zh-Hans,会员,preferred\nm,,VIP,forbidden\n",
                   encoding="utf-8")
    assert editor.import_terms(tbx)
    assert editor.terms_model.rowCount() == 2
    assert "# ours" in editor.text() and "forbidden: [VIP]" in editor.text()
    assert editor.current_guide().terms[1].forbidden == ["VIP"]
    out = tmp_path / "out.tbx"
    assert editor.export_terms(out)
    assert "<term>VIP</term>" in out.read_text(encoding="utf-8")
    bad = tmp_path / "bad.tbx"
    bad.write_text('<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "b">]><tbx/>', encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    assert not editor.import_terms(bad)
    assert shown and "bad.tbx:1:" in shown[0] and "declares the entity 'a'" in shown[0]
