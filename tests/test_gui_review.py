"""Review workspace and main window, driven through pytest-qt (offscreen)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt
from PySide6.QtGui import QTextCursor

from voicecheck.cli import main as cli_main
from voicecheck.gui.highlight import Mark
from voicecheck.gui.main_window import MainWindow
from voicecheck.gui.review import ReviewWorkspace
from voicecheck.guide import parse_guide

GUIDE = """
version: 1
language: en
terms:
  - prefer: ClearSpring
    avoid: [Clear Spring]
    case_sensitive: true
    severity: error
  - prefer: {zh-Hans: 会员, zh-Hant: 會員}
    avoid: [VIP会员]
    severity: warning
channels:
  weibo: {language: zh-Hans, max_chars: 30, fold_chars: 10}
  x: {language: en, max_chars: 280, counting: twitter}
"""


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp):
    """Settings and autosave go to a temporary folder, never the user's."""
    QCoreApplication.setOrganizationName("voicecheck-tests")
    QCoreApplication.setApplicationName("voicecheck-tests")
    QStandardPaths.setTestModeEnabled(True)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    yield
    QSettings().clear()


@pytest.fixture
def guide():
    return parse_guide(GUIDE, "test-guide.yaml", Path("."))


@pytest.fixture
def review(qtbot, guide) -> ReviewWorkspace:
    ws = ReviewWorkspace(guide)
    qtbot.addWidget(ws)
    ws.show()
    ws.start()
    yield ws
    ws.runner.wait()


def wait_checked(qtbot, ws: ReviewWorkspace) -> None:
    """Until the newest text has a shown result (no sleeps: poll the event loop)."""
    try:
        qtbot.waitUntil(
            lambda: not ws.is_checking() and ws.report is not None and ws.report.text == ws.text(),
            timeout=30000,
        )
    except Exception:
        print("status:", ws.status.text(), "busy:", ws.runner.is_busy())
        raise


def marks(ws: ReviewWorkspace, rule_prefix: str) -> list[Mark]:
    return [m for m in ws.marks if any(f.rule.startswith(rule_prefix) for f in m.findings)]


def underlined_texts(ws: ReviewWorkspace) -> list[str]:
    return [s.cursor.selectedText() for s in ws.editor.extraSelections()]


def test_typing_updates_findings_and_scores(qtbot, review):
    wait_checked(qtbot, review)
    assert review.report.scores["terminology"] == 100
    review.editor.setFocus()
    qtbot.keyClicks(review.editor, "Try Clear Spring tea")
    wait_checked(qtbot, review)
    found = marks(review, "terminology")
    assert [m.finding.text for m in found] == ["Clear Spring"]
    assert review.report.scores["terminology"] < 100
    before = review.report.score
    # Fix it by typing: the finding disappears and the score recovers.
    review.editor.selectAll()
    qtbot.keyClicks(review.editor, "Try ClearSpring tea")
    wait_checked(qtbot, review)
    assert marks(review, "terminology") == []
    assert review.report.scores["terminology"] == 100
    assert review.report.score > before


def test_stale_results_are_never_shown(qtbot, review):
    wait_checked(qtbot, review)
    shown: list[tuple[str, str]] = []
    review.checked.connect(lambda report: shown.append((report.text, review.text())))
    for text in ["Clear Spring one", "Clear Spring two", "ClearSpring three"]:
        review.set_text(text)  # each starts a check before the previous one finished
    wait_checked(qtbot, review)
    assert shown, "the newest text was checked"
    assert all(reported == current for reported, current in shown)
    assert shown[-1][0] == "ClearSpring three"


def test_apply_suggestion_then_undo(qtbot, review):
    review.set_text("Welcome to Clear Spring tea.")
    wait_checked(qtbot, review)
    (mark,) = marks(review, "terminology")
    assert mark.finding.suggestions[0] == "ClearSpring"
    review.findings.select(mark)
    actions = review.findings.apply_menu.actions()
    assert review.findings.apply_button.isEnabled() and actions
    actions[0].trigger()
    assert review.text() == "Welcome to ClearSpring tea."
    review.editor.undo()
    assert review.text() == "Welcome to Clear Spring tea."
    wait_checked(qtbot, review)
    assert [m.finding.text for m in marks(review, "terminology")] == ["Clear Spring"]


def test_suggestion_on_changed_span_is_refused(qtbot, review):
    review.set_text("Welcome to Clear Spring tea.")
    wait_checked(qtbot, review)
    (mark,) = marks(review, "terminology")
    review.debounce.setInterval(60_000)  # keep the stale marks while we look
    cur = QTextCursor(mark.cursor)
    cur.setPosition(mark.cursor.selectionStart() + 1)
    cur.insertText("x")  # the user edited inside the span
    review.apply_suggestion(mark, "ClearSpring")
    assert review.text() == "Welcome to Cxlear Spring tea."


def test_filter_and_ignore(qtbot, review):
    review.set_text("Clear Spring 的VIP会员!!!")
    wait_checked(qtbot, review)
    fl = review.findings
    categories = {m.finding.category for m in review.marks}
    assert "terminology" in categories and len(review.marks) >= 2
    fl.category.setCurrentIndex(fl.category.findData("terminology"))
    assert {m.finding.category for m in fl.visible_marks()} == {"terminology"}
    fl.severity.setCurrentIndex(fl.severity.findData("error"))
    assert [m.finding.text for m in fl.visible_marks()] == ["Clear Spring"]
    fl.severity.setCurrentIndex(0)
    fl.category.setCurrentIndex(0)
    assert len(fl.visible_marks()) == len(review.marks)
    hidden = [m for m in review.marks if m.finding.text == "VIP会员"][0]
    assert "VIP会员" in underlined_texts(review)
    review.ignore(hidden)
    assert hidden not in fl.visible_marks()
    assert "VIP会员" not in underlined_texts(review)
    # Ignoring lasts for the session: a re-check keeps it hidden.
    review.recheck()
    wait_checked(qtbot, review)
    assert all(m.finding.text != "VIP会员" for m in fl.visible_marks())
    fl.show_ignored.setChecked(True)
    assert any(m.finding.text == "VIP会员" for m in fl.visible_marks())


def test_offsets_with_emoji_and_extension_b_highlight_the_right_text(qtbot, review):
    text = "🍵😀 𠮷𠮷 Clear Spring 👍🏽 VIP会员"
    review.set_text(text)
    wait_checked(qtbot, review)
    term = {m.finding.text: m for m in marks(review, "terminology")}
    assert set(term) == {"Clear Spring", "VIP会员"}
    for word, mark in term.items():
        assert mark.cursor.selectedText() == word
        assert word in underlined_texts(review)
    # A click in the list selects exactly that span in the editor.
    item = next(
        review.findings.tree.topLevelItem(i)
        for i in range(review.findings.tree.topLevelItemCount())
        if review.findings.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
        is term["VIP会员"]
    )
    rect = review.findings.tree.visualItemRect(item)
    qtbot.mouseClick(review.findings.tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    assert review.editor.textCursor().selectedText() == "VIP会员"
    # Applying across astral characters keeps the rest of the text intact.
    review.apply_suggestion(term["VIP会员"], "会员")
    assert review.text() == "🍵😀 𠮷𠮷 Clear Spring 👍🏽 会员"


def test_underlines_follow_edits_before_the_next_check(qtbot, review):
    review.set_text("Clear Spring")
    wait_checked(qtbot, review)
    review.debounce.setInterval(60_000)
    cur = review.editor.textCursor()
    cur.movePosition(QTextCursor.MoveOperation.Start)
    cur.insertText("😀 Hi ")
    assert underlined_texts(review) == ["Clear Spring"]


def test_channel_change_rechecks(qtbot, review):
    review.set_text("这是一条很长的微博草稿，" * 4)
    wait_checked(qtbot, review)
    assert review.report.channel == "default"
    assert not marks(review, "channel.too-long")
    with qtbot.waitSignal(review.checked, timeout=30000):
        review.set_channel("weibo")
    wait_checked(qtbot, review)
    assert review.report.channel == "weibo"
    assert marks(review, "channel.too-long")
    assert review.preview.count() == 48
    assert "30" in review.preview.counter.text()
    # the counter and the check count the same way (a trailing line break is not posted)
    (too_long,) = marks(review, "channel.too-long")
    assert f"counts {review.preview.count()}" in too_long.finding.message
    review.set_text("这是一条很长的微博草稿，" * 4 + "\n\n")
    wait_checked(qtbot, review)
    assert review.preview.count() == 48
    review.set_channel(None)
    wait_checked(qtbot, review)
    assert review.report.channel == "default"
    assert not marks(review, "channel.too-long")


def test_convert_script_is_one_undo_step(qtbot, review):
    review.set_text("我们的软件会员服务")
    wait_checked(qtbot, review)
    review.convert_script("zh-Hant-TW")
    qtbot.waitUntil(lambda: review.text() != "我们的软件会员服务", timeout=30000)
    assert review.text() == "我們的軟體會員服務"
    review.editor.undo()
    assert review.text() == "我们的软件会员服务"


def test_guide_change_rescores(qtbot, review, guide):
    review.set_text("VIP会员")
    wait_checked(qtbot, review)
    assert marks(review, "terminology")
    relaxed = parse_guide("version: 1\nlanguage: zh-Hans\n", "relaxed.yaml", Path("."))
    review.set_guide(relaxed)
    wait_checked(qtbot, review)
    assert not marks(review, "terminology")
    assert review.channel.count() == 1  # only "default": the new guide has no channels


def test_main_window_open_save_and_settings(qtbot, guide, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("Clear Spring 新品\n", encoding="utf-8")
    win = MainWindow(guide, None, persistent=True)
    qtbot.addWidget(win)
    assert win.tabs.count() == 3
    assert win.open_draft(draft)
    wait_checked(qtbot, win.review)
    assert win.review.text() == "Clear Spring 新品\n"
    assert win.recent_files() == [str(draft.resolve())]
    win.review.editor.appendPlainText("more")
    assert win.save_draft()
    assert draft.read_text(encoding="utf-8") == "Clear Spring 新品\n\nmore"
    assert not win.review.editor.document().isModified()
    win.review.set_channel("x")
    assert QSettings().value("review/channel") == "x"
    win.review.runner.wait()


def test_autosave_restored_after_unclean_exit(qtbot, guide):
    first = MainWindow(guide, None, persistent=True)
    qtbot.addWidget(first)
    first.begin_session(have_file=False)
    first.review.editor.setPlainText("unsaved 草稿 😀")
    first.autosave()
    first.review.runner.wait()
    # No closeEvent: the app "crashed". The next start restores the draft.
    second = MainWindow(guide, None, persistent=True)
    qtbot.addWidget(second)
    second.begin_session(have_file=False)
    assert second.review.text() == "unsaved 草稿 😀"
    assert second.review.editor.document().isModified()
    second.review.runner.wait()
    second.review.editor.document().setModified(False)  # closing would ask to save it
    first.review.editor.document().setModified(False)


def test_a_corrupt_autosave_never_blocks_starting(qtbot, guide):
    """Issue 16: an autosave cut mid-character crashed every start (UnicodeDecodeError)."""
    first = MainWindow(guide, None, persistent=True)
    qtbot.addWidget(first)
    first.begin_session(have_file=False)  # ...and never closed: the app "crashed"
    path = first._autosave_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("半截草稿".encode() + "稿".encode()[:2])  # cut inside a character
    second = MainWindow(guide, None, persistent=True)
    qtbot.addWidget(second)
    second.begin_session(have_file=False)
    assert second.review.text() == "半截草稿"
    second.review.runner.wait()
    second.review.editor.document().setModified(False)
    path.write_bytes(b"\xff\xfe\x00")  # not text at all: the app starts with an empty draft
    third = MainWindow(guide, None, persistent=True)
    qtbot.addWidget(third)
    third.begin_session(have_file=False)
    third.review.runner.wait()
    third.review.editor.document().setModified(False)


def test_opening_a_fifo_as_a_draft_says_why_instead_of_hanging(qtbot, guide, tmp_path,
                                                                monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    import contextlib
    import threading

    fifo = tmp_path / "draft.txt"
    os.mkfifo(fifo)

    def unblock() -> None:  # should a reader block on the FIFO, give it an end of file
        with contextlib.suppress(OSError):  # ENXIO: nobody is reading it, as it should be
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    guard = threading.Timer(10, unblock)
    guard.start()
    win = MainWindow(guide, None, persistent=False)
    qtbot.addWidget(win)
    try:
        assert win.open_draft(fifo) is False  # read_bytes() blocked for good
    finally:
        guard.cancel()
    assert said and "is a FIFO (named pipe), not a file" in said[0]


def test_language_switch_retranslates(qtbot, guide):
    from voicecheck.gui import i18n

    win = MainWindow(guide, None, persistent=False)
    qtbot.addWidget(win)
    try:
        i18n.set_language("zh")
        assert win.tabs.tabText(0) == "审阅"
        assert win.review.channel_label.text() == "频道"
        i18n.set_language("zh-Hant")
        assert win.tabs.tabText(0) == "審閱"
        assert win.review.channel_label.text() == "頻道"
        i18n.set_language("en")
        assert win.tabs.tabText(0) == "Review"
    finally:
        i18n.set_language("en")
        win.review.runner.wait()


def test_switching_to_chinese_rechecks_with_chinese_messages(qtbot, guide):
    from voicecheck.gui import i18n

    win = MainWindow(guide, None, persistent=False)
    qtbot.addWidget(win)
    review = win.review
    review.start()
    try:
        review.set_text("欢迎成为我们的VIP会员，试试 Clear Spring 新品。")
        wait_checked(qtbot, review)
        assert "Write '会员', not 'VIP会员'." in [f.message for f in review.report.findings]
        before = [(f.rule, f.start, f.end) for f in review.report.findings]
        with qtbot.waitSignal(review.checked, timeout=30000):
            win.set_language("zh")
        wait_checked(qtbot, review)
        assert [(f.rule, f.start, f.end) for f in review.report.findings] == before
        tree = review.findings.tree
        shown = [tree.topLevelItem(i).text(3) for i in range(tree.topLevelItemCount())]
        assert "应写作“会员”，而不是“VIP会员”。" in shown
        assert "应写作“ClearSpring”，而不是“Clear Spring”。" in shown
        with qtbot.waitSignal(review.checked, timeout=30000):
            win.set_language("en")
        wait_checked(qtbot, review)
        assert "Write '会员', not 'VIP会员'." in [f.message for f in review.report.findings]
    finally:
        i18n.set_language("en")
        review.runner.wait()


def test_gui_screenshot_bad_input_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nbrnd: {name: X}\n", encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("hi", encoding="utf-8")
    out = tmp_path / "out.png"
    assert cli_main(["gui", "--screenshot", str(out), "--guide", str(bad), str(draft)]) == 2
    assert "bad.yaml:2:1" in capsys.readouterr().err
    assert cli_main(["gui", "--screenshot", str(out), str(tmp_path / "missing.txt")]) == 2
    assert cli_main(["gui", "--screenshot", str(out), "--channel", "nope", str(draft)]) == 2
    assert not out.exists()


def test_gui_screenshot_writes_png(tmp_path):
    # A separate process, as users run it: the screenshot run ends its event loop.
    draft = tmp_path / "d.txt"
    draft.write_text("亲们！全网最低价！！Clear Spring", encoding="utf-8")
    out = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "voicecheck.cli", "gui", "--screenshot", str(out),
         "--channel", "weibo", str(draft)],
        env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_guide_edit_in_editor_rescores_the_draft(qtbot, guide, monkeypatch):
    win = MainWindow(guide, None, persistent=False)
    qtbot.addWidget(win)
    editor = win.guide_editor
    assert hasattr(editor, "guideChanged"), "the Style guide workspace is wired in"
    monkeypatch.setattr(editor, "maybe_save", lambda: True)  # no dialog at teardown
    win.load_draft("欢迎试饮清泉乌龙", None)
    win.review.start()
    wait_checked(qtbot, win.review)
    assert not marks(win.review, "terminology")
    edited = "version: 1\nlanguage: zh-Hans\nterms:\n  - prefer: 清泉乌龙茶\n    avoid: [清泉乌龙]\n"
    with qtbot.waitSignal(editor.guideChanged, timeout=10000):
        editor.yaml_view.setPlainText(edited)
        editor.flush()
    wait_checked(qtbot, win.review)
    assert [m.finding.text for m in marks(win.review, "terminology")] == ["清泉乌龙"]
    assert win.review.report.scores["terminology"] < 100
    win.review.runner.wait()


def test_front_matter_picks_the_channel_and_is_not_checked(qtbot, guide, tmp_path):
    draft = tmp_path / "launch.md"
    text = "---\nchannel: 微博\ncampaign: spring\n---\nClear Spring 新品上市\n"
    draft.write_text(text, encoding="utf-8")
    win = MainWindow(guide, None, persistent=False)
    qtbot.addWidget(win)
    win.begin_session(have_file=True)
    win.review.start()
    assert win.open_draft(draft)
    wait_checked(qtbot, win.review)
    assert win.review.channel_name() == "weibo" and win.review.report.channel == "weibo"
    assert "Clear Spring" in underlined_texts(win.review)  # found after the front matter
    assert not [m for m in win.review.marks if m.finding.start < text.index("Clear")]
    assert win.review.preview.count() == len("Clear Spring 新品上市")  # what gets posted
    win.review.runner.wait()
