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
    """One terminology rule: avoid these spellings, prefer that one (per locale)."""

    avoid: list[str] = field(default_factory=list)
    prefer: dict[str, str] = field(default_factory=dict)  # locale -> word; "*" = any locale
    case_sensitive: bool = False
    severity: str = "warning"
    note: Note = ""
    exceptions: list[str] = field(default_factory=list)
    origin: Origin | None = None

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


@dataclass
class Claim:
    """A banned claim (advertising law, hype) with calmer wordings to offer instead."""

    text: str
    suggest: list[str] = field(default_factory=list)
    severity: str = "error"
    note: Note = ""
    origin: Origin | None = None


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
