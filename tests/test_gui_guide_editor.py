"""Guide editor: form edits validate and re-score, YAML view stays in sync, saving is safe."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from voicecheck.engine import check
from voicecheck.gui.guide_editor import GuideEditor
from voicecheck.gui.range_slider import HIGH, LOW, RangeSlider
from voicecheck.guide import load_guide

GUIDE = """\
version: 1
brand:
  name: ClearSpring Tea
  aliases: {zh-Hans: 清泉茶饮, zh-Hant: 清泉茶飲}
language: zh-Hans
voice:
  summary: Warm, plain-spoken.
  tone:
    formality: [30, 70]
terms:
  - prefer: ClearSpring
    avoid: [Clear Spring]
    case_sensitive: true
    severity: error
channels:
  weibo: {language: zh-Hans, max_chars: 2000, fold_chars: 140}
scoring:
  pass: 80
"""

DRAFT = "亲们，清泉茶饮的新品上市了，欢迎来尝。"


@pytest.fixture
def guide_file(tmp_path: Path) -> Path:
    path = tmp_path / "brand.yaml"
    path.write_text(GUIDE, encoding="utf-8")
    return path


@pytest.fixture
def editor(qtbot, guide_file: Path) -> GuideEditor:
    ed = GuideEditor()
    qtbot.addWidget(ed)
    ed.load(guide_file)
    ed.show()
    return ed


def _answer_next_dialog(qtbot, button: QMessageBox.StandardButton | str) -> list[str]:
    """Click a button of the next modal message box; returns its text once shown."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        seen.append(box.text())
        if isinstance(button, str):
            target = next(b for b in box.buttons() if b.text() == button)
        else:
            target = box.button(button)
        target.click()

    QTimer.singleShot(0, click)
    return seen


def test_loads_forms_from_file(editor: GuideEditor) -> None:
    assert editor.brand_name.text() == "ClearSpring Tea"
    assert editor.aliases["zh-Hant"].text() == "清泉茶飲"
    assert editor.voice_tone.ranges() == {"formality": (30, 70)}
    assert editor.terms_model.rowCount() == 1
    assert [c.name for c in editor.channels_model.rows] == ["weibo"]
    assert not editor.is_dirty()
    assert editor.problems() == []


def test_editing_a_term_rescores_the_draft(qtbot, editor: GuideEditor) -> None:
    before = check(DRAFT, editor.current_guide())
    assert not any(f.text == "亲们" for f in before.findings if f.category == "terminology")

    view = editor.terms.view
    index = editor.terms.proxy.index(0, 1)  # Avoid column of the only term
    view.setCurrentIndex(index)
    view.edit(index)
    line = view.findChild(QLineEdit)
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, "Clear Spring, ")
    line.insert("亲们")  # QTest cannot type CJK; an input method commits text like this
    with qtbot.waitSignal(editor.guideChanged, timeout=3000) as sig:
        qtbot.keyClick(line, Qt.Key.Key_Return)
    guide = sig.args[0]
    term = guide.terms[-1]
    assert term.avoid == ["Clear Spring", "亲们"]
    assert "- 亲们" in editor.text() or "亲们]" in editor.text()
    after = check(DRAFT, guide)
    hits = [f for f in after.findings if f.category == "terminology" and f.text == "亲们"]
    assert hits and DRAFT[hits[0].start:hits[0].end] == "亲们"
    assert after.score < before.score
    assert editor.is_dirty()


def test_added_term_is_a_located_problem_until_filled(qtbot, editor: GuideEditor) -> None:
    with qtbot.waitSignal(editor.problemsChanged, timeout=3000,
                          check_params_cb=lambda p: bool(p)) as sig:
        editor.terms.add_row()
    (problem,) = sig.args[0]
    assert "term needs 'avoid' or 'prefer'" in problem.message
    assert problem.file == str(editor.path)
    row = editor.terms_model.rowCount() - 1
    index = editor.terms_model.index(row, 0)
    assert editor.terms_model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert "avoid" in editor.terms_model.data(index, Qt.ItemDataRole.ToolTipRole)


def test_reversed_tone_range_in_yaml_is_located_and_save_refuses(
        qtbot, editor: GuideEditor, guide_file: Path) -> None:
    bad = GUIDE.replace("formality: [30, 70]", "formality: [80, 20]")
    with qtbot.waitSignal(editor.problemsChanged, timeout=3000,
                          check_params_cb=lambda p: bool(p)) as sig:
        editor.yaml_view.setPlainText(bad)
    (problem,) = sig.args[0]
    assert str(problem) == (f"{guide_file}:9:16: range [80, 20] is reversed: "
                            "low must not exceed high")
    assert editor.problem_list.count() == 1
    assert editor.problem_list.item(0).text() == str(problem)
    # the offending slider is outlined and the forms are frozen on the last good version
    assert "reversed" in editor.voice_tone.sliders["formality"].toolTip()
    assert not editor.tabs.widget(0).isEnabled()
    assert editor.banner.isVisibleTo(editor)
    # Save asks; Cancel (the default) leaves the file untouched
    shown = _answer_next_dialog(qtbot, QMessageBox.StandardButton.Cancel)
    assert editor.save() is False
    assert shown and "1 problem" in shown[0]
    assert guide_file.read_text(encoding="utf-8") == GUIDE
    assert not guide_file.with_name("brand.yaml.bak").exists()
    assert editor.is_dirty()


def test_invalid_guide_saved_only_when_user_insists(qtbot, editor: GuideEditor,
                                                    guide_file: Path) -> None:
    bad = GUIDE.replace("pass: 80", "pass: 180")
    editor.yaml_view.setPlainText(bad)
    assert editor.problems()
    _answer_next_dialog(qtbot, "Save Anyway")
    assert editor.save() is True
    assert guide_file.read_text(encoding="utf-8") == bad
    assert not editor.is_dirty()


def test_yaml_edit_updates_forms(qtbot, editor: GuideEditor) -> None:
    text = GUIDE.replace("name: ClearSpring Tea", "name: 清泉 Tea House").replace(
        "  weibo:", "  x: {language: en, max_chars: 280, counting: twitter}\n  weibo:")
    with qtbot.waitSignal(editor.guideChanged, timeout=3000) as sig:
        editor.yaml_view.setPlainText(text)
    assert sig.args[0].brand.name == "清泉 Tea House"
    assert editor.brand_name.text() == "清泉 Tea House"
    assert [c.name for c in editor.channels_model.rows] == ["x", "weibo"]
    assert editor.tabs.widget(0).isEnabled()
    assert editor.text() == text  # the user's text is kept as typed


def test_form_edit_regenerates_yaml(qtbot, editor: GuideEditor) -> None:
    with qtbot.waitSignal(editor.guideChanged, timeout=3000) as sig:
        editor.voice_tone.sliders["formality"].setFocus()
        slider = editor.voice_tone.sliders["formality"]
        qtbot.keyClick(slider, Qt.Key.Key_PageUp)  # low handle 30 -> 40
    assert sig.args[0].voice.tone["formality"] == (40, 70)
    assert "formality: [40, 70]" in editor.text()


def test_save_writes_file_and_backup(qtbot, editor: GuideEditor, guide_file: Path) -> None:
    with qtbot.waitSignal(editor.guideChanged, timeout=3000):
        editor.brand_name.setFocus()
        editor.brand_name.selectAll()
        qtbot.keyClicks(editor.brand_name, "ClearSpring")
    assert editor.is_dirty()
    assert editor.save() is True
    assert not editor.is_dirty()
    assert guide_file.with_name("brand.yaml.bak").read_text(encoding="utf-8") == GUIDE
    saved = load_guide(guide_file)
    assert saved.brand.name == "ClearSpring"
    assert saved.voice.tone["formality"] == (30, 70)


def test_default_guide_is_valid_and_save_asks_where(qtbot, monkeypatch,
                                                    tmp_path: Path) -> None:
    ed = GuideEditor()
    qtbot.addWidget(ed)
    assert ed.path is None
    assert ed.problems() == []
    assert ed.current_guide().channels["weibo"].fold_chars == 140
    target = tmp_path / "mine.yaml"
    monkeypatch.setattr("voicecheck.gui.guide_editor.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), ""))
    assert ed.save() is True
    assert ed.path == target
    assert load_guide(target).channels["x"].counting == "twitter"


def test_maybe_save_prompts_when_dirty(qtbot, editor: GuideEditor, guide_file: Path) -> None:
    assert editor.maybe_save() is True  # clean: no question
    editor.yaml_view.setPlainText(GUIDE.replace("pass: 80", "pass: 70"))
    _answer_next_dialog(qtbot, QMessageBox.StandardButton.Cancel)
    assert editor.maybe_save() is False
    _answer_next_dialog(qtbot, QMessageBox.StandardButton.Discard)
    assert editor.maybe_save() is True
    assert guide_file.read_text(encoding="utf-8") == GUIDE
    _answer_next_dialog(qtbot, QMessageBox.StandardButton.Save)
    assert editor.maybe_save() is True
    assert "pass: 70" in guide_file.read_text(encoding="utf-8")


def test_channel_tone_override_and_duplicate_name_rejected(qtbot, editor: GuideEditor) -> None:
    editor.channels.add_row()
    new = editor.channels_model.rows[-1]
    index = editor.channels_model.index(len(editor.channels_model.rows) - 1, 0)
    assert editor.channels_model.setData(index, "weibo") is False  # name taken
    assert new.name == "channel1"
    editor.channels.select_source_row(0)
    with qtbot.waitSignal(editor.guideChanged, timeout=3000) as sig:
        editor.channel_tone.checks["enthusiasm"].setChecked(True)
    assert sig.args[0].channels["weibo"].tone == {"enthusiasm": (0, 100)}
    assert "channel1" in sig.args[0].channels


def test_range_slider_keyboard(qtbot) -> None:
    s = RangeSlider()
    qtbot.addWidget(s)
    s.setValues(40, 60)
    s.show()
    s.setFocus()
    assert s.activeHandle() == LOW
    qtbot.keyClick(s, Qt.Key.Key_End)  # low cannot pass high
    assert s.values() == (60, 60)
    assert s.focusNextPrevChild(True) and s.activeHandle() == HIGH
    qtbot.keyClick(s, Qt.Key.Key_Home)
    assert s.values() == (60, 60)
    qtbot.keyClick(s, Qt.Key.Key_PageUp)
    assert s.values() == (60, 70)
    s.setValues(90, 10)  # given reversed, stored in order
    assert s.values() == (10, 90)


def test_ui_text_switches_to_chinese(qtbot, editor: GuideEditor) -> None:
    from voicecheck.gui import i18n

    i18n.set_language("zh")
    try:
        editor.retranslate()
        assert editor.save_button.text() == "保存"
        assert editor.tabs.tabText(1) == "术语"
        assert editor.terms_model.headerData(0, Qt.Orientation.Horizontal) == "推荐用词"
        assert editor.voice_tone.checks["formality"].text() == "正式度"
    finally:
        i18n.set_language("en")
        editor.retranslate()
    assert editor.save_button.text() == "Save"


def test_leaving_yaml_tab_applies_pending_yaml_before_form_edits(qtbot,
                                                                 editor: GuideEditor) -> None:
    editor.tabs.setCurrentIndex(4)
    editor.yaml_view.setPlainText(GUIDE.replace("pass: 80", "pass: 65"))
    editor.tabs.setCurrentIndex(0)  # no wait: the debounce has not fired yet
    assert editor.pass_mark.value() == 65
    editor.brand_name.setFocus()
    qtbot.keyClicks(editor.brand_name, "!")
    assert "pass: 65" in editor.text() and "ClearSpring Tea!" in editor.text()


def test_localized_note_is_shown_edited_and_saved_as_a_mapping(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "notes.yaml"
    term = "  - avoid: [Clearspring]\n    note: {en: One word; always., zh: 品牌名是一个词。}\n"
    path.write_text(GUIDE.replace("channels:", term + "channels:"), encoding="utf-8")
    ed = GuideEditor()
    qtbot.addWidget(ed)
    ed.load(path)
    model = ed.terms_model
    note = model.index(1, 5)
    assert model.data(note) == "en: One word; always.; zh: 品牌名是一个词。"
    with qtbot.waitSignal(ed.guideChanged, timeout=3000):
        ed.brand_name.setFocus()
        ed.brand_name.selectAll()
        qtbot.keyClicks(ed.brand_name, "ClearSpring")
    assert ed.save() is True
    assert load_guide(path).terms[1].note == {"en": "One word; always.", "zh": "品牌名是一个词。"}
    assert model.setData(note, "zh: 只写中文; 也可以有分号")
    assert ed.current_guide().terms[1].note == {"zh": "只写中文; 也可以有分号"}
    assert model.setData(note, "A plain note; in any language.")
    assert ed.current_guide().terms[1].note == "A plain note; in any language."


def test_form_edit_keeps_the_guide_comments(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "commented.yaml"
    commented = "# ClearSpring's guide, kept by the brand team\n" + GUIDE.replace(
        "  weibo: {", "  # Weibo folds after 140 characters\n  weibo: {")
    path.write_text(commented, encoding="utf-8")
    ed = GuideEditor()
    qtbot.addWidget(ed)
    ed.load(path)
    ed.show()
    with qtbot.waitSignal(ed.guideChanged, timeout=3000):
        ed.brand_name.setFocus()
        ed.brand_name.selectAll()
        qtbot.keyClicks(ed.brand_name, "ClearSpring")
    assert ed.save() is True
    saved = path.read_text(encoding="utf-8")
    assert saved == commented.replace("name: ClearSpring Tea", "name: ClearSpring")
