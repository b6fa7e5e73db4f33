"""English analysis on spaCy: tokens, lemmas and token patterns; a trained pipeline when
the user names one.

spaCy is imported only when a post has English words, so a Chinese-only check never pays
for it. Its package imports its whole command-line interface at start-up (typer, rich,
weasel, requests: half of `import spacy`) for the one `spacy.info` helper; the CLI is
kept out while spaCy loads, which halves the import (about 0.4 s instead of 0.85 s cold),
and the real import is used if that ever fails. Without a trained pipeline, a blank `en`
pipeline with spaCy's lookup lemmatizer (the tables of `spacy-lookups-data`) gives
tokens and lemmas; a trained one adds part-of-speech tags and named entities.
"""

from __future__ import annotations

import re
import sys
import threading
import types
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .script import LATIN_WORD

MIN_WORDS = 2  # English words a post needs before spaCy looks at it
_lock = threading.Lock()  # pipelines and their vocabularies are shared mutable state


class ModelError(Exception):
    """A named pipeline that cannot be loaded; the message says which and why."""


def _import_spacy() -> Any:
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stubs = {"spacy.cli": types.ModuleType("spacy.cli"),
             "spacy.cli.info": types.ModuleType("spacy.cli.info")}
    stubs["spacy.cli"].__path__ = []  # type: ignore[attr-defined]
    stubs["spacy.cli.info"].info = lambda *a, **k: None  # type: ignore[attr-defined]
    sys.modules.update(stubs)
    try:
        import spacy
    except Exception:  # a spaCy that needs more of its CLI at import: load it whole
        for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[name]
        import spacy
    finally:
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]
    return spacy


@dataclass(frozen=True)
class Pipeline:
    """A loaded pipeline and what it can tell: entities (and POS tags) come only from a
    trained one (or one the user built to set them). `lemmas` is spaCy's English lookup
    table, used when the pipeline has no lemmatizer of its own."""

    nlp: Any
    name: str
    has_entities: bool
    lemmas: Any | None
    known: frozenset[str] = frozenset()  # the lookup table's lemmas


def _assigns(nlp: Any, what: str) -> bool:
    return any(what in nlp.get_pipe_meta(name).assigns for name in nlp.pipe_names)



# Han characters and CJK punctuation: a run of them is a token of its own, so English
# glued to Chinese ("上市!We", "快来try") is still English words.
_HAN_RUN = r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]+"


def _split_han(nlp: Any) -> None:
    """Add Han runs to the tokenizer's own prefixes, suffixes and infixes (a trained
    pipeline's custom rules stay as they are)."""
    import re

    tokenizer = nlp.tokenizer
    for attr, shape, method in (("prefix_search", "^{}", "search"),
                                ("suffix_search", "{}$", "search"),
                                ("infix_finditer", "{}", "finditer")):
        current = getattr(tokenizer, attr)
        own = shape.format(_HAN_RUN)
        pattern = f"{own}|{current.__self__.pattern}" if current is not None else own
        setattr(tokenizer, attr, getattr(re.compile(pattern), method))


@lru_cache(maxsize=4)
def _load(model: str | None) -> Pipeline:
    spacy = _import_spacy()
    if model is None:
        nlp = spacy.blank("en")
    else:
        try:
            nlp = spacy.load(model)
        except (OSError, ImportError, ValueError) as exc:
            raise ModelError(f"spaCy pipeline '{model}' cannot be loaded: "
                             f"{str(exc).splitlines()[0]}") from None
        if nlp.lang != "en":
            raise ModelError(f"spaCy pipeline '{model}' is for '{nlp.lang}', not English")
    _split_han(nlp)
    lemmas = None
    if not _assigns(nlp, "token.lemma"):
        from spacy.lookups import load_lookups

        lemmas = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    known = frozenset(lemmas.values()) if lemmas is not None else frozenset()
    return Pipeline(nlp, model or "blank en", _assigns(nlp, "doc.ents"), lemmas, known)


def pipeline(model: str | None = None) -> Pipeline:
    """The pipeline for `model` (an installed package name or a folder), loaded once."""
    with _lock:
        return _load(model)


def has_english(text: str) -> bool:
    """Enough English words for token rules to have something to match."""
    words = LATIN_WORD.finditer(text)
    return all(next(words, None) is not None for _ in range(MIN_WORDS))


def parse(text: str, model: str | None, sentence_starts: list[int]) -> Any:
    """The spaCy Doc of `text`. Sentence starts (sorted offsets) come from our own
    splitter, so English and Chinese sentences are cut the same way in a mixed post (a
    trained parser's own boundaries are kept). Lemmas are lower case, so LEMMA patterns
    match a sentence-initial "Guaranteed" too."""
    pipe = pipeline(model)
    with _lock:
        doc = pipe.nlp.make_doc(text)
        if not pipe.nlp.has_pipe("parser") and not pipe.nlp.has_pipe("senter"):
            # Set in one array: Token.is_sent_start's setter scans the whole Doc for a
            # parse each time, which made a long post quadratic.
            from spacy.attrs import SENT_START

            starts, k, last_end = sentence_starts, 0, 0
            flags = []
            for token in doc:
                if token.is_space and token.i:
                    flags.append(-1)
                    continue
                while k < len(starts) and starts[k] < last_end:
                    k += 1
                first = token.i == 0 or (k < len(starts) and starts[k] <= token.idx)
                flags.append(1 if first else -1)
                last_end = token.idx + len(token.text)
            if flags:
                import numpy

                values = numpy.array(flags, dtype="int64").astype("uint64")  # -1 wraps, as
                doc.from_array([SENT_START], values.reshape(-1, 1))  # to_array writes it
        for _, component in pipe.nlp.pipeline:
            doc = component(doc)
        if pipe.lemmas is not None:  # a contraction's lemma is its word: 'll, ’ll -> will
            table, fixes = pipe.lemmas, _lemma_fixes()
            for token in doc:
                lemma = fixes.get(token.lower_) or table.get(token.lower_) \
                    or table.get(token.norm_) or _unlisted_lemma(token.norm_, pipe.known)
                token.lemma_ = token.lower_ if lemma.isdigit() and token.is_alpha else lemma
        else:
            for token in doc:
                token.lemma_ = token.lemma_.lower()
    return doc


# Regular endings of a word the table lacks, tried in order: (ending, replacement).
_UNLISTED = tuple((re.compile(pattern), base) for pattern, base in (
    (r"(?<=[a-z]{3})ies$", "y"), (r"(?<=[a-z]{3}(?:ss|sh|ch))es$", ""),
    (r"(?<=[a-z]{3}[xz])es$", ""), (r"(?<=[a-z]{3}[^su'])s$", ""), (r"(?<=[a-z]{3})ed$", ""),
    (r"(?<=[a-z]{3})ed$", "e"), (r"(?<=[a-z]{3})ing$", ""), (r"(?<=[a-z]{3})ing$", "e")))


def _unlisted_lemma(word: str, known: frozenset[str]) -> str:
    """A word the table lacks as a form (kickstarts, upcycled): itself when it is a lemma
    (speed, shred: the table's keys are inflected forms only); else its regular ending
    taken off when that gives a known lemma, or, for a plural or third person in -s, a
    base of five letters or more (kickstart), so LEMMA patterns still match verbs brands
    coin."""
    if word in known:
        return word
    for ending, base in _UNLISTED:
        if ending.search(word):
            candidate = ending.sub(base, word)
            if candidate in known or (not base and word.endswith("s") and len(candidate) >= 5
                                      and ending.pattern.endswith("s$")):
                return candidate
    return word


@lru_cache(maxsize=1)
def _lemma_fixes() -> dict[str, str]:
    """Where spaCy's lookup table is wrong for words brands write (liver -> live, matter
    -> matt): data/lexicons/lemmas.yaml."""
    from .. import data

    return {str(k): str(v) for k, v in data.lexicon("lemmas")["fixes"].items()}


ENTITY_LABELS = ("ORG", "PRODUCT", "PERSON", "DATE", "MONEY")


def entities(text: str, model: str | None) -> list[tuple[str, int, int]]:
    """(label, start, end) of the named entities a trained pipeline finds (none without
    one): organisations, products and people, dates and sums of money."""
    if model is None or not has_english(text) or not pipeline(model).has_entities:
        return []
    doc = parse(text, model, [0])
    return [(e.label_, e.start_char, e.end_char) for e in doc.ents if e.label_ in ENTITY_LABELS]


def installed(model: str) -> bool:
    """Whether `model` names an installed pipeline package or a pipeline folder (without
    importing spaCy: a guide that names one is checked when it loads)."""
    import importlib.util
    from pathlib import Path

    if Path(model).expanduser().is_dir():
        return (Path(model).expanduser() / "config.cfg").is_file()
    try:
        return importlib.util.find_spec(model) is not None
    except (ImportError, ValueError):
        return False


def lemmas(phrase: str, model: str | None = None) -> tuple[str, ...]:
    """The lower-case lemma of each word of a phrase, as posts' tokens get them."""
    return tuple(t.lemma_ for t in parse(phrase, model, [0]) if not t.is_space)


_ENDINGS = ("ing", "ed", "es", "s")


def _candidates(word: str, ending: str) -> list[str]:
    stem = word[:-1] if word.endswith("e") else word
    double = word + word[-1] if len(word) > 2 and word[-1] not in "aeiouwxy" else word
    if ending == "ing":
        return [stem + "ing", word + "ing", double + "ing"]
    if ending == "ed":
        return [word + "d" if word.endswith("e") else word + "ed", double + "ed",
                word[:-1] + "ied" if word.endswith("y") else word + "ed"]
    return [word[:-1] + "ies" if word.endswith("y") else word + "s", word + "es"]


def inflect_like(word: str, like: str) -> str | None:
    """`word` in the form `like` has (use, leveraged -> used), checked against the lemma
    table (a form counts only if it lemmatizes back to `word`); None when no form can be
    trusted, so a suggestion is only offered where it reads right."""
    if " " in word and " " in like:  # lifetime warranties -> lifetime repairs
        head, last = word.rsplit(" ", 1)
        form = inflect_like(last, like.rsplit(" ", 1)[1])
        return f"{head} {form}" if form else None
    low = like.lower()
    ending = next((e for e in _ENDINGS if low.endswith(e) and len(low) > len(e) + 2), "")
    if not ending or " " in word or not word.isalpha():
        return word if not ending else None
    table = pipeline(None).lemmas
    if table is None:
        return None
    for form in _candidates(word.lower(), ending):
        if table.get(form, form) == word.lower() and form != word.lower():
            return form
    return None


def warm_up(model: str | None = None) -> None:
    """Load spaCy now (the app calls this off the UI thread after the window shows)."""
    pipeline(model)
