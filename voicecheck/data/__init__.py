"""Built-in data: guide packs at the top level, rule tables in `rules/`, lexicons in `lexicons/`."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=32)
def _load(folder: str, name: str) -> Any:
    path = resources.files("voicecheck") / "data" / folder / f"{name}.yaml"
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)


def rules(name: str) -> Any:
    """A rule table from data/rules/NAME.yaml, parsed once per process."""
    return _load("rules", name)


def lexicon(name: str) -> Any:
    """A word table from data/lexicons/NAME.yaml, parsed once per process."""
    return _load("lexicons", name)
