"""TBX-Basic (ISO 30042), the term base format translation tools exchange.

Written as TBX v3 (ISO 30042:2019, TBX-Basic dialect, DCA style); read as v3 or as the
older martif/termEntry/langSet/tig files (TBX v2, TBX-Basic 2009). Parsing is defused
(defusedxml): a DOCTYPE is allowed but never fetched, and any entity declaration (a
"billion laughs") or external entity is refused with the line and column it is at.

Status per term: preferredTerm-, admittedTerm-, deprecatedTerm-admn-sts (superseded,
obsolete and not-recommended read as deprecated; TBX-Default's normativeAuthorization is
read too). TBX has no "forbidden" and nothing for voicecheck's own settings, so those go
in notes a translation tool keeps as it finds them: `voicecheck: forbidden` on a term,
`voicecheck: {"case_sensitive": true, ...}` on the entry.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from .. import limits
from ..files import ReadError, read_regular
from ..guide.model import MESSAGE_LANGUAGES, PARTS_OF_SPEECH, SEVERITIES
from ..guide.schema import Problem
from .forms import ANY, Entry, Form, TermBaseError, language_of, locale_for_tag

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MARK = "voicecheck:"  # notes that carry what TBX has no place for
_STATUS_OUT = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
               "deprecated": "deprecatedTerm-admn-sts", "forbidden": "deprecatedTerm-admn-sts",
               "avoid": "deprecatedTerm-admn-sts"}
_STATUS_IN = {
    "preferredterm-admn-sts": "preferred", "admittedterm-admn-sts": "admitted",
    "deprecatedterm-admn-sts": "deprecated", "supersededterm-admn-sts": "deprecated",
    "obsoleteterm-admn-sts": "deprecated", "notrecommendedterm-admn-sts": "deprecated",
    "preferredterm": "preferred", "admittedterm": "admitted", "deprecatedterm": "deprecated",
    "supersededterm": "deprecated", "legalterm": "preferred", "regulatedterm": "preferred",
    "standardizedterm": "preferred",
}
_TERM_MARKS = ("forbidden", "avoid", "every language")
_WRAP = re.compile(r"[ \t]*[\r\n]\s*")
_MADE_ID = "voicecheck-"  # TBX needs an id on every entry; these are not the guide's


# ---- reading ----------------------------------------------------------------------------

class _Parser(DefusedXMLParser):
    """A defused parser that remembers where each element starts."""

    def __init__(self) -> None:
        super().__init__()
        self.places: dict[int, tuple[int, int]] = {}

    def _start(self, tag: str, attr_list: Any) -> ET.Element:  # type: ignore[override]
        elem = super()._start(tag, attr_list)
        self.places[id(elem)] = (self.parser.CurrentLineNumber,
                                 self.parser.CurrentColumnNumber + 1)
        return elem


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read(path: Path, file: str) -> tuple[list[Entry], list[str]]:
    try:
        data = read_regular(path, limits.MAX_TABLE_FILE_BYTES)
    except ReadError as exc:
        raise TermBaseError([Problem(file, 1, 1, f"term base {exc}")]) from None
    return parse(data, file)


def parse(data: bytes, file: str) -> tuple[list[Entry], list[str]]:
    """Entries of TBX bytes, and notes on what was left out. TermBaseError, located, for
    XML that is not well-formed, an entity declaration or external entity, or values TBX
    does not allow."""
    parser = _Parser()
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        line, col = parser.parser.CurrentLineNumber, parser.parser.CurrentColumnNumber + 1
        raise TermBaseError([Problem(file, line, col, f"refused: {_refusal(exc)}")]) from None
    except ET.ParseError as exc:
        line, col = exc.position
        message = str(exc).split(":", 1)[0]
        raise TermBaseError([Problem(file, line, col + 1, f"not well-formed XML: {message}")]
                            ) from None
    return _Reader(file, parser.places).document(root)


def _refusal(exc: DefusedXmlException) -> str:
    name = type(exc).__name__
    if name == "EntitiesForbidden":
        return (f"the file declares the entity '{getattr(exc, 'name', '')}'; entity "
                "declarations are not read (they can expand without end or read other files)")
    if name == "ExternalReferenceForbidden":
        return "the file refers to an external entity; nothing outside the file is read"
    return f"the file uses a DTD feature that is not read ({name})"


class _Reader:
    def __init__(self, file: str, places: dict[int, tuple[int, int]]):
        self.file, self.places = file, places
        self.problems: list[Problem] = []
        self.notes: list[str] = []

    def error(self, elem: ET.Element, message: str) -> None:
        line, col = self.places.get(id(elem), (1, 1))
        self.problems.append(Problem(self.file, line, col, message))

    def document(self, root: ET.Element) -> tuple[list[Entry], list[str]]:
        if _local(root.tag) not in ("tbx", "martif"):
            self.error(root, f"not a TBX file: the root element is <{_local(root.tag)}>, "
                             "not <tbx> or <martif>")
            raise TermBaseError(self.problems)
        entries = []
        for elem in root.iter():
            if _local(elem.tag) in ("conceptEntry", "termEntry"):
                if len(entries) >= limits.MAX_TABLE_ROWS:
                    self.error(elem, f"more than {limits.MAX_TABLE_ROWS:,} entries (the limit)")
                    break
                entry = self.entry(elem)
                if entry is not None:
                    entries.append(entry)
        if self.problems:
            raise TermBaseError(self.problems)
        return entries, self.notes

    def entry(self, elem: ET.Element) -> Entry | None:
        made = re.fullmatch(rf"{_MADE_ID}\d+", elem.get("id", ""))
        entry = Entry(id="" if made else elem.get("id", ""))
        definitions: dict[str, str] = {}
        notes: dict[str, str] = {}
        for child in elem:
            kind = _local(child.tag)
            if kind in ("descrip", "descripGrp"):
                self.descrip(child, child.get(XML_LANG, ""), definitions)
            elif kind == "note":
                self.note(child, entry, child.get(XML_LANG, ""), notes)
            elif kind in ("langSec", "langSet"):
                self.language(child, entry, definitions, notes)
        if not entry.forms:
            self.notes.append(f"{self.file}:{self.places.get(id(elem), (1, 1))[0]}: entry "
                              f"'{entry.id or '?'}' has no English or Chinese term; left out")
            return None
        entry.definition = _localized(definitions)
        entry.note = _localized(notes)
        return entry

    def descrip(self, elem: ET.Element, tag: str, definitions: dict[str, str]) -> None:
        for d in ([elem] if _local(elem.tag) == "descrip" else
                  [c for c in elem if _local(c.tag) == "descrip"]):
            if d.get("type") == "definition" and _text(d):
                definitions.setdefault(_message_language(tag), _text(d))

    def note(self, elem: ET.Element, entry: Entry, tag: str, notes: dict[str, str]) -> None:
        text = _text(elem)
        if text.startswith(MARK):
            self.settings(elem, entry, text[len(MARK):].strip())
        elif text:
            notes.setdefault(_message_language(tag), text)

    def settings(self, elem: ET.Element, entry: Entry, text: str) -> None:
        try:
            values = json.loads(text)
        except json.JSONDecodeError as exc:
            self.error(elem, f"voicecheck note is not JSON: {exc.msg}")
            return
        if not isinstance(values, dict):
            self.error(elem, "voicecheck note should be a JSON object")
            return
        for key, ok in (("case_sensitive", bool), ("inflect", bool), ("severity", str),
                        ("exceptions", list)):
            if key not in values:
                continue
            value = values[key]
            if not isinstance(value, ok) or (key == "severity" and value not in SEVERITIES) or (
                    key == "exceptions" and not all(isinstance(v, str) for v in value)):
                self.error(elem, f"voicecheck note: bad value for '{key}'")
                continue
            setattr(entry, key, value)

    def language(self, elem: ET.Element, entry: Entry, definitions: dict[str, str],
                 notes: dict[str, str]) -> None:
        tag = elem.get(XML_LANG, "")
        locale = locale_for_tag(tag)
        if locale is None or locale == ANY:
            if tag:
                self.notes.append(f"{self.file}:{self.places.get(id(elem), (1, 1))[0]}: "
                                  f"language '{tag}' left out (voicecheck checks English "
                                  "and Chinese)")
            else:
                self.error(elem, "a language section needs xml:lang")
            return
        forms: list[Form] = []
        for child in elem:
            kind = _local(child.tag)
            if kind in ("descrip", "descripGrp"):
                self.descrip(child, tag, definitions)
            elif kind == "note":
                self.note(child, entry, tag, notes)
            elif kind in ("termSec", "tig", "ntig"):
                form = self.term(child, entry, locale)
                if form is not None:
                    forms.append(form)
        if forms and not any(f.status == "preferred" for f in forms):
            unmarked = next((i for i, f in enumerate(forms) if f.status == ""), None)
            if unmarked is not None:  # a term without a status leads its language
                forms[unmarked] = Form(forms[unmarked].text, "preferred", locale)
        entry.forms.extend(Form(f.text, f.status or "admitted", f.language) for f in forms)

    def term(self, elem: ET.Element, entry: Entry, locale: str) -> Form | None:
        word, status, marks = "", "", set()
        for child in elem.iter():
            kind = _local(child.tag)
            if kind == "term":
                word = _text(child)
            elif kind == "termNote" and child.get("type") in ("administrativeStatus",
                                                               "normativeAuthorization"):
                status = _STATUS_IN.get(_text(child).lower(), "?")
                if status == "?":
                    self.error(child, f"unknown {child.get('type')} '{_text(child)[:40]}'")
            elif kind == "termNote" and child.get("type") == "partOfSpeech":
                pos = _text(child)
                if pos not in PARTS_OF_SPEECH:
                    self.error(child, f"unknown partOfSpeech '{pos[:40]}' (TBX-Basic: "
                                      f"{', '.join(PARTS_OF_SPEECH)})")
                elif not entry.part_of_speech:
                    entry.part_of_speech = pos
            elif kind == "note" and _text(child).startswith(MARK):
                marks = {m.strip() for m in _text(child)[len(MARK):].split(",")}
                unknown = marks - set(_TERM_MARKS)
                if unknown:
                    self.error(child, f"unknown voicecheck mark '{sorted(unknown)[0][:40]}'")
        if not word:
            self.error(elem, "a term section without a <term>")
            return None
        if "forbidden" in marks:
            status = "forbidden"
        elif "avoid" in marks:
            status = "avoid"
        language = ANY if "every language" in marks and status == "preferred" else locale
        return Form(word, status if status != "?" else "admitted", language)


def _text(elem: ET.Element) -> str:
    """An element's text as written, but a line break (a wrapped line) reads as a space."""
    return _WRAP.sub(" ", "".join(elem.itertext())).strip()


def _message_language(tag: str) -> str:
    """Which message language a note or definition in language `tag` is for ("" when the
    tag names none: a note for every language)."""
    base = tag.split("-")[0].lower()
    return base if base in MESSAGE_LANGUAGES else ""


def _localized(values: dict[str, str]) -> Any:
    """A plain text when one is given for every language (or all agree), else per language."""
    if not values:
        return ""
    if "" in values:
        return values[""]
    if len(set(values.values())) == 1 and len(values) == len(MESSAGE_LANGUAGES):
        return next(iter(values.values()))
    return dict(sorted(values.items(), key=lambda kv: MESSAGE_LANGUAGES.index(kv[0])))


# ---- writing ----------------------------------------------------------------------------

def dump(entries: list[Entry], language: str = "zh-Hans", title: str = "") -> str:
    """TBX-Basic (v3, DCA) text of entries."""
    ET.register_namespace("", NAMESPACE)
    ns = f"{{{NAMESPACE}}}"
    root = ET.Element(f"{ns}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"})
    header = ET.SubElement(ET.SubElement(root, f"{ns}tbxHeader"), f"{ns}fileDesc")
    source = ET.SubElement(ET.SubElement(header, f"{ns}sourceDesc"), f"{ns}p")
    source.text = f"voicecheck term base{': ' + title if title else ''}"
    body = ET.SubElement(ET.SubElement(root, f"{ns}text"), f"{ns}body")
    for n, e in enumerate(entries, start=1):
        concept = ET.SubElement(body, f"{ns}conceptEntry", {"id": e.id or f"{_MADE_ID}{n}"})
        sections: dict[str, list[Form]] = {}
        for form in e.forms:
            tag = language_of(form.text, language) if form.language == ANY else form.language
            sections.setdefault(tag, []).append(form)
        placed = _place_localized(e.definition, sections)
        notes = _place_localized(e.note, sections)
        for lang, text in placed.get(None, []):
            _sub(concept, "descrip", text, type="definition", **_lang(lang))
        for lang, text in notes.get(None, []):
            _sub(concept, "note", text, **_lang(lang))
        settings = _settings(e)
        if settings:
            _sub(concept, "note", f"{MARK} {json.dumps(settings, ensure_ascii=False)}")
        for tag, forms in sections.items():
            sec = ET.SubElement(concept, f"{ns}langSec", {XML_LANG: tag})
            for _, text in placed.get(tag, []):
                _sub(sec, "descrip", text, type="definition")
            for _, text in notes.get(tag, []):
                _sub(sec, "note", text)
            for form in forms:
                term = ET.SubElement(sec, f"{ns}termSec")
                _sub(term, "term", form.text)
                if e.part_of_speech:
                    _sub(term, "termNote", e.part_of_speech, type="partOfSpeech")
                _sub(term, "termNote", _STATUS_OUT[form.status], type="administrativeStatus")
                marks = [m for m, on in (("forbidden", form.status == "forbidden"),
                                         ("avoid", form.status == "avoid"),
                                         ("every language", form.language == ANY)) if on]
                if marks:
                    _sub(term, "note", f"{MARK} {', '.join(marks)}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _lang(lang: str) -> dict[str, str]:
    return {"lang": lang} if lang else {}


def _sub(parent: ET.Element, name: str, text: str, **attrs: str) -> ET.Element:
    attrib = {XML_LANG if k == "lang" else k: v for k, v in attrs.items()}
    elem = ET.SubElement(parent, f"{{{NAMESPACE}}}{name}", attrib)
    elem.text = text
    return elem


def _place_localized(value: Any, sections: dict[str, list[Form]]
                     ) -> dict[str | None, list[tuple[str, str]]]:
    """Where a definition or note goes: plain text on the entry; per message language in
    the first language section of that language (on the entry, tagged, when none)."""
    out: dict[str | None, list[tuple[str, str]]] = {}
    if not value:
        return out
    if isinstance(value, str):
        out[None] = [("", value)]
        return out
    for lang, text in value.items():
        home = next((tag for tag in sections if tag.split("-")[0] == lang), None)
        out.setdefault(home, []).append((lang if home is None else "", text))
    return out


def _settings(e: Entry) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if e.case_sensitive:
        out["case_sensitive"] = True
    if e.severity != "warning":
        out["severity"] = e.severity
    if e.exceptions:
        out["exceptions"] = list(e.exceptions)
    if e.inflect is not None:
        out["inflect"] = e.inflect
    return out
