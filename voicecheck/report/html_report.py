"""A single self-contained HTML report a brand lead can open, print and forward.

Inline CSS and inline SVG charts only (no scripts, fonts, images or CDNs). Every piece
of post text goes through `html.escape`. Posts shown in full are the failing ones and,
collapsed, passing ones that still have findings.

Memory stays flat with the size of the run: the builder keeps running totals, and each
post shown, campaign row and skipped file is rendered to HTML when it arrives and
spooled (to a temporary file past a few MB) with only its sort key kept in memory.
`write` streams the page into a temporary file beside the target and renames it, so
an interrupted run never leaves half a report.

The writer's interface: `HtmlReport(lang=, title=, guide=, folder=, view=,
interrupted=)`, then `add(report)` / `add_skipped(item)` as results stream in, then
`write(path)` (or `render()` for the page as a string); `close()` (or `with
HtmlReport(...) as r:`) drops the spool. A spooled fragment is rendered once, in
`add`, so it may use what is known then (lang, folder, view), not end-of-run totals;
section headers may use the totals.

Two views: "client" (the default) is what a brand's client reads: findings, wording and
suggestions, no rule ids or style-guide settings; "internal" adds rule ids and how to
tell voicecheck a finding is fine (rules.hints).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from types import TracebackType
from typing import Any

from ..atomic import write_atomic
from ..findings import Finding, Report, by_span, suggestions_of
from ..guide.model import CATEGORIES
from ..history import Change, Comparison
from ..messages import NO_CHANNEL, channel_label, listing, say, say_n, sentences
from ..readers import Skipped
from ..rules import hints, info

VIEWS = ("client", "internal")

SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
CATEGORY_COLOURS = {
    "terminology": "#4e79a7", "tone": "#f28e2b", "promotion": "#e15759", "channel": "#76b7b2",
    "script": "#59a14f", "formatting": "#edc948", "compliance": "#b07aa1",
}


SPOOL_IN_MEMORY = 4 * 1024 * 1024  # bytes of rendered detail kept in memory before disk


class _Spool:
    """Rendered HTML fragments, each with a sort key: the fragments live in a temporary
    file (in memory while small), only the keys and offsets in memory."""

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
        self._index: list[tuple[Any, int, int]] = []
        self._end = 0

    def add(self, key: Any, fragment: str) -> None:
        data = fragment.encode("utf-8")
        self._file.seek(self._end)
        self._file.write(data)
        self._index.append((key, self._end, len(data)))
        self._end += len(data)

    def __len__(self) -> int:
        return len(self._index)

    def fragments(self, ordered: bool = True) -> Iterator[str]:
        """Fragments by key (ties in arrival order), or in arrival order."""
        index = sorted(self._index, key=lambda e: e[0]) if ordered else self._index
        for _, offset, size in index:
            self._file.seek(offset)
            yield self._file.read(size).decode("utf-8")

    def close(self) -> None:
        self._file.close()


@dataclass
class HtmlReport:
    """Feed it reports and skipped items, then `render()` or `write(path)`. `lang` ("en" or
    "zh") is the language of the report's own words, as of the findings' messages; `guide`
    names the guide as a person knows it (messages.guide_label); `view`: VIEWS."""

    lang: str = "en"
    title: str = ""
    guide: str = ""
    folder: str = ""
    view: str = "client"
    checked: int = 0
    passed: int = 0
    interrupted: bool = False
    histogram: list[int] = field(default_factory=lambda: [0] * 10)
    channel_posts: Counter[str] = field(default_factory=Counter)
    channel_passed: Counter[str] = field(default_factory=Counter)
    channel_score: Counter[str] = field(default_factory=Counter)
    channel_cat_score: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    cat_score: Counter[str] = field(default_factory=Counter)
    findings_by: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    rules: Counter[str] = field(default_factory=Counter)
    rule_example: dict[str, tuple[str, str]] = field(default_factory=dict)
    no_channel: int = 0  # posts no file, column or folder named a channel for
    comparison: Comparison | None = None  # with the previous run of the folder (history)
    failing: _Spool = field(default_factory=_Spool)  # <article>s by (score, source)
    passing: _Spool = field(default_factory=_Spool)  # <details> by (score, source)
    campaign: _Spool = field(default_factory=_Spool)  # table rows by (campaign, source)
    skipped: _Spool = field(default_factory=_Spool)  # table rows in arrival order

    def add(self, r: Report) -> None:
        self.checked += 1
        self.passed += r.passed
        self.no_channel += r.channel == NO_CHANNEL
        self.histogram[min(9, max(0, r.score) // 10)] += 1
        self.channel_posts[r.channel] += 1
        self.channel_passed[r.channel] += r.passed
        self.channel_score[r.channel] += r.score
        for cat, s in r.scores.items():
            self.cat_score[cat] += s
            self.channel_cat_score[r.channel][cat] += s
        for f in r.findings:
            self.findings_by[r.channel][f.category] += 1
            self.rules[f.rule] += 1
            self.rule_example.setdefault(f.rule, (f.category, f.message))
            if f.rule.startswith("campaign.") and r.campaign:
                self.campaign.add((r.campaign, r.source or r.file), self._campaign_row(r, f))
        if not r.passed or r.findings:
            shown = self.passing if r.passed else self.failing
            shown.add((r.score, r.source or r.file), self._post(r))

    def add_skipped(self, item: Skipped) -> None:
        self.skipped.add(None, f"<tr><td>{escape(self._shown(item.source))}</td>"
                               f"<td>{escape(item.reason)}</td></tr>")

    def close(self) -> None:
        for spool in (self.failing, self.passing, self.campaign, self.skipped):
            spool.close()

    def __enter__(self) -> HtmlReport:
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _shown(self, source: str) -> str:
        """A post's source relative to the checked folder (named once, in the header)."""
        prefix = self.folder.rstrip("/\\") + os.sep if self.folder else ""
        return source[len(prefix):] if prefix and source.startswith(prefix) else source

    def _t(self, key: str, **params: object) -> str:
        """The report's own words in its language, HTML-escaped."""
        return escape(say(self.lang, f"report/{key}", **params))

    @property
    def internal(self) -> bool:
        return self.view == "internal"

    def _channel(self, channel: str) -> str:
        return escape(channel_label(self.lang, channel))

    def _tn(self, key: str, n: int, **params: object) -> str:
        """`_t` for a count of `n` things (singular form when n is 1)."""
        return escape(say_n(self.lang, f"report/{key}", n, n=n, **params))

    def _category(self, category: str) -> str:
        """A category's name in the report's language (an unknown one as it is)."""
        known = category in CATEGORY_COLOURS
        return say(self.lang, f"category/{category}") if known else category

    def _chip(self, category: str) -> str:
        colour = CATEGORY_COLOURS.get(category, "#888")
        return f'<span class="chip" style="--c:{colour}">{escape(self._category(category))}</span>'

    def write(self, path: str | Path) -> None:
        """Stream the page to `path` (a temporary file beside it, then renamed)."""
        write_atomic(path, self._page())

    def render(self) -> str:
        return "".join(self._page())

    # --- rendering ----------------------------------------------------------------

    def _page(self) -> Iterator[str]:
        now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        rate = self.passed / self.checked if self.checked else 0.0
        mean = sum(self.channel_score.values()) / self.checked if self.checked else 0.0
        title = escape(self.title) or self._t("title")
        meta = " · ".join(x for x in (
            self._t("meta-folder", folder=self.folder) if self.folder else "",
            self._t("meta-guide", guide=self.guide) if self.guide else "",
            self._t("meta-generated", now=now)) if x)
        parts = [
            "<!DOCTYPE html>",
            '<html lang="zh-CN"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{title}</title><style>{_CSS}</style></head><body><main>",
            f"<header><h1>{title}</h1><p class=meta>{meta}</p></header>",
        ]
        if self.interrupted:
            parts.append(f'<p class="notice">{self._t("interrupted")}</p>')
        if self.no_channel:
            said = say_n(self.lang, "report/no-channel", self.no_channel, n=self.no_channel)
            how = say(self.lang, "report/no-channel-how") if self.internal else ""
            parts.append(f'<p class="notice">{escape(sentences(said, how))}</p>')
        parts.append('<section class="cards">')
        for label, value, sub in (
            (self._t("card-checked"), f"{self.checked:,}",
             self._t("card-skipped", n=len(self.skipped)) if self.skipped
             else self._t("card-nothing-skipped")),
            (self._t("card-pass-rate"), f"{rate:.0%}",
             self._t("card-pass-sub", passed=f"{self.passed:,}",
                     failed=f"{self.checked - self.passed:,}")),
            (self._t("card-mean"), f"{mean:.0f}", self._t("card-out-of")),
            (self._t("card-findings"), f"{sum(self.rules.values()):,}",
             self._tn("card-rules", len(self.rules))),
        ):
            parts.append(f'<div class="card"><div class="label">{label}</div>'
                         f'<div class="value">{value}</div><div class="sub">{sub}</div></div>')
        parts.append("</section>")
        parts.append(self._since())
        parts.append(self._channels_table())
        parts.append('<section class="charts">'
                     f'<figure><figcaption>{self._t("score-distribution")}</figcaption>'
                     f"{self._histogram()}</figure><figure><figcaption>"
                     f'{self._t("findings-by-category")}</figcaption>{self._stacked()}</figure>'
                     "</section>")
        parts.append(self._top_rules())
        yield "\n".join(parts)
        for section in (self._campaigns(), self._failing_posts(), self._passing_posts(),
                        self._skipped()):
            yield "\n"
            yield from section
        yield f'\n<footer>{self._t("footer")}</footer></main></body></html>'

    def _since(self) -> str:
        """New, resolved and still-open findings against the previous run of the folder."""
        c = self.comparison
        if c is None:
            return ""
        rate = self.passed / self.checked if self.checked else 0.0
        hint = self._t("since-hint", when=c.previous.when, posts=f"{c.previous.posts:,}",
                       rate=f"{c.previous.pass_rate:.0%}")
        other = ("" if c.same_guide else
                 f'<p class="notice">{self._t("since-other-guide", guide=c.previous.guide_name)}'
                 "</p>")
        cards = "".join(
            f'<div class="card {cls}"><div class="label">{label}</div>'
            f'<div class="value">{value:,}</div><div class="sub">{sub}</div></div>'
            for cls, label, value, sub in (
                ("new", self._t("since-new"), len(c.new),
                 self._t("since-posts", new=f"{c.new_posts:,}", gone=f"{c.gone_posts:,}")),
                ("resolved", self._t("since-resolved"), len(c.resolved),
                 self._t("since-pass-rate", then=f"{c.previous.pass_rate:.0%}",
                         now=f"{rate:.0%}")),
                ("open", self._t("since-open"), c.still_open, ""),
            ))
        lists = "".join(self._changes(key, changes) for key, changes in
                        (("since-new-list", c.new), ("since-resolved-list", c.resolved))
                        if changes)
        return (f'<section class="since"><h2>{self._t("since")}</h2><p class=hint>{hint}</p>'
                f'{other}<div class="cards three">{cards}</div>{lists}</section>')

    def _changes(self, key: str, changes: list[Change], limit: int = 12) -> str:
        rows = "".join(
            f"<tr><td><span class=src>{escape(self._shown(ch.source))}</span></td>"
            f"<td>{self._chip(ch.category)}</td><td>{self._rule(ch.rule)}</td>"
            f"<td>{escape(_clip(ch.text))}</td></tr>"
            for ch in sorted(changes, key=lambda ch: (-SEVERITY_RANK.get(ch.severity, 0),
                                                      ch.source))[:limit])
        more = (f'<p class=hint>{self._t("since-more", n=f"{len(changes) - limit:,}")}</p>'
                if len(changes) > limit else "")
        return (f'<h3>{self._t(key)} <span class=count>{len(changes):,}</span></h3>'
                f'<div class=scroll><table><thead><tr><th>{self._t("col-post")}</th>'
                f'<th>{self._t("col-category")}</th><th>{self._t("col-rule")}</th>'
                f'<th>{self._t("col-context")}</th></tr></thead><tbody>{rows}</tbody></table>'
                f"</div>{more}")

    def _channels_table(self) -> str:
        if not self.checked:
            return f'<p>{self._t("no-posts")}</p>'
        cats = [c for c in CATEGORIES if c in self.cat_score]
        head = "".join(f'<th class=num>{escape(self._category(c))}</th>'
                       for c in cats)
        rows = []
        for ch in sorted(self.channel_posts, key=lambda c: -self.channel_posts[c]):
            n = self.channel_posts[ch]
            cells = "".join(_score_cell(self.channel_cat_score[ch][c] / n) for c in cats)
            rows.append(f"<tr><th>{self._channel(ch)}</th><td class=num>{n:,}</td>"
                        f"<td class=num>{self.channel_passed[ch] / n:.0%}</td>"
                        f"{_score_cell(self.channel_score[ch] / n)}{cells}</tr>")
        overall = "".join(_score_cell(self.cat_score[c] / self.checked) for c in cats)
        mean = sum(self.channel_score.values()) / self.checked
        rows.append(f'<tr class="total"><th>{self._t("all-channels")}</th>'
                    f"<td class=num>{self.checked:,}</td>"
                    f"<td class=num>{self.passed / self.checked:.0%}</td>{_score_cell(mean)}"
                    f"{overall}</tr>")
        return (f'<section><h2>{self._t("by-channel")}</h2>'
                f'<p class=hint>{self._t("by-channel-hint")}</p><div class=scroll><table><thead>'
                f'<tr><th>{self._t("col-channel")}</th><th class=num>{self._t("col-posts")}</th>'
                f'<th class=num>{self._t("col-pass-rate")}</th>'
                f'<th class=num>{self._t("col-score")}</th>{head}</tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table></div></section>")

    def _histogram(self) -> str:
        w, h, pad, base = 420, 200, 30, 170
        peak = max(self.histogram) or 1
        bw = (w - pad - 10) / 10
        out = [f'<svg viewBox="0 0 {w} {h}" role="img" '
               f'aria-label="{self._t("score-distribution")}">']
        for i, n in enumerate(self.histogram):
            bh = (base - 20) * n / peak
            x = pad + i * bw
            colour = "#c0392b" if i < 5 else "#e67e22" if i < 8 else "#2e8b57"
            out.append(f'<rect x="{x + 2:.1f}" y="{base - bh:.1f}" width="{bw - 4:.1f}" '
                       f'height="{bh:.1f}" fill="{colour}" rx="2"><title>'
                       f'{self._tn("posts-in-range", n, low=i * 10, high=i * 10 + 9 if i < 9 else 100)}'
                       "</title></rect>")
            if n:
                out.append(f'<text x="{x + bw / 2:.1f}" y="{base - bh - 4:.1f}" '
                           f'class="v">{n}</text>')
            out.append(f'<text x="{x:.1f}" y="{base + 14}" class="t">{i * 10}</text>')
        out.append(f'<text x="{pad + 10 * bw:.1f}" y="{base + 14}" class="t">100</text>')
        out.append(f'<line x1="{pad}" y1="{base}" x2="{w - 10}" y2="{base}" stroke="#999"/>')
        out.append(f'<text x="{w / 2}" y="{h - 2}" class="t">{self._t("axis-score")}</text></svg>')
        return "".join(out)

    def _stacked(self) -> str:
        channels = sorted(self.findings_by, key=lambda c: -sum(self.findings_by[c].values()))
        if not channels:
            return f'<p class="hint">{self._t("no-findings")}</p>'
        row, label_w, w = 26, 90, 420
        shown = [c for c in CATEGORIES if any(self.findings_by[ch][c] for ch in channels)]
        h = row * len(channels) + 30 + 18 * ((len(shown) + 3) // 4)
        peak = max(sum(self.findings_by[c].values()) for c in channels) or 1
        out = [f'<svg viewBox="0 0 {w} {h}" role="img" '
               f'aria-label="{self._t("findings-by-category")}">']
        for i, ch in enumerate(channels):
            y = 10 + i * row
            out.append(f'<text x="{label_w - 6}" y="{y + 15}" class="l">{self._channel(ch)}'
                       "</text>")
            x = float(label_w)
            for cat in CATEGORIES:
                n = self.findings_by[ch][cat]
                if not n:
                    continue
                bw = (w - label_w - 40) * n / peak
                out.append(f'<rect x="{x:.1f}" y="{y}" width="{bw:.1f}" height="18" '
                           f'fill="{CATEGORY_COLOURS[cat]}"><title>{self._channel(ch)} · '
                           f'{escape(self._category(cat))}: {n}</title></rect>')
                x += bw
            total = sum(self.findings_by[ch].values())
            out.append(f'<text x="{x + 4:.1f}" y="{y + 14}" class="v" text-anchor="start">'
                       f"{total}</text>")
        for i, cat in enumerate(shown):  # legend, four to a row
            lx, ly = 20 + (i % 4) * 100, 10 + len(channels) * row + 12 + 18 * (i // 4)
            out.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" '
                       f'fill="{CATEGORY_COLOURS[cat]}"/><text x="{lx + 14}" y="{ly + 9}" '
                       f'class="k">{escape(self._category(cat))}</text>')
        out.append("</svg>")
        return "".join(out)

    def _top_rules(self) -> str:
        if not self.rules:
            return ""
        rows = "".join(
            f"<tr><td>{self._rule(rule)}</td><td>{self._chip(self.rule_example[rule][0])}"
            f"</td><td class=num>{n:,}</td><td>{escape(self.rule_example[rule][1])}</td></tr>"
            for rule, n in self.rules.most_common(10)
        )
        return (f'<section><h2>{self._t("top-rules")}</h2><div class=scroll><table><thead><tr>'
                f'<th>{self._t("col-rule")}</th><th>{self._t("col-category")}</th>'
                f'<th class=num>{self._t("col-count")}</th><th>{self._t("col-example")}</th></tr>'
                f"</thead><tbody>{rows}</tbody></table></div></section>")

    def _campaign_row(self, r: Report, f: Finding) -> str:
        return (f"<tr><td class=name>{escape(r.campaign or '')}</td><td><span class=src>"
                f"{escape(self._shown(r.source or r.file))}</span><br>"
                f"<span class=tags>{self._channel(r.channel)}</span></td><td class=text-cell>"
                f"{_context(r.text, f, self.lang)}</td><td>{escape(f.message)}</td></tr>")

    def _campaigns(self) -> Iterator[str]:
        if not self.campaign:
            return
        yield (f'<section><h2>{self._t("campaigns")} <span class=count>'
               f'{len(self.campaign):,}</span></h2><p class=hint>{self._t("campaigns-hint")}</p>'
               f'<div class=scroll><table><thead><tr><th>{self._t("col-campaign")}</th>'
               f'<th>{self._t("col-post")}</th><th>{self._t("col-context")}</th>'
               f'<th>{self._t("col-why")}</th></tr></thead><tbody>')
        yield from self.campaign.fragments()
        yield "</tbody></table></div></section>"

    def _rule(self, rule: str) -> str:
        """A rule as the view names it: what it is about for a client, its id inside."""
        known = info(rule)
        summary = escape(known.summary_in(self.lang)) if known else ""
        if not self.internal:  # a rule the rulebook does not describe yet: its id in words
            return summary or escape(rule.replace(".", " ").replace("-", " "))
        return f"<code>{escape(rule)}</code>" + (f"<br><span class=hint>{summary}</span>"
                                                 if summary else "")

    def _failing_posts(self) -> Iterator[str]:
        if not self.failing:
            yield (f'<section><h2>{self._t("failing")}</h2><p>{self._t("all-passed")}</p>'
                   "</section>")
            return
        yield (f'<section><h2>{self._t("failing")} <span class=count>{len(self.failing):,}'
               f'</span></h2><p class=hint>{self._t("failing-hint")}</p>')
        yield from self.failing.fragments()
        yield "</section>"

    def _passing_posts(self) -> Iterator[str]:
        """Posts that passed with findings left: listed collapsed, one line each."""
        if not self.passing:
            return
        yield (f'<section><h2>{self._t("passing")} <span class=count>{len(self.passing):,}'
               f'</span></h2><p class=hint>{self._t("passing-hint")}</p>')
        yield from self.passing.fragments()
        yield "</section>"

    def _post(self, p: Report) -> str:
        tags = [self._channel(p.channel)] + ([self._t("campaign-tag", name=p.campaign)]
                                             if p.campaign else [])
        lost = listing(self.lang, (self._category(c) + f" {s}"
                                   for c, s in p.scores.items() if s < 100))
        groups = by_span(p.findings)
        head = (f'<span class="score {"pass" if p.passed else "fail"}">{p.score}</span>'
                f'<span class="src">{escape(self._shown(p.source or p.file))}</span>'
                f'<span class="tags">{" · ".join(tags)}</span>')
        body = (f'<div class="text">{highlight(p.text, p.findings, self.lang)}</div>'
                + (f'<div class="lost">{self._t("lost", lost=lost)}</div>' if lost else "")
                + "<ol class=findings>" + "".join(self._entry(g, p.text) for g in groups)
                + "</ol>")
        if not p.passed:
            return f'<article class="post"><div class="post-head">{head}</div>{body}</article>'
        count = self._tn("finding-count", len(groups))
        return (f'<details class="post"><summary class="post-head">{head}'
                f'<span class="tags">{count}</span></summary>{body}</details>')

    def _entry(self, group: tuple[Finding, ...], text: str) -> str:
        """One span's findings: every category it affects, each message, the suggestions
        once; the internal view adds rule ids and how to tell voicecheck it is fine."""
        f = group[0]
        chips = " ".join(dict.fromkeys(self._chip(g.category) for g in group))
        rules = (" " + " ".join(f"<code>{escape(g.rule)}</code>" for g in group)
                 if self.internal else "")
        quoted = f"“{escape(_clip(f.text))}” " if f.text and not _whole(f, text) else ""
        messages = escape(sentences(*(g.message for g in group)))
        suggestions = suggestions_of(group)
        sugg = (f' <span class="sugg">→ {escape(" / ".join(suggestions))}</span>'
                if suggestions else "")
        notes = ("".join(f'<div class="how">{escape(h)}</div>' for h in hints(group, self.lang))
                 if self.internal else "")
        return (f'<li class="{f.severity}"><span class="sev">'
                f'{escape(say(self.lang, f"severity/{f.severity}"))}</span> {chips}{rules} '
                f"{quoted}— {messages}{sugg}{notes}</li>")

    def _skipped(self) -> Iterator[str]:
        if not self.skipped:
            return
        yield (f'<section><h2>{self._t("skipped")} <span class=count>{len(self.skipped):,}'
               f'</span></h2><p class=hint>{self._t("skipped-hint")}</p>'
               f'<div class=scroll><table><thead><tr><th>{self._t("col-source")}</th>'
               f'<th>{self._t("col-reason")}</th></tr></thead><tbody>')
        yield from self.skipped.fragments(ordered=False)
        yield "</tbody></table></div></section>"


def _context(text: str, f: Finding, lang: str, around: int = 24) -> str:
    """The finding highlighted with a little text either side (escaped HTML)."""
    if _whole(f, text):
        return escape(_clip(text, 2 * around + 10))
    a, b = max(0, f.start - around), min(len(text), f.end + around)
    return ("…" if a else "") + highlight(text[a:b], [
        Finding(f.rule, f.category, f.severity, f.start - a, f.end - a, f.text, f.message)
    ], lang) + ("…" if b < len(text) else "")


def _whole(f: Finding, text: str) -> bool:
    return f.start == 0 and f.end == len(text) and len(text) > 20


def _clip(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _score_cell(value: float) -> str:
    cls = "bad" if value < 60 else "mid" if value < 80 else "good"
    return f'<td class="num {cls}">{value:.0f}</td>'


def highlight(text: str, findings: list[Finding], lang: str = "en") -> str:
    """Escaped text with <mark>s on finding spans. Overlapping findings split the text
    into pieces; each piece is marked with its most severe finding and titled with all.
    Findings that cover a whole long post (tone, length) are listed, not marked."""
    spans = sorted(((f.start, i, f) for i, f in enumerate(findings)
                    if f.end > f.start and not _whole(f, text)), key=lambda t: t[:2])
    cuts = sorted({0, len(text), *(f.start for _, _, f in spans), *(f.end for _, _, f in spans)})
    out = []
    active: list[tuple[int, Finding]] = []  # (input order, finding) covering this piece
    upcoming = 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[a:b])
        while upcoming < len(spans) and spans[upcoming][0] <= a:
            active.append(spans[upcoming][1:])
            upcoming += 1
        active = [(i, f) for i, f in active if b <= f.end]
        covering = [f for _, f in sorted(active, key=lambda t: t[0])]
        if not covering:
            out.append(piece)
            continue
        worst = max(covering, key=lambda f: SEVERITY_RANK.get(f.severity, 0))
        title = escape(" · ".join(f"{say(lang, f'severity/{f.severity}')}: {f.message}"
                                  for f in covering), quote=True)
        out.append(f'<mark class="{worst.severity}" title="{title}">{piece}</mark>')
    return "".join(out)


_CSS = """
:root{--ink:#1f2933;--muted:#66788a;--line:#e4e7eb;--bg:#f7f8fa;--accent:#2f6f8f}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.6 -apple-system,
 "Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",
 "Source Han Sans SC","Noto Sans SC","WenQuanYi Micro Hei","Helvetica Neue",Arial,sans-serif}
main{max-width:1080px;margin:0 auto;padding:32px 28px 48px}
header{border-bottom:3px solid var(--accent);margin-bottom:24px;padding-bottom:12px}
h1{font-size:28px;margin:0 0 4px;letter-spacing:-.01em}
h2{font-size:19px;margin:36px 0 8px}
.meta,.hint,footer{color:var(--muted);font-size:13px;margin:0 0 10px}
footer{margin-top:40px;border-top:1px solid var(--line);padding-top:10px}
.notice{background:#fff4e5;border-left:4px solid #e67e22;padding:10px 14px}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:14px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 16px}
.card .label{color:var(--muted);font-size:13px}
.card .value{font-size:30px;font-weight:650;line-height:1.2;margin:4px 0}
.card .sub{color:var(--muted);font-size:12px}
.cards.three{grid-template-columns:repeat(3,1fr);margin-bottom:12px}
.card.new .value{color:#c0392b}.card.resolved .value{color:#2e7d4f}
h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:#eef1f4;font-weight:600;font-size:13px}
tr.total th,tr.total td{font-weight:650;border-top:2px solid #cbd2d9}
.num{text-align:right;font-variant-numeric:tabular-nums}
td.bad{color:#c0392b;font-weight:600}td.mid{color:#b9770e}td.good{color:#2e7d4f}
.scroll{overflow-x:auto;border:1px solid var(--line);border-radius:8px}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:14px;margin-top:24px}
figure{margin:0;background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px}
figcaption{font-weight:600;font-size:14px;margin-bottom:6px}
svg{width:100%;height:auto;font-family:inherit}
svg .t,svg .v{font-size:11px;fill:#52606d;text-anchor:middle}
svg .l{font-size:12px;fill:#1f2933;text-anchor:end}svg .k{font-size:11px;fill:#52606d}
.chip{display:inline-block;font-size:12px;padding:0 7px;border-radius:10px;color:#fff;
 background:var(--c);white-space:nowrap}
.count{background:#e4e7eb;border-radius:10px;font-size:13px;padding:1px 9px;vertical-align:2px}
.post{background:#fff;border:1px solid var(--line);border-radius:8px;margin:12px 0;
 padding:14px 16px;break-inside:avoid}
.post-head{display:flex;gap:12px;align-items:baseline;flex-wrap:wrap;margin-bottom:8px}
.score{background:#c0392b;color:#fff;border-radius:6px;padding:1px 9px;font-weight:700}
.score.pass{background:#2e7d4f}
details.post>summary{cursor:pointer;list-style:none;margin-bottom:0}
details.post>summary::-webkit-details-marker{display:none}
details.post>summary::before{content:"▸";color:var(--muted)}
details.post[open]>summary::before{content:"▾"}
details.post[open]>summary{margin-bottom:8px}
.how{color:var(--muted);font-size:12.5px;font-style:italic}
.src{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;word-break:break-all}
.tags{color:var(--muted);font-size:13px}
.text{white-space:pre-wrap;overflow-wrap:anywhere;background:#fbfbfc;border-left:3px solid
 var(--line);padding:8px 12px;font-size:15px;line-height:1.8}
mark{padding:1px 0;border-radius:2px;cursor:help}
mark.error{background:#fde2e1;box-shadow:inset 0 -2px #d64545}
mark.warning{background:#fff1cc;box-shadow:inset 0 -2px #e0a106}
mark.info{background:#e0f0fb;box-shadow:inset 0 -2px #3a8fd6}
td.text-cell{min-width:260px;line-height:1.8}
td.name{white-space:nowrap}
.lost{color:var(--muted);font-size:12px;margin-top:6px}
ol.findings{margin:8px 0 0;padding-left:22px;font-size:14px}
ol.findings li{margin:3px 0}
.sev{font-size:11px;text-transform:uppercase;font-weight:700;letter-spacing:.03em}
li.error .sev{color:#c0392b}li.warning .sev{color:#b9770e}li.info .sev{color:#2f6f8f}
.sugg{color:#2e7d4f}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;color:#3e4c59}
@media (max-width:760px){.cards{grid-template-columns:1fr 1fr}.charts{grid-template-columns:1fr}}
@media print{body{background:#fff;font-size:11pt}main{padding:0;max-width:none}
 .card,figure,.post,.scroll{border-color:#ccc}.post,figure,tr{break-inside:avoid}
 h2{break-after:avoid}mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .chip,.score,svg{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""
