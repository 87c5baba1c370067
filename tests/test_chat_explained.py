"""The report's own reading of a finding (korad.chat.answers.explained), sides compared, decisions and advice asked."""

from __future__ import annotations

import pytest

from korad.chat.grounded import answer_question
from korad.chat.questions import read_question
from tests.helpers import assert_answered

_LOBECTOMY = (
    "FINDINGS: Status post left upper lobectomy. Mild leftward shift of the mediastinum, stable. Left hemidiaphragm is "
    "elevated. Right lung clear.\nIMPRESSION: Expected postoperative appearance following left upper lobectomy."
)
_LOBECTOMY_KO = "판독소견:\nRt. upper lobectomy 후 변화 - Rt. hemidiaphragm 거상, Rt. hilum 상방 견인.\nLt. lung clear."


@pytest.mark.parametrize(
    ("report", "question", "included"),
    [
        # a change an operation leaves, asked as a danger: the operation the report names, quoted
        (_LOBECTOMY, "종격동이 왼쪽으로 밀렸다는데 괜찮은 거예요?", ["수술 후", "lobectomy"]),
        (_LOBECTOMY_KO, "오른쪽 횡격막이 올라가 있다는데 위험한 거야?", ["수술 후 변화", "lobectomy 후 변화"]),
        # a place asked as a concern: what the report writes of it, explained, and its "nothing acute"
        (
            "FINDINGS: The aorta is tortuous and calcified. Lungs clear.\nIMPRESSION: No acute disease.",
            "대동맥이 이상하다는 말이에요?",
            ["tortuous", "No acute disease"],
        ),
    ],
)
def test_a_concern_about_a_finding_is_answered_with_the_reports_reading(report, question, included):
    assert_answered(report, question, None, included, ["네,", "아니요,"])


def test_a_meaning_asked_of_a_place_is_the_reports_reading_of_it():
    report = (
        "FINDINGS: Prominent central pulmonary arteries. Clear lungs.\nIMPRESSION: Enlarged pulmonary arteries, "
        "possibly due to pulmonary arterial hypertension; consider echocardiogram."
    )
    answer = answer_question(report, "폐동맥이 굵다는 게 무슨 뜻이에요?")
    assert "폐고혈압" in answer and "possibly due to pulmonary arterial hypertension" in answer
    assert not answer.startswith(("네", "아니요"))


def test_what_is_at_a_place_is_the_finding_the_report_places_there():
    report = "FINDINGS: Retrocardiac opacity with an air-fluid level, likely a hiatal hernia. Lungs clear."
    assert "hiatal hernia" in answer_question(report, "심장 뒤쪽에 있는 게 뭐예요?")


@pytest.mark.parametrize(
    ("report", "question", "opening", "included"),
    [
        (  # the cause asked is the one the report gives
            "FINDINGS: Right paramediastinal consolidation with straight margins, consistent with radiation pneumonitis.",
            "그 하얀 음영이 방사선 때문에 생긴 건가요?",
            "네",
            ["radiation pneumonitis"],
        ),
        (  # another cause than the one asked: the one the report gives, never 네
            "FINDINGS: Left basilar opacity, likely atelectasis related to the recent surgery.",
            "그 음영 담배 때문에 생긴 거예요?",
            "판독문에 물어보신 원인은 적혀 있지 않습니다",
            ["related to the recent surgery"],
        ),
    ],
)
def test_a_cause_asked_is_read_from_the_reports_explanation(report, question, opening, included):
    assert_answered(report, question, opening, included)


def test_new_is_not_a_cause():
    report = "FINDINGS: 우하폐야 경화, 폐렴에 합당함."
    assert "원인" not in answer_question(report, "폐렴 새로 생긴 거예요?")


def test_the_alternatives_the_report_weighs_are_told():
    report = "결론:\n1. Rt. 상엽 공동성 병변 - 결핵 가능성 높음. DDx) 폐농양.\n2. 객담 검사 권함."
    answer = answer_question(report, "결핵 외에 다른 병일 수도 있어요?")
    assert "DDx) 폐농양" in answer and "농양" in answer


@pytest.mark.parametrize(
    ("report", "question", "opening", "included"),
    [
        (  # a possibility asked ("~일 수도 있나요?") of a finding the report weighs: 네
            "Impression: Lt. lower lobe 음영 - atelectasis 가능성, 폐렴과 감별 요함.",
            "폐렴일 수도 있는 거예요?",
            "네",
            ["감별"],
        ),
        (  # "뼈로 퍼졌을 수 있다는 말이에요?": the bone's sentence, hedged, 네
            "FINDINGS: Multiple lung nodules, known metastases. Sclerotic focus in T9, worrisome for osseous "
            "metastasis.",
            "뼈로도 퍼졌을 수 있다는 거예요?",
            "네",
            ["T9"],
        ),
    ],
)
def test_a_possibility_asked_is_answered_yes_where_the_report_weighs_it(report, question, opening, included):
    assert_answered(report, question, opening, included)


def test_a_spread_to_one_organ_is_answered_for_that_organ():
    report = "판독소견:\n양측 폐에 전이를 시사하는 결절은 없음.\n좌측 7번 늑골 골전이 의심."
    answer = answer_question(report, "폐로도 전이됐나요?")
    assert answer.startswith("아니요") and answer.index("양측 폐") < answer.index("늑골")


@pytest.mark.parametrize(
    ("report", "question", "opening"),
    [
        (  # a nodule asked on the side of an operation: the two sides compared
            "FINDINGS: Status post right mastectomy. New 6 mm nodule in the left lower lobe.",
            "결절이 유방 수술한 쪽에 생긴 거예요?",
            "아니요",
        ),
        ("FINDINGS: Status post right mastectomy. New 6 mm nodule in the right lower lobe.", "결절이 유방 수술한 쪽에 생긴 거예요?", "네"),
        # a lesion in general asked on both sides: every finding's side counts
        ("판독소견:\nLt. 상엽 경화.\nRt. 하엽에 작은 결절.", "양쪽 다 병변이 있는 거예요?", "네"),
    ],
)
def test_sides_compared(report, question, opening):
    assert answer_question(report, question).startswith(opening)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("이뇨제 더 늘려야 돼요?", "next_steps"),
        ("스테로이드 줄여도 돼요?", "next_steps"),
        ("심장 초음파 받으라고 나와 있어요?", "next_steps"),
        ("회사 신체검사인데 통과 가능할까요?", "fitness"),
    ],
)
def test_decisions_and_named_tests_are_read(question, kind):
    assert read_question(question).kind == kind


def test_a_drug_decision_is_the_care_teams_with_the_reports_facts():
    report = "Findings: Cardiomegaly. Small bilateral pleural effusions."
    answer = answer_question(report, "이뇨제 더 써야 하나요?")
    assert "담당 의료진" in answer and "흉수" in answer and not answer.startswith(("네", "아니요"))


def test_a_screening_pass_is_the_examining_doctors_decision():
    report = "FINDINGS: Lungs are clear. Heart normal.\nIMPRESSION: No active disease."
    answer = answer_question(report, "취업 검진인데 합격 가능해요?")
    assert "판정" in answer and "No active disease" in answer and not answer.startswith(("네", "아니요"))


def test_a_named_test_the_report_advises_is_yes():
    report = "IMPRESSION: Enlarged cardiac silhouette. Echocardiography may be helpful."
    assert_answered(report, "심초음파 하라고 써 있어요?", "네", ["Echocardiography"])


def test_a_next_step_on_a_normal_study_says_it_is_normal():
    report = "판독소견:\n양측 폐야 깨끗함.\n결론: 정상 흉부 사진."
    assert_answered(report, "다시 검사해야 돼요?", "아니요", ["정상"])


@pytest.mark.parametrize(
    ("report", "question", "included"),
    [
        # "왜 그런 거예요?": the report's reading of the place asked
        (
            "FINDINGS: S/P left pneumonectomy, with opacified left hemithorax and leftward mediastinal shift.",
            "종격동이 왼쪽으로 간 건 왜 그래요?",
            ["pneumonectomy"],
        ),
        # a meaning asked of a glossary finding: the glossary's, and the report's reading with its diagnosis explained
        ("판독소견: 우상엽 선상 음영, 반흔으로 생각됨.", "이 음영은 무슨 뜻이에요?", ["반흔으로 생각됨", "반흔(scarring)"]),
        # a concern about a finding the report reads as left by an operation
        ("FINDINGS: Left basilar atelectasis, likely postoperative.", "무기폐 심각한 거예요?", ["수술 후 변화", "postoperative"]),
    ],
)
def test_why_meaning_and_concern_read_the_reports_reading(report, question, included):
    assert_answered(report, question, None, included, ["네,", "아니요,"])


def test_an_abbreviation_asked_is_not_read_as_its_own_reading():
    answer = answer_question("Status post CABG. Lungs clear.", "s/p 무슨 뜻이에요?")
    assert "봅니다" not in answer


@pytest.mark.parametrize(
    ("report", "question", "opening", "included", "excluded"),
    [
        (  # a cause asked of a finding the report gives no cause for: none written, never "네"
            "FINDINGS: Hyperinflated lungs with emphysema.",
            "폐기종 생긴 게 담배 때문인가요?",
            "판독문에는 원인이 적혀 있지 않습니다",
            ["emphysema", "담당 의료진"],
            [],
        ),
        (  # a change of age asked as a danger: what it is, and the report's "nothing acute"
            "FINDINGS: Unfolded and tortuous aorta. No acute cardiopulmonary process.",
            "대동맥이 구불구불한 거 위험한 건가요?",
            None,
            ["노화", "No acute cardiopulmonary process"],
            ["네,", "정도"],
        ),
        (  # an activity asked: the care team's decision, with the report's facts
            "FINDINGS: Lungs clear. Heart normal.\nIMPRESSION: No acute disease.",
            "이 결과면 운동해도 괜찮아요?",
            None,
            ["담당 의료진", "No acute disease"],
            ["네,", "아니요,"],
        ),
        (  # a device named as the side compared with ("관 넣은 쪽")
            "FINDINGS: Small left apical pneumothorax. Right chest tube in place.",
            "기흉이 관 넣은 쪽에 생긴 거예요?",
            "아니요",
            ["좌측", "우측"],
            [],
        ),
    ],
)
def test_causes_changes_of_age_activities_and_devices_compared(report, question, opening, included, excluded):
    assert_answered(report, question, opening, included, excluded)


def test_a_finding_read_as_left_by_a_prior_operation_and_a_benign_one_explained():
    report = (
        "FINDINGS: Left hemithorax volume loss with leftward tracheal deviation, consistent with prior left "
        "pneumonectomy. Calcified right hilar granuloma, sequela of prior granulomatous infection."
    )
    assert "수술 후 변화" in answer_question(report, "기관이 왼쪽으로 휜 거 괜찮은 거예요?")
    assert "대부분 치료가 필요 없습니다" in answer_question(report, "석회화된 육아종 위험해요?")


def test_a_finding_is_no_cause_and_a_term_is_no_reading_of_itself():
    report = "FINDINGS: Hyperexpanded lungs, consistent with COPD. Clinical: s/p CABG."
    assert not answer_question(report, "흡연 때문이에요?").startswith("네")  # "COPD" names no cause
    assert "봅니다" not in answer_question(report, "CABG가 뭐예요?")  # "s/p CABG" is the operation, no reading


@pytest.mark.parametrize(
    ("question", "included"),
    [
        ("폐 꼭대기에 보이는 건 뭐예요?", ["Bilateral apical pleural thickening", "흉막 비후(pleural thickening)"]),
        ("횡격막 밑에 있는 게 뭐예요?", ["Free air beneath the left hemidiaphragm", "기복증"]),
    ],
)
def test_what_a_place_holds_is_what_the_report_writes_there_explained(question, included):
    report = (
        "FINDINGS: Bilateral apical pleural thickening, likely chronic. Free air beneath the left hemidiaphragm, "
        "likely postoperative after the recent laparotomy."
    )
    assert_answered(report, question, None, included, ["네,", "아니요,"])


def test_a_cause_asked_of_a_body_part_is_yes_where_its_sentence_writes_that_cause():
    report = "[판독소견]\n양측 경부와 Rt. 흉벽에 피하 공기음영이 보임.\n기흉은 없음."
    answer = answer_question(report, "목 부어오른 거 공기 때문이에요?")
    assert answer.startswith("네") and "경부" in answer, answer


def test_a_drug_side_effect_asked_quotes_the_hedged_reading_and_its_alternative():
    report = (
        "FINDINGS: New ground-glass opacities in both lungs. Given ongoing checkpoint inhibitor therapy, "
        "immune-related pneumonitis is suspected. IMPRESSION: Bilateral opacities; drug-related pneumonitis versus "
        "viral infection."
    )
    answer = answer_question(report, "숨찬 게 면역항암제 부작용일 수도 있어요?")
    assert "가능성" in answer and "pneumonitis" in answer and "infection" in answer, answer
