"""One entry point: check(text, guide, channel) -> Report."""

from __future__ import annotations

from collections.abc import Iterator

from .checks import CHECKS, Context
from .checks.base import writing_locale
from .findings import Finding, Report
from .guide.model import TONE_DIMENSIONS, Guide
from .messages import DEFAULT as DEFAULT_LANG
from .messages import LANGUAGES, channel_name
from .readers import known_channel
from .scoring import category_scores, length_factor, overall_score
from .suppress import Suppressions, parse_comments
from .text import pipelines, regional, rule_tables
from .text.analysis import AnalysedPost, analyse
from .text.normalize import to_canonical
from .text.script import HAN
from .text.spans import SpanSet
from .text.tone import measure


class UnknownChannel(ValueError):
    def __init__(self, name: str, guide: Guide):
        known = ", ".join(sorted(guide.channels)) or "none defined"
        super().__init__(f"unknown channel '{name}' (guide {guide.source} has: {known})")


def resolve_channel(guide: Guide, name: str) -> str:
    """The guide's channel key for a name a person typed: the key in any case, an export's
    name for it (微博, twitter) or how the app shows it (Weibo, 小红书, Facebook (Hong Kong))."""
    wanted = name.strip().casefold()
    for key in guide.channels:
        if key.casefold() == wanted:
            return key
    alias = known_channel(name)
    if alias in guide.channels:
        return alias
    for key in guide.channels:
        if any(channel_name(lang, key).casefold() == wanted for lang in LANGUAGES):
            return key
    raise UnknownChannel(name, guide)


_WORDS: dict[int, tuple[Guide, tuple[str, ...]]] = {}


def guide_words(guide: Guide) -> tuple[str, ...]:
    """Brand names, a term's preferred and admitted words and the words of the rule tables'
    lists, so segmentation keeps them whole (手刀 is a word; jieba alone reads 不手 in
    还不手刀冲). Words a term flags are only taught where jieba lacks them, unforced: a
    forced 门店 would cut 专门店 as 专/门店 and flag it. Built once per guide."""
    cached = _WORDS.get(id(guide))
    if cached is not None and cached[0] is guide:
        return cached[1]
    words = [*guide.brand.names()]
    flagged: list[str] = []
    for term in guide.terms:
        words.extend([*term.prefer.values(), *term.admitted])
        flagged.extend(w for ws, _ in term.flagged() for w in ws)
    listed = [w for table in (guide.lists, rule_tables.replies().lists)
              for ws in table.values() for w in ws if len(w) > 1 and HAN.match(w)]
    found = tuple(dict.fromkeys([*words, *listed]))
    pipelines.add_dictionary_words([*regional.listed_words(), *_canonical_han(flagged)])
    pipelines.add_rule_words(listed)
    if len(_WORDS) >= 16:
        _WORDS.clear()
    _WORDS[id(guide)] = (guide, found)
    return found


def _canonical_han(words: list[str]) -> list[str]:
    """The Chinese words, as written and in the Simplified form posts are segmented on."""
    han = [w for w in words if HAN.search(w)]
    return [*han, *map(to_canonical, han)]


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per problem: the first per (category, span) (earlier checks are more
    specific: an avoided term over the brand-case rule), except that each tone dimension
    is its own problem; and of one rule's findings that overlap, the longest (快来抢购
    over 抢购; a family's 史上最好喝 over the listed 最好)."""
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for f in findings:
        kind = f.rule if f.rule.removeprefix("tone.") in TONE_DIMENSIONS else f.category
        key = (kind, f.start, f.end)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    by_rule: dict[str, list[tuple[int, Finding]]] = {}
    for i, f in enumerate(unique):
        by_rule.setdefault(f.rule, []).append((i, f))
    return sorted((f for group in by_rule.values() for f in _longest_apart(group)),
                  key=lambda f: (f.start, f.end, f.category, f.rule))


def _longest_apart(numbered: list[tuple[int, Finding]]) -> Iterator[Finding]:
    """Of one rule's findings that overlap, the longest (the first listed on a tie).
    Findings that overlap only each other are sorted out apart: a sweep cuts them into
    runs of overlapping spans, so a post with thousands of findings of one rule is not
    thousands of checks against everything kept."""
    run: list[tuple[int, Finding]] = []
    end = -1
    for i, f in sorted(numbered, key=lambda n: n[1].start):
        if run and f.start >= end:
            yield from _greedy(run)
            run = []
        run.append((i, f))
        end = max(end, f.end) if len(run) > 1 else f.end
    yield from _greedy(run)


def _greedy(run: list[tuple[int, Finding]]) -> Iterator[Finding]:
    if len(run) == 1:
        yield run[0][1]
        return
    taken = SpanSet()
    for _, f in sorted(run, key=lambda n: (n[1].start - n[1].end, n[0])):  # longest first
        if not taken.overlaps(f.start, f.end):
            taken.add(f.start, f.end)
            yield f


def run_checks(
    post: AnalysedPost, guide: Guide, channel: str | None, lang: str = DEFAULT_LANG
) -> list[Finding]:
    if channel is not None and channel not in guide.channels:
        raise UnknownChannel(channel, guide)
    ctx = Context(post=post, guide=guide, channel=guide.channel(channel), lang=lang)
    return _dedupe([f for check in CHECKS for f in check(ctx)])


def check(
    text: str, guide: Guide, channel: str | None = None, file: str = "-", *,
    lang: str = DEFAULT_LANG, suppressions: Suppressions | None = None,
) -> Report:
    """Check one post; `lang` ("en" | "zh") is the language the findings are explained in.
    `suppressions`: what the post and project switch off (default: the post's own
    voicecheck comments); suppressed findings are reported as such and do not score."""
    post = analyse(text, guide_words(guide), guide.spacy_model)
    if suppressions is None:
        suppressions = parse_comments(text, file)
    findings, suppressed = suppressions.split(run_checks(post, guide, channel, lang))
    factor = length_factor(post.scripts)
    scores = category_scores(findings, factor)
    score = overall_score(scores)
    ch = guide.channel(channel)
    return Report(
        file=file,
        channel=ch.name,
        language=writing_locale(guide, ch, post),
        detected_language=post.language,
        score=score,
        passed=score >= guide.scoring.pass_score,
        scores=scores,
        tone=measure(post, guide.brand.names()).values(),
        findings=findings,
        text=text,
        suppressed=suppressed,
        suppressions=suppressions,
        length_factor=factor,
    )
