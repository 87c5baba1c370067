"""The grounded chat on old and chronic findings, normal reports, congestion, and the question forms
patients use (tag questions, open questions, CTR, surgery, off-topic). Report sentences are new,
written in the styles of MIMIC, Open-i (with its XXXX), Korean hospitals and mixed reports."""

from __future__ import annotations

import pytest
from helpers import assert_answered

from korad.chat.acuity import chronic, congestion_only, no_acute_statement
from korad.chat.grounded import CANNOT_ANSWER, answer_question
from korad.chat.questions import read_question
from korad.findings import label_report

OPENI_OLD = (
    "The heart is normal in size. The mediastinum is unremarkable. Remote healed fractures of the left XXXX "
    "and 8th ribs. Calcified granuloma in the right midlung. The lungs are clear.\n"
    "IMPRESSION: No acute cardiopulmonary abnormality."
)
KOREAN_OLD = "흉부 PA:\n좌측 7번 늑골 진구성 골절.\n대동맥궁 석회화.\n양측 폐야는 깨끗함.\n결론: 특이 소견 없음."
MIMIC_FRESH = (
    "FINDINGS: Acute nondisplaced fractures of the right 4th and 5th ribs. No pneumothorax.\nIMPRESSION: Rib fractures."
)
NUMBERED_NORMAL = "IMPRESSION:\n1. Stable mild cardiomegaly.\n2. Degenerative changes of the spine.\n3. No acute intrathoracic process."
CONGESTION = (
    "FINDINGS: Moderate cardiomegaly with pulmonary vascular congestion but no frank interstitial edema. No effusion."
)
KOREAN_CONGESTION = "심비대 (CTR 0.61). 폐혈관 울혈 소견. 흉수 없음."


@pytest.mark.parametrize(
    ("report", "question", "opening", "included", "excluded"),
    [
        # Old findings (a healed fracture, aortic calcification) keep a study from being normal even under "no
        # acute abnormality"; the answer says both (the decided convention, docs/chat.md).
        (OPENI_OLD, "이상이 있나요?", "네", ["다만 급성 이상은 아닙니다", "늑골 골절", "No acute cardiopulmonary"], []),
        (KOREAN_OLD, "정상인가요?", "아니요", ["완전히 정상은 아닙니다", "특이 소견 없음", "늑골 골절", "대동맥"], []),
        (KOREAN_OLD, "급한 이상은 없나요?", "네", ["급성(새로 생긴) 이상은 없습니다", "특이 소견 없음"], []),
        (
            OPENI_OLD,
            "갈비뼈가 부러졌나요?",
            "네",
            ["오래된(치유된)", "새로 생긴(급성) 골절은 적혀 있지 않습니다"],
            ["금이 간 것"],
        ),
        (KOREAN_OLD, "새로 부러진 뼈가 있나요?", "아니요", ["흔적"], []),
        (MIMIC_FRESH, "갈비뼈가 부러졌나요?", "네", ["늑골 골절"], ["오래된"]),
        (MIMIC_FRESH, "이상이 있나요?", "네", ["늑골 골절"], ["오래된"]),
        # A normal report (numbered impression, Korean "깨끗함", "특이 소견 없음") excludes what it does not name.
        (NUMBERED_NORMAL, "폐렴이에요?", "아니요", ["No acute intrathoracic process"], []),
        (KOREAN_OLD, "암인가요?", "아니요", ["종괴나 결절", "배제할 수는 없"], []),
        (OPENI_OLD, "결핵인가요?", "아니요", ["활동성 결핵", "흔적"], []),
        # Vascular congestion is 폐울혈, never 폐부종; "no frank edema" keeps edema negative.
        (CONGESTION, "폐부종이 있나요?", "아니요", ["폐울혈"], ["폐부종이 있다고"]),
        (CONGESTION, "부종은 없죠?", "네", ["폐울혈"], []),
        (KOREAN_CONGESTION, "물이 찼나요?", "아니요", ["폐울혈", "피가 몰려"], ["폐부종이 있다고"]),
        (KOREAN_CONGESTION, "물은 안 찼죠?", "네", ["폐울혈"], []),
        # CTR is the cardiothoracic ratio, not CT.
        (KOREAN_CONGESTION, "CTR 정상?", "아니요", ["0.61", "심비대"], ["권고"]),
        (KOREAN_CONGESTION, "CTR 얼마예요?", "", ["0.61"], []),
        ("Heart size is normal. Lungs clear.", "CTR 정상?", "네", ["CTR(심흉곽비) 수치는 적혀 있지 않습니다"], []),
        # Surgery questions: the findings and the care team's decision, never a bare 아니요.
        (
            "Hyperinflated lungs. No focal consolidation.\nIMPRESSION: COPD. No acute process.",
            "수술해도 괜찮을까요?",
            "",
            ["No acute process", "담당 의료진"],
            [],
        ),
        (
            "S/P CABG. Sternotomy wires intact. Small left effusion.\nIMPRESSION: Expected postoperative appearance.",
            "수술 후 괜찮은 상태인가요?",
            "",
            ["수술 후 예상되는 범위", "흉수", "담당 의료진"],
            [],
        ),
        # "새로 생긴 X는 없나요?" asks about an absence.
        ("Patchy left basilar opacity, unchanged. No new consolidation.", "새로 생긴 폐렴은 없나요?", "네", [], []),
        # Severity weighs every finding, not only the mildest.
        (
            "Acute displaced fractures of the left 5th-7th ribs. Small left pneumothorax.",
            "심한가요?",
            "",
            ["기흉", "늑골 골절", "전위"],
            [],
        ),
        # Open questions get no leading 네/아니요.
        ("Large right pleural effusion. Small left effusion.", "어디가 더 안 좋아요?", "", ["흉수"], []),
    ],
)
def test_grounded_answers(report, question, opening, included, excluded):
    answer = assert_answered(report, question, opening, included, excluded)
    assert "(pleural other)" not in answer and "(no finding)" not in answer


def test_the_internal_label_pleural_other_is_never_shown():
    answer = answer_question("Minimal right apical pleural thickening. Lungs otherwise clear.", "이상 있나요?")
    assert "pleural other" not in answer and "흉막 비후(pleural thickening)" in answer, answer


def test_off_topic_requests_get_no_report_answer():
    assert answer_question(CONGESTION, "주식 추천해 주세요") == CANNOT_ANSWER
    assert read_question("CT 찍어야 하나요?").kind == "next_steps"


def test_acuity_reads_old_mentions_statements_and_congestion():
    findings = label_report(OPENI_OLD)
    assert chronic(findings, "Rib Fracture") and chronic(findings, "Granuloma")
    assert not chronic(label_report(MIMIC_FRESH), "Rib Fracture")
    assert no_acute_statement(NUMBERED_NORMAL) == "3. No acute intrathoracic process."
    assert no_acute_statement(MIMIC_FRESH) is None
    assert no_acute_statement("No acute osseous abnormality. No acute fracture.") is None  # the bones only
    assert congestion_only(label_report(CONGESTION))
    assert not congestion_only(label_report("Pulmonary vascular congestion and mild interstitial edema."))


@pytest.mark.parametrize(
    ("report", "question", "opening", "included"),
    [
        ("PA chest: 우측 흉벽에 소량의 피하기종. 기흉 없음.", "피하기종 있나요?", "네", ["피하기종"]),
        ("No pneumothorax or subcutaneous emphysema.", "피하기종 있나요?", "아니요", ["없다고"]),
        ("s/p Rt. mastectomy. Lungs clear.", "유방 수술한 게 보이나요?", "네", ["mastectomy", "우측"]),
        (
            "Impression: 1. No acute findings. 2. Multilevel spondylosis of the thoracic spine.",
            "등뼈는 괜찮아요?",
            "아니요",
            ["퇴행성"],
        ),
        ("Cavitary lesion in the left upper lobe, ? reactivation TB.", "공동이 있나요?", "네", ["cavit"]),
        ("Bilateral hilar lymphadenopathy, sarcoidosis 의심. Lungs clear.", "암인가요?", "확실하지", ["사르코이드증"]),
    ],
)
def test_findings_outside_the_vocabulary_are_answered_from_the_report_sentence(report, question, opening, included):
    assert_answered(report, question, opening, included)


@pytest.mark.parametrize(
    ("report", "question", "opening", "included"),
    [
        ("Borderline heart size. Lungs are clear.", "심장 커요?", "확실하지", ["경계선(borderline)"]),
        (
            "Dense right lower lobe consolidation, increased.",
            "폐렴이에요?",
            "확실하지",
            ["폐경화", "폐렴이라고 적혀 있지는 않지만"],
        ),
        ("[판독소견] 좌하엽에 새로이 보이는 결절 음영.\n결론: 신규 결절.", "새로 생긴 소견은?", "", ["결절"]),
        ("Heart size normal. Lungs clear.\nIMPRESSION: Normal chest.", "심장 크기는?", "", ["심비대"]),
        (
            "Heart size normal. Lungs clear.\nIMPRESSION: Normal chest.",
            "어디가 더 안 좋아요?",
            "",
            ["이상 소견은 없습니다"],
        ),
    ],
)
def test_more_question_forms(report, question, opening, included):
    assert_answered(report, question, opening, included)


def test_the_summary_names_old_findings_as_old_and_says_nothing_is_acute():
    answer = answer_question(OPENI_OLD, "요약해 주세요")
    assert "급성(새로 생긴) 이상 소견은 없다고" in answer and "오래된 늑골 골절" in answer, answer
    assert "금이 간 것" not in answer
    assert "CTR(심흉곽비) 0.61" in answer_question(KOREAN_CONGESTION, "요약해 주세요")


def test_cancer_questions_read_the_report_s_suspicion_and_congestion_has_its_own_meaning():
    for report in ("RUL mass. Possible lung cancer.", "좌상엽 종괴, malignancy 의심. CT 권고."):
        answer = answer_question(report, "암인가요?")
        assert answer.startswith("확실하지") and "악성(암)일 가능성을 의심" in answer, answer
    assert "악성" not in answer_question("RUL mass, likely benign.", "암인가요?")
    meaning = answer_question("Mild pulmonary vascular congestion.", "혈관 울혈이 뭐예요?")
    assert meaning.startswith("폐울혈(pulmonary vascular congestion)"), meaning
    assert "폐울혈" in answer_question("Mild pulmonary vascular congestion.", "폐부종이 뭐예요?")


def test_a_quoted_sentence_is_not_cut_at_a_decimal_point():
    answer = answer_question("A 4.2 cm spiculated mass in the LUL, concerning for malignancy. Recommend CT.", "암인가요?")
    assert "“A 4.2 cm spiculated mass in the LUL, concerning for malignancy.”" in answer, answer
    assert "“2 cm" not in answer


def test_a_bone_named_in_the_question_is_answered_for_that_bone():
    answer = answer_question("Acute fracture of the left clavicle.", "갈비뼈가 부러졌나요?")
    assert answer.startswith("판독문에는 늑골 골절(rib fracture)에 대한 언급이 없습니다"), answer
    assert "쇄골 골절" in answer and "\n네," not in answer


GRANULOMA_EN = "FINDINGS: Lungs are clear. A 5 mm calcified granuloma in the left lower lobe is unchanged."
GRANULOMA_KO = "흉부 PA: 우상엽에 석회화 육아종 (4 mm). 그 외 특이 소견 없음."
NODULE_TOO = "FINDINGS: Calcified granuloma in the right upper lobe. New 12 mm nodule in the left lower lobe."


@pytest.mark.parametrize(
    ("report", "question", "opening", "included"),
    [
        # A side that names the lesion is not a side question; a granuloma alone is not cancer.
        (GRANULOMA_EN, "왼쪽 폐에 있는 혹은 암인가요?", "아니요", ["육아종", "암을 뜻하는 소견이 아닙니다"]),
        (GRANULOMA_KO, "우측 폐에 있는 결절은 암이에요?", "아니요", ["육아종"]),
        (GRANULOMA_EN, "암인가요?", "아니요", ["육아종"]),
        # ... but beside another nodule nothing is ruled out
        (NODULE_TOO, "암인가요?", "확실하지 않습니다", ["CT나 조직 검사"]),
        # an open question about the lesion gets no leading yes/no
        (GRANULOMA_EN, "왼쪽 폐에 있는 혹은 뭔가요?", "판독문", ["육아종"]),
    ],
)
def test_a_lesion_named_by_its_side_and_a_granuloma_asked_about_as_cancer(report, question, opening, included):
    assert_answered(report, question, opening, included)
    assert read_question(question).kind != "side"


# The decided normal-study convention (docs/chat.md): what leaves a study normal, what does not, and how the
# answer says both when only old findings are there.
PLAQUES_NO_ACUTE = (
    "FINDINGS: Calcified pleural plaques along both hemidiaphragms. Lungs clear.\n"
    "IMPRESSION: No acute intrathoracic abnormality. Calcified pleural plaques, consistent with prior asbestos exposure."
)
BENIGN_ONLY = (
    "FINDINGS: Sternotomy wires are intact. Mildly tortuous thoracic aorta. Calcified right hilar lymph nodes. "
    "Minimal biapical pleural thickening. Mild degenerative changes of the thoracic spine. Lungs are clear.\n"
    "IMPRESSION: No acute cardiopulmonary process."
)
SCOLIOSIS_FINDINGS_ONLY = "FINDINGS: Mild levoscoliosis. Lungs are clear. No effusion.\nIMPRESSION: Normal chest."
SCOLIOSIS_IMPRESSION = "FINDINGS: Lungs are clear.\nIMPRESSION: 1. No acute process. 2. Marked thoracic dextroscoliosis."
HERNIA_KO = "흉부 PA:\n폐야 청명.\n심장 크기 정상.\n식도 열공 탈장 소견.\n결론: 활동성 병변 없음. Hiatal hernia."
WORKUP = "FINDINGS: The lungs are clear. Heart size normal.\nIMPRESSION: No acute process. Recommend chest CT to evaluate a questionable right hilar contour."
OLD_TB_MIXED = "Chest PA: Both upper lung에 fibrotic change, old TB로 생각됨. 활동성 병변은 없음."


@pytest.mark.parametrize(
    ("report", "question", "opening", "included"),
    [
        (BENIGN_ONLY, "정상인가요?", "네", ["No acute cardiopulmonary process"]),
        (BENIGN_ONLY, "이상이 있나요?", "아니요", []),
        (SCOLIOSIS_FINDINGS_ONLY, "정상인가요?", "네", []),
        (SCOLIOSIS_IMPRESSION, "정상인가요?", "아니요", ["완전히 정상은 아닙니다", "측만"]),
        (PLAQUES_NO_ACUTE, "정상인가요?", "아니요", ["완전히 정상은 아닙니다", "No acute intrathoracic abnormality"]),
        (PLAQUES_NO_ACUTE, "이상이 있나요?", "네", ["다만 급성 이상은 아닙니다", "흉막"]),
        (PLAQUES_NO_ACUTE, "급한 이상은 없나요?", "네", ["급성(새로 생긴) 이상은 없습니다"]),
        (PLAQUES_NO_ACUTE, "폐는 괜찮나요?", "아니요", []),  # the pleura is what "폐" asks about too
        (HERNIA_KO, "정상인가요?", "아니요", ["활동성 병변 없음", "탈장"]),
        (HERNIA_KO, "폐는 괜찮나요?", "네", []),  # a hiatal hernia is not in the lungs
        (HERNIA_KO, "급성 소견 있나요?", "아니요", ["활동성 병변 없음"]),
        (OLD_TB_MIXED, "정상인가요?", "아니요", ["완전히 정상은 아닙니다"]),
        (WORKUP, "정상인가요?", "아니요", ["추가 검사를 권고", "Recommend chest CT"]),
        (WORKUP, "이상이 있나요?", "확실하지 않습니다", ["추가 검사를 권고"]),
        ("Left lower lobe pneumonia. Otherwise no acute process.", "급한 이상은 없나요?", "아니요", ["폐렴"]),
        ("Stable mild cardiomegaly. No acute cardiopulmonary process.", "급한 이상은 없나요?", "네", ["심비대"]),
        ("Possible small right pneumothorax.", "급성 이상 있나요?", "확실하지 않습니다", ["기흉"]),
        ("Large left upper lobe mass.", "급한 이상은 없나요?", "네", ["종괴"]),
    ],
)
def test_the_normal_study_convention(report, question, opening, included):
    answer = assert_answered(report, question, opening, included)
    assert "급성은 아닌 소견으로 종괴" not in answer  # a mass the report does not call old is not said to be old


@pytest.mark.parametrize(
    ("report", "question", "opening", "included"),
    [
        # "no new X" denies a new one only: said so, never "there is no X".
        ("Chronic right basilar scarring. No new focal consolidation.", "경화가 있나요?", "아니요", ["새로 생긴 폐경화"]),
        ("Chronic right basilar scarring. No new focal consolidation.", "폐렴인가요?", "아니요", ["새로 생긴 폐경화"]),
        ("우상엽 섬유화. 새로 생긴 결절은 없음.", "결절 있나요?", "아니요", ["새로 생긴 결절"]),
        # a plain negation covers the list, in English, Korean and mixed text
        ("No pleural effusion or pneumothorax.", "기흉은 없죠?", "네", ["없다고"]),
        ("흉수나 기흉은 보이지 않음.", "흉수 있나요?", "아니요", ["없다고"]),
        ("Pneumothorax 및 effusion은 없음.", "기흉 있나요?", "아니요", ["없다고"]),
        # a Korean hedge after an English term; a stated reading is positive
        ("Rt. upper lung field에 약 9 mm nodule 의심. CT 권유.", "결절이 있나요?", "확실하지 않습니다", ["9 mm"]),
        ("Lt. lower lobe에 consolidation, pneumonia로 생각됨.", "폐렴인가요?", "네", []),
        ("Bibasilar opacities, atelectasis or early pneumonia.", "폐렴인가요?", "확실하지 않습니다", []),
        ("Pneumonia is unlikely; findings favor atelectasis.", "폐렴인가요?", "확실하지 않습니다", []),
    ],
)
def test_negation_scope_and_hedges_in_answers(report, question, opening, included):
    assert_answered(report, question, opening, included)


def test_a_lesion_asked_about_on_a_normal_report_is_not_written_and_cancer_is_no():
    report = "흉부 PA: 양측 폐야 청명. 심장 크기 정상.\n결론: 정상 흉부."
    answer = answer_question(report, "혹 있어요?")
    assert answer.startswith("판독문에는") and "따로 적혀 있지 않" in answer.split("\n")[0], answer
    assert "결론" not in answer or "정상 흉부" in answer
    assert answer_question(report, "암인가요?").startswith("아니요")


@pytest.mark.parametrize(
    "statement",
    [
        "Stable appearance of the chest without acute process.",
        "No definite acute cardiopulmonary process.",
        "No significant abnormality.",
        "Chest: WNL.",
        "흉부 사진상 이상 없음.",
        "특이 이상 소견 없음.",
        "흉부 X선 정상.",
    ],
)
def test_the_no_acute_statement_in_its_usual_wordings(statement):
    assert no_acute_statement(f"FINDINGS: Heart size normal.\nIMPRESSION: {statement}") == statement
    # ... and it answers an acute finding the report does not name
    assert answer_question(f"IMPRESSION: {statement}", "폐렴이에요?").startswith("아니요")


@pytest.mark.parametrize("sentence", ["폐 실질 이상 소견 없음.", "Heart size within normal limits.", "No acute fracture."])
def test_a_statement_about_one_part_is_not_the_study_s(sentence):
    assert no_acute_statement(sentence) is None


@pytest.mark.parametrize(
    ("question", "scope"),
    [("급한 건 없죠?", "acute"), ("새로 생긴 이상은 없나요?", "acute"), ("폐에 이상 있어요?", "lungs"), ("응급인가요?", None)],
)
def test_acute_and_lung_normality_questions_are_read(question, scope):
    read = read_question(question)
    assert (read.kind, read.scope) == ("urgency" if scope is None else "normality", scope), read


@pytest.mark.parametrize(
    ("report", "question", "opening", "included", "excluded"),
    [
        # a body part named in the question: its findings only, old ones said as old
        (
            "Old healed right 7th rib fracture. Emphysema. No pleural effusion or pneumothorax.\nIMPRESSION: No acute process.",
            "흉막에 이상이 있나요?",
            "아니요",
            ["흉수", "없다고"],
            ["폐기종", "늑골"],
        ),
        (
            "Old healed right 7th rib fracture. Emphysema.\nIMPRESSION: No acute process.",
            "뼈에 이상이 있나요?",
            "네",
            ["오래된 늑골 골절", "새로 생긴 문제는 아닙니다"],
            ["폐기종"],
        ),
        ("Acute displaced fracture of the right clavicle.", "뼈에 이상이 있나요?", "네", ["쇄골 골절"], ["오래된"]),
        ("Lungs are clear. No pneumothorax.", "대동맥은 괜찮아요?", "판독문에는", ["적혀 있지 않"], []),
    ],
)
def test_a_body_part_named_in_a_normality_question(report, question, opening, included, excluded):
    assert_answered(report, question, opening, included, excluded)


@pytest.mark.parametrize(
    ("question", "opening"),
    [("뼈에 이상이 있나요?", "아니요"), ("등뼈는 괜찮아요?", "네"), ("척추에 문제 있나요?", "아니요"), ("정상인가요?", "네")],
)
def test_a_mild_degenerative_change_of_the_spine_is_within_normal(question, opening):
    report = "흉부 PA:\n양측 폐야 깨끗함.\n흉추에 경미한 퇴행성 변화.\n결론: 정상 흉부."
    assert_answered(report, question, opening)
