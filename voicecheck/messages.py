"""Finding messages in English and Simplified Chinese, from one catalog of templates.

Checks never format prose themselves: they name a catalog entry
(`data/rules/messages.yaml`, keyed by rule id) and pass its parameters, so every
message exists in both languages and a wording change is a data change.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from . import data as builtin_data
from .guide.model import BUILTIN_NAME, BUILTIN_SOURCE, MESSAGE_LANGUAGES, Guide
from .guide.model import Note as Localized
from .text.script import converter, is_han

__all__ = ["DEFAULT", "LANGUAGES", "NO_CHANNEL", "Localized", "channel_label", "channel_name",
           "guide_label", "listing", "pick", "say", "say_n", "sentences"]

DEFAULT = "en"
NO_CHANNEL = "default"  # the channel of a report checked without one: the guide's defaults
# Output languages. Traditional Chinese is the Simplified catalog converted by OpenCC
# (script only, readable in Taiwan and Hong Kong alike), so it can never fall behind.
TRADITIONAL = "zh-Hant"
LANGUAGES = (*MESSAGE_LANGUAGES, TRADITIONAL)
_FORMATTER = string.Formatter()


def catalog() -> dict[str, dict[str, str]]:
    return builtin_data.rules("messages")["messages"]


def pick(value: Localized, lang: str) -> str:
    """`value` in `lang`; the other language when only that one is given."""
    if isinstance(value, str):
        return value
    if lang == TRADITIONAL:
        return traditional(pick(value, "zh"))
    return value.get(lang) or next((v for v in value.values() if v), "")


@lru_cache(maxsize=4096)
def traditional(text: str) -> str:
    """Our own words (templates, notes, UI text) in Traditional characters."""
    return converter("s2tw").convert(text)


def _latin_edge(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _spaced(before: str, after: str) -> bool:
    """Where a placeholder meets the template, Chinese and a Latin word or number get a
    space (the copywriting convention); the placeholder's own text is never touched."""
    if not before or not after:
        return False
    a, b = before[-1], after[0]
    return (is_han(a) and _latin_edge(b)) or (_latin_edge(a) and is_han(b))


def render(template: str, params: Mapping[str, Any], spaced: bool = False) -> str:
    out = ""
    for literal, field, spec, conversion in _FORMATTER.parse(template):
        if spaced and _spaced(out, literal):
            out += " "
        out += literal
        if field is None:
            continue
        value = _FORMATTER.convert_field(params[field], conversion)
        text = _FORMATTER.format_field(value, spec or "")
        if spaced and _spaced(out, text):
            out += " "
        out += text
    return out


def say(lang: str, key: str, **params: Any) -> str:
    """The catalog message `key` in `lang` ("en", "zh" or "zh-Hant"), filled from params.
    Only the template is converted to Traditional: quoted post text stays as written."""
    return render(pick(catalog()[key], lang), params, spaced=lang != DEFAULT)


def listing(lang: str, items: Iterable[str], limit: int | None = None) -> str:
    """Items joined the language's way (', ' or '、'), cut to `limit` with 'and N more'."""
    items = list(items)
    shown = say(lang, "list/separator").join(items[:limit])
    if limit is None or len(items) <= limit:
        return shown
    return say(lang, "list/more", shown=shown, more=len(items) - limit)


# A guide's own channel named after a built-in one and a region: facebook_hk, weibo-tw.
_REGIONAL_CHANNEL = re.compile(r"^(?P<base>[a-z]+)[_-](?P<region>[a-z]{2})$")
_REGION_SUFFIXES = {"hk": "zh-Hant-HK", "tw": "zh-Hant-TW", "cn": "zh-Hans"}


def channel_name(lang: str, name: str) -> str:
    """A channel as a person reads it: Weibo, 微博, Facebook (Hong Kong); keys stay in
    files and JSON. A guide's own channel keeps its key unless it is a built-in name
    with a region suffix."""
    if lang == TRADITIONAL:  # our names converted; a guide's own channel key is kept
        shown = channel_name("zh", name)
        return traditional(shown) if shown != name else name
    names = builtin_data.rules("messages")["channel_names"].get(lang, {})
    if name in names:
        return names[name]
    regional = _REGIONAL_CHANNEL.match(name)
    if regional is None or regional["base"] not in names:
        return name
    suffix = regional["region"]
    region = (say(lang, f"region/{_REGION_SUFFIXES[suffix]}") if suffix in _REGION_SUFFIXES
              else suffix.upper())
    return say(lang, "channel/regional", channel=names[regional["base"]], region=region)


def channel_label(lang: str, name: str | None) -> str:
    """A channel as a heading or list names it: like `channel_name`, and the guide's
    default profile (no channel) by that name."""
    if name is None or name == NO_CHANNEL:
        return say(lang, "channel/default")
    return channel_name(lang, name)


def guide_label(lang: str, guide: Guide, file: str | None = None) -> str:
    """The guide as a person knows it, by name and file: "清泉茶饮 (styleguides/cs.yaml)",
    "built-in default guide (builtin:default)". `file`: how to show its file (default:
    as it was given)."""
    builtin = guide.source == BUILTIN_SOURCE
    where = BUILTIN_NAME if builtin else file or guide.source
    name = guide.brand.name or (say(lang, "guide/builtin") if builtin else "")
    return say(lang, "guide/label", name=name, file=where) if name else where


def say_n(lang: str, key: str, n: int, /, **params: Any) -> str:
    """`say` for a message about `n` things: the `KEY/one` form when n is 1 and the
    catalog has one (English "1 post", not "1 posts")."""
    one = f"{key}/one"
    return say(lang, one if n == 1 and one in catalog() else key, **params)


def sentences(*parts: str) -> str:
    """Sentences joined: a space after Latin punctuation, none after a full-width mark."""
    out = ""
    for part in filter(None, parts):
        out += part if not out or out[-1] in "。！？）”" else " " + part
    return out
