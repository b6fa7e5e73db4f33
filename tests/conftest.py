"""Shared test setup: Qt runs offscreen so the suite needs no display (or CJK font)."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# No test reads the developer's own configuration (~/.config/voicecheck/config.yaml), nor
# writes to their data folder (the run history, the app's autosaves): subprocesses the
# tests start inherit both.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="voicecheck-xdg-")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="voicecheck-data-")


import pytest  # noqa: E402

# A stand-in for a trained English pipeline, small enough to build in a test: an
# attribute_ruler that tags a few words (what a tagger would) and an entity_ruler that
# names a few entities (what an NER model would). Saved to disk and loaded by path,
# through the same code as `--spacy-model en_core_web_sm`.
PARTICIPLES = ["made", "overlooked", "missed", "introduced", "committed", "fixed", "resolved",
               "delayed", "decided", "determined", "sent", "caused"]
BASE_VERBS = ["pop", "treat", "bring", "grab", "taste", "stop", "swing", "come", "be", "sample"]
ENTITIES = [
    {"label": "PRODUCT", "pattern": [{"LOWER": "oolong"}, {"LOWER": "mist"}]},
    {"label": "PRODUCT", "pattern": [{"LOWER": "jasmine"}, {"LOWER": "cloud"}]},
    {"label": "ORG", "pattern": [{"LOWER": "clearspring"}]},
    {"label": "PERSON", "pattern": [{"LOWER": "mei"}, {"LOWER": "lin"}]},
    {"label": "DATE", "pattern": [{"LOWER": "the"}, {"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)$"}},
                                  {"LOWER": "of"}, {"IS_TITLE": True}]},
    {"label": "MONEY", "pattern": [{"LIKE_NUM": True}, {"LOWER": {"IN": ["dollars", "bucks"]}}]},
]


def build_pipeline(path: os.PathLike[str] | str) -> str:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    entities = nlp.add_pipe("entity_ruler")
    nlp.initialize()
    ruler.add([[{"LOWER": {"IN": PARTICIPLES}}]], {"TAG": "VBN", "POS": "VERB"})
    ruler.add([[{"IS_SENT_START": True, "LOWER": {"IN": BASE_VERBS}}]], {"TAG": "VB", "POS": "VERB"})
    ruler.add([[{"LOWER": "please"}, {"LOWER": {"IN": BASE_VERBS}}]], {"TAG": "VB", "POS": "VERB"},
              index=1)
    entities.add_patterns(ENTITIES)
    nlp.to_disk(path)
    return str(path)


@pytest.fixture(scope="session")
def trained_pipeline(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The folder of the stand-in pipeline (built once per test run)."""
    return build_pipeline(tmp_path_factory.mktemp("pipeline") / "en_test")
