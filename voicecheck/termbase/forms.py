"""A guide term as a term base entry: its word forms, each with a language and a status.

Term bases (TBX, spreadsheets) list words one by one, each in a language and with a
status; a guide term groups them: `prefer` per locale (preferred), `admitted`,
`deprecated`, `forbidden`, and `avoid` (voicecheck's own status: flagged at the term's
`severity`). A preferred word written for every language (`prefer: ClearSpring`) has the
language `*`; other words keep no language in the guide (they are looked for in every
post), so they are given the one their script shows when written out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..guide.model import LOCALES, Note, Term
from ..guide.schema import GuideError, Problem
from ..text.script import HAN, char_script

ANY = "*"  # a preferred word for every language
WORD_STATUSES = ("admitted", "avoid", "deprecated", "forbidden")  # Term's list fields
STATUSES = ("preferred", *WORD_STATUSES)


class TermBaseError(GuideError):
    """Located problems in a term base file (exit code 2)."""


@dataclass(frozen=True)
class Form:
    """One word of an entry."""

    text: str
    status: str  # one of STATUSES
    language: str  # a guide locale, "zh", or ANY


@dataclass
class Entry:
    """What a term base row or concept carries besides its forms (Term's other fields)."""

    forms: list[Form] = field(default_factory=list)
    id: str = ""
    part_of_speech: str = ""
    definition: Note = ""
    note: Note = ""
    case_sensitive: bool = False
    severity: str = "warning"
    exceptions: list[str] = field(default_factory=list)
    inflect: bool | None = None  # None: the default for its case rule


def language_of(word: str, fallback: str = "zh-Hans") -> str:
    """The language a word's script shows: en for Latin, zh-Hans or zh-Hant when its
    characters say so, else `fallback` (a Chinese locale)."""
    if not HAN.search(word):
        return "en"
    scripts = {char_script(ch) for ch in word if HAN.match(ch)} - {"both"}
    if scripts == {"hant"}:
        return fallback if fallback.startswith("zh-Hant") else "zh-Hant"
    if scripts == {"hans"}:
        return "zh-Hans"
    return fallback if fallback.startswith("zh") else "zh-Hans"


def forms_of(term: Term, language: str = "zh-Hans") -> list[Form]:
    """Every word of a term with its status and language (`language`: the guide's, for
    Chinese words whose script does not tell)."""
    forms = [Form(word, "preferred", loc) for loc, word in term.prefer.items()]
    for status in WORD_STATUSES:
        forms.extend(Form(w, status, language_of(w, language)) for w in getattr(term, status))
    return forms


def entry_of(term: Term, language: str = "zh-Hans") -> Entry:
    inflect = None if term.inflect != term.case_sensitive else term.inflect
    return Entry(forms_of(term, language), term.id, term.part_of_speech, term.definition,
                 term.note, term.case_sensitive, term.severity, list(term.exceptions), inflect)


def term_from(entry: Entry) -> Term:
    """The guide term of an entry. A second preferred word in one locale is admitted (a
    guide term prefers one word per locale)."""
    prefer: dict[str, str] = {}
    lists: dict[str, list[str]] = {s: [] for s in WORD_STATUSES}
    for form in entry.forms:
        if form.status == "preferred" and form.language not in prefer:
            prefer[form.language] = form.text
        else:
            status = "admitted" if form.status == "preferred" else form.status
            if form.text not in lists[status]:
                lists[status].append(form.text)
    inflect = (not entry.case_sensitive) if entry.inflect is None else entry.inflect
    return Term(prefer=prefer, case_sensitive=entry.case_sensitive, severity=entry.severity,
                note=entry.note, exceptions=list(entry.exceptions), inflect=inflect,
                id=entry.id, part_of_speech=entry.part_of_speech, definition=entry.definition,
                **lists)


# BCP 47 tags a term base may use, as guide locales (regions a guide has no word for fall
# back to their script: zh-SG writes like the mainland, zh-MO like Hong Kong).
_TAGS = {"zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-my": "zh-Hans", "zh-hans-cn": "zh-Hans",
         "zh-tw": "zh-Hant-TW", "zh-hk": "zh-Hant-HK", "zh-mo": "zh-Hant-HK", "zh": "zh",
         "zh-hant-mo": "zh-Hant-HK", "*": ANY, "": ANY}


def locale_for_tag(tag: str) -> str | None:
    """A guide locale for a language tag (en-US -> en, zh-TW -> zh-Hant-TW), or None for a
    language voicecheck does not check."""
    low = tag.strip().replace("_", "-").lower()
    if low in _TAGS:
        return _TAGS[low]
    for loc in sorted(LOCALES, key=len, reverse=True):
        if low == loc.lower() or low.startswith(loc.lower() + "-"):
            return loc
    if low.startswith("zh-hans"):
        return "zh-Hans"
    if low.startswith("zh-hant"):
        return "zh-Hant"
    return None


# ---- reading, writing, merging ----------------------------------------------------------

def read_terms(path: str | Path, file: str | None = None) -> tuple[list[Term], list[str]]:
    """The terms of a .csv/.tsv or .tbx/.xml file and notes on what was left out (languages
    voicecheck does not check). Raises TermBaseError with located problems."""
    from . import csv_terms, tbx

    p = Path(path)
    label = file or str(path)
    if p.suffix.lower() in (".csv", ".tsv", ".txt"):
        entries, notes = csv_terms.read(p, label)
    elif p.suffix.lower() in (".tbx", ".xml"):
        entries, notes = tbx.read(p, label)
    else:
        raise TermBaseError([Problem(label, 1, 1, f"not a term base: use a .csv or .tbx file "
                                                  f"(got {p.suffix or 'no extension'})")])
    return [term_from(e) for e in entries], notes


def write_terms(terms: Iterable[Term], path: str | Path, language: str = "zh-Hans",
                title: str = "") -> None:
    """Write terms as CSV (.csv) or TBX-Basic (.tbx), atomically."""
    from ..atomic import write_atomic
    from . import csv_terms, tbx

    entries = [entry_of(t, language) for t in terms]
    suffix = Path(path).suffix.lower()
    if suffix in (".tbx", ".xml"):
        text = tbx.dump(entries, language, title)
    elif suffix in (".csv", ".tsv", ".txt"):
        text = csv_terms.dump(entries, "\t" if suffix == ".tsv" else ",")
    else:
        raise ValueError(f"{path}: write a .csv or .tbx file")
    write_atomic(path, [text])


def same_term(a: Term, b: Term) -> bool:
    """Equal but for the order of words in a list (a term base groups them by language)."""
    def key(t: Term) -> Term:
        return replace(t, origin=None, **{s: sorted(getattr(t, s)) for s in WORD_STATUSES})
    return key(a) == key(b)


def merge(existing: list[Term], imported: list[Term]) -> tuple[list[Term], int, int]:
    """The guide's terms with imported ones folded in: an imported term replaces the one
    with the same id, or else the first that shares a word with it (the term base is the
    authority on its words); others are added at the end. (terms, replaced, added); a
    term that comes back as it is stays as written."""
    out = list(existing)
    replaced = added = 0

    def keys(t: Term) -> set[str]:
        return {w if t.case_sensitive else w.lower() for w in t.words()}

    for term in imported:
        at = next((i for i, t in enumerate(out) if term.id and t.id == term.id), None)
        if at is None:
            mine = keys(term)
            at = next((i for i, t in enumerate(out) if keys(t) & mine), None)
        if at is None:
            out.append(term)
            added += 1
        elif not same_term(out[at], term):
            out[at] = replace(term, origin=out[at].origin)
            replaced += 1
    return out, replaced, added
