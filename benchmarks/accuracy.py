"""Precision and recall of voicecheck on the labelled corpus in benchmarks/corpus/.

Run: .venv/bin/python benchmarks/accuracy.py [--validate] [--quiet] [--corpus DIR] [FILE...]
(`make accuracy`). The format and the metrics are described in benchmarks/corpus/README.md.
Prints a table per category and per locale, then every miss and every false alarm.
`--corpus benchmarks/holdout` measures the held-out posts no rule was tuned on.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "corpus"
sys.path.insert(0, str(ROOT))

from voicecheck.engine import check  # noqa: E402
from voicecheck.findings import Finding  # noqa: E402
from voicecheck.guide import Guide, load_guide  # noqa: E402
from voicecheck.guide.model import CATEGORIES  # noqa: E402

GUIDES = {
    "clearspring": ROOT / "styleguides" / "clearspring-tea-zh-hans.yaml",
    "shanlan": ROOT / "styleguides" / "shanlan-tea-house-zh-hant.yaml",
    "northpeak": ROOT / "styleguides" / "northpeak-bilingual.yaml",
    "default": None,
}
LOCALES = ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK", "en", "mixed")


class CorpusError(Exception):
    """A corpus file that does not follow the format; names file and post."""


@dataclass(frozen=True)
class Label:
    category: str
    span: tuple[int, int] | None  # None: anywhere in the post

    def overlaps(self, f: Finding) -> bool:
        return self.span is None or (f.start < self.span[1] and self.span[0] < f.end)

    def covered_by(self, f: Finding) -> bool:
        return self.span is None or (f.start <= self.span[0] and self.span[1] <= f.end)


@dataclass
class Post:
    id: str
    file: str
    guide: str
    locale: str
    channel: str | None
    text: str
    expect: list[Label] = field(default_factory=list)
    forbid: list[Label] = field(default_factory=list)


@cache
def guide(name: str) -> Guide:
    return load_guide(GUIDES[name])


def _label(raw: Any, text: str, where: str) -> Label:
    if not isinstance(raw, dict) or raw.get("category") not in CATEGORIES:
        raise CorpusError(f"{where}: a label needs a category (one of {', '.join(CATEGORIES)})")
    unknown = set(raw) - {"category", "text", "nth"}
    if unknown:
        raise CorpusError(f"{where}: unknown label keys {sorted(unknown)}")
    piece = raw.get("text")
    if piece is None:
        return Label(raw["category"], None)
    piece = str(piece)
    at, nth = -1, int(raw.get("nth", 1))
    for _ in range(nth):
        at = text.find(piece, at + 1)
        if at < 0:
            raise CorpusError(f"{where}: label text {piece!r} (occurrence {nth}) not in the post")
    return Label(raw["category"], (at, at + len(piece)))


def load_file(path: Path) -> list[Post]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    posts = []
    for i, raw in enumerate(doc.get("posts") or [], 1):
        where = f"{path.name}: post {i} ({raw.get('id', 'no id')})"
        g = raw.get("guide", doc.get("guide", "default"))
        if g not in GUIDES:
            raise CorpusError(f"{where}: unknown guide {g!r} (one of {', '.join(GUIDES)})")
        locale = raw.get("locale", doc.get("locale"))
        if locale not in LOCALES:
            raise CorpusError(f"{where}: locale {locale!r} is not one of {', '.join(LOCALES)}")
        channel = raw.get("channel", doc.get("channel"))
        if channel is not None and channel not in guide(g).channels:
            raise CorpusError(f"{where}: guide {g} has no channel {channel!r}")
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip() or not raw.get("id"):
            raise CorpusError(f"{where}: a post needs an id and a text")
        posts.append(Post(
            id=str(raw["id"]), file=path.name, guide=g, locale=locale, channel=channel,
            text=text,
            expect=[_label(lb, text, where) for lb in raw.get("expect") or []],
            forbid=[_label(lb, text, where) for lb in raw.get("forbid") or []],
        ))
    return posts


def load_corpus(files: Iterable[Path]) -> list[Post]:
    posts = [p for f in files for p in load_file(f)]
    dupes = [i for i, n in Counter(p.id for p in posts).items() if n > 1]
    if dupes:
        raise CorpusError(f"duplicate post ids: {', '.join(sorted(dupes))}")
    return posts


@dataclass
class Tally:
    found: int = 0
    expected: int = 0
    right: int = 0
    findings: int = 0
    kept: int = 0
    traps: int = 0

    def add(self, other: Tally) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @staticmethod
    def ratio(a: int, b: int) -> str:
        return f"{a / b:.3f}" if b else "  -  "

    def row(self, name: str) -> str:
        return (f"{name:<24} {self.ratio(self.right, self.findings):>9} "
                f"{self.ratio(self.found, self.expected):>7} {self.ratio(self.kept, self.traps):>6}"
                f"   {self.findings:>5} {self.expected:>5} {self.traps:>5}")


@dataclass
class Outcome:
    post: Post
    findings: list[Finding]
    misses: list[Label]
    false_alarms: list[Finding]
    broken_traps: list[Label]
    tallies: dict[str, Tally]  # per category


def evaluate(post: Post) -> Outcome:
    report = check(post.text, guide(post.guide), post.channel)
    tallies = {c: Tally() for c in CATEGORIES}
    misses, false_alarms, broken = [], [], []
    for lb in post.expect:
        t = tallies[lb.category]
        t.expected += 1
        if any(f.category == lb.category and lb.covered_by(f) for f in report.findings):
            t.found += 1
        else:
            misses.append(lb)
    for f in report.findings:
        t = tallies[f.category]
        t.findings += 1
        if any(lb.category == f.category and lb.overlaps(f) for lb in post.expect):
            t.right += 1
        else:
            false_alarms.append(f)
    whole = (0, len(post.text.rstrip()))
    for lb in post.forbid:
        t = tallies[lb.category]
        t.traps += 1
        # a finding on the whole post is about the post, not about the trap's words
        if any(f.category == lb.category and lb.overlaps(f)
               and (lb.span is None or (f.start, min(f.end, whole[1])) != whole)
               for f in report.findings):
            broken.append(lb)
        else:
            t.kept += 1
    return Outcome(post, report.findings, misses, false_alarms, broken, tallies)


def evaluate_all(posts: list[Post]) -> list[Outcome]:
    return [evaluate(p) for p in posts]


def table(outcomes: list[Outcome]) -> tuple[dict[str, Tally], dict[str, Tally],
                                             dict[tuple[str, str], Tally]]:
    by_cat: dict[str, Tally] = defaultdict(Tally)
    by_loc: dict[str, Tally] = defaultdict(Tally)
    by_both: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for o in outcomes:
        for cat, t in o.tallies.items():
            by_cat[cat].add(t)
            by_loc[o.post.locale].add(t)
            by_both[(cat, o.post.locale)].add(t)
    return by_cat, by_loc, by_both


def _quote(text: str, span: tuple[int, int] | None, width: int = 24) -> str:
    if span is None:
        return "(anywhere)"
    s, e = span
    return repr(text[max(0, s - 6) : s] + "[" + text[s:e] + "]" + text[e : e + 6])[: width * 3]


def report_lines(outcomes: list[Outcome], quiet: bool) -> Iterator[str]:
    by_cat, by_loc, by_both = table(outcomes)
    total = Tally()
    for t in by_cat.values():
        total.add(t)
    head = f"{'':<24} {'precision':>9} {'recall':>7} {'traps':>6}   {'finds':>5} {'labels':>5} {'traps':>5}"
    yield f"{len(outcomes)} posts"
    yield head
    yield "by category"
    for cat in CATEGORIES:
        yield by_cat[cat].row("  " + cat)
    yield "by locale"
    for loc in LOCALES:
        if by_loc[loc].expected or by_loc[loc].findings or by_loc[loc].traps:
            yield by_loc[loc].row("  " + loc)
    yield total.row("all")
    yield ""
    yield "by category and locale"
    for cat in CATEGORIES:
        for loc in LOCALES:
            t = by_both[(cat, loc)]
            if t.expected or t.findings or t.traps:
                yield t.row(f"  {cat[:11]}/{loc}")
    if quiet:
        return
    yield ""
    for o in outcomes:
        lines = []
        for lb in o.misses:
            lines.append(f"  MISS  {lb.category:<12} {_quote(o.post.text, lb.span)}")
        for f in o.false_alarms:
            lines.append(f"  FALSE {f.category:<12} {_quote(o.post.text, (f.start, f.end))}"
                         f"  [{f.rule}]")
        for lb in o.broken_traps:
            lines.append(f"  TRAP  {lb.category:<12} {_quote(o.post.text, lb.span)}")
        if lines:
            yield f"{o.post.file} {o.post.id} ({o.post.guide}, {o.post.channel or 'no channel'})"
            yield from lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, help="corpus files (default: all)")
    ap.add_argument("--validate", action="store_true", help="only check the corpus files")
    ap.add_argument("--quiet", "-q", action="store_true", help="tables only, no per-post list")
    ap.add_argument("--corpus", type=Path, default=CORPUS,
                    help="folder of corpus files (default: benchmarks/corpus)")
    args = ap.parse_args(argv)
    files = args.files or sorted(args.corpus.glob("*.yaml"))
    if not files:
        print(f"corpus error: no .yaml files in {args.corpus}", file=sys.stderr)
        return 2
    try:
        posts = load_corpus(files)
    except (CorpusError, yaml.YAMLError) as exc:
        print(f"corpus error: {exc}", file=sys.stderr)
        return 2
    if args.validate:
        locs = Counter(p.locale for p in posts)
        labels = sum(len(p.expect) for p in posts)
        traps = sum(len(p.forbid) for p in posts)
        print(f"{len(posts)} posts ({', '.join(f'{k} {v}' for k, v in sorted(locs.items()))}); "
              f"{labels} expected labels, {traps} traps "
              f"({traps / max(1, labels + traps):.0%} of labels)")
        return 0
    for line in report_lines(evaluate_all(posts), args.quiet):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
