"""`voicecheck check FILE...`: check drafts and print findings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    add_colour_option,
    add_config_options,
    add_format_option,
    add_guide_option,
    add_lang_option,
    channel_key,
    colour,
    configured_channel,
    guide_for,
    lang_for,
    project,
    read_input,
)


def config_path(name: str, stdin_name: str | None) -> Path:
    """Where configuration is looked up for an input: stdin counts as a file in the
    working directory, or as --stdin-filename."""
    if name == "-":
        return Path(stdin_name) if stdin_name else Path.cwd() / "-"
    return Path(name)


def run(args: argparse.Namespace) -> int:
    from ..draft import FrontMatterError, check_draft
    from ..files import display_name
    from ..readers import too_long
    from ..report import json_report
    from ..report.formats import open_writer

    proj = project(args)
    files = [(name, proj.settings(config_path(name, args.stdin_filename))) for name in args.files]
    lang = lang_for(args, files[0][1])  # the output's own words; messages per file
    reports = []
    for name, settings in files:
        if settings.ignored.value and name != "-":
            print(f"{display_name(name)}: not checked: ignored by '{settings.ignored.value}' "
                  f"({settings.ignored.source})", file=sys.stderr)
            continue
        guide = guide_for(args, settings)
        fallback = configured_channel(settings, guide)
        text = read_input(name)
        shown = display_name(args.stdin_filename if name == "-" and args.stdin_filename
                             else name)
        if (long := too_long(text)) is not None:
            raise UsageError(f"{shown}:1:1: {long}")
        try:
            reports.append(check_draft(text, guide, channel_key(guide, args.channel), file=shown,
                                       lang=lang_for(args, settings),
                                       fallback_channel=fallback,
                                       project=settings.suppressions(), strict=True))
        except FrontMatterError as exc:
            raise UsageError(f"{shown}:{exc.line}:{exc.column}: {exc}") from None
    if args.format == "json":
        if reports:
            print(json_report.render(reports, as_array=len(args.files) > 1))
    else:
        out = open_writer(args.format, sys.stdout, lang=lang, colour=colour(args))
        for report in reports:
            out.add(report)
        out.close()
    return EXIT_OK if all(r.passed for r in reports) else EXIT_FAILED


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    c = sub.add_parser("check", help="check drafts and print findings")
    c.add_argument("files", nargs="+", metavar="FILE", help="draft files, or - for stdin")
    add_guide_option(c)
    c.add_argument("--channel", "-c",
                   help="channel profile from the guide: its key or name (weibo, Weibo, 微博, x)")
    add_format_option(c, default="text")
    c.add_argument("--stdin-filename", metavar="NAME",
                   help="the name standard input is reported under and configured as "
                   "(for editors)")
    add_config_options(c)
    add_colour_option(c)
    add_lang_option(c)
    c.set_defaults(run=run)
