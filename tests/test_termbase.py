"""Term bases: statuses in checking, CSV and TBX round trips, hostile TBX, the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voicecheck.cli import main
from voicecheck.engine import check
from voicecheck.guide import GuideError, parse_guide
from voicecheck.guide.model import PARTS_OF_SPEECH, Term
from voicecheck.termbase import csv_terms, tbx
from voicecheck.termbase.forms import TermBaseError, entry_of, read_terms, same_term, term_from

GUIDE = """\
version: 1
language: zh-Hans
terms:
  - id: member
    prefer: {zh-Hans: 会员, zh-Hant: 會員, en: member}
    admitted: [会籍用户, VIP lounge]
    deprecated: [贵宾, VIP]
    forbidden: [粉丝会员]
    part_of_speech: noun
    definition: {en: A customer in the loyalty programme., zh: 加入会员计划的顾客。}
  - avoid: [亲们]
    severity: info
channels:
  x: {language: en}
"""


def guide():
    return parse_guide(GUIDE, "t.yaml", Path("."))


def terminology(text: str, channel: str | None = None) -> list[tuple[str, str, str]]:
    return [(f.text, f.severity, f.rule) for f in check(text, guide(), channel).findings
            if f.category == "terminology"]


def test_deprecated_is_a_warning_forbidden_an_error_admitted_nothing() -> None:
    assert terminology("成为贵宾，或者粉丝会员，会籍用户也行") == [
        ("贵宾", "warning", "terminology.avoid"), ("粉丝会员", "error", "terminology.avoid")]


def test_an_admitted_phrase_shelters_the_deprecated_word_inside_it() -> None:
    assert terminology("Meet us in the VIP lounge, or become a VIP", "x") == [
        ("VIP", "warning", "terminology.avoid")]


def test_a_term_without_a_status_behaves_as_before() -> None:
    assert terminology("亲们好") == [("亲们", "info", "terminology.banned")]


def test_deprecated_words_match_across_scripts_and_suggest_the_locale_word() -> None:
    report = check("成為貴賓", parse_guide(GUIDE.replace("x: {language: en}",
                                                        "tw: {language: zh-Hant-TW}"),
                                          "t.yaml", Path(".")), "tw")
    hits = [(f.text, f.suggestions) for f in report.findings if f.category == "terminology"]
    assert hits == [("貴賓", ("會員",))]


@pytest.mark.parametrize(("extra", "message", "line"), [
    ("  - deprecated: [亲们]\n", "'亲们' is already avoided (first at line 11)", 13),
    ("  - forbidden: [会籍用户]\n", "'会籍用户' is already listed as admitted", 13),
    ("  - id: member\n    prefer: x\n", "duplicate term id 'member'", 13),
    ("  - avoid: [a]\n    part_of_speech: nown\n", "unknown part of speech 'nown'", 14),
])
def test_term_base_mistakes_are_located(extra: str, message: str, line: int) -> None:
    with pytest.raises(GuideError) as err:
        parse_guide(GUIDE.replace("channels:", extra + "channels:"), "t.yaml", Path("."))
    problem = err.value.problems[0]
    assert message in problem.message and problem.line == line


TERMS = [
    Term(prefer={"zh-Hans": "会员", "zh-Hant": "會員", "en": "member"}, admitted=["会籍用户"],
         deprecated=["贵宾", "VIP"], forbidden=["粉丝会员"], id="member", part_of_speech="noun",
         definition={"en": "A customer in the loyalty programme.", "zh": "加入会员计划的顾客。"},
         note="We call them members."),
    Term(prefer={"*": "ClearSpring"}, avoid=["Clear Spring", "Clearspring"], case_sensitive=True,
         severity="error", inflect=True, note={"en": "One word.", "zh": "一个词。"}),
    Term(avoid=["亲们", "宝宝们"], exceptions=["亲们好", "宝宝们, 你好"], definition="Pet names"),
    Term(prefer={"zh-Hant-TW": "門市", "zh-Hant-HK": "分店"}, deprecated=["门店"],
         part_of_speech="properNoun", severity="info", inflect=False),
]


def _csv(terms: list[Term]) -> list[Term]:
    text = csv_terms.dump([entry_of(t) for t in terms])
    return [term_from(e) for e in csv_terms.parse(text, "t.csv")[0]]


def _tbx(terms: list[Term]) -> list[Term]:
    text = tbx.dump([entry_of(t) for t in terms])
    return [term_from(e) for e in tbx.parse(text.encode(), "t.tbx")[0]]


@pytest.mark.parametrize("trip", [_csv, _tbx])
def test_round_trips_keep_every_field(trip) -> None:
    back = trip(TERMS)
    assert len(back) == len(TERMS)
    for before, after in zip(TERMS, back, strict=True):
        assert same_term(before, after), (before, after)


words = st.text(st.sampled_from("会员贵宾粉丝門市分店abcXYZ "), min_size=1, max_size=6).map(
    str.strip).filter(bool)
notes = st.one_of(st.just(""), st.text(st.sampled_from("ab 茶;,:"), min_size=1, max_size=8)
                  .map(str.strip).filter(lambda s: bool(s) and ":" not in s))


@st.composite
def terms(draw) -> Term:
    pool = draw(st.lists(words, min_size=1, max_size=6, unique_by=str.lower))
    statuses = draw(st.lists(st.sampled_from(["prefer", "admitted", "avoid", "deprecated",
                                              "forbidden"]), min_size=len(pool),
                             max_size=len(pool)))
    term = Term(part_of_speech=draw(st.sampled_from(["", *PARTS_OF_SPEECH])),
                definition=draw(notes), note=draw(notes),
                case_sensitive=draw(st.booleans()),
                severity=draw(st.sampled_from(["error", "warning", "info"])))
    locales = iter(["*", "en", "zh-Hans", "zh-Hant-TW", "zh-Hant-HK", "zh"])
    for word, status in zip(pool, statuses, strict=True):
        if status == "prefer":
            term.prefer[next(locales)] = word
        else:
            getattr(term, status).append(word)
    term.inflect = not term.case_sensitive
    return term


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(terms(), min_size=1, max_size=4))
def test_any_term_base_survives_both_formats(ts: list[Term]) -> None:
    for trip in (_csv, _tbx):
        back = trip(ts)
        assert len(back) == len(ts)
        assert all(same_term(a, b) for a, b in zip(ts, back, strict=True)), trip.__name__


def test_csv_with_chinese_headers_and_statuses_in_gbk(tmp_path: Path) -> None:
    f = tmp_path / "术语表.csv"
    f.write_bytes("概念,语言,术语,状态,词性,定义,备注\n"
                  "m,zh-CN,会员,首选,名词,会员计划中的顾客,\n"
                  "m,zh-CN,贵宾,不推荐,,,\n"
                  "m,zh-CN,粉丝,禁用,,,\n"
                  "m,en-US,member,首选,,,\n"
                  ",,亲们,避免,,,直接称呼你\n".encode("gb18030"))
    terms, notes = read_terms(f)
    assert notes == []
    assert terms[0] == Term(prefer={"zh-Hans": "会员", "en": "member"}, deprecated=["贵宾"],
                            forbidden=["粉丝"], id="m", part_of_speech="noun",
                            definition="会员计划中的顾客")
    assert terms[1].avoid == ["亲们"] and terms[1].note == "直接称呼你"


def test_csv_with_bom_from_excel_and_a_language_voicecheck_does_not_check(tmp_path) -> None:
    f = tmp_path / "terms.csv"
    f.write_bytes("\ufeffterm,status,language\nmember,preferred,en\nmembre,preferred,fr\n"
                  .encode("utf-8"))
    terms, notes = read_terms(f)
    assert [t.prefer for t in terms] == [{"en": "member"}]
    assert notes == [f"{f}:3: 'membre' left out: voicecheck checks English and Chinese, not 'fr'"]


@pytest.mark.parametrize(("text", "where", "message"), [
    ("term,status\nmember,favourite\n", (2, 2), "unknown status 'favourite'"),
    ("term,colour\nmember,red\n", (1, 2), "unknown column 'colour'"),
    ("status\npreferred\n", (1, 1), "no 'term' column"),
    ("term,part_of_speech\nmember,nown\n", (2, 2), "unknown part of speech 'nown'"),
    ("term,case_sensitive\nmember,maybe\n", (2, 2), "expected true or false"),
    ("", (1, 1), "the term base is empty"),
])
def test_csv_mistakes_are_located(text: str, where: tuple[int, int], message: str) -> None:
    with pytest.raises(TermBaseError) as err:
        csv_terms.parse(text, "t.csv")
    p = err.value.problems[0]
    assert (p.line, p.column) == where and message in p.message


TBX_V2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
 <martifHeader><fileDesc><sourceDesc><p>from a translation tool</p></sourceDesc></fileDesc>
 </martifHeader>
 <text><body>
  <termEntry id="c7">
   <descrip type="definition">A customer in the loyalty programme.</descrip>
   <langSet xml:lang="en-US">
    <tig><term>member</term><termNote type="partOfSpeech">noun</termNote>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>VIP</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig>
   </langSet>
   <langSet xml:lang="zh-TW">
    <ntig><termGrp><term>會員</term></termGrp></ntig>
    <ntig><termGrp><term>貴賓</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
   </langSet>
   <langSet xml:lang="ja"><tig><term>会員</term></tig></langSet>
  </termEntry>
 </body></text>
</martif>
"""


def test_tbx_v2_from_a_translation_tool() -> None:
    entries, notes = tbx.parse(TBX_V2.encode(), "tool.tbx")
    assert [term_from(e) for e in entries] == [Term(
        prefer={"en": "member", "zh-Hant-TW": "會員"}, deprecated=["VIP", "貴賓"], id="c7",
        part_of_speech="noun", definition="A customer in the loyalty programme.")]
    assert notes == ["tool.tbx:19: language 'ja' left out (voicecheck checks English and Chinese)"]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tbx [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tbx><text><body><conceptEntry id="a"><langSec xml:lang="en">
<termSec><term>&lol3;</term></termSec></langSec></conceptEntry></body></text></tbx>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE tbx [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
]>
<tbx><text><body><conceptEntry id="a"><langSec xml:lang="en">
<termSec><term>&secret;</term></termSec></langSec></conceptEntry></body></text></tbx>
"""
PARAMETER = """<?xml version="1.0"?>
<!DOCTYPE tbx [ <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote; ]>
<tbx/>
"""


@pytest.mark.parametrize(("xml", "line", "entity"), [
    (BILLION_LAUGHS, 3, "lol"), (EXTERNAL, 3, "secret"), (PARAMETER, 2, "remote")])
def test_hostile_tbx_is_refused_where_it_declares_an_entity(tmp_path, capsys, xml, line,
                                                            entity) -> None:
    bad = tmp_path / "hostile.tbx"
    bad.write_text(xml, encoding="utf-8")
    g = tmp_path / "g.yaml"
    g.write_text("version: 1\nterms:\n  - avoid: [x]\n", encoding="utf-8")
    assert main(["guide", "terms", "import", str(g), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {bad}:{line}:") and f"declares the entity '{entity}'" in err
    assert "root:" not in err and "Traceback" not in err
    assert g.read_text(encoding="utf-8") == "version: 1\nterms:\n  - avoid: [x]\n"


@pytest.mark.parametrize(("xml", "message"), [
    ("<tbx><text>", "not well-formed XML"),
    ("<html/>", "not a TBX file: the root element is <html>"),
    ('<tbx><text><body><conceptEntry id="a"><langSec xml:lang="en"><termSec><term>x</term>'
     '<termNote type="administrativeStatus">bogus</termNote></termSec></langSec>'
     "</conceptEntry></body></text></tbx>", "unknown administrativeStatus 'bogus'"),
])
def test_broken_tbx_is_a_located_error(xml: str, message: str) -> None:
    with pytest.raises(TermBaseError) as err:
        tbx.parse(xml.encode(), "b.tbx")
    assert message in err.value.problems[0].message
    assert err.value.problems[0].line == 1


def test_cli_export_then_import_keeps_the_guide_and_its_comments(tmp_path, capsys) -> None:
    g = tmp_path / "guide.yaml"
    g.write_text("# our words\nversion: 1\nterms:\n  # the name\n  - prefer: ClearSpring\n"
                 "    avoid: [Clear Spring]\n    case_sensitive: true\n", encoding="utf-8")
    before = g.read_text(encoding="utf-8")
    for out in ("terms.tbx", "terms.csv"):
        assert main(["guide", "terms", "export", str(g), str(tmp_path / out)]) == 0
        assert main(["guide", "terms", "import", str(g), str(tmp_path / out)]) == 0
        assert g.read_text(encoding="utf-8") == before
    (tmp_path / "more.csv").write_text("concept,term,status\nm,会员,preferred\nm,VIP,forbidden\n",
                                       encoding="utf-8")
    assert main(["guide", "terms", "import", str(g), str(tmp_path / "more.csv")]) == 0
    after = g.read_text(encoding="utf-8")
    assert after.startswith(before) and "forbidden: [VIP]" in after and "id: m" in after
    assert "1 added, 0 replaced" in capsys.readouterr().err
