"""Personal contact details in a brand post: mobiles, messaging IDs, free-mail addresses.

Brand posts send people to brand channels; a staff member's mobile or personal WeChat
in a public post is a privacy and compliance problem. Judgement calls, documented:

- Only mobiles count (mainland 1[3-9]x 11 digits, HK 8 digits from 4-7/9, TW 09xx, UK
  07, Australia 04: the formats are data, rules/compliance.yaml). Landlines and 400/800
  hotlines are the brand's own lines and are never flagged. A US number looks the same
  for a hotline and a mobile: it counts only with a sign in its sentence that it is
  someone's own ("reach me directly", "his cell").
- A number right after 订单号 / order / 单号... is an order or tracking number.
- A bare HK 8-digit number needs +852 or a phone word before it (電話, WhatsApp...):
  prices, dates and order numbers are 8 digits too.
- Numbers inside longer digit or letter runs (SO13800138000, 2024031513800) never count.
- An ID after 公众号 / 官方 / official is the brand's official account; a handle right
  after a staff word (導師 @miss.tea.hk, our manager @tom.np) is that person's.
- The guide's compliance.allow_phones / allow_handles / allow_emails / allow_domains
  whitelist the brand's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .. import data as builtin_data
from ..findings import Finding
from ..text.entities import EMAIL, MENTION
from ..text.spans import SpanSet
from . import rule_tables
from .base import Context

CATEGORY = "compliance"
_QQ = re.compile(r"(?<![A-Za-z])QQ(?P<group>群)?(?:号|號)?\s*[:：]?\s*(?P<id>[1-9]\d{4,10})(?!\d)",
                 re.IGNORECASE)
_ID = r"[A-Za-z](?:[-_A-Za-z0-9]|\.(?=[A-Za-z0-9])){5,19}(?![-_A-Za-z0-9])|1[3-9]\d{9}(?!\d)"


def rules() -> dict:
    return builtin_data.rules("compliance")


@lru_cache(maxsize=1)
def _apps() -> dict[str, str]:
    """Each messaging keyword (lower-case) and the app it names: 加我微信 -> WeChat."""
    return {w.lower(): app for app, words in rules()["messaging_keywords"].items() for w in words}


@lru_cache(maxsize=1)
def _messaging() -> re.Pattern[str]:
    # a keyword ending in a letter must end a word (wx, not wxyz); "LINE：" need not
    kw = "|".join(re.escape(w) + ("(?![a-z])" if w[-1].isascii() and w[-1].isalpha() else "")
                  for w in sorted(_apps(), key=len, reverse=True))
    return re.compile(
        rf"(?<![A-Za-z])(?P<kw>{kw})\s*(?:号|號|ID|id|是)?\s*[:：]?\s*(?P<id>{_ID})",
        re.IGNORECASE,
    )


# Country code -> the trunk prefix a national number starts with (+44 7700 = 07700).
_TRUNK = {"852": "", "886": "0", "86": "", "44": "0", "61": "0", "1": ""}


def _digits(s: str) -> str:
    """The number as dialled at home, so +886 988 and 0988 compare equal."""
    d = re.sub(r"\D", "", s)
    international = s.lstrip().startswith("+") or d.startswith("00")
    d = d[2:] if d.startswith("00") else d
    if international:
        for cc, trunk in _TRUNK.items():  # longest codes first: 852 before 86
            if d.startswith(cc):
                return trunk + d[len(cc):]
    return d


def _before(text: str, pos: int, words: list[str], span: int = 12) -> bool:
    window = text[max(0, pos - span) : pos].lower()
    return any(w.lower() in window for w in words)


@lru_cache(maxsize=1)
def _phone_patterns() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(pattern, region, what else it needs) per regional mobile format in the data."""
    return tuple((re.compile(rf"(?<![\dA-Za-z+-]){p['pattern']}(?![\dA-Za-z])"), p["region"],
                  p.get("needs", "")) for p in rules()["phones"])


_CLAUSE = re.compile(r"[。！？!?；;\n]|[，,、](?=\s*\S)")
_SENTENCE = re.compile(r"[。！？!?\n]|\.(?=\s|$)")


def _bounds(text: str, start: int, end: int, stops: re.Pattern[str]) -> tuple[int, int]:
    lo = max((m.end() for m in stops.finditer(text, 0, start)), default=0)
    nxt = stops.search(text, end)
    return lo, nxt.start() if nxt else len(text)


def _cue_in(text: str, lo: int, hi: int, words: list[str]) -> bool:
    """Whether one of `words` is in text[lo:hi] (Latin words as whole words)."""
    window = text[lo:hi].lower()
    return any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", window) if w.isascii()
               else w in window for w in words)


def _personal(text: str, m: re.Match[str], needs: str) -> bool:
    if not needs:
        return True
    if needs == "context":  # a phone word before it in its clause, or the country code
        lo, _ = _bounds(text, m.start(), m.end(), _CLAUSE)
        return bool(m.groupdict().get("cc")) or _cue_in(
            text, max(lo, m.start() - 24), m.start(), rules()["phone_context_before"])
    lo, hi = _bounds(text, m.start(), m.end(), _SENTENCE)
    return _cue_in(text, lo, hi, rules()["person_cues"])


def _phones(ctx: Context) -> Iterator[Finding]:
    text = ctx.post.text
    allowed = {_digits(p) for p in ctx.guide.compliance.allow_phones}
    seen = SpanSet()
    for pattern, region, needs in _phone_patterns():
        for m in pattern.finditer(text):
            if seen.overlaps(m.start(), m.end()):
                continue
            if _digits(m.group()) in allowed or _before(text, m.start(),
                                                        rules()["not_a_phone_before"]):
                continue
            if not _personal(text, m, needs):
                continue
            seen.add(m.start(), m.end())
            yield ctx.finding(
                "compliance.personal-phone", CATEGORY, "error", m.start(), m.end(),
                ctx.say("compliance.personal-phone", region=ctx.say(f"region/{region}")),
            )


def _messaging_ids(ctx: Context) -> Iterator[Finding]:
    text = ctx.post.text
    allowed = {h.lower().lstrip("@") for h in ctx.guide.compliance.allow_handles}
    emails = SpanSet((m.start(), m.end()) for m in EMAIL.finditer(text))
    for m in _messaging().finditer(text):
        ident = m.group("id")
        if ident.lower() in allowed or emails.covers(m.start("id")):
            continue
        if _before(text, m.start(), rules()["official_before"], 8):
            continue
        yield ctx.finding(
            "compliance.personal-messaging-id", CATEGORY, "error", m.start(), m.end(),
            ctx.say("compliance.personal-messaging-id", ident=ident,
                    kind=ctx.say(f"app/{_apps()[m.group('kw').lower()]}")),
        )
    for m in MENTION.finditer(text):  # a staff member's own handle ("DM 導師 @miss.tea.hk")
        handle = m.group(1)
        lo, _ = _bounds(text, m.start(), m.end(), _CLAUSE)
        if handle.lower() in allowed or not _cue_in(text, max(lo, m.start() - 12), m.start(),
                                                     rules()["staff_before"]):
            continue
        yield ctx.finding(
            "compliance.personal-messaging-id", CATEGORY, "error", m.start(), m.end(),
            ctx.say("compliance.personal-messaging-id", ident=m.group(),
                    kind=ctx.say("app/social")),
        )
    for m in _QQ.finditer(text):
        if m.group("group") or m.group("id") in allowed:
            continue  # a QQ group is a community, not a person
        yield ctx.finding(
            "compliance.personal-messaging-id", CATEGORY, "error", m.start(), m.end(),
            ctx.say("compliance.personal-messaging-id/qq", ident=m.group("id")),
        )


def _emails(ctx: Context) -> Iterator[Finding]:
    comp = ctx.guide.compliance
    allowed_emails = {e.lower() for e in comp.allow_emails}
    brand_domains = [d.lower().lstrip("@") for d in comp.allow_domains]
    personal = set(rules()["personal_email_domains"])
    for m in EMAIL.finditer(ctx.post.text):
        address = m.group().lower()
        domain = address.rsplit("@", 1)[1]
        if address in allowed_emails or any(
            domain == d or domain.endswith("." + d) for d in brand_domains
        ):
            continue
        if domain in personal:
            yield ctx.finding(
                "compliance.personal-email", CATEGORY, "error", m.start(), m.end(),
                ctx.say("compliance.personal-email", address=m.group(), domain=domain),
            )
        elif brand_domains:
            yield ctx.finding(
                "compliance.unknown-email-domain", CATEGORY, "info", m.start(), m.end(),
                ctx.say("compliance.unknown-email-domain", address=m.group(),
                        domains=ctx.listing(brand_domains)),
            )


def check(ctx: Context) -> Iterator[Finding]:
    yield from rule_tables.findings(ctx, "compliance")
    yield from _phones(ctx)
    yield from _messaging_ids(ctx)
    yield from _emails(ctx)
