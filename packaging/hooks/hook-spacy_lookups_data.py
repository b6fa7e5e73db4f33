"""spaCy's lookup tables: only the English ones voicecheck reads, not the ~100 MB for every
language: lemmas (`load_lookups("en", ["lemma_lookup"])`, voicecheck/text/english.py) and
word probabilities (`guide learn`, voicecheck/learn/words.py). spaCy finds the package
by its entry point, so its metadata comes along."""

from PyInstaller.utils.hooks import copy_metadata, get_package_paths

_DATA = f"{get_package_paths('spacy_lookups_data')[1]}/data"
TABLES = ["en_lemma_lookup.json.gz", "en_lexeme_prob.json.gz"]

datas = [(f"{_DATA}/{name}", "spacy_lookups_data/data") for name in TABLES]
datas += copy_metadata("spacy_lookups_data")
