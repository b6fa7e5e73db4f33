"""The main window as a copywriter meets it: a batch post opened in Review scores as in
the batch, titles and Save say where a draft lives, the toolbar and Help, the preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QPalette
from test_gui_review import wait_checked
from test_sample_export import EXPORT

from voicecheck.gui import i18n
from voicecheck.gui.help_pages import GUIDE_FORMAT, REPORT_FORMAT
from voicecheck.gui.main_window import MainWindow, _saved_name
from voicecheck.gui.preview import fold_index, linked_spans, preview_html
from voicecheck.guide import load_guide
from voicecheck.guide.model import Channel


@pytest.fixture
def window(qtbot, monkeypatch):
    win = MainWindow(load_guide(None), None, persistent=False)
    qtbot.addWidget(win)
    monkeypatch.setattr(win, "maybe_save_draft", lambda: True)
    if hasattr(win.guide_editor, "maybe_save"):
        monkeypatch.setattr(win.guide_editor, "maybe_save", lambda: True)
    win.show()
    win.review.start()
    yield win
    win.batch.shutdown()
    win.review.runner.wait()
    i18n.set_language("en")


def _run_batch(qtbot, win: MainWindow) -> None:
    win.batch.workers.setValue(1)
    win.batch.set_folder(EXPORT)
    with qtbot.waitSignal(win.batch.batchFinished, timeout=120000):
        win.batch.run()


def _report(win: MainWindow, source: str):
    return next(r for r in win.batch.reports() if r.source.endswith(source))


@pytest.mark.parametrize("source", [
    "weibo/spring-oolong-launch.md",   # campaign findings come along
    "x/field-report.txt",
    "content-calendar.csv:6",          # no channel: the default profile, whatever was picked
    "content-calendar.csv:3",          # passes only because of how its campaign is scored
])
def test_a_batch_post_opens_in_review_with_the_batch_score(qtbot, window, source) -> None:
    _run_batch(qtbot, window)
    window.review.set_channel("xiaohongshu")  # what the user had picked before
    report = _report(window, source)
    window.open_post(report, window.batch.run_guide)
    wait_checked(qtbot, window.review)
    shown = window.review.scored_report()
    assert window.tabs.currentWidget() is window.review
    assert window.review.channel_name() == (None if report.channel == "default" else
                                            report.channel)
    assert (shown.score, shown.passed) == (report.score, report.passed)
    assert sorted(f.rule for f in shown.findings) == sorted(f.rule for f in report.findings)
    assert "scored as in the batch" in window.statusBar().currentMessage()


def test_campaign_findings_stay_while_their_text_does(qtbot, window) -> None:
    _run_batch(qtbot, window)
    report = _report(window, "content-calendar.csv:3")
    window.open_post(report, window.batch.run_guide)
    wait_checked(qtbot, window.review)
    dates = [m for m in window.review.marks if m.finding.rule == "campaign.date"]
    assert sorted(m.finding.text for m in dates) == ["3月22日", "4月5日"]
    editor = window.review.editor
    editor.setPlainText(window.review.text().replace("4月5日", "3月31日").replace(
        "3月22日", "3月20日"))
    wait_checked(qtbot, window.review)
    assert not [m for m in window.review.marks if m.finding.rule.startswith("campaign.")]
    assert window.review.scored_report().score == 100


def test_a_changed_guide_marks_the_results_and_the_opened_post(qtbot, window) -> None:
    _run_batch(qtbot, window)
    assert not window.batch.is_stale() and window.batch.notice.isVisibleTo(window.batch)
    assert "2 posts had no channel" in window.batch.notice.text()
    window.use_guide(load_guide(Path(__file__).resolve().parent.parent / "styleguides" /
                                "clearspring-tea-zh-hans.yaml"))
    assert window.batch.is_stale()
    assert "run again" in window.batch.notice.text()
    window.open_post(_report(window, "weibo/summer-menu.txt"), window.batch.run_guide)
    assert "changed after the batch ran" in window.statusBar().currentMessage()


def test_title_and_save_say_where_a_batch_post_lives(qtbot, window) -> None:
    _run_batch(qtbot, window)
    window.open_post(_report(window, "content-calendar.csv:3"), window.batch.run_guide)
    assert window.windowTitle().startswith(str(EXPORT / "content-calendar.csv:3") + " (from Batch)")
    assert window.draft_path is None  # Save asks where: the title no longer claims a file
    window.set_language("zh")
    assert "（来自批量检查）" in window.windowTitle()  # not "Untitled" after a switch
    assert _saved_name("exports/content-calendar.csv:3") == "content-calendar-3.txt"
    assert _saved_name("exports/weibo/a.md") == "a.md"


def test_saving_keeps_the_file_its_encoding_mode_and_link(qtbot, window, tmp_path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes("新品上市，欢迎你来尝。".encode("gb18030"))
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert window.open_draft(link)
    window.review.editor.setPlainText("新品上市，欢迎你来尝尝。")
    assert window.save_draft()
    assert link.is_symlink() and (real.stat().st_mode & 0o777) == 0o640
    assert real.read_bytes().decode("gb18030") == "新品上市，欢迎你来尝尝。"


def test_opening_a_draft_shows_review_not_the_last_tab(qtbot, window, tmp_path) -> None:
    window.tabs.setCurrentIndex(2)
    draft = tmp_path / "d.txt"
    draft.write_text("新品上市。", encoding="utf-8")
    window.open_draft(draft)
    assert window.tabs.currentWidget() is window.review


def test_the_draft_toolbar_belongs_to_review(qtbot, window) -> None:
    assert window.review.isAncestorOf(window.review.toolbar)
    window.tabs.setCurrentWidget(window.batch)
    assert not window.review.toolbar.isVisible()
    assert window.act_save in window.review.toolbar.actions()


def test_help_opens_the_repository_pages_and_lists_shortcuts(qtbot, window) -> None:
    window.show_help(GUIDE_FORMAT)
    browser = window._help.browser
    page = browser.toPlainText()
    assert "max_chars" in page and "zh-Hant-HK" in page
    browser.setSource(browser.source().resolved(QUrl("#compliance")))  # a link on the page
    assert browser.verticalScrollBar().value() > 0
    window.show_help(REPORT_FORMAT)
    assert "detected_language" in window._help.browser.toPlainText()
    window.show_shortcuts()
    shortcuts = window._help.browser.toPlainText()
    assert "Next Finding" in shortcuts and "F8" in shortcuts and "Esc" in shortcuts
    window._help.close()


def test_whole_post_script_finding_after_front_matter_is_not_a_tint(qtbot, window) -> None:
    guide = load_guide(Path(__file__).resolve().parent.parent / "styleguides" /
                       "clearspring-tea-zh-hans.yaml")
    window.use_guide(guide)
    text = ("---\nchannel: weibo\n---\n"
            "清泉茶飲的新品上市了，歡迎你來門市試一試，也歡迎告訴我們你最喜歡哪一款。\n")
    window.load_draft(text, None)
    wait_checked(qtbot, window.review)
    [mark] = [m for m in window.review.marks if m.finding.rule == "script.wrong-script"]
    assert mark.whole_post
    from voicecheck.gui.highlight import extra_selections
    assert all(s.cursor.selectionStart() > 0 or s.cursor.selectionEnd() < len(text)
               for s in extra_selections(window.review.marks, None))


def test_preview_renders_tags_mentions_and_links_the_channel_way(qapp) -> None:
    text = "春季乌龙上新 #春季乌龙# #清泉新品 @清泉茶饮 https://clearspring.cn/spring"
    weibo = Channel("weibo", hashtag="#topic#", fold_chars=10)
    x = Channel("x", hashtag="#topic")
    spans = {text[a:b] for a, b in linked_spans(text, weibo)}
    assert spans == {"#春季乌龙#", "@清泉茶饮", "https://clearspring.cn/spring"}
    assert {text[a:b] for a, b in linked_spans(text, x)} == {
        "#春季乌龙", "#清泉新品", "@清泉茶饮", "https://clearspring.cn/spring"}
    assert "https" not in {text[a:b][:5] for a, b in linked_spans(text, Channel("ig", links=False))}
    assert fold_index(text, weibo) == text.index("#春季乌龙#")  # not inside the tag
    palette = QPalette()
    html = preview_html(text, Channel("x", hashtag="#topic"), palette)
    assert f'color:{palette.color(QPalette.ColorRole.Link).name()}">@清泉茶饮</span>' in html


def test_an_english_pipeline_chosen_in_the_app_switches_pos_rules_on(
        qtbot, window, trained_pipeline, monkeypatch) -> None:
    text = "Errors were introduced during the update."
    window.review.editor.setPlainText(text)
    wait_checked(qtbot, window.review)
    assert "tone.defensive" not in {f.rule for f in window.review.report.findings}

    warned: list[str] = []
    monkeypatch.setattr("voicecheck.gui.main_window.QMessageBox.warning",
                        lambda *args: warned.append(args[2]))
    assert window.set_pipeline("en_core_nowhere") is False
    assert "en_core_nowhere" in warned[0] and window.guide.spacy_model is None

    assert window.set_pipeline(trained_pipeline)
    assert window.review.guide.spacy_model == trained_pipeline
    window.review.recheck()
    wait_checked(qtbot, window.review)
    assert "tone.defensive" in {f.rule for f in window.review.report.findings}

    window.set_pipeline(None)  # back to the guide's own choice (none)
    assert window.review.guide.spacy_model is None
