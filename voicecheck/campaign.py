"""Campaign consistency: posts of one campaign, compared with each other.

Facts that must agree across channel versions (dates, times, prices, discounts, links,
promo codes) are read from each post; a post whose facts of one kind share nothing with
most other posts that state that kind gets a finding on each differing fact, naming the
posts that say otherwise. Hashtags and product names spelled two ways, and a post whose
tone sits far from the rest (beyond what its channel's tone targets explain), are
flagged the same way. Findings are category `channel`, rule ids `campaign.*`.

Posts that do not mention a kind of fact never disagree about it: an X post may leave
the price out.
"""

from __future__ import annotations

import os
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from . import data as builtin_data
from . import messages
from .findings import Finding, Report
from .guide.model import Guide
from .text import english
from .text.entities import URL, hashtags
from .text.normalize import normalize
from .text.script import converter
from .text.spans import SpanSet

VALUE_KINDS = ("date", "time", "price", "discount", "url", "code")
MAX_NAMED = 4


def _data() -> dict[str, Any]:
    return builtin_data.rules("campaign")


@dataclass(frozen=True)
class Fact:
    kind: str
    value: str  # comparable form: "03-15", "20:00", "CNY 39", "20% off"
    start: int  # original offsets
    end: int
    text: str


# --- extraction (on NFKC-normalized text, spans mapped back to the original) ---------

_MONTHS = r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?" \
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
_DATE_ZH = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]?")
_DATE_ISO = re.compile(r"(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d.])")
_DATE_EN = re.compile(rf"\b({_MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)
_DATE_EN_DAY_FIRST = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTHS})\b", re.I)
_TIME_CLOCK = re.compile(r"(?<![\d:.])([01]?\d|2[0-3])\s*:\s*([0-5]\d)(?:\s*([ap])\.?m\.?\b)?(?![\d:])",
                         re.I)
_TIME_AMPM = re.compile(r"(?<![\d:.])(1[0-2]|0?\d)\s*([ap])\.?m\.?\b", re.I)
_TIME_ZH = re.compile(r"(上午|早上|中午|下午|晚上|傍晚|晚)?\s*(\d{1,2}|[一二两兩三四五六七八九十]|十[一二])"
                      r"\s*[点點时時](?:\s*(\d{1,2})\s*分|(半))?(?!点|點)")
_PRICE_BEFORE = re.compile(r"(US\$|HK\$|NT\$|\$|¥|RMB|CNY|USD|HKD|TWD)\s?(\d+(?:\.\d+)?)", re.I)
_PRICE_AFTER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(元|块|塊|圆|圓|yuan\b|rmb\b|dollars?\b|bucks\b)",
                          re.I)
_CURRENCY = {"us$": "USD", "$": "USD", "usd": "USD", "hk$": "HKD", "hkd": "HKD", "nt$": "TWD",
             "twd": "TWD", "¥": "CNY", "rmb": "CNY", "cny": "CNY", "元": "CNY", "块": "CNY",
             "塊": "CNY", "圆": "CNY", "圓": "CNY", "yuan": "CNY", "dollar": "USD", "dollars": "USD",
             "bucks": "USD"}
_ZHE = re.compile(r"(?<![\d.])(\d{1,2}(?:\.\d)?|[一二三四五六七八九])\s*折")
_PERCENT_OFF = re.compile(r"(?<![\d.])(\d{1,2})\s*%\s*(?:off\b|折扣)|(?:save|省)\s*(\d{1,2})\s*%",
                          re.I)
_NAME_PART = re.compile(r"[A-Z][a-z0-9]+")


def _words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    alts = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"(?<![A-Za-z])(?:" + "|".join(alts) + r")(?![A-Za-z])", re.I)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    d = _data()
    code_words = _words_pattern(d["code_words"]).pattern
    return {
        "code": re.compile(code_words + r"\s*(?:[:：是为為]|is)?\s*[「“\"'‘]?([A-Za-z0-9]{3,20})\b",
                           re.I),
        "half": _words_pattern(d["half_price"]),
        "bogo": _words_pattern(d["bogo"]),
    }


def _zh_number(s: str) -> int:
    digits = _data()["digits"]
    if s.isdigit():
        return int(s)
    if len(s) == 2 and s[0] == "十":
        return 10 + digits[s[1]]
    return digits[s]


def _date(month: int, day: int) -> str | None:
    return f"{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def _raw_facts(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, value, start, end) on the normalized text; overlapping spans dropped."""
    months = _data()["months"]
    out: list[tuple[str, str, int, int]] = []

    def add(kind: str, value: str | None, m: re.Match[str]) -> None:
        if value is not None:
            out.append((kind, value, m.start(), m.end()))

    for m in _DATE_ISO.finditer(text):
        add("date", _date(int(m[2]), int(m[3])), m)
    for m in _DATE_ZH.finditer(text):
        add("date", _date(int(m[2]), int(m[3])), m)
    for m in _DATE_EN.finditer(text):
        add("date", _date(months[m[1][:3].lower() if m[1][:4].lower() != "sept" else "sep"],
                          int(m[2])), m)
    for m in _DATE_EN_DAY_FIRST.finditer(text):
        add("date", _date(months[m[2][:3].lower()], int(m[1])), m)
    for m in _TIME_CLOCK.finditer(text):
        hour = int(m[1]) + (12 if (m[3] or "").lower() == "p" and int(m[1]) < 12 else 0)
        add("time", f"{hour:02d}:{m[2]}", m)
    for m in _TIME_AMPM.finditer(text):
        hour = int(m[1]) % 12 + (12 if m[2].lower() == "p" else 0)
        add("time", f"{hour:02d}:00", m)
    for m in _TIME_ZH.finditer(text):
        hour = _zh_number(m[2])
        if hour > 24:
            continue
        if m[1] in ("下午", "晚上", "傍晚", "晚") and hour < 12:
            hour += 12
        minute = 30 if m[4] else int(m[3] or 0)
        add("time", f"{hour:02d}:{minute:02d}", m)
    for m in _PRICE_BEFORE.finditer(text):
        add("price", f"{_CURRENCY[m[1].lower()]} {float(m[2]):g}", m)
    for m in _PRICE_AFTER.finditer(text):
        add("price", f"{_CURRENCY[m[2].lower()]} {float(m[1]):g}", m)
    for m in _ZHE.finditer(text):
        n = float(m[1]) if m[1][0].isdigit() else float(_zh_number(m[1]))
        n = n / 10 if n >= 10 else n  # 85折 = 8.5折
        if 0 < n < 10:
            add("discount", f"{100 - n * 10:g}% off", m)
    for m in _PERCENT_OFF.finditer(text):
        add("discount", f"{int(m[1] or m[2])}% off", m)
    pats = _patterns()
    for m in pats["half"].finditer(text):
        add("discount", "50% off", m)
    for m in pats["bogo"].finditer(text):
        add("discount", "buy one get one", m)
    for m in pats["code"].finditer(text):
        out.append(("code", m[1].upper(), m.start(1), m.end(1)))
    for m in URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)":
            end -= 1
        out.append(("url", _url_key(text[m.start():end]), m.start(), end))
    # longest first, then drop anything overlapping what is kept (2024-03-15 is not a time)
    out.sort(key=lambda f: (f[2], -(f[3] - f[2])))
    kept: list[tuple[str, str, int, int]] = []
    taken = SpanSet()
    for f in out:
        if not taken.overlaps(f[2], f[3]):
            kept.append(f)
            taken.add(f[2], f[3])
    return kept


def _url_key(url: str) -> str:
    """Host and path, minus scheme, www., trailing slash and click-tracking parameters."""
    try:
        parts = urlsplit(url if "://" in url else "http://" + url)
    except ValueError:  # http://[::1 or https://example.com] (a bracket that is not IPv6)
        return url.lower().removeprefix("https://").removeprefix("http://")
    host = parts.netloc.lower().removeprefix("www.")
    tracking = set(_data()["tracking_params"])
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if k not in tracking))
    return host + parts.path.rstrip("/") + (f"?{query}" if query else "")


_ENTITY_FACT = {"DATE": "date", "MONEY": "price"}
_ENTITY_NAMES = frozenset({"ORG", "PRODUCT", "PERSON"})
_FILLER = re.compile(r"\b(?:the|of)\b\s*", re.I)


def _entity_facts(text: str, model: str | None, taken: SpanSet
                  ) -> list[tuple[str, str, int, int]]:
    """Dates and sums a trained pipeline finds where the patterns found none ("the 15th
    of March"), read by the same patterns once the filler words are gone: the entity
    says where a fact is, our readers say what it is, so values still compare."""
    out = []
    for label, s, e in english.entities(text, model):
        if label in _ENTITY_FACT and not taken.overlaps(s, e):
            read = [(k, v) for k, v, _, _ in _raw_facts(_FILLER.sub("", text[s:e]))
                    if k == _ENTITY_FACT[label]]
            if len(read) == 1:
                out.append((*read[0], s, e))
    return out


def extract_facts(text: str, model: str | None = None) -> list[Fact]:
    """Dates, times, prices, discounts, links and promo codes, on original offsets;
    with a trained pipeline (`model`), dates and sums written out in words too."""
    norm = normalize(text)
    raw = _raw_facts(norm.text)
    raw += _entity_facts(norm.text, model, SpanSet([(s, e) for _, _, s, e in raw]))
    facts = []
    for kind, value, s, e in sorted(raw, key=lambda f: f[2]):
        os_, oe = norm.to_original(s, e)
        facts.append(Fact(kind, value, os_, oe, text[os_:oe]))
    return facts


def _names(text: str, model: str | None = None) -> list[Fact]:
    """Hashtags and capitalised product names, keyed so spelling variants collide:
    ClearSpring / Clear Spring / Clearspring all key to 'clearspring'. A trained
    pipeline's organisations, products and people join them, however they are cased
    (oolong mist / Oolong Mist)."""
    t2s = converter("t2s")
    out = [
        Fact("hashtag", _fold(t2s.convert(tag.text.replace("[话题]", ""))), tag.start, tag.end,
             tag.text)
        for tag in hashtags(text)
    ]
    blocked = SpanSet([*((f.start, f.end) for f in out),
                       *((m.start(), m.end()) for m in URL.finditer(text))])
    for run in re.finditer(r"[A-Z][a-z0-9]+(?:[ \-]?[A-Z][a-z0-9]+)*", text):
        if blocked.overlaps(run.start(), run.end()):
            continue
        parts = list(_NAME_PART.finditer(run.group()))
        for i in range(len(parts)):
            for j in range(i, min(i + 3, len(parts))):
                s, e = run.start() + parts[i].start(), run.start() + parts[j].end()
                if e - s >= 4:
                    out.append(Fact("name", _fold(text[s:e]), s, e, text[s:e]))
    spans = {(f.start, f.end) for f in out}
    for label, s, e in english.entities(text, model):
        if label in _ENTITY_NAMES and e - s >= 4 and (s, e) not in spans \
                and not blocked.overlaps(s, e):
            out.append(Fact("name", _fold(text[s:e]), s, e, text[s:e]))
    return out


def _fold(s: str) -> str:
    return re.sub(r"[\s\-_#]+", "", s).lower()


# --- comparison ------------------------------------------------------------------------

@dataclass
class _Member:
    key: str
    label: str
    report: Report
    facts: list[Fact]
    names: list[Fact]


def _labels(reports: list[Report]) -> list[str]:
    """Sources shortened to what tells them apart (path below the common folder)."""
    sources = [r.source or r.file for r in reports]
    try:
        base = os.path.commonpath([os.path.dirname(s) for s in sources])
    except ValueError:
        base = ""
    return [os.path.relpath(s, base) if base else s for s in sources]


def _names_list(lang: str, labels: Iterable[str]) -> str:
    return messages.listing(lang, sorted(set(labels)), MAX_NAMED)


def _finding(kind: str, rule: str, fact: Fact, message: str) -> Finding:
    return Finding(rule=rule, category="channel", severity=_data()["severity"][kind],
                   start=fact.start, end=fact.end, text=fact.text, message=message)


def _value_conflicts(campaign: str, members: list[_Member], lang: str
                     ) -> dict[str, list[Finding]]:
    """A post disagrees about a kind when its values share nothing with a post's values;
    it is flagged when the posts it disagrees with are at least as many as those it
    agrees with (so a 2-to-1 split flags only the odd one out, a 1-to-1 split both)."""
    out: dict[str, list[Finding]] = defaultdict(list)
    for kind in VALUE_KINDS:
        stating = [(m, {f.value for f in m.facts if f.kind == kind}) for m in members]
        stating = [(m, vals) for m, vals in stating if vals]
        for m, vals in stating:
            others = [(o, ov) for o, ov in stating if o is not m]
            disagree = [(o, ov) for o, ov in others if not vals & ov]
            agree = len(others) - len(disagree)
            if not disagree or len(disagree) < agree + 1:
                continue
            theirs = Counter(f.text for o, _ in disagree for f in o.facts if f.kind == kind)
            said = " / ".join(t for t, _ in sorted(theirs.items(), key=lambda tn: (-tn[1], tn[0]))[:3])
            where = _names_list(lang, (o.label for o, _ in disagree))
            for fact in (f for f in m.facts if f.kind == kind):
                out[m.key].append(_finding(
                    kind, f"campaign.{kind}", fact,
                    messages.say(lang, "campaign.value", campaign=campaign, text=fact.text,
                                 kind=messages.say(lang, f"campaign.kind/{kind}"), said=said,
                                 where=where),
                ))
    return out


def _variant_conflicts(campaign: str, members: list[_Member], lang: str
                       ) -> dict[str, list[Finding]]:
    """The same hashtag or name written two ways; the spelling fewer posts use is flagged
    (both when tied). Simplified vs Traditional forms of one tag are not a variant."""
    out: dict[str, list[Finding]] = defaultdict(list)
    t2s = converter("t2s")
    by_key: dict[tuple[str, str], dict[str, list[tuple[_Member, Fact]]]] = defaultdict(
        lambda: defaultdict(list))
    for m in members:
        for f in m.names:
            surface = f.text
            if f.kind == "hashtag":  # `#tag#` vs `#tag` is the channel's style, not a variant
                surface = t2s.convert(f.text.replace("[话题]", "").strip("#"))
            by_key[(f.kind, f.value)][surface].append((m, f))
    for (kind, _), surfaces in by_key.items():
        if len(surfaces) < 2:
            continue
        posts = {s: {m.key for m, _ in uses} for s, uses in surfaces.items()}
        if any(len(p) == len(members) for p in posts.values()) and len(surfaces) == 1:
            continue
        best = max(len(p) for p in posts.values())
        for surface, uses in surfaces.items():
            if len(posts[surface]) == best and sum(
                len(p) == best for p in posts.values()
            ) == 1:
                continue  # the majority spelling
            others = [(s, u) for s, u in surfaces.items() if s != surface]
            other_spelling = max(others, key=lambda su: len(posts[su[0]]))[0]
            where = _names_list(lang, (m.label for _, u in others for m, _ in u))
            seen: set[tuple[str, int]] = set()
            for m, f in uses:
                if (m.key, f.start) in seen or m.key in {om.key for _, u in others
                                                         for om, _ in u}:
                    continue
                seen.add((m.key, f.start))
                out[m.key].append(_finding(
                    kind, f"campaign.{kind}", f,
                    messages.say(lang, "campaign.variant", campaign=campaign, text=f.text,
                                 kind=messages.say(lang, f"campaign.kind/{kind}"),
                                 other=other_spelling, where=where),
                ))
    return out


def _midpoint(guide: Guide | None, channel: str, dim: str) -> float | None:
    if guide is None:
        return None
    profile = guide.channels.get(channel)
    rng = guide.tone_targets(profile or guide.channel(None)).get(dim)
    return (rng[0] + rng[1]) / 2 if rng else None


def _tone_spread(
    campaign: str, members: list[_Member], guide: Guide | None, lang: str
) -> dict[str, list[Finding]]:
    """A post whose tone is far from the campaign median on a dimension, beyond the gap
    its channel's target range explains. Needs three posts with tone to say which is far;
    the median includes the post itself so one outlier does not drag the others' median."""
    out: dict[str, list[Finding]] = defaultdict(list)
    tolerance = _data()["tone_tolerance"]
    with_tone = [m for m in members if m.report.tone]
    if len(with_tone) < 3:
        return out
    for dim in sorted({d for m in with_tone for d in m.report.tone}):
        scored = [m for m in with_tone if dim in m.report.tone]
        if len(scored) < 3:
            continue
        median = statistics.median(m.report.tone[dim] for m in scored)
        mids = [t for t in (_midpoint(guide, m.report.channel, dim) for m in scored)
                if t is not None]
        for m in scored:
            others = [o for o in scored if o is not m]
            value = m.report.tone[dim]
            mine = _midpoint(guide, m.report.channel, dim)
            expected = mine - statistics.median(mids) if mine is not None and mids else 0.0
            gap = value - median - expected
            if abs(gap) <= tolerance:
                continue
            text = m.report.text
            key = "campaign.tone-spread/explained" if expected else "campaign.tone-spread"
            out[m.key].append(Finding(
                rule="campaign.tone-spread", category="channel",
                severity=_data()["severity"]["tone"], start=0, end=len(text), text=text,
                message=messages.say(
                    lang, key, campaign=campaign, value=value, median=median,
                    dimension=messages.say(lang, f"campaign.dimension/{dim}"),
                    where=_names_list(lang, (o.label for o in others)),
                    channel=messages.channel_name(lang, m.report.channel), expected=expected),
            ))
    return out


def campaign_findings(
    reports: Iterable[Report], guide: Guide | None = None, lang: str = messages.DEFAULT
) -> dict[str, list[Finding]]:
    """Findings per post (keyed by report.source, else file) for every campaign with two
    or more posts, explained in `lang`. Reports without a campaign are ignored."""
    groups: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        if r.campaign:
            groups[r.campaign].append(r)
    out: dict[str, list[Finding]] = defaultdict(list)
    for campaign, group in groups.items():
        if len(group) < 2:
            continue
        model = guide.spacy_model if guide else None
        members = [
            _Member(r.source or r.file, label, r, extract_facts(r.text, model),
                    _names(r.text, model))
            for r, label in zip(group, _labels(group), strict=True)
        ]
        for found in (_value_conflicts(campaign, members, lang),
                      _variant_conflicts(campaign, members, lang),
                      _tone_spread(campaign, members, guide, lang)):
            for key, findings in found.items():
                out[key].extend(findings)
    return dict(out)
