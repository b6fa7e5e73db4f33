"""`voicecheck check FILE...`: check drafts and print findings."""

from __future__ import annotations

import argparse
import sys

from .common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    add_colour_option,
    add_format_option,
    add_guide_option,
    add_lang_option,
    channel_key,
    colour,
    load,
    read_input,
)


def run(args: argparse.Namespace) -> int:
    from ..draft import FrontMatterError, check_draft
    from ..report import json_report
    from ..report.formats import open_writer

    guide = load(args.guide)
    channel = channel_key(guide, args.channel)
    texts = [(name, read_input(name)) for name in args.files]
    reports = []
    for name, text in texts:
        try:
            reports.append(check_draft(text, guide, channel, file=name, lang=args.lang,
                                       strict=True))
        except FrontMatterError as exc:
            raise UsageError(f"{name}:{exc.line}:{exc.column}: {exc}") from None
    if args.format == "json":
        print(json_report.render(reports, as_array=len(reports) > 1))
    else:
        out = open_writer(args.format, sys.stdout, lang=args.lang, colour=colour(args))
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
    add_colour_option(c)
    add_lang_option(c)
    c.set_defaults(run=run)
