"""Questions the reader cannot classify, answered from the report's sentences about what they name
(``korad.chat.answers.related``): hedged, denied or stated, with the quote; communication; a test named in a question."""

import re

import pytest

from korad.chat.answers.communication import told
from korad.chat.answers.related import asked_terms
from korad.chat.answers.report_words import mention_reading
from korad.chat.grounded import CANNOT_ANSWER, answer_question
from korad.chat.questions import read_question
from korad.glossary import named_terms, written_pattern
from korad.text import sentences

HEDGED_METASTASES = (
    "FINDINGS: Several rounded opacities in both lungs, the largest 2.4 cm in the left lower lobe.\n"
    "IMPRESSION: Bilateral pulmonary nodules, worrisome and concerning for metastatic disease. Chest CT advised."
)
NO_METASTASES = "IMPRESSION: Stable postsurgical changes. No evidence of metastatic disease in the chest."
NORMAL = "FINDINGS: Lungs are clear. Heart size normal. IMPRESSION: No acute cardiopulmonary process."


def test_a_hedged_metastasis_is_uncertain_with_the_report_sentence():
    answer = answer_question(HEDGED_METASTASES, "폐로 전이된 건가요?")
    assert answer.startswith("확실하지 않습니다")
    assert "전이" in answer and "concerning for metastatic disease" in answer


def test_a_denied_metastasis_is_no_and_a_tag_question_yes():
    assert answer_question(NO_METASTASES, "전이됐어요?").startswith("아니요, 판독문에는 전이가 없다고")
    assert answer_question(NO_METASTASES, "전이는 없는 거죠?").startswith("네")


def test_a_word_the_report_does_not_write_is_said_not_written_and_off_topic_stays_cannot_answer():
    answer = answer_question(NORMAL, "전이됐어요?")
    assert "전이에 대한 언급이 없어" in answer and not answer.startswith(("네", "아니요"))
    assert answer_question(NORMAL, "주식 추천해 주세요") == CANNOT_ANSWER
    assert answer_question(NORMAL, "언제 퇴원할 수 있나요?") == CANNOT_ANSWER


@pytest.mark.parametrize("question", ["멍 든 거 있어요?", "피멍 있나요?", "혈종 생겼어요?"])
def test_a_bruise_asked_in_everyday_words_is_read_as_a_hematoma(question):
    report = "[Chest AP]\nPacemaker 삽입 후 상태.\nRt. chest wall에 혈종 가능성 있음.\n기흉 없음."
    answer = answer_question(report, question)
    assert answer.startswith("확실하지 않습니다") and "혈종" in answer and "우측" in answer


def test_an_exclusion_advised_is_a_possibility():
    report = (
        "FINDINGS: Air outlines the mediastinum and tracks into the neck.\n"
        "IMPRESSION: Pneumomediastinum. After forceful retching, an esophageal perforation needs to be excluded."
    )
    answer = answer_question(report, "식도에 구멍 난 거예요?")
    assert answer.startswith("확실하지 않습니다") and "esophageal perforation" in answer


def test_surgery_asked_of_its_traces_and_surgery_as_the_time_of_a_question():
    report = "FINDINGS: Intact median sternotomy wires. Lungs clear. IMPRESSION: Nothing acute."
    assert answer_question(report, "가슴 수술한 적 있는 건가요?").startswith("네, 판독문에 수술 흔적이")
    assert [t.korean for t in asked_terms("수술 전인데 문제될 만한 거 있어?", ("finding",))] == []
    assert [t.korean for t in asked_terms("예전에 수술 받았나요?", ("finding",))] == ["수술 흔적"]


def test_a_side_asked_of_a_thing_outside_the_vocabulary():
    report = "FINDINGS: Postsurgical changes of a right lumpectomy with clips. Lungs clear."
    answer = answer_question(report, "왼쪽 가슴 수술 받은 게 보이나요?")
    assert answer.startswith("아니요") and "우측" in answer
    assert answer_question(report, "오른쪽 가슴 수술 흔적 보여요?").startswith("네")


def test_recent_injury_asked_of_old_and_of_acute_fractures():
    old = "흉부 PA:\n좌측 9, 10번 늑골에 진구성 골절.\n폐야 깨끗함."
    acute = "FINDINGS: Acute nondisplaced fracture of the right 4th rib. No pneumothorax."
    answer = answer_question(old, "최근에 다친 거예요?")
    assert answer.startswith("아니요") and "오래된" in answer and "진구성" in answer
    assert answer_question(acute, "최근에 다친 거예요?").startswith("네")


@pytest.mark.parametrize(
    ("report", "side"),
    [
        ("FINDINGS: The left hemidiaphragm remains elevated. Lungs clear.", "좌측"),
        ("판독소견: 우측 횡격막 거상, 이전과 변화 없음.", "우측"),
    ],
)
def test_which_side_of_the_diaphragm_is_up_is_told_with_no_yes_or_no(report, side):
    answer = answer_question(report, "횡격막 어느 쪽이 올라가 있어요?")
    assert answer.startswith("판독문에") and side in answer and "“" in answer


def test_a_place_asked_whether_fine_gets_what_the_report_calls_it():
    report = "판독소견:\n우하엽 절제술 후 상태.\n우측 횡격막 거상, 수술 후 변화.\n흉수 없음."
    answer = answer_question(report, "오른쪽 횡격막 올라간 거 괜찮은 건가요?")
    assert "수술 후 변화" in answer and "횡격막" in answer


def test_a_word_that_only_bears_on_the_question_is_said_as_related():
    report = "IMPRESSION: Patchy bilateral peripheral opacities, suspicious for atypical viral infection."
    answer = answer_question(report, "코로나예요?")
    assert answer.startswith("판독문에 코로나19는 적혀 있지 않습니다") and "viral" in answer


def test_an_english_word_of_the_question_found_in_the_report():
    report = "IMPRESSION: Basal reticulation; NSIP versus UIP pattern. High-resolution CT may help."
    answer = answer_question(report, "NSIP 있어요?")
    assert answer.startswith("확실하지 않습니다") and "NSIP versus UIP" in answer


def test_fluid_still_there_is_an_effusion_question():
    report = "판독소견:\n좌측 흉수 약간 남아 있으나 이전보다 줄었음.\n기흉 없음."
    question = read_question("물 아직 남아 있어요?")
    assert question.kind == "presence" and "Pleural Effusion" in question.observations
    assert answer_question(report, "물 아직 남아 있어요?").startswith("네")


# communication: whether, whom, when
CALLED_NURSE = "IMPRESSION: Tube in the right mainstem bronchus.\nFindings relayed to ___, RN, by phone at 04:25."
CALLED_DOCTOR = "IMPRESSION: New left effusion. Discussed with Dr. ___ at 11:05 by telephone."


@pytest.mark.parametrize("question", ["담당의랑 통화했대요?", "의사한테 얘기됐어요?", "주치의한테 말씀드렸대요?"])
def test_communication_asked_in_everyday_words(question):
    assert read_question(question).kind == "communicated"
    answer = answer_question(CALLED_DOCTOR, question)
    assert answer.startswith("네, 판독문에 결과를 담당 의사에게 전화로 알렸다고") and "11:05" in answer


def test_whom_and_when_the_report_told_is_answered_without_yes_or_no():
    answer = answer_question(CALLED_NURSE, "누구한테 알렸어요?")
    assert answer.startswith("판독문에 결과를 간호사(RN)에게") and "04:25" in answer
    assert told("담당 간호사에게 유선 통보함 (오후 3시 20분).") == ("간호사(RN)에게 전화로 ", "오후 3시 20분")
    assert told("Findings were communicated to the ICU team.") == ("담당 의료진에게 ", "")


# a test named in a next-step question: that test's advice only
def test_a_named_test_is_answered_from_the_advice_for_that_test():
    advised_ct = "IMPRESSION: Fibrotic change at the bases; correlation with high-resolution CT is suggested."
    film = "IMPRESSION: Small right effusion. Repeat radiograph in 3 weeks recommended."
    assert read_question("HRCT 찍어야 돼요?").kind == "next_steps"
    assert answer_question(advised_ct, "HRCT 찍어야 돼요?").startswith("네")
    assert answer_question(film, "CT 다시 찍어요?").startswith("아니요, 판독문에 CT 권고는 없습니다")
    drained = answer_question(film, "물 빼야 돼요?")
    assert drained.startswith("아니요, 판독문에 흉수 천자(배액) 권고는 없습니다") and "Repeat radiograph" in drained


def test_the_glossary_is_the_one_table_of_question_words_and_report_forms():
    assert [t.korean for t in named_terms("멍 들었어요?", ("finding",))] == ["혈종", "타박상"]
    (ct,) = named_terms("HRCT 찍어요?", ("test",))
    assert written_pattern(ct).search("Recommend LDCT in 12 months") and not written_pattern(ct).search("CTR 0.6")


@pytest.mark.parametrize(
    "question",
    ["수술 받았는데 괜찮아요?", "수술 전인데 문제될 만한 거 있어?", "교통사고 났는데 괜찮아요?", "수술할 정도예요?"],
)
def test_a_term_named_as_the_time_or_as_a_thing_to_do_is_not_what_is_asked(question):
    assert asked_terms(question, ("finding", "event", "place")) == []


def test_a_normality_question_about_the_picture_is_not_taken_for_its_technique():
    report = "FINDINGS: Patient is rotated. Lungs are clear. IMPRESSION: No acute cardiopulmonary process."
    assert answer_question(report, "사진 이상 있어요?").startswith("아니요")
    assert "rotated" in answer_question(report, "사진 제대로 찍힌 거예요?")


def test_more_words_outside_the_vocabulary_are_answered_from_their_sentences():
    report = (
        "FINDINGS: Low lung volumes. Diffuse demineralization of the bones. Prominent central pulmonary arteries "
        "may reflect pulmonary arterial hypertension. IMPRESSION: No acute process."
    )
    assert answer_question(report, "뼈가 약해졌대요?").startswith("네, 판독문에 골감소증이")
    assert answer_question(report, "폐고혈압 가능성 있어요?").startswith("네, 판독문은 폐고혈압 가능성을")
    assert answer_question(report, "폐고혈압이에요?").startswith("확실하지 않습니다")
    volumes = answer_question(report, "숨을 덜 들이마시고 찍은 거예요?")
    assert volumes.startswith("판독문에 폐 용적에 대해 적힌 내용") and "Low lung volumes" in volumes


def test_a_word_in_a_clause_of_advice_is_no_finding():
    report = (
        "IMPRESSION: Right upper lobe mass, 4 cm. Surgical consultation is recommended. Surgical emphysema in the neck."
    )
    assert answer_question(report, "수술 받은 적 있는 거예요?").startswith("판독문에 수술 흔적에 대한 언급이 없어")


def test_every_one_told_is_named_and_the_one_who_told_is_not():
    assert told("중환자실 담당 간호사 및 주치의에게 유선 통보함.")[0] == "간호사(RN)와 담당 의사에게 전화로 "
    assert told("Results conveyed to the vascular surgery team by Dr. ___ at 9:40 pm.") == (
        "담당 의료진에게 ",
        "오후 9:40",
    )


def test_a_diagnosis_named_as_a_consideration_is_a_possibility():
    report = "IMPRESSION: Multifocal peripheral opacities; in this setting, COVID-19 infection is a consideration."
    assert answer_question(report, "코로나예요?").startswith("확실하지 않습니다")


def test_bleeding_asked_where_only_a_hematoma_is_written_is_told_as_related():
    answer = answer_question("판독소견:\n우측 흉벽 연부조직 혈종 의심.\n폐야 깨끗함.", "피 났어요?")
    assert answer.startswith("판독문에 출혈은 적혀 있지 않습니다. 관련된 내용") and "혈종" in answer


def test_isolation_asked_is_the_care_teams_decision_not_a_yes_from_other_advice():
    report = "IMPRESSION: Patchy bilateral opacities, possibly viral pneumonia. Follow-up radiograph recommended."
    assert not answer_question(report, "격리해야 돼요?").startswith("네")


def test_an_injury_asked_is_answered_with_its_age():
    report = "흉부 PA:\n좌측 8번 늑골 진구성 골절.\n폐야 깨끗함."
    assert "오래된" in answer_question(report, "다쳤어요?") and answer_question(report, "다쳤어요?").startswith("네")
    assert answer_question(report, "예전에 다친 거예요?").startswith("네, 판독문에는 오래된")
    assert "외상" not in answer_question(report, "다친 거 좋아졌어요?")  # a change: the change answer's


def test_a_word_that_only_bears_on_a_diagnosis_never_states_it():
    report = "FINDINGS: Peribronchial cuffing. IMPRESSION: Could reflect reactive airway disease."
    assert answer_question(report, "기관지염 있어요?").startswith("판독문에 기관지염은 적혀 있지 않습니다")
    assert answer_question(report, "천식이에요?").startswith("판독문에 천식은 적혀 있지 않습니다")


@pytest.mark.parametrize(
    ("sentence", "word", "reading"),
    [
        ("골전이를 시사하는 소견 없음.", "전이", "denied"),
        ("혈종 및 출혈은 보이지 않음.", "혈종", "denied"),
        ("좌측 혈종 보이며 출혈 없음.", "혈종", "stated"),
        ("우측 흉수 있으며 기흉 없음.", "흉수", "stated"),
        ("수술 후 변화 외 특이 소견 없음.", "수술", "stated"),
        ("전이 가능성 배제할 수 없음.", "전이", "possible"),
    ],
)
def test_a_korean_clause_closing_on_a_denial_denies_the_words_before_it(sentence, word, reading):
    assert mention_reading(sentence, re.search(word, sentence)) == reading


def test_new_asked_of_a_finding_the_report_calls_stable_is_no():
    report = "FINDINGS: Stable elevation of the left hemidiaphragm. Lungs clear."
    assert answer_question(report, "횡격막 올라간 거 새로 생긴 거예요?").startswith(
        "아니요, 판독문에는 이전과 변화 없는"
    )


def test_surgery_asked_of_korean_traces_and_of_a_resection():
    assert answer_question("판독소견:\n흉골 봉합 와이어 보임.\n심비대.", "심장 수술 했었어요?").startswith("네")
    assert answer_question("판독소견:\nS/P Rt. upper lobectomy.", "폐 잘라낸 거 보여요?").startswith("네")


def test_a_hole_in_the_esophagus_is_no_pneumothorax():
    report = "Findings: 종격동 기종 있음. 식도 천공 배제 필요."
    assert read_question("식도 구멍 났어요?").observations == ()
    assert answer_question(report, "식도 구멍 났어요?").startswith("확실하지 않습니다")


def test_the_time_told_keeps_its_a_m_and_p_m():
    assert sentences("Findings conveyed to Dr. ___ at 8:45 a.m. Lungs clear.")[0].endswith("8:45 a.m")
    report = "IMPRESSION: Small left effusion. Findings conveyed to Dr. ___ at 8:45 a.m. by phone."
    assert "(오전 8:45)" in answer_question(report, "의사한테 연락됐어요?")


def test_an_operation_asked_by_name_where_only_its_traces_are_written():
    report = "FINDINGS: Intact sternotomy wires and mediastinal clips. Prosthetic aortic valve. Heart size normal."
    cabg = answer_question(report, "CABG 했어요?")
    assert (
        cabg.startswith("판독문에 관상동맥 우회술은 적혀 있지 않습니다. 관련된 내용") and cabg.count("sternotomy") == 1
    )
    assert "Prosthetic aortic valve" in answer_question(report, "AVR 받았어요?")
    assert answer_question("FINDINGS: Status post CABG. Lungs clear.", "CABG 했어요?").startswith("네")


def test_a_place_named_with_a_finding_puts_the_sentences_about_that_place_first():
    report = (
        "FINDINGS: Multiple new lung nodules, concerning for metastases. Lytic lesion of the left 6th rib, "
        "suspicious for osseous metastasis."
    )
    answer = answer_question(report, "뼈로 전이됐어요?")
    assert answer.startswith("확실하지 않습니다") and answer.index("rib") < answer.index("lung nodules")


# Symptoms, procedures, body parts and drugs outside the labeler's vocabulary (new sentences of our own).
CAVITY_BLEEDING_KO = (
    "[판독소견]\nLt. 상엽에 벽이 두꺼운 공동성 병변이 보임.\n양측 흉수 없음.\n[결론]\n1. Lt. 상엽 공동성 병변\n"
    "2. 각혈 원인 확인을 위해 흉부 CT 권고"
)
CAVITY_BLEEDING_EN = (
    "FINDINGS: Thin-walled cavitary lesion in the right upper lobe. No pleural effusion.\n"
    "IMPRESSION: Right upper lobe cavity. Given the history of hemoptysis, chest CT is advised."
)
AFTER_NEEDLE = (
    "FINDINGS: Status post percutaneous needle biopsy of a left lower lobe nodule. Faint ground-glass opacity "
    "along the needle tract may reflect a small amount of hemorrhage. No pneumothorax."
)


@pytest.mark.parametrize("report", [CAVITY_BLEEDING_KO, CAVITY_BLEEDING_EN])
@pytest.mark.parametrize("question", ["피 나는 원인이 뭐래요?", "가래에 피 섞여 나오는 건 왜 그래요?"])
def test_a_symptom_gets_the_reports_words_on_it_and_the_findings_that_bear_on_it(report, question):
    answer = answer_question(report, question)
    assert not answer.startswith(("네", "아니요")), answer
    assert "CT" in answer and re.search(r"공동|cavit", answer), answer
    assert answer.index("CT") < answer.index("관련될 수 있는 소견")  # its own sentence first, then what bears on it
    assert "담당 의료진" in answer


def test_a_symptom_on_a_clear_report_is_not_answered_as_found():
    answer = answer_question(NORMAL, "피 나는 이유가 뭐래요?")
    assert "언급이 없어" in answer and not answer.startswith(("네", "아니요"))
    assert answer_question(NORMAL, "내일 날씨 어때요?") == CANNOT_ANSWER
    for everyday in ("배 고파요", "목 말라요", "면역항암제 맞아도 돼요?"):  # a body word, a drug: not a report question
        assert answer_question(NORMAL, everyday) == CANNOT_ANSWER, everyday


@pytest.mark.parametrize("question", ["바늘 찌른 데 피 나온 건 없대?", "조직검사 한 자리에 출혈 있어요?"])
def test_bleeding_after_a_procedure_is_read_with_the_reports_hedge(question):
    answer = answer_question(AFTER_NEEDLE, question)
    assert answer.startswith("확실하지 않습니다") and "hemorrhage" in answer, answer


def test_a_body_part_outside_the_vocabulary_is_told_from_its_sentence():
    report = "Findings: Lungs are clear. Remote healed fracture of the left clavicle with mild deformity."
    answer = answer_question(report, "쇄골은 왜 적혀 있어?")
    assert "clavicle" in answer and not answer.startswith(("네", "아니요")), answer


@pytest.mark.parametrize(
    ("report", "question", "lead", "grade"),
    [
        ("Findings: Mild peribronchial cuffing. No consolidation.", "기관지 벽 두꺼워진 거 심해요?", "아니요", "경미"),
        ("판독소견: 기관지 벽 비후가 심하게 관찰됨.", "기관지 벽 두꺼워진 거 심해?", "네", "심한"),
        ("Findings: Marked bronchial wall thickening in both lower lobes.", "기관지 벽 두꺼운 거 경미한 거죠?", "아니요", "심한"),
    ],
)
def test_a_finding_outside_the_vocabulary_asked_how_bad_gets_its_own_sentences_grade(report, question, lead, grade):
    answer = answer_question(report, question)
    assert answer.startswith(lead) and grade in answer, answer


def test_symptoms_drugs_and_body_parts_are_glossary_terms_of_their_topic():
    assert [t.korean for t in asked_terms("숨차고 열 나요", ("symptom",))] == ["호흡곤란", "발열"]
    assert {t.korean for t in asked_terms("면역항암제 부작용", ("drug", "finding"))} == {"약물 부작용", "면역항암제"}
    assert [t.korean for t in asked_terms("항암 주사 맞았어요", ("drug",))] == ["항암화학요법"]
    assert [t.korean for t in asked_terms("목이랑 배가 아파요", ("place",))] == ["목(경부)", "배(복부)"]
    assert not asked_terms("배액관 빼도 돼요?", ("place",))  # a drain, not the abdomen
