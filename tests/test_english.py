"""English on spaCy: tokens and lemmas, inflected terms, and what a trained pipeline adds
(POS-aware rules, named entities in campaign checks), through a stand-in pipeline the
tests build and load by path like any installed one (conftest.build_pipeline)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from voicecheck.campaign import campaign_findings, extract_facts
from voicecheck.engine import check
from voicecheck.findings import Report
from voicecheck.guide import Guide, load_guide, parse_guide
from voicecheck.guide.schema import GuideError
from voicecheck.text import english
from voicecheck.text.analysis import analyse


@pytest.fixture(scope="module")
def default() -> Guide:
    return load_guide()


def rules(text: str, guide: Guide, channel: str | None = "x") -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in check(text, guide, channel).findings]


# ---- the pipeline ----------------------------------------------------------------------

def test_tokens_keep_code_point_offsets_in_a_mixed_post() -> None:
    post = analyse("新品🍵上市！We guarantee results — 快来 try it.")
    assert post.doc is not None
    for token in post.doc:
        assert post.text[token.idx : token.idx + len(token.text)] == token.text
    assert [t.lemma_ for t in post.doc if t.text in ("We", "guarantee", "results")] == \
        ["we", "guarantee", "result"]


@pytest.mark.parametrize("text", ["全网最好的茶，第一次喝就爱上", "最近上新 3 款", "OK", "WiFi 免费"])
def test_chinese_and_one_word_posts_get_no_english_doc(text: str) -> None:
    assert analyse(text).doc is None


def test_contractions_lemmatize_to_their_word() -> None:
    assert english.lemmas("you'll never find") == ("you", "will", "never", "find")
    assert english.lemmas("You’ll NEVER find") == ("you", "will", "never", "find")


def test_lemma_table_corrections() -> None:
    """spaCy's lookup table turns ordinals into digits and a few words into others."""
    assert english.lemmas("the first and third liver matter went well") == (
        "the", "first", "and", "third", "liver", "matter", "go", "well")
    # words the table lacks: a lemma stays itself, a coined verb loses its -s
    assert english.lemmas("speed shred bus kickstarts") == ("speed", "shred", "bus", "kickstart")


def test_chinese_only_check_does_not_import_spacy() -> None:
    code = ("import sys; from voicecheck.engine import check; from voicecheck.guide import "
            "load_guide; check('全网最好的茶，三周瘦十斤！', load_guide(), 'weibo'); "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---- inflected terms -------------------------------------------------------------------

TERMS = """\
version: 1
brand: {name: Northpeak}
language: en
terms:
  - prefer: use
    avoid: [leverage]
  - prefer: lifetime repair
    avoid: [lifetime warranty]
  - avoid: [synergy]
  - prefer: shop
    avoid: [boutique]
    inflect: false
channels:
  x: {language: en}
"""


@pytest.fixture(scope="module")
def terms_guide() -> Guide:
    return parse_guide(TERMS, "terms.yaml", Path("."))


def terms(text: str, guide: Guide) -> list[tuple[str, str, list[str]]]:
    return [(f.rule, f.text, list(f.suggestions)) for f in check(text, guide, "x").findings
            if f.category == "terminology"]


@pytest.mark.parametrize(("text", "written", "suggested"), [
    ("We leveraged our alpine data to build it.", "leveraged", ["used"]),
    ("She leverages every scrap of fabric.", "leverages", ["uses"]),
    ("Leveraging recycled down, the jacket weighs 300 g.", "Leveraging", ["using"]),
    ("Both lifetime warranties are on the card.", "lifetime warranties", ["lifetime repairs"]),
    ("Team synergies were great this season.", "synergies", []),
])
def test_avoided_terms_are_found_in_every_inflection(terms_guide: Guide, text: str, written: str,
                                                     suggested: list[str]) -> None:
    (found,) = terms(text, terms_guide)
    assert found[1:] == (written, suggested)


def test_inflect_false_matches_the_word_only(terms_guide: Guide) -> None:
    assert [t[1] for t in terms("Visit our boutique and two boutiques in town.", terms_guide)] \
        == ["boutique"]


@pytest.mark.parametrize("text", ["The lever arm folds flat.", "Leverett Street store is open.",
                                  "Synergistic? No, just warm."])
def test_words_sharing_letters_are_not_inflections(terms_guide: Guide, text: str) -> None:
    assert terms(text, terms_guide) == []


# ---- gapped and inflected hype (spaCy patterns in the packs) ---------------------------

@pytest.mark.parametrize(("text", "rule"), [
    ("We guarantee results.", "promotion.guarantee"),
    ("We guaranteed results for every runner.", "promotion.guarantee"),
    ("Results are guaranteed or your money back.", "promotion.guarantee"),
    ("It is the best app ever.", "promotion.absolute-claim"),
    ("The best waterproof shell you'll ever wear.", "promotion.absolute-claim"),
    ("This tea cures colds and melts away fat.", "compliance.health-claim"),
    ("Our tonic cured my cold in two days.", "compliance.health-claim"),
])
def test_english_claims_through_patterns(default: Guide, text: str, rule: str) -> None:
    assert rule in {r for r, _ in rules(text, default)}


@pytest.mark.parametrize("text", [
    "Our best-selling shell is back in three colours.",
    "Step 1: add the leaves. Step 2: wait three minutes.",
    "Doors open March 1st at 9am.",
    "We did our best to answer every question.",
])
def test_ordinary_english_is_not_hype(default: Guide, text: str) -> None:
    assert {r for r, _ in rules(text, default)} & {"promotion.absolute-claim",
                                                   "promotion.guarantee",
                                                   "compliance.health-claim"} == set()


# ---- a trained pipeline ----------------------------------------------------------------

PASSIVE = ["Errors were introduced during the update.",
           "An oversight was committed in processing your booking."]
PASSIVE_ALWAYS = ["Mistakes were made with your order.",
                  "There seems to have been a misunderstanding about the refund."]
PASSIVE_OWNED = ["We are sorry: mistakes were made with your order, and we will refund you.",
                 "The errors were fixed this morning.",
                 "Your parcel was delayed by the storm; a new one ships today."]


@pytest.fixture(scope="module")
def trained(trained_pipeline: str, default: Guide) -> Guide:
    from dataclasses import replace

    return replace(default, spacy_model=trained_pipeline)


@pytest.mark.parametrize("text", PASSIVE)
def test_passive_evasion_needs_part_of_speech_tags(trained: Guide, default: Guide,
                                                   text: str) -> None:
    assert ("tone.defensive" in {r for r, _ in rules(text, trained)}) is True
    assert "tone.defensive" not in {r for r, _ in rules(text, default)}


@pytest.mark.parametrize("text", PASSIVE_ALWAYS)
def test_set_phrases_of_evasion_need_no_pipeline(trained: Guide, default: Guide,
                                                 text: str) -> None:
    for guide in (default, trained):
        assert "tone.defensive" in {r for r, _ in rules(text, guide)}


@pytest.mark.parametrize("text", PASSIVE_OWNED)
def test_owned_or_remedied_passives_are_fine(trained: Guide, text: str) -> None:
    assert "tone.defensive" not in {r for r, _ in rules(text, trained)}


def test_a_post_the_pipeline_tags_nothing_in_still_checks(trained: Guide) -> None:
    """spaCy refuses TAG patterns on a Doc without tags: such a Doc skips them."""
    assert "promotion.guarantee" in {r for r, _ in rules("We guarantee results here.", trained)}


def test_imperatives_count_toward_addressing_the_reader(trained_pipeline: str) -> None:
    from voicecheck.text.tone import observe

    text = "Sample the new blend this weekend. Taste it with oat milk."
    blank, _ = observe(analyse(text), ())
    tagged, _ = observe(analyse(text, (), trained_pipeline), ())
    assert "imperative_en" not in blank
    assert tagged["imperative_en"].count == 2


def report(source: str, text: str) -> Report:
    return Report(file=source, channel="x", language="", detected_language="", score=100,
                  passed=True, scores={}, tone={}, text=text, source=source, campaign="spring")


def test_entities_feed_campaign_facts(trained_pipeline: str) -> None:
    text = "Oolong Mist lands on the 15th of March for 20 dollars."
    assert [(f.kind, f.value) for f in extract_facts(text)] == [("price", "USD 20")]
    facts = extract_facts(text, trained_pipeline)  # the MONEY entity is that price: once
    assert [(f.kind, f.value, f.text) for f in facts] == [
        ("date", "03-15", "the 15th of March"), ("price", "USD 20", "20 dollars")]


def test_campaign_finds_names_and_dates_only_a_pipeline_sees(trained: Guide, default: Guide) -> None:
    posts = [report("x/a.txt", "Meet Oolong Mist, in stores March 16."),
             report("l/b.txt", "Oolong Mist arrives March 16 at every store."),
             report("i/c.txt", "our new oolong mist is here on the 15th of March")]
    assert campaign_findings(posts, default) == {}
    found = campaign_findings(posts, trained)
    assert sorted((f.rule, f.text) for f in found["i/c.txt"]) == [
        ("campaign.date", "the 15th of March"), ("campaign.name", "oolong mist")]
    assert set(found) == {"i/c.txt"}


# ---- naming a pipeline -----------------------------------------------------------------

def test_guide_names_a_pipeline_folder_relative_to_itself(tmp_path: Path,
                                                          trained_pipeline: str) -> None:
    import shutil

    shutil.copytree(trained_pipeline, tmp_path / "models" / "en_brand")
    (tmp_path / "guide.yaml").write_text("version: 1\nbrand: {name: X}\nspacy_model: models/en_brand\n",
                                         encoding="utf-8")
    guide = load_guide(str(tmp_path / "guide.yaml"))
    assert Path(guide.spacy_model or "").is_absolute()
    assert "tone.defensive" in {r for r, _ in rules(PASSIVE[0], guide, None)}


def test_guide_naming_a_missing_pipeline_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "g.yaml").write_text("version: 1\nbrand: {name: X}\nspacy_model: en_core_nowhere\n",
                                     encoding="utf-8")
    with pytest.raises(GuideError) as err:
        load_guide(str(tmp_path / "g.yaml"))
    (problem,) = err.value.problems
    assert (problem.line, problem.column) == (3, 14) and "en_core_nowhere" in problem.message


def run_cli(*args: str, text: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(Path(sys.executable).parent / "voicecheck"), *args], input=text,
                          capture_output=True, text=True, timeout=120)


def test_cli_spacy_model_switches_pos_rules_on(trained_pipeline: str) -> None:
    plain = run_cli("check", "-c", "x", "--format", "json", "-", text=PASSIVE[0])
    tagged = run_cli("check", "-c", "x", "--format", "json", "--spacy-model", trained_pipeline,
                     "-", text=PASSIVE[0])
    assert "tone.defensive" not in plain.stdout
    assert "tone.defensive" in tagged.stdout


@pytest.mark.parametrize("model", ["en_core_nowhere", "/nonexistent/pipeline"])
def test_cli_unusable_pipeline_is_one_line_and_exit_2(model: str) -> None:
    out = run_cli("check", "-c", "x", "--spacy-model", model, "-", text="We guarantee it.")
    assert out.returncode == 2
    assert model in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_a_pipeline_for_another_language_is_refused(tmp_path: Path) -> None:
    import spacy

    spacy.blank("de").to_disk(tmp_path / "de_pipe")
    out = run_cli("check", "--spacy-model", str(tmp_path / "de_pipe"), "-", text="We guarantee it.")
    assert out.returncode == 2 and "'de'" in out.stderr
