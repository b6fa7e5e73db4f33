"""What every check shares: its signature, the context it sees, and finding construction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .. import messages
from ..findings import Finding
from ..guide.model import Channel, Guide, Note, basis_for
from ..messages import sentences
from ..text import regional
from ..text.analysis import AnalysedPost
from ..text.regional import to_locale_script


def _family(locale: str) -> str:
    return "en" if locale == "en" else "zh-Hant" if locale.startswith("zh-Hant") else "zh-Hans"


def writing_locale(guide: Guide, channel: Channel, post: AnalysedPost) -> str:
    """The locale a post is written for: its channel's. With no channel chosen, the guide's
    default, unless the post is plainly in another language or script: an English post
    under a Chinese guide gets English wording, not the guide's Chinese."""
    locale = guide.locale_for(channel)
    if channel.name in guide.channels or _family(locale) == _family(post.language):
        return locale
    return regional.region_of(post) if post.language == "zh-Hant" else post.language


@dataclass(frozen=True)
class Context:
    """Everything a check may read. Checks are pure: same context, same findings."""

    post: AnalysedPost
    guide: Guide
    channel: Channel
    lang: str = messages.DEFAULT  # the language findings are explained in: "en" | "zh"

    @property
    def locale(self) -> str:
        return self.guide.locale_for(self.channel)

    @property
    def writing_locale(self) -> str:
        """The locale suggestions are worded for (see `writing_locale`)."""
        return writing_locale(self.guide, self.channel, self.post)

    @property
    def channel_label(self) -> str:
        """The channel as messages name it (微博 in Chinese)."""
        return messages.channel_name(self.lang, self.channel.name)

    def say(self, key: str, **params: object) -> str:
        """The catalog message `key` in the run's language."""
        return messages.say(self.lang, key, **params)

    def say_n(self, key: str, n: int, /, **params: object) -> str:
        """The message about `n` things (its singular form when n is 1)."""
        return messages.say_n(self.lang, key, n, **params)

    def pick(self, text: messages.Localized) -> str:
        """A guide note (plain, or {en, zh}) in the run's language."""
        return messages.pick(text, self.lang)

    def explain(self, rule: str, note: messages.Localized, basis: dict[str, Note]) -> str:
        """Why a listed claim or rule matters: the law for the post's region, then the
        entry's note (else the rule's default note)."""
        law = self.pick(basis_for(basis, self.writing_locale))
        return sentences(law, self.pick(note)) or (law or self.say(f"{rule}/default-note"))

    def localize(self, words: Iterable[str]) -> list[str]:
        """Suggestions (written in Simplified in the packs) in the post's script."""
        locale = self.writing_locale
        if not locale.startswith("zh"):
            return list(words)
        return [to_locale_script(w, locale) for w in words]

    def listing(self, items: Iterable[str], limit: int | None = None) -> str:
        return messages.listing(self.lang, items, limit)

    def finding(
        self,
        rule: str,
        category: str,
        severity: str,
        start: int,
        end: int,
        message: str,
        suggestions: Iterable[str] = (),
    ) -> Finding:
        """Build a finding from a span of the normalized text, reported on the original."""
        ostart, oend = self.post.to_original(start, end)
        return Finding(
            rule=rule,
            category=category,
            severity=severity,
            start=ostart,
            end=oend,
            text=self.post.original[ostart:oend],
            message=message,
            suggestions=tuple(dict.fromkeys(s for s in suggestions if s)),
        )

    def whole_post(self, rule: str, category: str, severity: str, message: str) -> Finding:
        return Finding(
            rule=rule,
            category=category,
            severity=severity,
            start=0,
            end=len(self.post.original),
            text=self.post.original,
            message=message,
        )


Check = Callable[[Context], Iterable[Finding]]
