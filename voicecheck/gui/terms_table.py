"""Columns for the guide's tables: terms, channels and extra promotion claims.

Cells are plain text a brand lead can type: lists are comma-separated, per-locale
preferred words read `zh-Hans: 会员; zh-Hant: 會員`, a note per message language
`en: …; zh: …`, optional numbers are blank when not set.
"""

from __future__ import annotations

import re
from typing import Any

from ..guide.model import LOCALES, PARTS_OF_SPEECH, SEVERITIES, Channel, Claim, Term
from ..termbase.cells import LOCALE_PART, format_note, format_pairs, parse_note
from .row_table import Column, RowTableModel, optional_int, split_words
from .strings import tr


def format_prefer(prefer: dict[str, str]) -> str:
    if list(prefer) == ["*"]:
        return prefer["*"]
    return format_pairs(prefer)


def parse_prefer(text: str) -> dict[str, str]:
    """`会员` -> {"*": 会员}; `zh-Hans: 会员; en: member` -> per locale."""
    out: dict[str, str] = {}
    for part in re.split(r"[;；]", text):
        if not part.strip():
            continue
        m = LOCALE_PART.match(part)
        if m:
            out[m.group(1)] = m.group(2)
        elif "*" in out:
            raise ValueError(tr("Write one preferred word, or 'locale: word' pairs"))
        else:
            out["*"] = part.strip()
    return out


def _set(attr: str, convert: Any = None) -> Any:
    def put(row: Any, value: Any) -> None:
        setattr(row, attr, convert(value) if convert else value)
    return put


def term_columns() -> list[Column[Term]]:
    return [
        Column("Prefer", lambda t: format_prefer(t.prefer), _set("prefer", parse_prefer),
               tooltip="The word to use; per language as 'zh-Hans: 会员; zh-Hant: 會員'"),
        _words_column("Avoid", "avoid", "Words to flag at this term's severity, "
                      "comma-separated"),
        Column("Severity", lambda t: t.severity, _set("severity"), kind="choice",
               choices=SEVERITIES, tooltip="What an avoided word costs"),
        Column("Case", lambda t: t.case_sensitive, _set("case_sensitive"), kind="bool",
               tooltip="Match upper/lower case exactly"),
        Column("Exceptions", lambda t: ", ".join(t.exceptions),
               _set("exceptions", split_words),
               tooltip="Longer phrases that contain an avoided word but are fine"),
        _note_column(),
        _words_column("Admitted", "admitted", "Also fine: never flagged, and an avoided word "
                      "inside one is not flagged either"),
        _words_column("Deprecated", "deprecated", "Flagged as warnings"),
        _words_column("Forbidden", "forbidden", "Flagged as errors"),
        Column("Part of speech", lambda t: t.part_of_speech, _set("part_of_speech"),
               kind="choice", choices=("", *PARTS_OF_SPEECH), empty_label="(not set)"),
        Column("Definition", lambda t: format_note(t.definition), _set("definition", parse_note),
               tooltip="What the term means, for the people who write; per language as "
                       "'en: …; zh: …'"),
        Column("Id", lambda t: t.id, _set("id", str.strip),
               tooltip="The entry's id in a term base (TBX); optional"),
    ]


def _words_column(header: str, attr: str, tooltip: str) -> Column[Term]:
    return Column(header, lambda t: ", ".join(getattr(t, attr)), _set(attr, split_words),
                  tooltip=tooltip)


def _note_column() -> Column[Any]:
    return Column("Note", lambda row: format_note(row.note), _set("note", parse_note),
                  tooltip="Why, shown with the finding; per language as 'en: …; zh: …'")


def new_term() -> Term:
    return Term(severity="warning")


def terms_model(parent: Any = None) -> RowTableModel:
    return RowTableModel(term_columns(), parent)


def _rename(channels: RowTableModel) -> Any:
    def put(ch: Channel, value: Any) -> None:
        name = str(value).strip()
        if not name:
            raise ValueError(tr("A channel needs a name"))
        if any(c is not ch and c.name == name for c in channels.rows):
            raise ValueError(tr("There is already a channel named '{0}'", name))
        ch.name = name
    return put


def channels_model(parent: Any = None) -> RowTableModel:
    model = RowTableModel([], parent)
    model.columns = [
        Column("Channel", lambda c: c.name, _rename(model)),
        Column("Language", lambda c: c.language or "", _set("language", lambda v: v or None),
               kind="choice", choices=("", *LOCALES), empty_label="(guide default)"),
        Column("Max chars", lambda c: c.max_chars, _set("max_chars", optional_int),
               kind="int"),
        Column("Fold at", lambda c: c.fold_chars, _set("fold_chars", optional_int),
               kind="int", tooltip="Where the feed preview cuts the post"),
        Column("Title chars", lambda c: c.title_chars, _set("title_chars", optional_int),
               kind="int", tooltip="The first line is a title of at most this length"),
        Column("Counting", lambda c: c.counting, _set("counting"), kind="choice",
               choices=("chars", "twitter"),
               tooltip="twitter: CJK and emoji count 2, links count 23"),
        Column("Hashtag", lambda c: c.hashtag or "", _set("hashtag", lambda v: v or None),
               kind="choice", choices=("", "#topic#", "#topic"), empty_label="(none)"),
        Column("Max #", lambda c: c.max_hashtags, _set("max_hashtags", optional_int),
               kind="int", tooltip="Most hashtags allowed"),
        Column("Max @", lambda c: c.max_mentions, _set("max_mentions", optional_int),
               kind="int", tooltip="Most mentions allowed"),
        Column("Links", lambda c: c.links, _set("links"), kind="bool",
               tooltip="Links allowed in the post"),
    ]
    return model


def new_channel(existing: list[Channel]) -> Channel:
    names = {c.name for c in existing}
    n = 1
    while f"channel{n}" in names:
        n += 1
    return Channel(name=f"channel{n}")


def claims_model(parent: Any = None) -> RowTableModel:
    return RowTableModel([
        Column("Claim", lambda c: c.text, _set("text", str)),
        Column("Suggestions", lambda c: ", ".join(c.suggest), _set("suggest", split_words)),
        Column("Severity", lambda c: c.severity, _set("severity"), kind="choice",
               choices=SEVERITIES),
        _note_column(),
    ], parent)


def new_claim() -> Claim:
    return Claim(text="")
