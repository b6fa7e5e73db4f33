"""Load a style guide: parse with located errors, resolve `extends` packs, merge, build.

Packs merge in order and the guide's own values win: lists concatenate (pack entries
first), mappings merge key by key, scalars are replaced. A pack reached twice (two packs
that both extend a third) is merged once, where it is first reached. Guides and packs
are read as bounded regular files (limits.py); what cannot be read is reported where
the pack is named.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .. import limits
from ..files import ReadError, display_name, read_regular
from ..text import english
from . import templates
from .model import (
    BUILTIN_SOURCE,
    Brand,
    Channel,
    Claim,
    Compliance,
    Family,
    Guide,
    Origin,
    Pattern,
    Promotion,
    Scoring,
    Term,
    Voice,
)
from .schema import GUIDE, RULE_TABLE, GuideError, Problem, Reader, compose

BUILTIN_PREFIX = "builtin:"
# libyaml's composer keeps line/column marks and is several times faster than pure Python.


def builtin_packs() -> list[str]:
    """Guide packs are the YAML files at the top of data/ (rule tables live in data/rules/)."""
    data = resources.files("voicecheck") / "data"
    return sorted(
        p.name.removesuffix(".yaml")
        for p in data.iterdir()
        if p.name.endswith(".yaml") and p.name != "default.yaml"
    )


def default_guide_path() -> Path:
    return Path(str(resources.files("voicecheck") / "data" / "default.yaml"))


def read_document(text: str, file: str) -> tuple[dict[str, Any], list[Problem]]:
    """Validate one YAML document against the schema; returns raw values and problems."""
    r = Reader(file)
    node, problems = compose(text, file)
    if problems:
        return {}, problems
    if node is None:  # an empty file is a mistake, not a guide without rules
        return {}, [Problem(file, 1, 1, "the guide is empty (start from one in styleguides/)")]
    if not isinstance(node, yaml.MappingNode):  # not quoted: it may be any file at all
        what = "a list" if isinstance(node, yaml.SequenceNode) else "plain text"
        return {}, [Problem(file, 1, 1, f"not a style guide: the file holds {what}, a guide "
                                        "is keys such as version:, brand: and terms:")]
    raw = GUIDE.read(node, r) or {}
    raw["_extends_nodes"] = _extends_nodes(node, r)
    for k, v in node.value if isinstance(node, yaml.MappingNode) else ():
        if getattr(k, "value", None) == "spacy_model":
            raw["_spacy_model_origin"] = r.origin(v)
    return raw, r.problems


def _extends_nodes(node: yaml.Node, r: Reader) -> list[Origin]:
    """Origins of each `extends` item, so a missing pack is reported where it is named."""
    if not isinstance(node, yaml.MappingNode):
        return []
    for k, v in node.value:
        if getattr(k, "value", None) == "extends":
            items = v.value if isinstance(v, yaml.SequenceNode) else [v]
            return [r.origin(i) for i in items]
    return []


class UnreadableGuide(Exception):
    """Why a guide or pack file was not read (one sentence); `line`, `column` when the
    reason has a place in the file."""

    def __init__(self, reason: str, line: int = 1, column: int = 1):
        super().__init__(reason)
        self.line, self.column = line, column


def guide_text(path: str | Path) -> str:
    """A guide or pack file as text: a regular file of at most limits.MAX_GUIDE_BYTES,
    UTF-8 (a BOM is fine). Raises UnreadableGuide."""
    try:
        data = read_regular(path, limits.MAX_GUIDE_BYTES)
    except ReadError as exc:
        raise UnreadableGuide(str(exc)) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableGuide("is UTF-16 text; save it as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        what = "is not a text file" if b"\x00" in data[:8192] else "is not valid UTF-8"
        raise UnreadableGuide(what, line, col) from None


def _resolve_pack(name: str, base_dir: Path) -> tuple[str, str | None]:
    """Return (file label, text or None when missing); UnreadableGuide when it is there but
    cannot be read."""
    if name.startswith(BUILTIN_PREFIX):
        pack = name[len(BUILTIN_PREFIX) :]
        path = resources.files("voicecheck") / "data" / f"{pack}.yaml"
        if pack not in builtin_packs():
            return name, None
        return name, path.read_text(encoding="utf-8")
    if "\x00" in name:
        raise UnreadableGuide("cannot be read: the name contains a NUL character")
    try:
        label = os.path.realpath(base_dir / name)
    except (OSError, ValueError, RuntimeError) as exc:
        raise UnreadableGuide(f"cannot be found: {exc}") from None
    if not os.path.lexists(label):
        return label, None
    return label, guide_text(label)


def _pack_problem(origin: Origin, message: str) -> Problem:
    return Problem(origin.file, origin.line, origin.column, message)


def _collect(
    text: str, file: str, base_dir: Path, stack: tuple[str, ...], problems: list[Problem],
    included: set[str] | None = None,
) -> list[dict[str, Any]]:
    """Raw documents in merge order: each pack's own packs first, then the document.
    `included`: packs already collected (each merges once)."""
    included = set() if included is None else included
    raw, found = read_document(text, file)
    problems.extend(found)
    if isinstance(raw.get("spacy_model"), str):
        raw["spacy_model"] = _pipeline_name(raw["spacy_model"], base_dir)
    layers: list[dict[str, Any]] = []
    names = raw.get("extends", [])
    origins = raw.pop("_extends_nodes", [])
    for name, origin in zip(names, origins, strict=False):
        try:
            label, pack_text = _resolve_pack(name, base_dir)
        except UnreadableGuide as exc:
            problems.append(_pack_problem(origin, f"pack '{_shown(name)}' {exc}"))
            continue
        if pack_text is None:
            hint = ""
            if name.startswith(BUILTIN_PREFIX):
                known = ", ".join(BUILTIN_PREFIX + p for p in builtin_packs())
                hint = f" (built-in packs: {known})"
            problems.append(_pack_problem(origin, f"pack '{_shown(name)}' not found{hint}"))
            continue
        if label in stack:
            chain = " -> ".join([*stack, label])
            problems.append(_pack_problem(origin, f"cyclic extends: {chain}"))
            continue
        if label in included:
            continue  # reached before through another pack: merged once, there
        if len(stack) > limits.MAX_EXTENDS_DEPTH:
            problems.append(_pack_problem(origin, f"packs extend packs more than "
                                                  f"{limits.MAX_EXTENDS_DEPTH} deep (the limit)"))
            continue
        if len(included) >= limits.MAX_PACKS:
            problems.append(_pack_problem(origin, f"more than {limits.MAX_PACKS} packs (the "
                                                  "limit for one guide)"))
            continue
        included.add(label)
        pack_dir = base_dir if name.startswith(BUILTIN_PREFIX) else Path(label).parent
        layers.extend(_collect(pack_text, label, pack_dir, (*stack, label), problems, included))
    layers.append(raw)
    return layers


def _pipeline_name(name: str, base_dir: Path) -> str:
    """A package name as written; a folder (it has a slash, or starts with . or ~)
    relative to the guide that names it, as packs are."""
    if not any(c in name for c in "/\\") and not name.startswith((".", "~")):
        return name
    return str((base_dir / Path(name).expanduser()).resolve())


def _shown(name: str) -> str:
    """A pack name as an error quotes it: printable, and not a page long."""
    name = name.encode("unicode_escape").decode("ascii") if not name.isprintable() else name
    return name if len(name) <= 80 else name[:79] + "…"


def merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            out[key] = merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(over, list):
        return base + over
    return over


def parse_guide(text: str, file: str, base_dir: Path | None = None) -> Guide:
    """Parse guide text (with its packs) into the effective guide, or raise GuideError."""
    base = base_dir if base_dir is not None else Path(file).resolve().parent
    problems: list[Problem] = []
    layers = _collect(text, file, base, (str(Path(file).resolve()),), problems)
    merged: dict[str, Any] = {}
    for layer in layers:
        merged = merge(merged, {k: v for k, v in layer.items() if k != "extends"})
    merged["extends"] = layers[-1].get("extends", [])
    if problems:
        raise GuideError(problems)
    guide = build_guide(merged, file)
    problems.extend(_cross_check(guide))
    if problems:
        raise GuideError(problems)
    return guide


def load_guide(path: str | Path | None = None) -> Guide:
    """Load a guide file (the built-in default when None); errors raise GuideError."""
    p = Path(path) if path is not None else default_guide_path()
    label = BUILTIN_SOURCE if path is None else display_name(path)
    return parse_guide(_read_guide(p, label), label, Path(os.path.realpath(p)).parent)


def _read_guide(path: Path, label: str) -> str:
    try:
        return guide_text(path)
    except UnreadableGuide as exc:
        raise GuideError([Problem(label, exc.line, exc.column, f"guide {exc}")]) from None


def read_own_guide(path: str | Path) -> Guide:
    """The guide as written, packs not applied: what an editor shows and saves back."""
    p = Path(path)
    return parse_own_guide(_read_guide(p, display_name(p)), display_name(p))


def parse_own_guide(text: str, file: str) -> Guide:
    """Guide text as written (packs not applied), or GuideError."""
    raw, problems = read_document(text, file)
    raw.pop("_extends_nodes", None)
    if problems:
        raise GuideError(problems)
    return build_guide(raw, file)


def _claims(items: list[Any]) -> list[Claim]:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(Claim(text=item))
        else:
            out.append(
                Claim(
                    text=item["text"],
                    suggest=item.get("suggest", []),
                    severity=item.get("severity", "error"),
                    note=item.get("note", ""),
                    basis=item.get("basis", {}),
                    origin=item.get("_origin"),
                )
            )
    return out


_RULE_KEYS = ("rule", "exceptions", "not_after", "unless", "locales", "severity", "suggest", "note",
              "basis")


def _rule_fields(item: dict[str, Any]) -> dict[str, Any]:
    return {**{k: item[k] for k in _RULE_KEYS if k in item}, "origin": item.get("_origin")}


def _family(item: dict[str, Any]) -> Family:
    return Family(match=item["match"], **({"gap": item["gap"]} if "gap" in item else {}),
                  **_rule_fields(item))


def _pattern(item: dict[str, Any]) -> Pattern:
    return Pattern(pattern=item["pattern"], **_rule_fields(item))


def _term(item: dict[str, Any]) -> Term:
    prefer = item.get("prefer", {})
    return Term(
        avoid=item.get("avoid", []),
        prefer={"*": prefer} if isinstance(prefer, str) else prefer,
        case_sensitive=item.get("case_sensitive", False),
        severity=item.get("severity", "warning"),
        note=item.get("note", ""),
        exceptions=item.get("exceptions", []),
        inflect=item.get("inflect", not item.get("case_sensitive", False)),
        origin=item.get("_origin"),
        admitted=item.get("admitted", []),
        deprecated=item.get("deprecated", []),
        forbidden=item.get("forbidden", []),
        id=item.get("id", ""),
        part_of_speech=item.get("part_of_speech", ""),
        definition=item.get("definition", ""),
    )


def build_guide(raw: dict[str, Any], source: str) -> Guide:
    brand = raw.get("brand", {})
    voice = raw.get("voice", {})
    promo = raw.get("promotion", {})
    comp = raw.get("compliance", {})
    channels = {
        name: Channel(
            name=name,
            **{k: v for k, v in spec.items() if k != "_origin"},
            origin=spec.get("_origin"),
        )
        for name, spec in raw.get("channels", {}).items()
    }
    return Guide(
        version=raw.get("version", 1),
        brand=Brand(name=brand.get("name", ""), aliases=brand.get("aliases", {})),
        language=raw.get("language", "zh-Hans"),
        extends=raw.get("extends", []),
        voice=Voice(summary=voice.get("summary", ""), tone=voice.get("tone", {})),
        terms=[_term(t) for t in raw.get("terms", [])],
        promotion=Promotion(
            max_exclamations=promo.get("max_exclamations"),
            max_emoji=promo.get("max_emoji"),
            allow=promo.get("allow", []),
            claims=_claims(promo.get("claims", [])),
            hard_sell=_claims(promo.get("hard_sell", [])),
        ),
        channels=channels,
        compliance=Compliance(**comp),
        scoring=Scoring(pass_score=raw.get("scoring", {}).get("pass", 80)),
        lists=raw.get("lists", {}),
        families=[_family(f) for f in raw.get("families", []) if "match" in f and "rule" in f],
        patterns=[_pattern(p) for p in raw.get("patterns", []) if "pattern" in p and "rule" in p],
        spacy_model=raw.get("spacy_model"),
        spacy_model_origin=raw.get("_spacy_model_origin"),
        source=source,
    )


def _cross_check(guide: Guide) -> list[Problem]:
    """Rules that span entries: a word listed twice (in two terms, or under two statuses of
    one), empty terms, a term id used twice."""
    problems: list[Problem] = []
    seen: dict[str, tuple[Term, str]] = {}
    ids: dict[str, Term] = {}
    for term in guide.terms:
        where = term.origin or Origin(guide.source, 1, 1)

        def problem(message: str, where: Origin = where) -> None:
            problems.append(Problem(where.file, where.line, where.column, message))

        if not any((term.avoid, term.prefer, term.admitted, term.deprecated, term.forbidden)):
            problem("term needs 'avoid' or 'prefer' (or 'deprecated', 'forbidden', 'admitted')")
        if term.id:
            if term.id in ids:
                problem(f"duplicate term id '{term.id}'{_first_at(ids[term.id])}")
            ids.setdefault(term.id, term)
        for status in ("avoid", "deprecated", "forbidden", "admitted"):
            for word in getattr(term, status):
                key = word if term.case_sensitive else word.lower()
                if key in seen:
                    first, as_ = seen[key]
                    listed = "avoided" if as_ == "avoid" else f"listed as {as_}"
                    problem(f"duplicate term: '{word}' is already {listed}{_first_at(first)}")
                else:
                    seen[key] = (term, status)
    problems.extend(_list_references(guide))
    if guide.spacy_model and not english.installed(guide.spacy_model):
        o = guide.spacy_model_origin or Origin(guide.source, 1, 1)
        problems.append(Problem(o.file, o.line, o.column,
                                f"spaCy pipeline '{guide.spacy_model}' is not installed "
                                "(pip install it, or name a pipeline folder)"))
    for ch in guide.channels.values():
        if ch.fold_chars and ch.max_chars and ch.fold_chars > ch.max_chars:
            o = ch.origin or Origin(guide.source, 1, 1)
            problems.append(Problem(o.file, o.line, o.column,
                                    f"channel '{ch.name}': fold_chars exceeds max_chars"))
    return problems


def _first_at(term: Term) -> str:
    return f" (first at line {term.origin.line})" if term.origin else ""


def parse_rule_table(text: str, file: str) -> tuple[dict[str, list[str]], list[Family],
                                                    list[Pattern]]:
    """A built-in rule table (word lists, families, patterns) validated like a guide."""
    r = Reader(file)
    node, problems = compose(text, file)
    if problems:
        raise GuideError(problems)
    raw = RULE_TABLE.read(node, r) or {}
    if r.problems:
        raise GuideError(r.problems)
    table = Guide(source=file, lists=raw.get("lists", {}),
                  families=[_family(f) for f in raw.get("families", [])],
                  patterns=[_pattern(p) for p in raw.get("patterns", [])])
    problems = _list_references(table)
    if problems:
        raise GuideError(problems)
    return table.lists, table.families, table.patterns


def _list_references(guide: Guide) -> list[Problem]:
    """Every `{name}` in a family and every `"@name"` in a pattern names a word list (the
    lists may come from any pack, so this is checked on the merged guide)."""
    problems: list[Problem] = []

    def missing(name: str, origin: Origin | None) -> None:
        o = origin or Origin(guide.source, 1, 1)
        known = ", ".join(sorted(guide.lists)) or "none defined"
        problems.append(Problem(o.file, o.line, o.column,
                                f"no word list '{name}' in `lists` (known: {known})"))

    def literal_list(slot: templates.Slot, origin: Origin | None) -> None:
        o = origin or Origin(guide.source, 1, 1)
        for word in slot.words if len(slot.words) > 1 else ():
            if word in guide.lists:
                problems.append(Problem(o.file, o.line, o.column, (
                    f"'{word}' in '{{{'|'.join(slot.words)}}}' is matched as the literal word, "
                    f"not as the list '{word}': inline choices are words; write {{{word}}} "
                    "in a family of its own, or add the other choices to the list")))

    for fam in guide.families:
        for template in (fam.match, *fam.exceptions, *fam.not_after, *fam.unless):
            slots = templates.parse(template)
            for name in templates.list_names(slots):
                if name not in guide.lists:
                    missing(name, fam.origin)
            for slot in slots:
                literal_list(slot, fam.origin)
    for pat in guide.patterns:
        for token in pat.pattern:
            for value in token.values():
                refs = [v for v in value.values() if isinstance(v, str)] if isinstance(value, dict) else []
                for ref in refs:
                    if ref.startswith("@") and ref[1:] not in guide.lists:
                        missing(ref[1:], pat.origin)
        for template in (*pat.exceptions, *pat.not_after, *pat.unless):
            for name in templates.list_names(templates.parse(template)):
                if name not in guide.lists:
                    missing(name, pat.origin)
    return problems

