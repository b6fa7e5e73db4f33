"""Project configuration: `.voicecheck.yaml` files found by walking up from each checked
file, then the user's own (`$XDG_CONFIG_HOME/voicecheck/config.yaml`).

    guide: styleguides/brand.yaml     # relative to this file, or builtin:default
    channel: weibo                    # for posts that name none
    channels: {"posts/x/**": x}       # channel by path glob (relative to this file)
    ignore: [drafts/archive/]         # files not to check
    min_severity: warning             # findings below it are suppressed (and counted)
    disable: [formatting.cjk-spacing] # rules suppressed everywhere here (and counted)
    lang: zh                          # language of messages and reports
    root: true                        # stop looking further up

The nearest file wins for a single value; `disable`, `ignore` and `channels` add up,
nearest first. Command-line options win over every file. Each resolved value keeps
where it came from, for `voicecheck config show`. Errors are located like a guide's.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import limits
from .files import ReadError, read_regular
from .guide.loader import BUILTIN_PREFIX
from .guide.model import Origin
from .guide.schema import (
    SEVERITY,
    Bool,
    Enum,
    GuideError,
    ListOf,
    MapOf,
    Problem,
    Reader,
    Str,
    Struct,
    compose,
)
from .messages import LANGUAGES
from .readers import normalize_channel
from .suppress import RULES, Suppressions, whole_post

CONFIG_NAME = ".voicecheck.yaml"
USER_CONFIG = "config.yaml"
DEFAULT = "default"  # where a value comes from when nothing sets it

SCHEMA = Struct({
    "root": Bool(),
    "guide": Str(),
    "channel": Str(),
    "channels": MapOf(Str(), Str()),
    "ignore": ListOf(Str(), single_ok=True),
    "min_severity": SEVERITY,
    "disable": RULES,
    "lang": Enum(LANGUAGES, "language"),
})


class ConfigError(GuideError):
    """Located problems in a configuration file (exit code 2)."""


def user_config_path() -> Path:
    """`$XDG_CONFIG_HOME/voicecheck/config.yaml` (~/.config when unset; %APPDATA% on
    Windows)."""
    base = os.environ.get("XDG_CONFIG_HOME") or (
        os.environ.get("APPDATA") if os.name == "nt" else None)
    return Path(base or Path.home() / ".config") / "voicecheck" / USER_CONFIG


# --- one file ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Glob:
    pattern: str
    base: Path  # the folder of the file that wrote it
    origin: Origin
    regex: re.Pattern[str]

    def matches(self, path: Path) -> bool:
        try:
            rel = path.relative_to(self.base)
        except ValueError:
            return False
        return bool(self.regex.fullmatch(rel.as_posix()))


def glob_regex(pattern: str) -> re.Pattern[str]:
    """gitignore-like: `*` within a folder, `**` across folders, a pattern without `/`
    matches a name at any depth, and a pattern naming a folder covers what is inside."""
    p = pattern.strip()
    if p.endswith("/"):
        p += "**"
    anchored = "/" in p.rstrip("/*")
    p = p.lstrip("/")
    out, i = [], 0
    while i < len(p):
        if p.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif p.startswith("**", i):
            out.append(".*")
            i += 2
        elif p[i] == "*":
            out.append("[^/]*")
            i += 1
        elif p[i] == "?":
            out.append("[^/]")
            i += 1
        elif p[i] == "[" and (close := p.find("]", i + 2)) > 0:
            body = p[i + 1:close]
            out.append("[" + ("^" + re.escape(body[1:]) if body[0] == "!" else re.escape(body)) + "]")
            i = close + 1
        else:
            out.append(re.escape(p[i]))
            i += 1
    return re.compile(("" if anchored else "(?:.*/)?") + "".join(out) + "(?:/.*)?")


@dataclass(frozen=True)
class Layer:
    """One configuration file, validated, with where each value is written."""

    file: Path
    values: dict[str, Any]
    origins: dict[str, Origin]
    channels: tuple[tuple[Glob, str], ...] = ()
    ignore: tuple[Glob, ...] = ()


def _origin(file: str, node: yaml.Node) -> Origin:
    return Origin(file, node.start_mark.line + 1, node.start_mark.column + 1)


def read_layer(path: Path, label: str | None = None) -> Layer:
    """Parse and validate one configuration file, or raise ConfigError."""
    label = label or str(path)
    try:  # bounded, regular files only (a FIFO named .voicecheck.yaml must not hang a run)
        text = read_regular(path, limits.MAX_GUIDE_BYTES).decode("utf-8-sig")
    except (ReadError, UnicodeDecodeError) as exc:
        why = str(exc) if isinstance(exc, ReadError) else "is not valid UTF-8"
        raise ConfigError([Problem(label, 1, 1, f"configuration {why}")]) from None
    node, problems = compose(text, label)
    if problems:
        raise ConfigError(problems)
    if node is None:
        return Layer(path, {}, {})
    r = Reader(label)
    values = SCHEMA.read(node, r) or {}
    origins: dict[str, Origin] = {}
    items: dict[str, yaml.Node] = {}
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                origins[k.value] = _origin(label, v)
                items[k.value] = v
    base = path.resolve().parent
    guide = values.get("guide")
    if guide is not None and not guide.startswith(BUILTIN_PREFIX):
        resolved = (base / guide).resolve()
        if not resolved.is_file():
            r.error(items["guide"], f"guide '{guide}' not found (looked for {resolved})")
        values["guide"] = str(resolved)
    if "channel" in values:
        values["channel"] = normalize_channel(values["channel"])
    globs: list[tuple[Glob, str]] = []
    if "channels" in values and isinstance(items.get("channels"), yaml.MappingNode):
        for k, _ in items["channels"].value:
            if k.value in values["channels"]:
                globs.append((Glob(k.value, base, _origin(label, k), glob_regex(k.value)),
                              normalize_channel(values["channels"][k.value]) or ""))
    ignore: list[Glob] = []
    if "ignore" in values:
        nodes = items["ignore"].value if isinstance(items["ignore"], yaml.SequenceNode) else [
            items["ignore"]]
        ignore = [Glob(n.value, base, _origin(label, n), glob_regex(n.value)) for n in nodes
                  if isinstance(n, yaml.ScalarNode) and n.value in values["ignore"]]
    if r.problems:
        raise ConfigError(r.problems)
    return Layer(path, values, origins, tuple(globs), tuple(ignore))


# --- what applies to a file ---------------------------------------------------------------

@dataclass(frozen=True)
class Value:
    value: Any
    source: str = DEFAULT  # "/repo/.voicecheck.yaml:3:8", "command line", "default"


@dataclass(frozen=True)
class Settings:
    """Everything configuration says about one file, each value with its source."""

    guide: Value = Value(None)  # a path, builtin:default, or None for the built-in guide
    channel: Value = Value(None)  # the configured default channel
    channel_by_path: Value = Value(None)  # a `channels:` glob that matches the file
    lang: Value = Value(None)
    min_severity: Value = Value(None)
    disable: tuple[Value, ...] = ()
    ignored: Value = Value(None)  # the ignore pattern that matches the file, if any
    files: tuple[Path, ...] = ()

    def suppressions(self) -> Suppressions:
        """The configuration's disabled rules and minimum severity, as suppressions."""
        items = [whole_post((d.value,), f"disable: {d.value} ({d.source})") for d in self.disable]
        if self.min_severity.value:
            items.append(whole_post((), f"min_severity: {self.min_severity.value} "
                                    f"({self.min_severity.source})", below=self.min_severity.value))
        return Suppressions(tuple(items))


@dataclass
class Project:
    """Resolves Settings per file; reads each configuration file once."""

    explicit: str | None = None  # --config FILE: used instead of the files found
    enabled: bool = True  # --no-config: none at all
    user: Path | None = field(default_factory=user_config_path)
    _layers: dict[Path, Layer] = field(default_factory=dict, repr=False)
    _chains: dict[Path, list[Layer]] = field(default_factory=dict, repr=False)
    _settings: dict[Path, Settings] = field(default_factory=dict, repr=False)

    def _layer(self, path: Path) -> Layer:
        if path not in self._layers:
            self._layers[path] = read_layer(path)
        return self._layers[path]

    def chain(self, path: Path) -> list[Layer]:
        """The configuration files that apply to `path`, nearest first."""
        if not self.enabled:
            return []
        layers: list[Layer] = []
        if self.explicit is not None:
            explicit = Path(self.explicit)
            if not explicit.is_file():
                raise ConfigError([Problem(self.explicit, 1, 1, "no such configuration file")])
            layers.append(self._layer(explicit))
        else:
            folder = Path(os.path.abspath(path)).parent
            if folder not in self._chains:  # a batch asks for every file of a folder
                self._chains[folder] = list(self._walk_up(folder))
            layers.extend(self._chains[folder])
        if self.user is not None and self.user.is_file():
            layers.append(self._layer(self.user))
        return layers

    def _walk_up(self, folder: Path) -> Iterator[Layer]:
        """Configuration files from `folder` up to the filesystem root or a `root: true`."""
        for d in (folder, *folder.parents):
            candidate = d / CONFIG_NAME
            if candidate.is_file():
                layer = self._layer(candidate)
                yield layer
                if layer.values.get("root"):
                    return

    def layers(self) -> list[Layer]:
        """Every configuration file read so far."""
        return list(self._layers.values())

    def settings(self, path: Path) -> Settings:
        target = Path(os.path.abspath(path))
        if target not in self._settings:  # every row of a table asks again
            self._settings[target] = self._resolve(target)
        return self._settings[target]

    def _resolve(self, target: Path) -> Settings:
        chain = self.chain(target)

        def first(key: str) -> Value:
            for layer in chain:
                if key in layer.values:
                    return Value(layer.values[key], str(layer.origins[key]))
            return Value(None)

        by_path = Value(None)
        for layer in chain:
            hit = next(((g, ch) for g, ch in layer.channels if g.matches(target)), None)
            if hit:
                by_path = Value(hit[1], f"{hit[0].origin} ({hit[0].pattern})")
                break
        ignored = next((Value(g.pattern, str(g.origin)) for layer in chain for g in layer.ignore
                        if g.matches(target)), Value(None))
        disable = tuple(Value(rule, str(layer.origins["disable"])) for layer in chain
                        for rule in layer.values.get("disable", []))
        return Settings(guide=first("guide"), channel=first("channel"), channel_by_path=by_path,
                        lang=first("lang"), min_severity=first("min_severity"),
                        disable=tuple(dict.fromkeys(disable)), ignored=ignored,
                        files=tuple(layer.file for layer in chain))
