"""Batch workspace: fills the table off the UI thread, can be cancelled, exports reports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from voicecheck.gui.batch_view import BatchView, top_finding
from voicecheck.guide import load_guide

POSTS = {
    "weibo/launch.txt": "亲们！清泉茶饮新品上市，欢迎来尝。",
    "weibo/calm.txt": "新品上市了，欢迎你来门店试一试。",
    "x/hello.md": "Our new spring tea is here. Come and try it this week.",
    "tw.txt": "親們，新品上市囉，歡迎來店裡坐坐。",
}


def _folder(root: Path, posts: dict[str, str]) -> Path:
    for name, text in posts.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def view(qtbot) -> BatchView:
    v = BatchView()
    qtbot.addWidget(v)
    v.set_guide(load_guide(None))
    v.workers.setValue(1)  # in-process: no worker start-up cost in tests
    v.show()
    yield v
    v.shutdown()


def _run(qtbot, view: BatchView, folder: Path, timeout: int = 60000) -> bool:
    view.set_folder(folder)
    with qtbot.waitSignal(view.batchFinished, timeout=timeout) as sig:
        view.run()
    return sig.args[0]


def test_batch_fills_table_and_lists_skipped(qtbot, view: BatchView, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "exports", POSTS)
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n")
    assert _run(qtbot, view, folder) is False
    sources = sorted(Path(r.source).name for r in view.reports())
    assert sources == ["calm.txt", "hello.md", "launch.txt", "tw.txt"]
    assert view.proxy.rowCount() == 4
    by_name = {Path(r.source).name: r for r in view.reports()}
    assert by_name["launch.txt"].channel == "weibo"  # from the sub-folder
    assert by_name["hello.md"].channel == "x"
    top = top_finding(by_name["launch.txt"])
    assert top is not None and top.text in POSTS["weibo/launch.txt"]
    assert [Path(s.source).name for s in view.skipped] == ["logo.png"]
    assert view.skipped_box.isVisibleTo(view)
    assert "unsupported file type" in view.skipped_list.item(0).text()
    assert view.progress.value() == view.progress.maximum() == 5
    assert view.run_button.isEnabled() and not view.cancel_button.isEnabled()

    # sortable by score: ascending puts the lowest score first
    view.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    scores = [view.proxy.index(i, 2).data() for i in range(view.proxy.rowCount())]
    assert scores == sorted(scores)
    view.failing_only.setChecked(True)
    assert view.proxy.rowCount() == sum(not r.passed for r in view.reports())


def test_double_click_opens_post(qtbot, view: BatchView, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "exports", POSTS)
    _run(qtbot, view, folder)
    view.search.setText("launch")
    assert view.proxy.rowCount() == 1
    index = view.proxy.index(0, 0)
    with qtbot.waitSignal(view.openPost, timeout=1000) as sig:
        view.table.doubleClicked.emit(index)
    report, guide = sig.args
    assert report.text == POSTS["weibo/launch.txt"]
    assert report.channel == "weibo"
    assert report.source.endswith("launch.txt")
    assert guide is view.guide  # the guide the run used


def test_batch_can_be_cancelled(qtbot, view: BatchView, tmp_path: Path) -> None:
    lines = ["全网最低价，亲们快来抢购！", "Our best-ever tea, guaranteed to change your life!!!",
             "新品上市了，欢迎你来门店试一试。", "歡迎來店裡坐坐，新品上市囉。"]
    # at the folder root: a sub-folder would make them one campaign, held until complete
    posts = {f"{i:03d}.txt": lines[i % 4] + f" #{i}" for i in range(400)}
    folder = _folder(tmp_path / "big", posts)
    view.set_folder(folder)
    with qtbot.waitSignal(view.batchFinished, timeout=120000) as done:
        view.run()
        assert view.is_running() and view.cancel_button.isEnabled()
        qtbot.waitUntil(lambda: len(view.reports()) > 0, timeout=60000)
        view.cancel()
    assert done.args[0] is True
    assert 0 < len(view.reports()) < 400
    assert "Cancelled" in view.status.text()
    assert not view.is_running() and view.run_button.isEnabled()


def test_export_writes_reports(qtbot, view: BatchView, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "exports", POSTS)
    (folder / "notes.bin").write_bytes(b"\x00\x01")
    _run(qtbot, view, folder)
    out = tmp_path / "out"
    out.mkdir()
    view.export(out / "r.json")
    view.export(out / "r.csv")
    view.export(out / "r.html")
    data = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert len(data) == 4 and all({"score", "passed", "findings", "source"} <= set(d)
                                  for d in data)
    with open(out / "r.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["status"] for r in rows} >= {"skipped"}
    assert any(r["source"].endswith("launch.txt") for r in rows)
    html = (out / "r.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "notes.bin" in html
    with pytest.raises(ValueError):
        view.export(out / "r.txt")


def test_ui_text_switches_to_chinese(view: BatchView) -> None:
    from voicecheck.gui import i18n

    i18n.set_language("zh")
    try:
        view.retranslate()
        assert view.run_button.text() == "运行"
        assert view.model.headerData(5, Qt.Orientation.Horizontal) == "主要问题"
        assert view.channel_box.itemText(0) == "按文件和文件夹"
    finally:
        i18n.set_language("en")
        view.retranslate()
    assert view.run_button.text() == "Run"


def test_language_switch_after_a_run_says_how_to_get_the_new_language(
        qtbot, view: BatchView, tmp_path: Path) -> None:
    from voicecheck.gui import i18n

    assert _run(qtbot, view, _folder(tmp_path, POSTS)) is False
    i18n.set_language("zh")
    try:
        view.retranslate()
        assert "再运行一次" in view.status.text()
    finally:
        i18n.set_language("en")
        view.retranslate()
    assert view.status.text().startswith("Checked 4 posts")
