"""The `voicecheck` command, one module per subcommand. Exit codes: 0 all passed, 1 a post
failed, 2 bad usage/input, 130 interrupted."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from ..guide import GuideError
from . import batch, check, config, convert, fix, gui, guide, history
from .common import EXIT_BAD, EXIT_INTERRUPTED, EXIT_OK, UsageError

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="voicecheck", description="Check social posts against a brand style guide."
    )
    p.add_argument("--version", action="version", version=f"voicecheck {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in (check, batch, fix, guide, config, convert, history, gui):
        command.add_parser(sub)
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
        return EXIT_INTERRUPTED
    except BrokenPipeError as exc:
        if _stdout_closed():  # `voicecheck check ... | head`: the reader has what it wanted
            return EXIT_OK
        print(f"error: {exc}", file=sys.stderr)  # another pipe: not a success
        return EXIT_BAD


def _stdout_closed() -> bool:
    """Whether standard output is a pipe nobody reads any more (poll says POLLERR)."""
    import select

    if not hasattr(select, "poll"):
        return True
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(ev & select.POLLERR for _, ev in poller.poll(0))
    except (OSError, ValueError):  # closed, or not a real file
        return True
