"""The `voicecheck` command. Exit codes: 0 all passed, 1 a post failed, 2 bad usage/input."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .guide import Guide, GuideError, load_guide
from .messages import LANGUAGES
from .text.decode import DecodeError, decode_bytes

EXIT_OK, EXIT_FAILED, EXIT_BAD = 0, 1, 2


class UsageError(Exception):
    """A user-facing problem with the input; printed as one line, exit code 2."""


BUILTIN_GUIDE = "builtin:default"  # names the built-in guide where a path is expected


def _guide(path: str | None) -> Guide:
    return load_guide(None if path == BUILTIN_GUIDE else path)


def read_input(name: str) -> str:
    """Decode a file (or stdin for '-'), never touching it."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except IsADirectoryError:
        raise UsageError(f"{name}:1:1: is a folder (check a folder with: voicecheck batch "
                         f"{name})") from None
    except OSError as exc:
        raise UsageError(f"{name}:1:1: cannot read: {exc.strerror}") from None
    try:
        return decode_bytes(data)[0]
    except DecodeError as exc:
        raise UsageError(f"{name}:1:1: {exc}") from None


def cmd_check(args: argparse.Namespace) -> int:
    from .draft import FrontMatterError, check_draft
    from .engine import UnknownChannel
    from .report import json_report, text_report

    guide = _guide(args.guide)
    texts = [(name, read_input(name)) for name in args.files]
    reports = []
    for name, text in texts:
        try:
            reports.append(check_draft(text, guide, args.channel, file=name, lang=args.lang))
        except UnknownChannel as exc:
            raise UsageError(str(exc)) from None
        except FrontMatterError as exc:
            raise UsageError(f"{name}:{exc.line}:{exc.column}: {exc}") from None
    if args.format == "json":
        print(json_report.render(reports, as_array=len(reports) > 1))
    else:
        print(text_report.render(reports, colour=_colour(args), lang=args.lang))
    return EXIT_OK if all(r.passed for r in reports) else EXIT_FAILED


def cmd_convert(args: argparse.Namespace) -> int:
    """Print the post converted to a Chinese locale (script and regional words)."""
    from .convert import convert

    text = read_input(args.file)
    sys.stdout.write(convert(text, args.to))
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    """Open the desktop app; the guide, channel and draft are validated here first."""
    from .engine import UnknownChannel

    guide = _guide(args.guide) if args.guide else None
    known = guide or load_guide(None)
    if args.channel and args.channel not in known.channels:
        raise UsageError(str(UnknownChannel(args.channel, known)))
    text = read_input(args.file) if args.file else None
    if args.screenshot and text is None:
        raise UsageError("--screenshot needs a FILE to check")
    from .gui.app import main as gui_main

    return gui_main(
        guide=guide,
        guide_path=Path(args.guide) if args.guide and args.guide != BUILTIN_GUIDE else None,
        text=text,
        file=Path(args.file) if args.file and args.file != "-" else None,
        channel=args.channel,
        screenshot=Path(args.screenshot) if args.screenshot else None,
        language=args.lang,
        theme=args.theme,
        tab=("review", "batch", "guide").index(args.tab),
    )


def cmd_guide_validate(args: argparse.Namespace) -> int:
    _guide(args.guide_file)
    print(f"{args.guide_file}: ok")
    return EXIT_OK


def _colour(args: argparse.Namespace) -> bool:
    return args.color == "always" or (args.color == "auto" and sys.stdout.isatty())


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="voicecheck", description="Check social posts against a brand style guide."
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    c = sub.add_parser("check", help="check drafts and print findings")
    c.add_argument("files", nargs="+", metavar="FILE", help="draft files, or - for stdin")
    c.add_argument("--guide", "-g", help="style guide YAML (default: built-in guide)")
    c.add_argument("--channel", "-c", help="channel profile from the guide (weibo, x, ...)")
    c.add_argument("--format", "-f", choices=("text", "json"), default="text")
    c.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    c.set_defaults(run=cmd_check)

    from .batch_cli import add_batch_parser, add_lang_option

    add_lang_option(c)
    add_batch_parser(sub)

    g = sub.add_parser("guide", help="style guide tools")
    gsub = g.add_subparsers(dest="guide_command", required=True, metavar="ACTION")
    v = gsub.add_parser("validate", help="validate a guide and its packs")
    v.add_argument("guide_file", metavar="GUIDE")
    v.set_defaults(run=cmd_guide_validate)

    from .convert import LOCALES as CONVERT_LOCALES

    k = sub.add_parser("convert", help="convert a post's script and regional wording")
    k.add_argument("file", metavar="FILE", help="draft file, or - for stdin")
    k.add_argument("--to", "-t", required=True, choices=CONVERT_LOCALES, metavar="LOCALE",
                   help=f"target locale: {', '.join(CONVERT_LOCALES)}")
    k.set_defaults(run=cmd_convert)

    u = sub.add_parser("gui", help="open the desktop app (review, batch, style guide)")
    u.add_argument("file", nargs="?", metavar="FILE", help="draft to open and check")
    u.add_argument("--guide", "-g", help=f"style guide YAML, or {BUILTIN_GUIDE} "
                   "(default: the last one used)")
    u.add_argument("--channel", "-c", help="channel profile to review for")
    u.add_argument("--screenshot", metavar="OUT.png",
                   help="check FILE, save a screenshot of the window and exit")
    u.add_argument("--lang", choices=LANGUAGES, help="UI language (default: remembered)")
    u.add_argument("--theme", choices=("system", "light", "dark"), help="colour theme")
    u.add_argument("--tab", choices=("review", "batch", "guide"), default="review",
                   help="workspace shown first (for --screenshot)")
    u.set_defaults(run=cmd_gui)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except GuideError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_BAD
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
