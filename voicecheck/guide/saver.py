"""Write guides back to YAML, atomically, keeping one backup.

A crash or full disk mid-save must never leave the brand lead with a truncated guide.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..atomic import write_atomic
from .model import Channel, Claim, Family, Guide, Pattern, Term


def _claim(c: Claim) -> Any:
    if not (c.suggest or c.note or c.basis or c.severity != "error"):
        return c.text
    out: dict[str, Any] = {"text": c.text}
    if c.suggest:
        out["suggest"] = list(c.suggest)
    if c.severity != "error":
        out["severity"] = c.severity
    if c.note:
        out["note"] = c.note
    if c.basis:
        out["basis"] = dict(c.basis)
    return out


def _rule(r: Family | Pattern, head: dict[str, Any]) -> dict[str, Any]:
    """A family or pattern: its own key first, then what differs from the defaults."""
    defaults = type(r)(rule=r.rule, **{k: v for k, v in head.items()})
    out: dict[str, Any] = {"rule": r.rule, **head}
    for key in ("gap", "exceptions", "not_after", "unless", "locales", "severity", "suggest",
                "note", "basis"):
        value = getattr(r, key, None)
        if value is not None and value != getattr(defaults, key, None):
            out[key] = value
    return out


def _term(t: Term) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if t.id:
        out["id"] = t.id
    if t.prefer:
        out["prefer"] = t.prefer["*"] if list(t.prefer) == ["*"] else dict(t.prefer)
    for status in ("admitted", "avoid", "deprecated", "forbidden"):
        if getattr(t, status):
            out[status] = list(getattr(t, status))
    if t.case_sensitive:
        out["case_sensitive"] = True
    if t.avoid or t.severity != "warning" or not (t.admitted or t.deprecated or t.forbidden):
        out["severity"] = t.severity  # it prices the `avoid` words
    if t.part_of_speech:
        out["part_of_speech"] = t.part_of_speech
    if t.definition:
        out["definition"] = t.definition
    if t.note:
        out["note"] = t.note
    if t.exceptions:
        out["exceptions"] = list(t.exceptions)
    if t.inflect == t.case_sensitive:  # not the default for its case rule
        out["inflect"] = t.inflect
    return out


def _channel(c: Channel) -> dict[str, Any]:
    defaults = Channel(name=c.name)
    out: dict[str, Any] = {}
    for key in ("language", "max_chars", "fold_chars", "title_chars", "counting", "hashtag",
                "max_hashtags", "max_mentions", "links"):
        value = getattr(c, key)
        if value != getattr(defaults, key):
            out[key] = value
    if c.tone:
        out["tone"] = {k: list(v) for k, v in c.tone.items()}
    return out


def guide_to_data(g: Guide) -> dict[str, Any]:
    """The guide as plain data in the documented key order, defaults left out."""
    data: dict[str, Any] = {"version": g.version}
    brand: dict[str, Any] = {}
    if g.brand.name:
        brand["name"] = g.brand.name
    if g.brand.aliases:
        brand["aliases"] = dict(g.brand.aliases)
    if brand:
        data["brand"] = brand
    data["language"] = g.language
    if g.extends:
        data["extends"] = list(g.extends)
    voice: dict[str, Any] = {}
    if g.voice.summary:
        voice["summary"] = g.voice.summary
    if g.voice.tone:
        voice["tone"] = {k: list(v) for k, v in g.voice.tone.items()}
    if voice:
        data["voice"] = voice
    if g.terms:
        data["terms"] = [_term(t) for t in g.terms]
    p = g.promotion
    promo: dict[str, Any] = {}
    if p.max_exclamations is not None:
        promo["max_exclamations"] = p.max_exclamations
    if p.max_emoji is not None:
        promo["max_emoji"] = p.max_emoji
    if p.allow:
        promo["allow"] = list(p.allow)
    if p.claims:
        promo["claims"] = [_claim(c) for c in p.claims]
    if p.hard_sell:
        promo["hard_sell"] = [_claim(c) for c in p.hard_sell]
    if promo:
        data["promotion"] = promo
    if g.channels:
        data["channels"] = {name: _channel(c) for name, c in g.channels.items()}
    comp = {k: list(v) for k, v in vars(g.compliance).items() if v}
    if comp:
        data["compliance"] = comp
    data["scoring"] = {"pass": g.scoring.pass_score}
    if g.lists:
        data["lists"] = {k: list(v) for k, v in g.lists.items()}
    if g.families:
        data["families"] = [_rule(f, {"match": f.match}) for f in g.families]
    if g.patterns:
        data["patterns"] = [_rule(p, {"pattern": p.pattern}) for p in g.patterns]
    if g.spacy_model:
        data["spacy_model"] = g.spacy_model
    return data


class _Dumper(yaml.SafeDumper):
    """Flow style for short scalar lists ([30, 70], [VIP]) keeps guides readable."""


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(not isinstance(i, dict | list) for i in data) and len(str(data)) < 60
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def dump_data(data: Any) -> str:
    """Guide data (or a piece of it) as YAML in the guides' house style."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def dump_guide(g: Guide) -> str:
    return dump_data(guide_to_data(g))


def save_text(text: str, path: str | Path) -> None:
    """Atomic replace keeping mode and symlinks; the previous file kept as .bak (see
    atomic.py)."""
    write_atomic(path, [text], backup=True)


def save_guide(g: Guide, path: str | Path) -> None:
    save_text(dump_guide(g), path)
