"""Style guides: typed model, YAML loading with located errors, atomic saving."""

from .loader import builtin_packs, default_guide_path, load_guide, parse_guide, read_own_guide
from .model import CATEGORIES, LOCALES, SEVERITIES, TONE_DIMENSIONS, Channel, Guide, Term
from .saver import dump_guide, save_guide, save_text
from .schema import GuideError, Problem

__all__ = [
    "CATEGORIES", "LOCALES", "SEVERITIES", "TONE_DIMENSIONS", "Channel", "Guide", "GuideError",
    "Problem", "Term", "builtin_packs", "default_guide_path", "dump_guide", "load_guide",
    "parse_guide", "read_own_guide", "save_guide", "save_text",
]
