"""`voicecheck config show [FILE]`: the configuration that applies to a file, and where
each value comes from (a file:line:column, the command line, or the default)."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from ..config import DEFAULT, Settings, Value
from ..messages import DEFAULT as DEFAULT_LANG
from .common import EXIT_OK, add_config_options, add_guide_option, project


def _rows(args: argparse.Namespace, s: Settings) -> list[tuple[str, object, str]]:
    def pick(flag: str | None, value: Value, default: object) -> tuple[object, str]:
        if flag:
            return flag, "command line"
        return (value.value, value.source) if value.value is not None else (default, DEFAULT)

    channel = s.channel_by_path if s.channel_by_path.value else s.channel
    rows = [
        ("guide", *pick(args.guide, s.guide, "builtin:default")),
        ("channel", *pick(None, channel, "none (front matter, folder or --channel)")),
        ("lang", *pick(None, s.lang, DEFAULT_LANG)),
        ("min_severity", *pick(None, s.min_severity, "info")),
    ]
    rows += [("disable", d.value, d.source) for d in s.disable] or [("disable", "nothing",
                                                                     DEFAULT)]
    rows.append(("ignored", f"yes ({s.ignored.value})" if s.ignored.value else "no",
                 s.ignored.source if s.ignored.value else DEFAULT))
    return rows


def show(args: argparse.Namespace) -> int:
    target = Path(args.file) if args.file else Path.cwd() / "-"
    settings = project(args).settings(target)
    rows = _rows(args, settings)
    files = [_shown(str(f)) for f in settings.files]
    if args.format == "json":
        data = {"file": str(args.file or "."), "files": files,
                "settings": [{"key": k, "value": v, "source": _shown(src)} for k, v, src in rows]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(args.file or f"{Path.cwd()}{os.sep}")
    width = max(len(str(v)) for _, v, _ in rows)
    for key, value, source in rows:
        print(f"  {key:<13} {value!s:<{width}}  {_shown(source)}")
    print("configuration files (nearest first): " + (", ".join(files) or "none"))
    return EXIT_OK


def _shown(source: str) -> str:
    """A source as the user would type it: relative to the working directory if inside."""
    path, sep, rest = source.partition(":")
    if not sep or not os.path.isabs(path):
        return source
    rel = os.path.relpath(path)
    return (path if rel.startswith("..") else rel) + sep + rest


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    c = sub.add_parser("config", help="project configuration (.voicecheck.yaml)")
    csub = c.add_subparsers(dest="config_command", required=True, metavar="ACTION")
    s = csub.add_parser("show", help="print the configuration that applies to FILE and "
                        "where each value comes from")
    s.add_argument("file", nargs="?", metavar="FILE",
                   help="a file to check (default: one in the working directory)")
    add_guide_option(s)
    add_config_options(s)
    s.add_argument("--format", "-f", choices=("text", "json"), default="text")
    s.set_defaults(run=show)
