"""Typed style-guide model.

The loader builds these from validated YAML; checks and the GUI only ever see these,
never raw dictionaries, so a field rename is caught by type checkers and tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LOCALES = ("en", "zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK")
SEVERITIES = ("error", "warning", "info")
CATEGORIES = (
    "terminology",
    "tone",
    "promotion",
    "channel",
    "script",
    "formatting",
    "compliance",
)
TONE_DIMENSIONS = ("formality", "enthusiasm", "warmth", "customer_focus")
# A term base's statuses (ISO 30042 / TBX): what a word listed under each costs.
TERM_STATUSES = ("preferred", "admitted", "deprecated", "forbidden")
STATUS_SEVERITY = {"deprecated": "warning", "forbidden": "error"}
PARTS_OF_SPEECH = ("noun", "verb", "adjective", "adverb", "properNoun", "other")  # TBX-Basic
MESSAGE_LANGUAGES = ("en", "zh")  # languages findings are explained in

BUILTIN_SOURCE = "<default guide>"  # Guide.source of the built-in default guide
BUILTIN_NAME = "builtin:default"  # how a user names it where a guide file is expected

Range = tuple[int, int]
Note = str | dict[str, str]
"""A note as written (any language), or per message language: {en: ..., zh: ...}."""


@dataclass(frozen=True)
class Origin:
    """Where a value was written, so findings about the guide can point at it."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass
class Brand:
    name: str = ""
    aliases: dict[str, str] = field(default_factory=dict)

    def names(self) -> list[str]:
        return [n for n in [self.name, *self.aliases.values()] if n]


@dataclass
class Term:
    """One terminology rule, or a term base's concept: the preferred word (per locale),
    admitted alternatives, and words to flag. `avoid` words cost `severity` (as before
    term statuses); deprecated ones a warning, forbidden ones an error; admitted and
    preferred words are never flagged."""

    avoid: list[str] = field(default_factory=list)
    prefer: dict[str, str] = field(default_factory=dict)  # locale -> word; "*" = any locale
    case_sensitive: bool = False
    severity: str = "warning"
    note: Note = ""
    exceptions: list[str] = field(default_factory=list)
    inflect: bool = True  # English words also match their inflections (leveraged, -ing)
    origin: Origin | None = None
    admitted: list[str] = field(default_factory=list)
    deprecated: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    id: str = ""  # the concept's id in a term base (TBX)
    part_of_speech: str = ""  # one of PARTS_OF_SPEECH, or ""
    definition: Note = ""

    def flagged(self) -> list[tuple[list[str], str]]:
        """The words findings are raised for, each group with what a hit costs."""
        groups = [(self.avoid, self.severity), (self.deprecated, STATUS_SEVERITY["deprecated"]),
                  (self.forbidden, STATUS_SEVERITY["forbidden"])]
        return [(words, severity) for words, severity in groups if words]

    def words(self) -> list[str]:
        """Every word the entry names, preferred ones first."""
        return [*self.prefer.values(), *self.admitted, *self.avoid, *self.deprecated,
                *self.forbidden]

    def preferred_for(self, locale: str) -> str | None:
        """The preferred word for a locale, falling back along zh-Hant-TW -> zh-Hant."""
        if not self.prefer:
            return None
        candidates = [locale]
        while "-" in candidates[-1]:
            candidates.append(candidates[-1].rsplit("-", 1)[0])
        for loc in [*candidates, "*"]:
            if loc in self.prefer:
                return self.prefer[loc]
        return None


def basis_for(basis: dict[str, Note], locale: str) -> Note:
    """The legal basis for a locale: its own, else its script's (zh-Hant-HK -> zh-Hant);
    a generic Traditional post is read as Taiwan's."""
    for loc in (locale, "zh-Hant" if locale.startswith("zh-Hant") else "",
                "zh-Hant-TW" if locale == "zh-Hant" else ""):
        if loc in basis:
            return basis[loc]
    return ""


@dataclass
class Claim:
    """A banned claim (advertising law, hype) with calmer wordings to offer instead.
    `basis` names the law per region (the post's region picks one; `note` is the rest)."""

    text: str
    suggest: list[str] = field(default_factory=list)
    severity: str = "error"
    note: Note = ""
    basis: dict[str, Note] = field(default_factory=dict)
    origin: Origin | None = None


def applies(locales: list[str], locale: str) -> bool:
    """Is a rule for `locales` (empty: all) in force for a post written for `locale`? A
    generic Traditional post is read as Taiwan's; "zh-Hant" covers Taiwan and Hong Kong."""
    if not locales:
        return True
    return any(locale == loc or locale.startswith(loc + "-")
               or (locale == "zh-Hant" and loc == "zh-Hant-TW") for loc in locales)


# The rules a family or pattern may raise: the category each belongs to, the severity an
# entry has unless it says otherwise (a legal risk is an error, a voice slip a warning),
# and what a finding spans: the phrase, or (a defensive reply) the clause it sits in,
# since it is the whole clause that reads cold and has to be rewritten.
RULES = {
    "promotion.absolute-claim": ("promotion", "error", "phrase"),
    "promotion.guarantee": ("promotion", "warning", "phrase"),
    "promotion.hard-sell": ("promotion", "warning", "phrase"),
    "promotion.endorsement": ("promotion", "error", "phrase"),
    "compliance.health-claim": ("compliance", "error", "phrase"),
    "tone.defensive": ("tone", "warning", "clause"),
}


@dataclass(kw_only=True)
class RuleEntry:
    """What families and patterns share: the rule they raise and their vetoes.
    `exceptions` (templates) veto hits they overlap (unless they sit inside the hit);
    `not_after` words just before a hit cancel it (不能治疗, "does not cure"); `unless`
    words anywhere in the post cancel it (a refusal with a remedy is not stonewalling)."""

    rule: str
    exceptions: list[str] = field(default_factory=list)
    not_after: list[str] = field(default_factory=list)
    unless: list[str] = field(default_factory=list)
    locales: list[str] = field(default_factory=list)  # where it applies (empty: everywhere)
    severity: str = ""  # empty: the rule's own (RULES)
    suggest: list[str] = field(default_factory=list)
    note: Note = ""
    basis: dict[str, Note] = field(default_factory=dict)
    origin: Origin | None = None

    def applies_to(self, locale: str) -> bool:
        return applies(self.locales, locale)

    @property
    def category(self) -> str:
        return RULES[self.rule][0]

    @property
    def level(self) -> str:
        return self.severity or RULES[self.rule][1]

    @property
    def whole_clause(self) -> bool:
        return RULES[self.rule][2] == "clause"


@dataclass(kw_only=True)
class Family(RuleEntry):
    """A family of Chinese phrases, matched on characters: `match` is a template of
    literal characters, `{list}` slots (`{list?}` optional, `{a|b}` inline choices) and
    `…` gaps of up to `gap` characters, e.g. "最{evaluative}" or "{cure}…{condition}".
    The finding spans the whole phrase."""

    match: str
    gap: int = 4


@dataclass(kw_only=True)
class Pattern(RuleEntry):
    """An English token pattern in spaCy's Matcher syntax (LOWER, LEMMA, IS_DIGIT,
    LIKE_NUM, OP...; `"@list"` stands for a word list in IN / NOT_IN). POS, TAG, DEP
    and ENT_TYPE need a trained pipeline: without one such a pattern is left out."""

    pattern: list[dict[str, object]]


@dataclass
class Voice:
    summary: str = ""
    tone: dict[str, Range] = field(default_factory=dict)


@dataclass
class Promotion:
    max_exclamations: int | None = None
    max_emoji: int | None = None
    allow: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    hard_sell: list[Claim] = field(default_factory=list)


@dataclass
class Channel:
    name: str
    language: str | None = None
    max_chars: int | None = None
    fold_chars: int | None = None
    title_chars: int | None = None  # first line is a title (Xiaohongshu: 20)
    counting: str = "chars"  # chars | twitter
    hashtag: str | None = None  # "#topic#" | "#topic"
    max_hashtags: int | None = None
    max_mentions: int | None = None
    links: bool = True
    tone: dict[str, Range] = field(default_factory=dict)
    origin: Origin | None = None


@dataclass
class Compliance:
    allow_handles: list[str] = field(default_factory=list)
    allow_domains: list[str] = field(default_factory=list)
    allow_emails: list[str] = field(default_factory=list)
    allow_phones: list[str] = field(default_factory=list)


@dataclass
class Scoring:
    pass_score: int = 80


@dataclass
class Guide:
    version: int = 1
    brand: Brand = field(default_factory=Brand)
    language: str = "zh-Hans"
    extends: list[str] = field(default_factory=list)
    voice: Voice = field(default_factory=Voice)
    terms: list[Term] = field(default_factory=list)
    promotion: Promotion = field(default_factory=Promotion)
    channels: dict[str, Channel] = field(default_factory=dict)
    compliance: Compliance = field(default_factory=Compliance)
    scoring: Scoring = field(default_factory=Scoring)
    lists: dict[str, list[str]] = field(default_factory=dict)  # word lists families use
    families: list[Family] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)
    spacy_model: str | None = None  # an installed spaCy pipeline for English
    spacy_model_origin: Origin | None = None
    source: str = "<builtin>"

    def channel(self, name: str | None) -> Channel:
        """The named channel, or a neutral one in the guide's language when none is named."""
        if name is None:
            return Channel(name="default", language=self.language)
        return self.channels[name]

    def locale_for(self, channel: Channel) -> str:
        return channel.language or self.language

    def tone_targets(self, channel: Channel) -> dict[str, Range]:
        return {**self.voice.tone, **channel.tone}
