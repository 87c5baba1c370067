import unicodedata

import pytest

from korad.findings import label, label_report
from korad.normalize import fold

REPORT = "FINDINGS: No pneumothorax. Small left pleural effusion.\nIMPRESSION: 좌측 소량의 흉수."


@pytest.mark.parametrize(
    ("disguised", "plain"),
    [
        ("pneum\u043ethorax", "pneumothorax"),  # Cyrillic о
        ("\u0440neumothorax", "pneumothorax"),  # Cyrillic р
        ("pneumothor\u0430x", "pneumothorax"),  # Cyrillic а
        ("\u0435ffusion", "effusion"),  # Cyrillic е
        ("pneum\u03bfthorax", "pneumothorax"),  # Greek ο
        ("PNEUM\u039fTHORAX", "PNEUMOTHORAX"),  # Greek Ο
        ("pneumo\u200bthorax", "pneumothorax"),  # zero-width space
        ("pneumo\u00adthorax", "pneumothorax"),  # soft hyphen
        ("pneumo\u200dthorax\ufeff", "pneumothorax"),  # zero-width joiner, BOM
        ("ｐｎｅｕｍｏｔｈｏｒａｘ", "pneumothorax"),  # fullwidth
        (unicodedata.normalize("NFD", "기흉"), "기흉"),  # decomposed Hangul
        ("기\u200b흉", "기흉"),
        (unicodedata.normalize("NFD", "흉수") + "\u200c", "흉수"),
    ],
)
def test_fold_reads_what_a_human_reads(disguised, plain):
    assert fold(disguised).text == plain
    sentence = f"Small left {disguised}."
    assert label(sentence) == label(f"Small left {plain}.")


def test_look_alikes_label_like_the_latin_word():
    assert (
        label("No pneum\u043ethorax.")
        == label("No pneumothorax.")
        == {"No Finding": "positive", "Pneumothorax": "negative"}
    )
    assert label("Large right pneum\u043ethorax.")["Pneumothorax"] == "positive"
    assert label(unicodedata.normalize("NFD", "기흉은 없음. 소량의 흉수가 있음.")) == label(
        "기흉은 없음. 소량의 흉수가 있음."
    )


def test_evidence_quotes_the_original_text():
    disguised = REPORT.replace("pneumothorax", "pneum\u043ethorax").replace("effusion", "eff\u200busion")
    findings = label_report(disguised)
    assert findings.labels == label_report(REPORT).labels
    assert findings.evidence["Pneumothorax"] == "No pneum\u043ethorax."
    assert findings.evidence["Pleural Effusion"] == "Small left pleural eff\u200busion."
    effusion = next(d for d in findings.details if d.observation == "Pleural Effusion")
    assert (effusion.side, effusion.severity) == ("left", "mild")
    assert effusion.text == "Small left pleural eff\u200busion"
    assert all(m.sentence in disguised for m in findings.mentions)


def test_decomposed_hangul_evidence_is_the_original_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "결론: 좌측 소량의 흉수.")
    findings = label_report(decomposed)
    assert findings.labels == {"Pleural Effusion": "positive"}
    assert findings.evidence["Pleural Effusion"] == unicodedata.normalize("NFD", "좌측 소량의 흉수.")


def test_compatibility_units_are_read_as_units():
    nodule = next(d for d in label_report("우상엽에 1.5㎝ 크기의 결절.").details if d.observation == "Nodule")
    assert nodule.size_mm == 15.0


def test_plain_text_is_not_copied():
    folded = fold("No pneumothorax.")
    assert not folded.changed and folded.original_span(3, 15) == (3, 15)
    assert not fold("기흉은 없음.").changed
