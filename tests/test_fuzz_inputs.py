"""Fuzzed guides, front matter and export files through the CLI (issue 16).

Deterministic (derandomized, no example database) and bounded (a few dozen examples per
kind), so it runs in seconds and fails the same way every time. For every case: the
exit code is 0 or 1 for input that reads, 2 for input that does not, and then every
line of the message is `error: FILE:LINE:COLUMN: ...`; never a traceback (the CLI runs
in-process, so any exception fails the test); never a hang (an alarm per case); and
every finding's text is the text of its span.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voicecheck.batch import Skipped, run_batch
from voicecheck.cli import main
from voicecheck.guide import load_guide
from voicecheck.text.decode import decode_bytes

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")

CASE_SECONDS = 30  # a case past this is a hang (real cases take well under a second)
LOCATED = re.compile(r"^error: .+:\d+:\d+: \S")
FUZZ = settings(max_examples=50, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces posts are made of, traps included: flags side by side, a ZWJ family, decomposed
# and full-width letters, HTML, pinyin annotations, lone CR, surrogate-free astral Han.
PIECES = ["亲们", "全网最低价", "新品上市", "清泉茶饮", "會員", "VIP", "ＶＩＰ", "！！！", "!!", "，", ",",
          "。", "🇺🇸🇨🇳", "🇸🇨", "👨\u200d👩\u200d👧", "cafe\u0301", "café", "<b>", "&amp;", "營(yíng)",
          "https://example.com]", "http://[::1", "#话题#", "#tag", "@某人", "13800138000",
          "hi@gmail.com", "ß", "İ", "\r", "\n", "\r\n", " ", "\t", "𠀀", "BUY NOW", "最", "第一次",
          "\u200b", "\ufeff", "'", '"', "---", "：", "~", "\x00"]
post_text = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=14).map("".join)


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def hang(signum: int, frame: object) -> None:
        raise TimeoutError(f"case took more than {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with time_limit(CASE_SECONDS), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def assert_located(code: int, err: str) -> None:
    assert code == 2, err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert errors and all(LOCATED.match(line) for line in errors), err


def as_decoded(path: Path) -> str:
    """The draft as the CLI decoded it (offsets index that text: a BOM is not in it)."""
    return decode_bytes(path.read_bytes())[0]


def assert_spans(report: dict, text: str) -> None:
    for f in report["findings"]:
        assert text[f["start"]:f["end"]] == f["text"], f


# --- guides ---------------------------------------------------------------------------

words = st.lists(st.sampled_from(PIECES[:12]) | st.text(min_size=1, max_size=5), min_size=1,
                 max_size=3).map("".join).filter(lambda w: w.strip())
tone_range = st.tuples(st.integers(0, 100), st.integers(0, 100)).map(sorted)
valid_guide = st.fixed_dictionaries({"version": st.just(1)}, optional={
    "brand": st.fixed_dictionaries({"name": words}),
    "language": st.sampled_from(["en", "zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK"]),
    "extends": st.lists(st.sampled_from(["builtin:zh-ad-law", "builtin:en-hype"]), max_size=2,
                        unique=True),
    "voice": st.fixed_dictionaries({"tone": st.fixed_dictionaries({}, optional={
        "formality": tone_range, "warmth": tone_range})}),
    "terms": st.lists(st.fixed_dictionaries({"avoid": st.lists(words, min_size=1, max_size=3,
                                                                  unique=True)},
                                            optional={"prefer": words,
                                                      "case_sensitive": st.booleans(),
                                                      "severity": st.sampled_from(
                                                          ["error", "warning", "info"])}),
                      max_size=3),
    "promotion": st.fixed_dictionaries({}, optional={
        "max_emoji": st.integers(0, 5), "max_exclamations": st.integers(0, 3),
        "allow": st.lists(words, max_size=2), "claims": st.lists(words, max_size=2)}),
    "channels": st.dictionaries(st.sampled_from(["weibo", "x", "wechat"]),
                                st.fixed_dictionaries({}, optional={
                                    "max_chars": st.integers(1, 300),
                                    "counting": st.sampled_from(["chars", "twitter"]),
                                    "hashtag": st.sampled_from(["#topic#", "#topic"])}),
                                max_size=2),
})
BAD = ["!!int abc", "!!timestamp x", "!!bool maybe", "9" * 5000, "2024-02-30", "5", "~",
       "[70, 30]", "{a: 1}", "*nowhere", "'unclosed", "[" * 300, "zh-CN", "builtin:nope",
       "missing.yaml", "/dev/zero", '"\\ud83d"', "- x"]


def _mutate(text: str, where: int, bad: str, how: str) -> str:
    """Put a bad value in place of one of the guide's values, cut it short, or not."""
    lines = text.splitlines(keepends=True)
    i = where % len(lines)
    if how == "value" and ":" in lines[i]:
        key = lines[i].split(":", 1)[0]
        lines[i] = f"{key}: {bad}\n"
    elif how == "cut":
        return text[: where % len(text)]
    return "".join(lines)


@FUZZ
@given(data=valid_guide, where=st.integers(0, 10_000), bad=st.sampled_from(BAD),
       how=st.sampled_from(["value", "cut", "none", "none"]), post=post_text)
def test_fuzzed_guides(data: dict, where: int, bad: str, how: str, post: str) -> None:
    text = _mutate(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), where, bad, how)
    with tempfile.TemporaryDirectory() as tmp:
        guide = Path(tmp) / "g.yaml"
        guide.write_text(text, encoding="utf-8", errors="surrogatepass")
        draft = Path(tmp) / "d.txt"
        draft.write_text(post if post.strip() else "新品上市", encoding="utf-8",
                         errors="surrogatepass")
        code, _, err = cli("guide", "validate", str(guide))
        if code == 2:
            assert_located(code, err)
            return
        assert code == 0, err
        code, out, err = cli("check", "--guide", str(guide), "--format", "json", str(draft))
        if code == 2:  # a draft that does not read (empty, binary)
            assert_located(code, err)
            return
        assert code in (0, 1), err
        assert_spans(json.loads(out), as_decoded(draft))


# --- front matter ------------------------------------------------------------------------

FRONT = ["channel: weibo", "channel: x", "channel: [weibo", "channel: {a: 1}", "campaign: 2024",
         "campaign: !!int abc", "date: 2024-02-30", "date: 2024-03-15 10:00", "author: yes",
         "author: !!bool maybe", "campaign: " + "9" * 5000, "a: &a [x, x]", "b: [*a, *a]",
         "c: *missing", "voicecheck: {disable: [promotion]}", "voicecheck: {disable: 5}",
         "voicecheck: {allow: [亲们]}", "  bad indent", "key: 'unclosed", "- list", "[[[[",
         "tags: [a, b]", ": x", "? complex", "%YAML 1.1", "platform: 小红书"]


@FUZZ
@given(lines=st.lists(st.sampled_from(FRONT) | post_text, max_size=6), post=post_text,
       newline=st.sampled_from(["\n", "\r\n"]))
def test_fuzzed_front_matter(lines: list[str], post: str, newline: str) -> None:
    head = newline.join(["---", *lines, "---"]) + newline
    text = head + (post or "新品上市")
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "d.md"
        draft.write_bytes(text.encode("utf-8", "surrogatepass"))
        code, out, err = cli("check", "--format", "json", str(draft))
        if code == 2:
            assert_located(code, err)
            return
        assert code in (0, 1), err
        assert_spans(json.loads(out), as_decoded(draft))


# --- export files ------------------------------------------------------------------------

cells = st.lists(post_text, min_size=1, max_size=4)


def _write_export(folder: Path, kind: str, rows: list[list[str]], raw: bytes) -> None:
    if kind == "csv":
        with open(folder / "t.csv", "w", encoding="utf-8", newline="",
                  errors="surrogatepass") as fh:
            csv.writer(fh).writerows([["text", "channel", "campaign"], *rows])
    elif kind == "tsv":
        with open(folder / "t.tsv", "w", encoding="gb18030", newline="", errors="replace") as fh:
            csv.writer(fh, dialect="excel-tab").writerows([["正文", "平台"], *rows])
    elif kind == "json":
        records = [dict(zip(("content", "platform", "campaign"), r, strict=False)) for r in rows]
        (folder / "t.json").write_text(json.dumps(records, ensure_ascii=False),
                                       encoding="utf-8", errors="surrogatepass")
    elif kind == "md":
        for i, r in enumerate(rows):
            sub = folder / (r[1] if len(r) > 1 and r[1].isidentifier() else "weibo")
            sub.mkdir(exist_ok=True)
            (sub / f"p{i}.md").write_text("\n".join(r), encoding="utf-8",
                                          errors="surrogatepass")
    elif kind == "xlsx":  # as openpyxl writes it, then with a <dimension> that lies
        from openpyxl import Workbook

        wb = Workbook()
        for r in [["text", "channel", "campaign"], *rows]:
            wb.active.append([_sheet_safe(c) for c in r])
        wb.save(folder / "t.xlsx")
        _lie_about_dimension(folder / "t.xlsx", raw[:1])
    elif kind == "txt":  # one post per file, in an encoding exports come in
        for i, r in enumerate(rows):
            encoding = ENCODINGS[(raw[i] if i < len(raw) else i) % len(ENCODINGS)]
            (folder / f"p{i}.txt").write_bytes("\n".join(r).encode(encoding, "replace"))
    else:  # bytes that may be anything
        (folder / "t.csv").write_bytes(raw)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"]


def _sheet_safe(cell: str) -> str:
    """What a worksheet cell can hold: no control characters, no lone surrogates."""
    return "".join(c for c in cell if c in "\t\n" or (c.isprintable() and not
                                                        "\ud800" <= c <= "\udfff"))


def _lie_about_dimension(path: Path, how: bytes) -> None:
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    dimension = {0: b"", 1: b'<dimension ref="A1"/>', 2: b'<dimension ref="A1:XFD1048576"/>'}
    sheet = re.sub(rb"<dimension [^>]*/>", dimension.get((how or b"\0")[0] % 4, rb"\g<0>"),
                   parts["xl/worksheets/sheet1.xml"])
    parts["xl/worksheets/sheet1.xml"] = sheet
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


@FUZZ
@given(kind=st.sampled_from(["csv", "tsv", "json", "md", "xlsx", "txt", "raw"]),
       rows=st.lists(cells, max_size=5), raw=st.binary(max_size=300))
def test_fuzzed_export_files(kind: str, rows: list[list[str]], raw: bytes) -> None:
    guide = _default_guide()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ex"
        folder.mkdir()
        _write_export(folder, kind, rows, raw)
        with time_limit(CASE_SECONDS):
            results = list(run_batch(folder, guide, workers=1))
        for r in results:
            if isinstance(r, Skipped):  # with its reason; never voicecheck's own failure
                assert r.reason and "Traceback" not in r.reason
                assert not r.reason.startswith("voicecheck failed on this post"), r
            else:
                assert all(r.text[f.start:f.end] == f.text for f in r.findings)
        out = Path(tmp) / "o.json"
        code, _, err = cli("batch", str(folder), "--json", str(out), "-j", "1")
        posts = sum(not isinstance(r, Skipped) for r in results)
        if posts == 0:  # nothing to check is bad usage, named by the folder
            assert code == 2 and err.rstrip().endswith(f"error: {folder}: no posts found"), err
        else:
            assert code in (0, 1), err
            assert len(json.loads(out.read_text(encoding="utf-8"))) == posts


_GUIDE = []


def _default_guide():  # noqa: ANN202 - loaded once for every example
    if not _GUIDE:
        _GUIDE.append(load_guide())
    return _GUIDE[0]

