"""What every subcommand shares: exit codes, the usage error, guide and input loading."""

from __future__ import annotations

import argparse
import sys
from functools import lru_cache
from pathlib import Path

from .. import limits
from ..config import CONFIG_NAME, Project, Settings
from ..files import ReadError, display_name, read_regular, read_stdin
from ..guide import Guide, load_guide
from ..guide.model import BUILTIN_NAME
from ..messages import DEFAULT as DEFAULT_LANG
from ..messages import LANGUAGES
from ..text.decode import DecodeError, decode_bytes

EXIT_OK, EXIT_FAILED, EXIT_BAD = 0, 1, 2
EXIT_INTERRUPTED = 130
BUILTIN_GUIDE = BUILTIN_NAME  # names the built-in guide where a path is expected


class UsageError(Exception):
    """A user-facing problem with the input; printed as one line, exit code 2."""


@lru_cache(maxsize=16)
def load(path: str | None) -> Guide:
    """The guide at `path`, or the built-in one (no path, or builtin:default); read once
    per run however many files use it."""
    return load_guide(None if path == BUILTIN_GUIDE else path)


def channel_key(guide: Guide, name: str | None) -> str | None:
    """The guide's key for `--channel NAME` (weibo, Weibo, 微博 and twitter all work)."""
    from ..engine import UnknownChannel, resolve_channel

    if name is None:
        return None
    try:
        return resolve_channel(guide, name)
    except UnknownChannel as exc:
        raise UsageError(str(exc)) from None


def project(args: argparse.Namespace) -> Project:
    """The configuration files that apply (`--config FILE` instead of those found by
    walking up from each file; `--no-config` for none)."""
    return Project(explicit=args.config, enabled=not args.no_config)


def guide_for(args: argparse.Namespace, settings: Settings) -> Guide:
    """`--guide`, else the configuration's guide, else the built-in one; `--spacy-model`
    names the English pipeline instead of the guide's."""
    return with_model(load(args.guide or settings.guide.value), getattr(args, "spacy_model", None))


def with_model(guide: Guide, model: str | None) -> Guide:
    """The guide with `model` as its spaCy pipeline, loaded now so that a pipeline that
    cannot be used is one clear line (exit 2), not a failure in the middle of a run."""
    from dataclasses import replace

    from ..text import english

    chosen = model or guide.spacy_model
    if chosen is None:
        return guide
    if not english.installed(chosen):
        raise UsageError(f"spaCy pipeline '{chosen}' is not installed (pip install it, or "
                         "name a pipeline folder)")
    try:
        english.pipeline(chosen)
    except english.ModelError as exc:
        raise UsageError(str(exc)) from None
    return replace(guide, spacy_model=chosen) if model else guide


def lang_for(args: argparse.Namespace, settings: Settings) -> str:
    """`--lang`, else the configuration's, else English."""
    return args.lang or settings.lang.value or DEFAULT_LANG


def configured_channel(settings: Settings, guide: Guide) -> str | None:
    """The channel configuration gives a file (by path glob, else the default), checked
    against the guide: a wrong one is a located error."""
    from ..engine import UnknownChannel, resolve_channel

    chosen = settings.channel_by_path if settings.channel_by_path.value else settings.channel
    if chosen.value is None:
        return None
    try:
        return resolve_channel(guide, chosen.value)
    except UnknownChannel as exc:
        raise UsageError(f"{chosen.source.split(' (')[0]}: {exc}") from None


def add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="FILE",
                        help=f"configuration file to use instead of the {CONFIG_NAME} files "
                        "found from each checked file up")
    parser.add_argument("--no-config", action="store_true",
                        help="ignore every configuration file (project and user)")


def read_input(name: str) -> str:
    """Decode a file (or stdin for '-'), never touching it."""
    return read_decoded(name)[0]


def read_decoded(name: str) -> tuple[str, str, bytes]:
    """(text, encoding, bytes) of a file or stdin ('-'), never touching it."""
    shown = display_name(name)
    if name != "-" and Path(name).is_dir():
        raise UsageError(f"{shown}:1:1: is a folder (check a folder with: voicecheck batch "
                         f"{shown})")
    try:
        data = (read_stdin(limits.MAX_INPUT_BYTES) if name == "-"
                else read_regular(name, limits.MAX_INPUT_BYTES))
    except ReadError as exc:
        hint = " (pipe it in with '-' instead)" if "not a file" in str(exc) else ""
        raise UsageError(f"{shown}:1:1: file {exc}{hint}") from None
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        raise UsageError(f"{shown}:1:1: {exc}") from None
    return text, encoding, data


def add_guide_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--guide", "-g", help="style guide YAML, or builtin:default (default: "
                        "the configuration's guide, else the built-in one)")
    parser.add_argument("--spacy-model", metavar="NAME|PATH",
                        help="an installed spaCy English pipeline (package name or folder) for "
                        "part-of-speech rules and named entities (default: the guide's "
                        "spacy_model, else spaCy's blank English)")


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    """`--lang en|zh|zh-Hant`: the language finding messages are written in."""
    parser.add_argument("--lang", choices=LANGUAGES,
                        help="language of finding messages (default: the configuration's, "
                        "else en)")


def add_format_option(parser: argparse.ArgumentParser, default: str | None) -> None:
    from ..report.formats import FORMATS

    parser.add_argument("--format", "-f", choices=FORMATS, default=default,
                        help="what to print on standard output: text (compiler-style), json, "
                        "jsonl (one report per line), sarif (SARIF 2.1.0), github (Actions "
                        "annotations)" + (f"; default: {default}" if default else ""))


def add_colour_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")


def colour(args: argparse.Namespace) -> bool:
    return args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
