import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from korad import lexicon
from korad.patterns import Gated, alternation, first_chars, group_name, lower, needs_hangul, scanning
from korad.samples import load_sample_reports

TEXTS = [lower(r["text"]) for r in load_sample_reports()] + [
    "rt. lower lung field에 consolidation, pneumonia r/o. 우상엽에 1.2x0.8cm 결절.",
    "no pleural effusion or\n pneumothorax is seen. 양측 늑골횡격막각은 예리함.",
    "aorta의 calcification 및 tortuosity. old tb 흔적.",  # terms with Hangul that need none
    "흉수가 증가함",  # no character an English term starts with: that half is not run
    "12 mm nodule, no effusion",  # no Hangul: the Korean half is not run
]


def plain(groups):
    """The same vocabulary as one ordinary alternation (what ``alternation`` must match like)."""
    english = [(n, p) for n, ps in groups for p in ps if not needs_hangul(p)]
    korean = [(n, p) for n, ps in groups for p in ps if needs_hangul(p)]
    named = [f"(?P<{n}__e{i}>{p})" for i, (n, p) in enumerate(english)]
    named_ko = [f"(?P<{n}__k{i}>{p})" for i, (n, p) in enumerate(korean)]
    return re.compile(rf"(?<![a-z0-9])(?:{'|'.join(named)})(?![a-z0-9])|(?:{'|'.join(named_ko)})")


VOCABULARIES = {
    "cues": [(f"{p}_{d}", sorted(ps, key=len, reverse=True)) for (p, d), ps in lexicon.CUES.items()],
    "details": [(f"d{i}", (p,)) for i, p in enumerate(p for ps in lexicon.DETAIL_TERMS.values() for p in ps)],
    "mentions": [(f"m{i}", (p,)) for i, p in enumerate(p for ps in lexicon.MENTIONS.values() for p in ps)],
    "advice": [("advice", lexicon.ADVICE)],
}


@pytest.mark.parametrize("name", VOCABULARIES)
def test_alternation_matches_like_the_plain_alternation(name):
    groups = VOCABULARIES[name]
    fast, reference = alternation(groups), plain(groups)
    for text in TEXTS:
        expected = [(m.span(), group_name(m)) for m in reference.finditer(text)]
        assert [(m.span(), group_name(m)) for m in fast.finditer(text)] == expected, text
        first, found = reference.search(text), fast.search(text)
        assert (found and found.span()) == (first and first.span())


def test_a_pattern_needs_hangul_only_when_every_match_has_some():
    assert needs_hangul(r"(?:폐\s*)?결핵")
    assert needs_hangul(r"(?:흉수|기흉)")
    assert not needs_hangul(r"aorta(?:의)?\s*calcifications?")
    assert not needs_hangul(r"rib(?:의)?")


def test_first_characters_of_a_pattern():
    assert first_chars(r"(?:hydro)?pneumothora(?:x|ces)") == {"h", "p"}
    assert first_chars(r"(?<![가-힣])우(?=\s*폐)") == {"우"}
    assert first_chars(r"\d+ ?cm") == set("0123456789")
    assert first_chars(r"\s*foo") is None


def test_lower_keeps_offsets():
    assert lower("RLL 기흉 Rt.") == "rll 기흉 rt."
    assert len(lower("İİ RLL")) == len("İİ RLL")  # "İ".lower() is two characters


def test_a_new_term_goes_through_the_fast_path():
    """The first-character checks and the group look-ups are built from the patterns themselves: a
    term added to a vocabulary, starting with a character no other term starts with (or with any
    character), is found in English, Korean and mixed text like the plain alternation finds it."""
    cues = VOCABULARIES["cues"]  # no cue starts with "x" or "z"
    texts = ["no xylophone sign", "우측 xylophone sign 없음", "xylo sign 가능성", "폐야 big zebra 의심", "no big zebra"]
    new, wide = ("new", (r"xylo\w* sign",)), ("wide", (r"\w+ zebra",))  # "wide": any first character
    for groups in ([*cues, new], [*cues, new, wide]):
        fast, reference = alternation(groups), plain(groups)
        for text in texts:
            expected = [(m.span(), group_name(m)) for m in reference.finditer(text)]
            assert [(m.span(), group_name(m)) for m in fast.finditer(text)] == expected, text
        assert [group_name(m) for m in fast.finditer("우측 xylophone sign")] == ["new"]
        meanings = fast.by_group({name: name for name, _ in groups})
        assert [meanings[m.lastgroup] for m in fast.finditer("우측 xylo sign 의심")] == ["new", "uncertain_post"]
    assert [meanings[m.lastgroup] for m in fast.finditer("폐야 big zebra")] == ["wide"]


def test_a_term_added_to_the_lexicon_is_found_by_the_labeler(tmp_path):
    """A term added to the lexicon the usual way goes through the labeler's fast matching (the trie of the
    mention alternation, the first-character dispatch), in English, Korean and mixed reports."""
    script = tmp_path / "new_term.py"
    script.write_text(
        "from korad import lexicon\n"
        "lexicon.MENTIONS['Pneumothorax'] = (*lexicon.MENTIONS['Pneumothorax'], r'pleural air ?leaks?', r'공기\\s*누출')\n"
        "from korad.findings import label, label_report\n"
        "assert label('Small right pleural air leak.')['Pneumothorax'] == 'positive'\n"
        "assert label('No pleural air leaks.')['Pneumothorax'] == 'negative'\n"
        "assert label('우측 공기 누출 소량.')['Pneumothorax'] == 'positive'\n"
        "assert label('Rt. pleural air leak 가능성.')['Pneumothorax'] == 'uncertain'\n"
        "detail = label_report('Small right pleural air leak.').details[0]\n"
        "assert (detail.side, detail.severity, detail.text) == ('right', 'mild', 'Small right pleural air leak'), detail\n"
        "assert 'Pneumothorax' not in label('Pleural airway.')\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr


SCANNED = [
    (r"\bno (?:prior|previous) (?:studies|films?)(?! since)|이전\s*검사\s*없", re.IGNORECASE),
    (r"^\s*(?:if|unless)\b|(?:인|한)\s*경우", 0),
    (r"^\s*(?:addendum|추가\s*판독)\s*:?", re.IGNORECASE | re.MULTILINE),
    (r"[ \t]*[\r\n][ \t\r\n]*", 0),
    (r"[.!?](?<!\d[.!?])(?<!\b(?:vs|dr)[.!?])(?!\d)|\n(?![ \t]*(?-i:[a-z]))(?<!\bthe\n)", re.IGNORECASE),
    (r"\Bus\b|(?<![a-z])rt\.?|ver(?:sus|\.)", 0),
    (r"\b(?:ipsilateral|same side|kink\w*|skin)\b|동측", re.IGNORECASE),  # "K": also the Kelvin sign
    (r"\w+ zebra", 0),  # any first character: compiled as written
    (r"(\d+) ?cm", 0),  # a capturing group: compiled as written
]
SCAN_TEXTS = [
    *TEXTS,
    "No prior studies. no previous films since 2020. 이전 검사 없음. If there is concern, 기흉이 의심되는 경우",
    "  if so\nADDENDUM: x\n  addendum\n추가 판독: 결론",
    "tip in the\nmid SVC.\nNew line\n\n2.5 cm vs. 3 cm. Dr. X! the end?",
    "Rt. versus ver. bus us rt plus",
    "İ RT.\u2003\u00a0if",
    "Ipsilateral, İpsilateral, \u212aink, \u212aINKED, ſkin, SKIN, same side, 동측",
]


@pytest.mark.parametrize(("pattern", "flags"), SCANNED)
def test_scanning_matches_like_the_expression_as_written(pattern, flags):
    fast, plain = scanning(pattern, flags), re.compile(pattern, flags)
    for text in SCAN_TEXTS + [text.upper() for text in SCAN_TEXTS]:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text
        assert bool(fast.match(text)) == bool(plain.match(text))
        for start in (1, 5):  # a search from inside the text sees what stands before its start
            found, expected = fast.search(text, start), plain.search(text, start)
            assert (found and found.span()) == (expected and expected.span()), text


def test_scanning_rewrites_only_where_the_engine_can_skip():
    assert scanning(r"\bno prior\b").pattern.startswith("n")  # starts with its first character
    assert scanning(r"[ \t]*\n").pattern != r"[ \t]*\n"
    for written in (r"\w+ zebra", r"(\d+) ?cm", r"^\s*if\b", r"(?s).x"):
        assert scanning(written).pattern == written


def test_scanning_ignoring_case_writes_out_the_cases_of_the_first_character():
    """The engine skips only over a set of characters that holds no cased letter: ignoring case, each first
    character is written out in each of its cases (as the engine matches them) and only the rest ignores case."""
    fast = scanning(r"\bskin\b|kink", re.IGNORECASE)
    assert not fast.flags & re.IGNORECASE
    assert {branch[0] for branch in fast.pattern.split("|") if branch[:1].isalpha()} >= {"s", "S", "ſ", "k", "K", "\u212a"}
    for text in ("SKIN", "ſkin", "\u212aINK", "skinny"):
        assert bool(fast.search(text)) == bool(re.search(r"\bskin\b|kink", text, re.IGNORECASE)), text


@pytest.mark.parametrize(("pattern", "flags"), SCANNED)
def test_a_gated_expression_finds_what_the_expression_as_written_finds(pattern, flags):
    gated, plain = Gated(pattern, flags), re.compile(pattern, flags)
    for text in SCAN_TEXTS + [text.upper() for text in SCAN_TEXTS] + ["ADDENDUM", "  추가 판독:", "x\n Addendum"]:
        found, expected = gated.search(text), plain.search(text)
        assert (found and found.span()) == (expected and expected.span()), text


def test_a_gated_expression_is_not_searched_in_a_text_without_the_words_it_needs():
    gated = Gated(r"^\s*(?:if|unless)\b|(?:인|한)\s*경우", 0)
    assert gated._needs is not None and gated._needs.search("no pneumothorax. 기흉 없음") is None
    assert gated._needs.search("기흉이 의심되는 경우") and gated._needs.search("the diff")  # "if" in "diff"
    assert Gated(r"\w+|\d", 0)._needs is None  # no string every match holds: searched as written
    assert Gated(r"^\s*addendum", re.IGNORECASE | re.MULTILINE).search("x\n ADDENDUM: y").start() == 2


def test_the_trie_keeps_in_order_the_branches_it_cannot_factor():
    """Branches after a shared prefix that end the text, stand at a word boundary, may be empty or start with
    any character match as in the plain alternation."""
    groups = [
        ("end", [r"pleural$", r"pleural thick\w*"]),
        ("edge", [r"pleura\b\s*\w+", r"pleura"]),
        ("any", [r"pl\w+"]),
        ("korean", [r"흉막"]),
    ]
    fast, reference = alternation(groups), plain(groups)
    for text in ("pleural", "pleural thickening", "pleura ok", "pleura", "plural", "pleural-x", "left pleural 흉막"):
        assert [(m.span(), group_name(m)) for m in fast.finditer(text)] == [
            (m.span(), group_name(m)) for m in reference.finditer(text)
        ], text
