"""spaCy as voicecheck uses it (replaces pyinstaller-hooks-contrib's hook, which takes all
of spaCy): English and the modules a blank or trained English pipeline loads (pipeline
components, models, training for Example), without the command-line interface
(voicecheck/text/english.py stubs it while spaCy imports), the tests or the languages
other than English."""

from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, get_package_paths

_LANG = Path(get_package_paths("spacy")[1]) / "lang"
_OTHER_LANGUAGES = {p.name for p in _LANG.iterdir() if p.is_dir() and p.name not in ("en", "__pycache__")}


def _wanted(name: str) -> bool:
    parts = name.split(".")
    if len(parts) > 1 and parts[1] in ("cli", "tests"):
        return False
    return not (len(parts) > 2 and parts[1] == "lang" and parts[2] in _OTHER_LANGUAGES)


hiddenimports = collect_submodules("spacy", filter=_wanted)
datas = collect_data_files(
    "spacy",
    excludes=["**/*.pyx", "**/*.pxd", "**/*.pyi", "**/*.h", "tests", "cli",
              *(f"lang/{code}" for code in _OTHER_LANGUAGES)],
)
