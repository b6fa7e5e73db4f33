"""Chinese copywriting conventions, as precise spans with the corrected text.

autocorrect-py decides what a line should look like (space between CJK and Latin words,
full-width punctuation in Chinese sentences); we diff its output against the line and
keep only the edits a brand editor would make:

- a space between a Chinese character and a Latin *word* (iPhone, ClearSpring); pure
  numbers stay as written (2024年, 3月15日, 满199元 are house style in most brands);
- half-width , . ! ? ; : in a Chinese sentence (mixed with full-width ones or not);
- spaces before full-width punctuation.

Our own rules add repeated punctuation (！！！, ??), full-width punctuation inside an
English sentence, and full-width letters and digits anywhere (ＶＩＰ, ３月８日: typed with a
full-width input mode; they read as a different font and search never finds them). Links,
emails, hashtags and @mentions are never touched.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from ..findings import Finding
from ..text.entities import entities
from ..text.script import HAN, is_han
from ..text.spans import SpanSet
from .base import Context

CATEGORY = "formatting"
_HALF_TO_FULL = {",": "，", ".": "。", "!": "！", "?": "？", ";": "；", ":": "：",
                 "(": "（", ")": "）"}
_FULL_TO_HALF = {v: k for k, v in _HALF_TO_FULL.items()} | {"、": ","}
_FULL_PUNCT = set("，。！？；：（）、")
_REPEATED = re.compile(r"[!！]{2,}|[?？]{2,}|。{2,}|，{2,}|,{2,}")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# What autocorrect leaves alone: "好喝, 真的" (a space after the mark) and "(限时)".
_HALF_BETWEEN_HAN = re.compile(rf"(?<=[{_HAN}]) ?([,;!?]) ?(?=[{_HAN}])")
_HALF_PARENS = re.compile(rf"\(([{_HAN}][^()\n]{{0,30}}?)\)")


def _format(line: str) -> str:
    import autocorrect_py

    return autocorrect_py.format(line)


_DIFF_PIECE = 200  # characters: difflib is quadratic or worse in a line's length


def _opcodes(line: str, fixed: str) -> Iterator[tuple[str, int, int, int, int]]:
    """difflib's edits of `line` into `fixed`, a piece of at most about _DIFF_PIECE
    characters at a time: a long line is cut where both agree on two visible characters
    in a row (autocorrect only edits locally), so a 2 MB line stays linear."""
    i0 = j0 = i = j = 0
    while True:
        i, j = _agreeing(line, fixed, i, j, i0 + _DIFF_PIECE)
        for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(
            None, line[i0:i], fixed[j0:j], autojunk=False
        ).get_opcodes():
            yield tag, a1 + i0, a2 + i0, b1 + j0, b2 + j0
        if i >= len(line) and j >= len(fixed):
            return
        i0, j0 = i, j


def _agreeing(line: str, fixed: str, i: int, j: int, want: int) -> tuple[int, int]:
    """A place at or after `want` in line (and the same place in fixed) where both read
    the same, or their ends. Walks both with the only edits autocorrect makes: spaces in
    or out, one mark for another."""
    n, m = len(line), len(fixed)
    while i < n and j < m:
        if i >= want and line[i - 1] == fixed[j - 1] and line[i] == fixed[j] \
                and not line[i].isspace() and not line[i - 1].isspace():
            return i, j
        if line[i] == fixed[j]:
            i, j = i + 1, j + 1
        elif fixed[j].isspace():
            j += 1
        elif line[i].isspace():
            i += 1
        else:
            i, j = i + 1, j + 1
    return n, m


def _spacing_wanted(run: str, touching: str) -> bool:
    """A Latin word wants the space; numbers (2024年, 满199元, NT$120元) keep house style."""
    if touching.isalpha():
        return True
    return run[0].isalpha() and "$" not in run


def _run_bounds(line: str, pos: int, direction: int) -> int:
    i = pos
    while 0 <= i < len(line) and line[i].isascii() and (line[i].isalnum() or line[i] in ".%+_'$-"):
        i += direction
    return i


def _fullwidth_sentences(ctx: Context) -> SpanSet:
    """Sentences that already use full-width punctuation."""
    text = ctx.post.text
    return SpanSet((s.start, s.end) for s in ctx.post.sentences
                   if not _FULL_PUNCT.isdisjoint(text[s.start : s.end]))


def _line_edits(ctx: Context, base: int, line: str, blocked: SpanSet, fullwidth: SpanSet
                ) -> Iterator[Finding]:
    fixed = _format(line)
    if fixed == line:
        return
    ops = _opcodes(line, fixed)

    def is_blocked(a: int, b: int) -> bool:
        return blocked.overlaps(base + a, base + b)

    runs: dict[tuple[int, int], set[int]] = {}
    for tag, i1, i2, j1, j2 in ops:
        new = fixed[j1:j2]
        if tag == "insert" and new.strip() == "" and 0 < i1 < len(line):
            left, right = line[i1 - 1], line[i1]
            if is_han(left) and right.isascii() and right.isalnum():
                run = (i1, _run_bounds(line, i1, 1))
            elif is_han(right) and left.isascii() and left.isalnum():
                run = (_run_bounds(line, i1 - 1, -1) + 1, i1)
            else:
                continue
            if _spacing_wanted(line[run[0] : run[1]], left if run[1] == i1 else right) \
                    and not is_blocked(*run):
                runs.setdefault(run, set()).add(i1)
        elif tag == "replace" and i2 - i1 == 1 and line[i1] in _HALF_TO_FULL \
                and new == _HALF_TO_FULL[line[i1]]:
            if is_blocked(i1, i2) or _REPEATED.match(line, max(0, i1 - 1)) or (
                _REPEATED.match(line, i1)
            ):
                continue
            mixed = fullwidth.covers(base + i1)
            rule = "formatting.mixed-punctuation" if mixed else "formatting.halfwidth-punctuation"
            yield ctx.finding(
                rule, CATEGORY, "warning", base + i1, base + i2,
                ctx.say(rule, mark=line[i1], full=new), [new],
            )
        elif tag == "delete" and not line[i1:i2].strip() and i2 < len(line) \
                and line[i2] in _FULL_PUNCT and not is_blocked(i1, i2 + 1):
            yield ctx.finding(
                "formatting.space-before-punctuation", CATEGORY, "info", base + i1,
                base + i2 + 1, ctx.say("formatting.space-before-punctuation"), [line[i2]],
            )
    # runs sharing a character (外NorthPeak的Ridge) are one finding: fixing one alone
    # would leave the other behind
    merged: list[tuple[int, int, set[int]]] = []
    for (rs, re_), gaps in sorted(runs.items()):
        s, e = rs - (rs in gaps), re_ + (re_ in gaps)
        if merged and s < merged[-1][1]:
            ps, pe, pg = merged[-1]
            merged[-1] = (ps, max(pe, e), pg | gaps)
        else:
            merged.append((s, e, set(gaps)))
    for s, e, gaps in merged:
        fixed_run = "".join((" " if i in gaps and i != s else "") + line[i] for i in range(s, e))
        yield ctx.finding(
            "formatting.cjk-spacing", CATEGORY, "info", base + s, base + e,
            ctx.say("formatting.cjk-spacing"), [fixed_run],
        )


def _repeated(ctx: Context, blocked: SpanSet) -> Iterator[Finding]:
    text = ctx.post.text
    for m in _REPEATED.finditer(text):
        if blocked.overlaps(m.start(), m.end()):
            continue
        chinese = ctx.post.in_chinese_sentence(m.start())
        mark = m.group()[0]
        single = _HALF_TO_FULL.get(mark, mark) if chinese else _FULL_TO_HALF.get(mark, mark)
        yield ctx.finding(
            "formatting.repeated-punctuation", CATEGORY, "warning", m.start(), m.end(),
            ctx.say("formatting.repeated-punctuation", marks=m.group()),
            [single],
        )


def _fullwidth_in_english(ctx: Context, blocked: SpanSet) -> Iterator[Finding]:
    text = ctx.post.text
    for s in ctx.post.sentences:
        chunk = text[s.start : s.end]
        if s.language != "en" or HAN.search(chunk) or blocked.covers(s.start):
            continue  # (a "sentence" that starts inside a URL is a split at its '?')
        for i, c in enumerate(chunk):
            pos = s.start + i
            if c not in _FULL_TO_HALF or _REPEATED.match(text, pos) or (
                pos > 0 and _REPEATED.match(text, pos - 1)
            ) or blocked.covers(pos):
                continue
            half = _FULL_TO_HALF[c]
            follow = text[pos + 1] if pos + 1 < len(text) else ""
            suggestion = half + (" " if half in ",.!?;:" and follow.isalnum() else "")
            yield ctx.finding(
                "formatting.fullwidth-in-english", CATEGORY, "warning", pos, pos + 1,
                ctx.say("formatting.fullwidth-in-english", mark=c, half=half), [suggestion],
            )


_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _fullwidth_alnum(ctx: Context, blocked: SpanSet) -> Iterator[Finding]:
    """Normalization makes ＶＩＰ read as VIP for every other check; this one looks at what
    was typed."""
    post = ctx.post
    original = post.norm.original
    if not _FULLWIDTH_ALNUM.search(original):
        return
    text, run = post.text, -1
    for i in range(len(text) + 1):
        wide = i < len(text) and text[i].isascii() and text[i].isalnum() and bool(
            _FULLWIDTH_ALNUM.fullmatch(original[slice(*post.to_original(i, i + 1))]))
        if wide and run < 0:
            run = i
        elif not wide and run >= 0:
            if not blocked.overlaps(run, i):
                written = original[slice(*post.to_original(run, i))]
                yield ctx.finding(
                    "formatting.fullwidth-alnum", CATEGORY, "warning", run, i,
                    ctx.say("formatting.fullwidth-alnum", written=written, half=text[run:i]),
                    [text[run:i]],
                )
            run = -1


def _leftover_halfwidth(ctx: Context, blocked: SpanSet, done: set[int]) -> Iterator[Finding]:
    text = ctx.post.text
    for m in _HALF_BETWEEN_HAN.finditer(text):
        at = m.start(1)
        if at in done or blocked.covers(at) or _REPEATED.match(text, at):
            continue
        full = _HALF_TO_FULL[m.group(1)]
        yield ctx.finding(
            "formatting.halfwidth-punctuation", CATEGORY, "warning", m.start(), m.end(),
            ctx.say("formatting.halfwidth-punctuation", mark=m.group(1), full=full), [full],
        )
    for m in _HALF_PARENS.finditer(text):
        if m.start() in done or blocked.overlaps(m.start(), m.end()):
            continue
        yield ctx.finding(
            "formatting.halfwidth-punctuation", CATEGORY, "warning", m.start(), m.end(),
            ctx.say("formatting.halfwidth-punctuation/brackets"),
            [f"（{m.group(1)}）"],
        )


def check(ctx: Context) -> Iterator[Finding]:
    text = ctx.post.text
    blocked = SpanSet((e.start, e.end) for e in entities(text))
    yield from _repeated(ctx, blocked)
    yield from _fullwidth_in_english(ctx, blocked)
    yield from _fullwidth_alnum(ctx, blocked)
    if ctx.post.scripts.han == 0:
        return
    pos = 0
    done: set[int] = set()
    fullwidth = _fullwidth_sentences(ctx)
    for line in text.split("\n"):
        if HAN.search(line):
            for f in _line_edits(ctx, pos, line, blocked, fullwidth):
                done.add(f.start)
                yield f
        pos += len(line) + 1
    yield from _leftover_halfwidth(ctx, blocked, done)
