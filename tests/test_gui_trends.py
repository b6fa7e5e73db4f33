"""The Batch workspace records its runs and draws their trends; its report compares runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_gui_batch import _folder  # the same folder helper

from voicecheck.gui.batch_view import BatchView
from voicecheck.guide import load_guide
from voicecheck.history import History

POSTS = {
    "weibo/launch.txt": "亲们！清泉茶饮新品上市，全网最低价！",
    "weibo/calm.txt": "新品上市了，欢迎你来门店试一试。",
    "x/hello.md": "Our new spring tea is here. Come and try it this week.",
}


@pytest.fixture
def view(qtbot) -> BatchView:
    v = BatchView(history=True)
    qtbot.addWidget(v)
    v.set_guide(load_guide(None))
    v.workers.setValue(1)
    v.show()
    yield v
    v.shutdown()


def _run(qtbot, view: BatchView, folder: Path) -> None:
    view.set_folder(folder)
    with qtbot.waitSignal(view.batchFinished, timeout=60000):
        view.run()
    view.trends.wait()
    qtbot.wait(50)  # the loaded signal is queued to this thread
    view.trends.wait()


def test_runs_are_recorded_and_trends_drawn_per_channel(qtbot, view, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "exports", POSTS)
    _run(qtbot, view, folder)
    (folder / "weibo" / "launch.txt").write_text("清泉茶饮新品上市，欢迎你来尝尝。", encoding="utf-8")
    _run(qtbot, view, folder)
    qtbot.waitUntil(lambda: view.trends.trends is not None and len(view.trends.trends.runs) == 2,
                    timeout=10000)
    with History.open() as h:
        runs = h.runs(folder)
    assert [r.state for r in runs] == ["complete", "complete"] and runs[-1].posts == 3
    assert view.last_run == (runs[-1].id, runs[0].id)
    assert "2 runs of this folder" in view.trends.summary.text()
    chart = view.trends.pass_chart.chart()
    names = sorted(s.name() for s in chart.series())
    assert names == ["Weibo", "X"]
    weibo = next(s for s in chart.series() if s.name() == "Weibo")
    assert [round(p.y()) for p in weibo.points()] == [50, 100]
    rules = [view.trends.rules.item(r, 0).text() for r in range(view.trends.rules.rowCount())]
    assert any(r.endswith("(promotion.absolute-claim)") for r in rules)
    html = tmp_path / "report.html"
    view.export(html)
    text = html.read_text(encoding="utf-8")
    assert "Since the last run" in text and "Resolved" in text


def test_a_view_that_does_not_record_leaves_the_history_alone(qtbot, tmp_path: Path) -> None:
    v = BatchView(history=False)
    qtbot.addWidget(v)
    v.set_guide(load_guide(None))
    v.workers.setValue(1)
    folder = _folder(tmp_path / "quiet", POSTS)
    _run(qtbot, v, folder)
    v.shutdown()
    with History.open() as h:
        assert h.runs(folder) == []
    assert "No runs of this folder yet" in v.trends.summary.text()
