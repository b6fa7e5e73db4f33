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
    """A loaded pipeline and what it can tell: POS tags and entities come only from a
    trained one (or one the user built to set them). `lemmas` is spaCy's English lookup
    table, used when the pipeline has no lemmatizer of its own."""

    nlp: Any
    name: str
    has_pos: bool
    has_entities: bool
    lemmas: Any | None


def _assigns(nlp: Any, what: str) -> bool:
    return any(what in nlp.get_pipe_meta(name).assigns for name in nlp.pipe_names)


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
    lemmas = None
    if not _assigns(nlp, "token.lemma"):
        from spacy.lookups import load_lookups

        lemmas = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    return Pipeline(nlp, model or "blank en",
                    _assigns(nlp, "token.pos") or _assigns(nlp, "token.tag"),
                    _assigns(nlp, "doc.ents"), lemmas)


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
            starts, k, last_end = sentence_starts, 0, 0
            for token in doc:
                if token.is_space and token.i:
                    token.is_sent_start = False
                    continue
                while k < len(starts) and starts[k] < last_end:
                    k += 1
                token.is_sent_start = token.i == 0 or (k < len(starts) and starts[k] <= token.idx)
                last_end = token.idx + len(token.text)
        for _, component in pipe.nlp.pipeline:
            doc = component(doc)
        if pipe.lemmas is not None:  # a contraction's lemma is its word: 'll, ’ll -> will
            table = pipe.lemmas
            for token in doc:
                token.lemma_ = table.get(token.lower_) or table.get(token.norm_) or token.norm_
        else:
            for token in doc:
                token.lemma_ = token.lemma_.lower()
    return doc


def warm_up(model: str | None = None) -> None:
    """Load spaCy now (the app calls this off the UI thread after the window shows)."""
    pipeline(model)
