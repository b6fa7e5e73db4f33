"""Hostile and broken export folders (issue 16): one bad post, row or file is skipped
with its reason and the run goes on; nothing outside the folder is read unless asked."""

from __future__ import annotations

import csv
import json
import os
import socket
from pathlib import Path

import pytest

from voicecheck import limits
from voicecheck.batch import Skipped, discover, run_batch
from voicecheck.campaign import campaign_findings
from voicecheck.cli import main
from voicecheck.guide import load_guide


@pytest.fixture(scope="module")
def guide():
    return load_guide()


def results(folder: Path, guide, **kw) -> tuple[list, list[Skipped]]:  # noqa: ANN001
    out = list(run_batch(folder, guide, workers=1, **kw))
    return ([r for r in out if not isinstance(r, Skipped)],
            [r for r in out if isinstance(r, Skipped)])


def reasons(skipped: list[Skipped]) -> dict[str, str]:
    return {Path(s.source.split(":")[0]).name: s.reason for s in skipped}


def test_brackets_in_campaign_links_do_not_end_the_run(tmp_path: Path, guide) -> None:
    spring = tmp_path / "spring"
    spring.mkdir()
    for name, text in (("a.txt", "春季新品 https://example.com] 上市"),
                       ("b.txt", "春季新品 http://[::1 上市"),
                       ("c.txt", "春季新品 https://example.com 上市")):
        (spring / name).write_text(text, encoding="utf-8")
    reports, skipped = results(tmp_path, guide)
    assert len(reports) == 3 and not skipped  # was ValueError: Invalid IPv6 URL, JSON []
    assert all(r.text[f.start:f.end] == f.text for r in reports for f in r.findings)
    assert campaign_findings(reports, guide) is not None


def test_links_loops_and_special_files_are_listed_as_skipped(tmp_path: Path, guide) -> None:
    (tmp_path / "good.txt").write_text("新品上市，欢迎你来尝尝", encoding="utf-8")
    os.symlink("b.txt", tmp_path / "a.txt")
    os.symlink("a.txt", tmp_path / "b.txt")  # a loop: OSError ended the run
    os.symlink("nowhere.txt", tmp_path / "dangling.txt")
    os.mkfifo(tmp_path / "fifo.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.txt"))
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text("锁住的", encoding="utf-8")
    locked.chmod(0)
    try:
        reports, skipped = results(tmp_path, guide)
    finally:
        locked.chmod(0o755)
        sock.close()
    why = reasons(skipped)
    assert why["a.txt"] == why["b.txt"] == "cannot be read: symbolic link loop"
    assert why["dangling.txt"] == "broken link (what it points to does not exist)"
    assert why["fifo.txt"] == "is a FIFO (named pipe), not a file"
    assert why["sock.txt"] == "is a socket, not a file"
    if os.geteuid() != 0:  # root opens any folder
        assert why["locked"] == "folder cannot be opened: Permission denied"
    assert "good.txt" in {Path(r.source).name for r in reports}


def test_links_out_of_the_folder_are_not_followed_unless_asked(tmp_path: Path, guide,
                                                               capsys) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "good.txt").write_text("新品上市", encoding="utf-8")
    secret = tmp_path / "passwd.txt"
    secret.write_text("root:x:0:0:SECRET-LINE:/root:/bin/bash", encoding="utf-8")
    os.symlink(secret, folder / "passwd.txt")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "o.txt").write_text("OUTSIDE-FOLDER", encoding="utf-8")
    os.symlink(tmp_path / "elsewhere", folder / "linked")
    (folder / "inside").mkdir()
    (folder / "inside" / "i.txt").write_text("里面的帖子", encoding="utf-8")
    os.symlink("inside", folder / "again")  # a link inside the folder: walked once
    report = tmp_path / "r.html"
    code = main(["batch", str(folder), "--report", str(report), "-j", "1"])
    err = capsys.readouterr().err
    page = report.read_text(encoding="utf-8")
    assert code in (0, 1) and "SECRET-LINE" not in page and "OUTSIDE-FOLDER" not in page
    assert (f"skipped {folder / 'passwd.txt'}: link to a file or folder outside the checked "
            "folder, not read (--follow-links reads it)") in err
    assert f"skipped {folder / 'linked'}: link to a file or folder outside" in err
    reports, _ = results(folder, guide)
    assert sorted(Path(r.source).name for r in reports) == ["good.txt", "i.txt"]
    reports, _ = results(folder, guide, follow_links=True)
    assert sorted(Path(r.source).name for r in reports) == ["good.txt", "i.txt", "o.txt",
                                                             "passwd.txt"]


def test_a_name_that_is_not_utf8_keeps_every_report_valid(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "ex"
    folder.mkdir()
    (folder / "good.txt").write_text("新品上市", encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"bad\xffname.txt"), "wb") as fh:
        fh.write("全网最低价".encode())
    out = {k: tmp_path / f"o.{k}" for k in ("json", "csv", "html")}
    code = main(["batch", str(folder), "--json", str(out["json"]), "--csv", str(out["csv"]),
                 "--report", str(out["html"]), "-j", "1"])  # was UnicodeEncodeError
    assert code == 1
    data = json.loads(out["json"].read_bytes().decode("utf-8"))
    assert sorted(Path(d["source"]).name for d in data) == ["bad\\xffname.txt", "good.txt"]
    assert "bad\\xffname.txt" in out["csv"].read_bytes().decode("utf-8-sig")
    assert "bad\\xffname.txt" in out["html"].read_bytes().decode("utf-8")


def _xlsx(path: Path, rows: list[list[str]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)


def test_a_workbook_that_unpacks_too_large_is_skipped(tmp_path: Path, guide,
                                                      monkeypatch) -> None:
    """One 2 GB cell in a 2 MB zip was a MemoryError; the declared unpacked size is
    checked first (here with the limit lowered, to keep the test small)."""
    import zipfile

    monkeypatch.setattr(limits, "MAX_WORKBOOK_BYTES", 256 * 1024)
    _xlsx(tmp_path / "big.xlsx", [["text"], ["新品上市"]])
    with zipfile.ZipFile(tmp_path / "big.xlsx", "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet2.xml", "好" * 200_000)  # Excel would cap a cell
    (tmp_path / "good.txt").write_text("新品上市", encoding="utf-8")
    reports, skipped = results(tmp_path, guide)
    assert [Path(r.source).name for r in reports] == ["good.txt"]
    assert reasons(skipped)["big.xlsx"].startswith("workbook unpacks to ")
    assert "the limit is 256 KiB" in reasons(skipped)["big.xlsx"]


@pytest.mark.parametrize("kind", ["xlsx", "csv", "json"])
def test_a_table_stops_at_the_row_limit(tmp_path: Path, guide, monkeypatch, kind: str) -> None:
    monkeypatch.setattr(limits, "MAX_TABLE_ROWS", 50)
    rows = [["text"], *([f"第{i}条新品上市"] for i in range(120))]
    path = tmp_path / f"t.{kind}"
    if kind == "xlsx":
        _xlsx(path, rows)
    elif kind == "csv":
        with open(path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)
    else:
        path.write_text(json.dumps([{"text": r[0]} for r in rows[1:]], ensure_ascii=False),
                        encoding="utf-8")
    reports, skipped = results(tmp_path, guide)
    assert 45 <= len(reports) <= 50
    assert skipped[-1].reason == ("more than 50 rows; the rest of this table is not checked "
                                  "(split the file)")


def _with_sheet(path: Path, rows: list[list[str]], dimension: str | None, extra: str = "") -> None:
    """An .xlsx whose first sheet's <dimension> says what a careless exporter wrote
    (None: no dimension at all), with `extra` rows appended raw."""
    import re
    import zipfile

    _xlsx(path, rows)
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = re.sub(r"<dimension [^>]*/>", "" if dimension is None
                   else f'<dimension ref="{dimension}"/>', sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("</sheetData>", extra + "</sheetData>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


ROWS = [["text"], *([f"第{i}条新品上市"] for i in range(30))]


@pytest.mark.parametrize("dimension", ["A1", "A1:B3", None, "A1:XFD1048576"])
def test_a_workbook_is_read_whatever_its_dimension_says(tmp_path: Path, guide, monkeypatch,
                                                        dimension: str | None) -> None:
    """openpyxl's read-only sheets trusted <dimension>: 'A1' (as some exporters write it)
    lost every post without a word, a wide one padded each row to 16,384 cells, and none
    at all made it parse the whole sheet before the first row (25 s for 3 million rows:
    here that scan would raise)."""
    from openpyxl.worksheet._reader import WorkSheetParser

    def no_scan(self):  # noqa: ANN001, ANN202
        raise AssertionError("the whole sheet was scanned for its size")

    monkeypatch.setattr(WorkSheetParser, "parse_dimensions", no_scan)
    far = '<row r="40"><c r="XFD40" t="inlineStr"><is><t>far right</t></is></c></row>'
    _with_sheet(tmp_path / "t.xlsx", ROWS, dimension, far)
    reports, skipped = results(tmp_path, guide)
    assert [r.text for r in reports] == [r[0] for r in ROWS[1:]] and not skipped
    assert reports[-1].source.endswith("t.xlsx:31")


def test_worksheet_rows_keep_their_numbers_and_skip_far_columns(tmp_path: Path, guide) -> None:
    """Rows numbered as in the sheet (a row at 1,048,576 is one row, not a million
    empty ones ending at the row limit); a cell past limits.MAX_TABLE_COLUMNS is not read."""
    far = ('<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>最后一行</t></is></c>'
           '<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>')
    _with_sheet(tmp_path / "t.xlsx", ROWS[:2], "A1:B2", far)
    from voicecheck.workbook import Workbook

    with Workbook(tmp_path / "t.xlsx") as wb:
        rows = list(wb.rows(0))
    assert [n for n, _ in rows] == [1, 2, 1048576]
    assert rows[-1][1] == ["最后一行"]
    reports, skipped = results(tmp_path, guide)
    assert [r.source.rsplit(":", 1)[1] for r in reports] == ["2", "1048576"] and not skipped


def test_a_worksheet_that_breaks_midway_keeps_its_rows(tmp_path: Path, guide) -> None:
    bad = '<row r="40"><c r="A40" t="s"><v>99999</v></c></row>'  # no such shared string
    _with_sheet(tmp_path / "t.xlsx", ROWS, "A1:A31", bad)
    reports, skipped = results(tmp_path, guide)
    assert len(reports) == 30
    assert reasons(skipped)["t.xlsx"].startswith("the rest of this worksheet cannot be read")


def test_a_huge_cell_costs_its_row_only(tmp_path: Path, guide) -> None:
    """A 200,000-character cell (over csv's own 131,072 field limit) made the whole file
    'malformed'; now that row is skipped, naming the post length limit."""
    with open(tmp_path / "t.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerows([["text"], ["新品上市"], ["a" * 200_000], ["好喝的茶"]])
    reports, skipped = results(tmp_path, guide)
    assert [r.text for r in reports] == ["新品上市", "好喝的茶"]
    assert skipped[0].source.endswith("t.csv:3")
    assert skipped[0].reason == ("post is 200,000 characters; voicecheck checks posts of up to "
                                 f"{limits.MAX_POST_CHARS:,} (split it)")


def test_a_quoted_cell_with_a_line_break_is_one_post(tmp_path: Path, guide) -> None:
    """As Python's csv module (and Excel) write it: the sniffer guessed doublequote=False
    and split the post in two."""
    with open(tmp_path / "t.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerows([["text", "channel"], ['他说"好喝"\n第二行也是这条', "weibo"],
                     ["新品上市", "weibo"]])
    reports, _ = results(tmp_path, guide)
    assert [r.text for r in reports] == ['他说"好喝"\n第二行也是这条', "新品上市"]


def test_a_semicolon_csv_is_still_sniffed(tmp_path: Path, guide) -> None:
    (tmp_path / "t.csv").write_text('text;channel\n"新品; 上市";weibo\n好喝;x\n', encoding="utf-8")
    reports, _ = results(tmp_path, guide)
    assert [(r.text, r.channel) for r in reports] == [("新品; 上市", "weibo"), ("好喝", "x")]


def test_discover_lists_everything_it_does_not_read(tmp_path: Path) -> None:
    (tmp_path / "note.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "big.txt").write_bytes(b"x" * (limits.MAX_POST_FILE_BYTES + 1))
    found = {Path(i.source).name: i.reason for i in discover(tmp_path) if isinstance(i, Skipped)}
    assert found["note.pdf"] == "unsupported file type (.pdf)"
    assert found["empty.txt"] == "file is empty"
    assert found["big.txt"] == "file is too large (1.0 MiB; the limit is 1.0 MiB)"


def test_a_post_voicecheck_fails_on_costs_that_post_only(tmp_path: Path, guide,
                                                         monkeypatch) -> None:
    """An exception while checking one post ended the whole run with a traceback."""
    from voicecheck import engine

    real = engine.check

    def check(text: str, *args, **kw):  # noqa: ANN002, ANN003, ANN202
        if "坏" in text:
            raise IndexError("string index out of range")
        return real(text, *args, **kw)

    monkeypatch.setattr(engine, "check", check)
    for name, text in (("a.txt", "新品上市"), ("b.txt", "坏的一条"), ("c.txt", "好喝的茶")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    reports, skipped = results(tmp_path, guide)
    assert sorted(Path(r.source).name for r in reports) == ["a.txt", "c.txt"]
    assert reasons(skipped) == {"b.txt": "voicecheck failed on this post (IndexError: string "
                                         "index out of range); please report it"}
