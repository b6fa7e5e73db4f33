"""docs/cli.md documents every command and option; the pre-commit hooks run real commands."""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from voicecheck.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    yield prefix, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*prefix, name))


def test_every_command_and_option_is_documented() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = []
    for path, parser in _commands(build_parser()):
        if path and f"voicecheck {' '.join(path)}" not in doc:
            missing.append(" ".join(path))
        for action in parser._actions:
            for option in action.option_strings:
                named = re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", doc)
                if option.startswith("--") and option != "--help" and not named:
                    missing.append(f"{' '.join(path)} {option}")
    assert not missing


def test_pre_commit_hooks_run_real_commands(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"voicecheck", "voicecheck-fix"}
    draft = tmp_path / "post.md"
    draft.write_text("欢迎光临，祝你今天愉快。\n", encoding="utf-8")
    exe = Path(sys.executable).parent / "voicecheck"
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook) and hook["language"] == "python"
        assert set(hook["types_or"]) == {"markdown", "plain-text"}
        assert re.search(hook["files"], "posts/a.md") and not re.search(hook["files"], "LICENSE")
        program, *args = shlex.split(hook["entry"])
        assert program == "voicecheck"
        proc = subprocess.run([str(exe), *args, "--no-config", str(draft)], capture_output=True,
                              text=True)
        assert proc.returncode == 0, proc.stderr
