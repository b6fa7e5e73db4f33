"""Declarative schema for style-guide YAML, read straight from PyYAML nodes.

Reading nodes (not loaded Python values) is what lets every error name the exact
file:line:column the user has to fix.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import templates
from .model import (
    LOCALES,
    MESSAGE_LANGUAGES,
    PARTS_OF_SPEECH,
    RULES,
    SEVERITIES,
    TONE_DIMENSIONS,
    Origin,
)


@dataclass
class Problem:
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class GuideError(Exception):
    """All problems found in a guide (and its packs); never raised with an empty list."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Reader:
    file: str
    problems: list[Problem] = field(default_factory=list)

    def origin(self, node: yaml.Node) -> Origin:
        return Origin(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, node: yaml.Node, message: str) -> None:
        o = self.origin(node)
        self.problems.append(Problem(o.file, o.line, o.column, message))


_QUOTED = 40  # characters of a value an error quotes (a whole file may be one scalar)


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"'{_clip(str(node.value))}'" if node.value else "empty"


def _clip(value: str) -> str:
    """A value as an error quotes it: on one line, at most _QUOTED characters."""
    value = " ".join(value.split())
    return value[:_QUOTED - 1] + "…" if len(value) > _QUOTED else value


def compose(text: str, file: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The YAML node tree of `text`, or the located syntax error."""
    from ..data import YAML_LOADER

    try:
        return yaml.compose(text, Loader=YAML_LOADER), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        return None, [Problem(file, line, col, f"YAML syntax error: {problem}")]
    except yaml.YAMLError as exc:
        return None, [Problem(file, 1, 1, f"YAML error: {exc}")]


_CONSTRUCTOR = yaml.SafeLoader("")
_INVALID = object()
_NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_NOT_TEXT = (*_NUMBERS, "tag:yaml.org,2002:bool")


def _construct(node: yaml.Node) -> Any:
    """Resolve a scalar with YAML's own implicit typing (int, bool, null, str); _INVALID
    when its tag does not fit its text (`!!int abc`, `!!bool maybe`, `!!timestamp x`) or
    the number is too long for Python to read (over 4,300 digits)."""
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except (ValueError, TypeError, AttributeError, KeyError, yaml.YAMLError):
        return _INVALID


class Spec:
    expected = "a value"

    def read(self, node: yaml.Node, r: Reader) -> Any:
        raise NotImplementedError


class Str(Spec):
    """Text. A number is an error (`name: 5`, `avoid: 5` are slips, not the text "5";
    quoted it is text), except where numbers are what people write (`numbers=True`:
    phone numbers). Yes/no/on/off stay words as written: word lists hold them."""

    expected = "text"

    def __init__(self, nonempty: bool = True, numbers: bool = False):
        self.nonempty, self.numbers = nonempty, numbers

    def read(self, node: yaml.Node, r: Reader) -> Any:
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            r.error(node, f"expected text, got {_kind(node)}")
            return None
        if node.tag in _NUMBERS and not self.numbers:
            r.error(node, f"expected text, got the number {_kind(node)} (put it in quotes if "
                          "it is meant as text)")
            return None
        value = str(node.value)
        if self.nonempty and not value.strip():
            r.error(node, "expected non-empty text")
            return None
        return value


class Int(Spec):
    def __init__(self, lo: int = 0, hi: int | None = None):
        self.lo, self.hi = lo, hi

    def read(self, node: yaml.Node, r: Reader) -> Any:
        value = _construct(node) if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(value, int) or isinstance(value, bool):  # _INVALID too
            r.error(node, f"expected a whole number, got {_kind(node)}")
            return None
        if value < self.lo or (self.hi is not None and value > self.hi):
            bounds = f"at least {self.lo}" if self.hi is None else f"{self.lo} to {self.hi}"
            r.error(node, f"{value} is out of range ({bounds})")
            return None
        return value


class Bool(Spec):
    def read(self, node: yaml.Node, r: Reader) -> Any:
        value = _construct(node) if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(value, bool):
            r.error(node, f"expected true or false, got {_kind(node)}")
            return None
        return value


class Enum(Spec):
    def __init__(self, values: tuple[str, ...], what: str):
        self.values, self.what = values, what

    def read(self, node: yaml.Node, r: Reader) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            r.error(node, f"expected {self.what}, got {_kind(node)}")
            return None
        value = str(node.value)
        if value not in self.values:
            r.error(node, f"unknown {self.what} '{_clip(value)}'"
                          f"{_did_you_mean(value, self.values)}"
                          f" (one of: {', '.join(self.values)})")
            return None
        return value


class ListOf(Spec):
    def __init__(self, item: Spec, single_ok: bool = False):
        self.item, self.single_ok = item, single_ok

    def read(self, node: yaml.Node, r: Reader) -> Any:
        if self.single_ok and isinstance(node, yaml.ScalarNode):
            value = self.item.read(node, r)
            return [] if value is None else [value]
        if not isinstance(node, yaml.SequenceNode):
            r.error(node, f"expected a list, got {_kind(node)}")
            return None
        items = [self.item.read(n, r) for n in node.value]
        return [i for i in items if i is not None]


class MapOf(Spec):
    """A mapping with free keys (channel names, locales)."""

    def __init__(self, key: Spec, value: Spec):
        self.key, self.value = key, value

    def read(self, node: yaml.Node, r: Reader) -> Any:
        if not isinstance(node, yaml.MappingNode):
            r.error(node, f"expected a mapping, got {_kind(node)}")
            return None
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            key = self.key.read(knode, r)
            if key is None:
                continue
            if key in out:
                r.error(knode, f"duplicate key '{key}'")
                continue
            value = self.value.read(vnode, r)
            if value is not None:
                out[key] = value
        return out


class Struct(Spec):
    """A mapping with known keys; unknown keys are errors with a did-you-mean, and a
    `required` key that is missing is one too."""

    def __init__(self, fields: dict[str, Spec], keep_origin: bool = False,
                 required: tuple[str, ...] = ()):
        self.fields, self.keep_origin, self.required = fields, keep_origin, required

    def read(self, node: yaml.Node, r: Reader) -> Any:
        if not isinstance(node, yaml.MappingNode):
            r.error(node, f"expected a mapping, got {_kind(node)}")
            return None
        out: dict[str, Any] = {}
        seen: set[str] = set()
        if self.keep_origin:
            out["_origin"] = r.origin(node)
        for knode, vnode in node.value:
            key = str(knode.value) if isinstance(knode, yaml.ScalarNode) else None
            if key not in self.fields:
                name = key if key is not None else _kind(knode)
                r.error(knode, f"unknown key '{name}'{_did_you_mean(name, self.fields)}")
                continue
            if key in out:
                r.error(knode, f"duplicate key '{key}'")
                continue
            seen.add(key)
            value = self.fields[key].read(vnode, r)
            if value is not None:
                out[key] = value
        missing = [k for k in self.required if k not in seen]
        if missing:
            r.error(node, f"missing '{missing[0]}'")
            return None
        return out


class Either(Spec):
    """A scalar read one way or a mapping read another (e.g. `prefer: word` or per-locale)."""

    def __init__(self, scalar: Spec, mapping: Spec):
        self.scalar, self.mapping = scalar, mapping

    def read(self, node: yaml.Node, r: Reader) -> Any:
        spec = self.mapping if isinstance(node, yaml.MappingNode) else self.scalar
        return spec.read(node, r)


class Localized(Spec):
    """Text as written, or the same text per message language: `{en: ..., zh: ...}`.

    A number or a yes/no is an error rather than silently becoming text."""

    def __init__(self, nonempty: bool = True):
        self.text = Str(nonempty)
        self.by_language = Struct({lang: Str() for lang in MESSAGE_LANGUAGES})

    def read(self, node: yaml.Node, r: Reader) -> Any:
        expected = f"expected text or {{{': …, '.join(MESSAGE_LANGUAGES)}: …}}"
        if isinstance(node, yaml.MappingNode):
            before = len(r.problems)
            value = self.by_language.read(node, r)
            if not value and len(r.problems) == before:
                r.error(node, f"{expected}, got an empty mapping")
            return value or None
        if isinstance(node, yaml.SequenceNode) or node.tag in _NOT_TEXT:
            r.error(node, f"{expected}, got {_kind(node)}")
            return None
        return self.text.read(node, r)


class ToneRange(Spec):
    def read(self, node: yaml.Node, r: Reader) -> Any:
        if not isinstance(node, yaml.SequenceNode) or len(node.value) != 2:
            r.error(node, f"expected a range [low, high], got {_kind(node)}")
            return None
        lo, hi = (Int(0, 100).read(n, r) for n in node.value)
        if lo is None or hi is None:
            return None
        if lo > hi:
            r.error(node, f"range [{lo}, {hi}] is reversed: low must not exceed high")
            return None
        return (lo, hi)


class Template(Spec):
    """A Chinese family template; syntax errors point at the character."""

    def __init__(self, gaps: bool = True):
        self.gaps = gaps

    def read(self, node: yaml.Node, r: Reader) -> Any:
        value = Str().read(node, r)
        if value is None:
            return None
        try:
            slots = templates.parse(value)
        except templates.TemplateError as exc:
            _error_at(r, node, exc.column, f"template '{value}': {exc}")
            return None
        if not self.gaps and any(s.gap_before or s.number or s.lookahead for s in slots):
            r.error(node, f"'{value}': gaps ({templates.GAP}), numbers ({{#}}) and what must"
                          " follow ({>…}) only belong in `match`")
            return None
        return value


def _error_at(r: Reader, node: yaml.Node, column: int, message: str) -> None:
    """An error `column` characters into a plain scalar (quoted: at its opening quote)."""
    o = r.origin(node)
    plain = node.style is None if isinstance(node, yaml.ScalarNode) else False
    r.problems.append(Problem(o.file, o.line, o.column + (column - 1 if plain else 0), message))


# spaCy Matcher token attributes a pattern may test, and the values each takes.
_TOKEN_TEXT = ("ORTH", "TEXT", "NORM", "LOWER", "LEMMA", "SHAPE", "PREFIX", "SUFFIX", "POS",
               "TAG", "MORPH", "DEP", "ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID")
_TOKEN_FLAGS = ("IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE",
                "IS_PUNCT", "IS_SPACE", "IS_STOP", "IS_SENT_START", "LIKE_NUM", "LIKE_URL",
                "LIKE_EMAIL", "SPACY", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT",
                "IS_RIGHT_PUNCT", "IS_CURRENCY")
_TOKEN_NUMBERS = ("LENGTH",)
_PREDICATES = ("IN", "NOT_IN", "REGEX", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS", "==", "!=",
               ">=", "<=", ">", "<")
_OP = re.compile(r"[!?+*]|\{\d+\}|\{\d*,\d*\}")
# Attributes only a trained pipeline sets: patterns using them wait for one.
TRAINED_ONLY = frozenset({"POS", "TAG", "MORPH", "DEP", "ENT_TYPE", "ENT_IOB", "ENT_ID",
                          "ENT_KB_ID"})


class TokenPattern(Spec):
    """A spaCy Matcher pattern: a list of token mappings, checked key by key here (so a
    typo is reported at its line) and compiled by spaCy only when English text needs it."""

    def read(self, node: yaml.Node, r: Reader) -> Any:
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            r.error(node, f"expected a list of token patterns, got {_kind(node)}")
            return None
        before = len(r.problems)
        tokens = [self._token(t, r) for t in node.value]
        if len(r.problems) > before:
            return None
        if all(t.get("OP") in ("?", "*") for t in tokens):
            r.error(node, "a pattern needs at least one token that must be there")
            return None
        return tokens

    def _token(self, node: yaml.Node, r: Reader) -> dict[str, Any]:
        if not isinstance(node, yaml.MappingNode):
            r.error(node, f"expected a token pattern mapping, got {_kind(node)}")
            return {}
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            key = str(knode.value) if isinstance(knode, yaml.ScalarNode) else ""
            known = (*_TOKEN_TEXT, *_TOKEN_FLAGS, *_TOKEN_NUMBERS, "OP")
            if key not in known:
                r.error(knode, f"unknown token attribute '{key}'{_did_you_mean(key, known)}")
                continue
            value = self._value(key, vnode, r)
            if value is not None:
                out[key] = value
        return out

    def _value(self, key: str, node: yaml.Node, r: Reader) -> Any:
        if key == "OP":
            op = node.value if isinstance(node, yaml.ScalarNode) else None
            if not isinstance(op, str) or not _OP.fullmatch(op):
                r.error(node, "OP is one of ! ? + * {n} {n,m} {n,} {,m}")
                return None
            return op
        if key in _TOKEN_FLAGS:
            return Bool().read(node, r)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for pk, pv in node.value:
                pred = str(pk.value) if isinstance(pk, yaml.ScalarNode) else ""
                if pred not in _PREDICATES:
                    r.error(pk, f"unknown predicate '{pred}'{_did_you_mean(pred, _PREDICATES)}")
                    continue
                if pred in ("IN", "NOT_IN", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS"):
                    value = (Str().read(pv, r) if isinstance(pv, yaml.ScalarNode)
                             else ListOf(Str()).read(pv, r))
                    if isinstance(value, str) and not value.startswith("@"):
                        r.error(pv, f"{pred} takes a list, or \"@name\" of a word list")
                        continue
                elif pred == "REGEX":
                    value = Str().read(pv, r)
                    if value is not None:
                        try:
                            re.compile(value)
                        except re.error as exc:
                            r.error(pv, f"bad regular expression: {exc}")
                            continue
                else:
                    value = Int(0).read(pv, r)
                if value is not None:
                    out[pred] = value
            return out or None
        if key in _TOKEN_NUMBERS:
            return Int(0).read(node, r)
        return Str().read(node, r)


def _did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


LOCALE = Enum(LOCALES, "language")
SEVERITY = Enum(SEVERITIES, "severity")
TONE = Struct({d: ToneRange() for d in TONE_DIMENSIONS})
WORDS = ListOf(Str(), single_ok=True)

BASIS = MapOf(LOCALE, Localized())
CLAIM = Either(
    Str(),
    Struct(
        {"text": Str(), "suggest": WORDS, "severity": SEVERITY, "note": Localized(nonempty=False),
         "basis": BASIS},
        keep_origin=True, required=("text",),
    ),
)
RULE = Enum(tuple(RULES), "rule")
PHRASES = ListOf(Template(gaps=False), single_ok=True)
_RULE_FIELDS = {"rule": RULE, "exceptions": PHRASES, "not_after": PHRASES, "unless": PHRASES,
                "locales": ListOf(LOCALE, single_ok=True), "severity": SEVERITY, "suggest": WORDS,
                "note": Localized(nonempty=False), "basis": BASIS}
FAMILY = Struct({"match": Template(), "gap": Int(0, 20), **_RULE_FIELDS}, keep_origin=True)
PATTERN = Struct({"pattern": TokenPattern(), **_RULE_FIELDS}, keep_origin=True)
LIST_NAME = Str()

TERM = Struct(
    {
        "id": Str(numbers=True),
        "prefer": Either(Str(), MapOf(Enum((*LOCALES, "zh"), "language"), Str())),
        "admitted": WORDS,
        "avoid": WORDS,
        "deprecated": WORDS,
        "forbidden": WORDS,
        "case_sensitive": Bool(),
        "severity": SEVERITY,
        "part_of_speech": Enum(PARTS_OF_SPEECH, "part of speech"),
        "definition": Localized(nonempty=False),
        "note": Localized(nonempty=False),
        "exceptions": WORDS,
        "inflect": Bool(),
    },
    keep_origin=True,
)

CHANNEL = Struct(
    {
        "language": LOCALE,
        "max_chars": Int(1),
        "fold_chars": Int(1),
        "title_chars": Int(1),
        "counting": Enum(("chars", "twitter"), "counting"),
        "hashtag": Enum(("#topic#", "#topic"), "hashtag style"),
        "max_hashtags": Int(0),
        "max_mentions": Int(0),
        "links": Bool(),
        "tone": TONE,
    },
    keep_origin=True,
)

GUIDE = Struct(
    {
        "version": Int(1, 1),
        "brand": Struct({"name": Str(), "aliases": MapOf(LOCALE, Str())}),
        "language": LOCALE,
        "extends": ListOf(Str(), single_ok=True),
        "voice": Struct({"summary": Str(nonempty=False), "tone": TONE}),
        "terms": ListOf(TERM),
        "promotion": Struct(
            {
                "max_exclamations": Int(0),
                "max_emoji": Int(0),
                "allow": WORDS,
                "claims": ListOf(CLAIM),
                "hard_sell": ListOf(CLAIM),
            }
        ),
        "channels": MapOf(Str(), CHANNEL),
        "compliance": Struct(
            {
                "allow_handles": WORDS,
                "allow_domains": WORDS,
                "allow_emails": WORDS,
                "allow_phones": ListOf(Str(numbers=True), single_ok=True),
            }
        ),
        "scoring": Struct({"pass": Int(0, 100)}),
        # digits are words there; " " may be a word to follow
        "lists": MapOf(LIST_NAME, ListOf(Str(nonempty=False, numbers=True))),
        "families": ListOf(FAMILY),
        "patterns": ListOf(PATTERN),
        "spacy_model": Str(),
    }
)

# A built-in table of rules only (data/rules/replies.yaml): the same keys as in a guide.
RULE_TABLE = Struct({key: GUIDE.fields[key] for key in ("version", "lists", "families", "patterns")})
