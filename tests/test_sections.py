import pytest

from korad.sections import parse_sections, reported_text

MIMIC = """                                 FINAL REPORT
 EXAMINATION:  CHEST (PA AND LAT)

 INDICATION:  ___F with cough, eval for pneumonia

 TECHNIQUE:  PA and lateral views of the chest.

 COMPARISON:  ___

 FINDINGS:

 No focal consolidation. Heart size normal.

 IMPRESSION:

 No acute cardiopulmonary process.
"""


def test_mimic_report_with_headers_on_their_own_lines():
    s = parse_sections(MIMIC)
    assert s["examination"] == "CHEST (PA AND LAT)"
    assert s["indication"] == "___F with cough, eval for pneumonia"
    assert s["technique"] == "PA and lateral views of the chest."
    assert s["comparison"] == "___"  # de-identification marks stay
    assert s["findings"] == "No focal consolidation. Heart size normal."
    assert s["impression"] == "No acute cardiopulmonary process."
    assert s["history"] is None and s["preamble"] is None


@pytest.mark.parametrize(
    ("header", "section"),
    [
        ("EXAMINATION", "examination"),
        ("HISTORY", "history"),
        ("INDICATION", "indication"),
        ("TECHNIQUE", "technique"),
        ("COMPARISON", "comparison"),
        ("FINDINGS", "findings"),
        ("IMPRESSION", "impression"),
        ("FINAL REPORT", "examination"),
        ("CLINICAL HISTORY", "history"),
        ("REASON FOR EXAM", "indication"),
        ("REASON FOR EXAMINATION", "indication"),
        ("CONCLUSION", "impression"),
        ("Findings", "findings"),
        ("impression", "impression"),
        ("소견", "findings"),
        ("판독소견", "findings"),
        ("판독 소견", "findings"),
        ("결론", "impression"),
        ("임상정보", "history"),
        ("임상 정보", "history"),
        ("비교", "comparison"),
        ("검사", "examination"),
        ("기법", "technique"),
        ("검사 사유", "indication"),
        ("종합 소견", "impression"),
        ("판독", "findings"),  # Korean hospital headers a report body comes under
        ("검사 결과", "findings"),
        ("Results", "findings"),
        ("의견", "impression"),
        ("종합 의견", "impression"),
    ],
)
@pytest.mark.parametrize("layout", ["inline", "own_line", "bracket"])
def test_every_header_variant_in_every_layout(header, section, layout):
    body = "양측 폐야는 깨끗함 XXXX."
    text = {
        "inline": f"{header}: {body}",
        "own_line": f"{header}\n{body}",
        "bracket": f"[{header}]\n{body}",
    }[layout]
    text = f"Untitled opening line.\n{text}\nNOTIFICATION: called Dr. ___."
    sections = parse_sections(text)
    assert sections[section] == body
    assert sections["preamble"] == "Untitled opening line."
    assert sections["other"] == "called Dr. ___."


def test_inline_header_after_a_sentence_and_repeated_section():
    s = parse_sections("FINDINGS: Lungs clear. IMPRESSION: Normal.\nFINDINGS: Heart normal.")
    assert s["findings"] == "Lungs clear.\nHeart normal."
    assert s["impression"] == "Normal."


def test_words_that_look_like_headers_inside_sentences_are_not_headers():
    text = "소견:\n흉부 CT 검사를 권함. 비교 검사상 변화 없음.\nThe findings are stable."
    s = parse_sections(text)
    assert s["findings"] == "흉부 CT 검사를 권함. 비교 검사상 변화 없음.\nThe findings are stable."
    assert s["examination"] is None and s["comparison"] is None


def test_text_without_headers_is_preamble_and_fully_reported():
    text = "기흉은 없음. 심장 크기 정상."
    assert parse_sections(text)["preamble"] == text
    assert reported_text(text) == text


def test_reported_text_leaves_out_the_question_sections():
    text = "INDICATION: evaluate for pneumonia\nHISTORY: cough\nFINDINGS: Lungs clear.\nIMPRESSION: Normal."
    assert reported_text(text) == "Lungs clear.\nNormal."


def test_an_abbreviated_history_header_heads_one_line():
    sections = parse_sections("Hx: fever, cough\nRt. lower lobe consolidation.\nNo effusion.")
    assert sections["history"] == "fever, cough"
    assert sections["findings"] == "Rt. lower lobe consolidation.\nNo effusion."
    assert parse_sections("CXR PA\nC/C: Lt. chest pain\n\nLt. pneumothorax.")["history"] == "Lt. chest pain"


@pytest.mark.parametrize("header", ["추가 판독", "Comment", "Note", "비고"])
def test_a_note_after_the_clinical_information_is_read_as_reported(header):
    # without the header the note would stay inside the clinical information, which the labeler does not read
    text = f"임상정보: 기침, 발열\n{header}: 우측 소량 흉수 새로 보임."
    assert reported_text(text) == "우측 소량 흉수 새로 보임."
