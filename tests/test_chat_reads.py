"""How the grounded chat reads questions as real users type them (round 3): typos and spelling variants,
questions about one side of the chest, active disease, mediastinal shift, pacemaker leads, a drain asked by
its abbreviation and several questions in one message (own sentences)."""

import pytest

from korad.chat.grounded import answer_question, compound_parts
from korad.chat.questions import normalise_question, read_question

TUBE_OUT = """FINDINGS: The nasogastric tube has been removed in the interval. Lungs are clear. No effusion.
IMPRESSION: Interval removal of the enteric tube. No acute process."""
TUBE_OUT_KO = """판독소견:
이전 검사에서 보이던 L-tube는 제거됨.
양측 폐야 특이소견 없음."""
EDEMA_WORSE_KO = """판독소견:
이전 검사와 비교함.
양측 폐부종 악화 소견. 좌측 흉수는 소량으로 이전과 비슷함. 우측 흉수 증가.
결론:
1. 폐부종 악화.
2. 우측 흉수 증가, 좌측 소량 흉수 변화 없음."""
RIGHT_EFFUSION_MIXED = """Chest PA
Findings:
Rt. pleural effusion, moderate amount, 이전 검사 대비 증가함.
Lt. lung: no active lesion.
Impression: Rt. pleural effusion, increased."""
LEFT_PTX = """FINDINGS: Small left apical pneumothorax, unchanged. The right lung is clear. No mediastinal shift.
IMPRESSION: Stable small left pneumothorax."""
ACTIVE_NONE = """FINDINGS: Normal heart size. Clear lungs. No pleural effusion.
IMPRESSION: No active disease in the chest."""
SHIFT_KO = """판독소견:
Lt. 하폐야에 중등량의 흉수.
종격동 편위 없음.
결론: 좌측 흉수."""
SHIFTED = """FINDINGS: Large right pleural effusion with shift of the mediastinum to the left.
IMPRESSION: Large right effusion with contralateral mediastinal shift."""
DUAL = """FINDINGS: Right chest wall dual-chamber pacemaker, leads in the right atrium and right ventricle.
Lungs are clear. IMPRESSION: No acute cardiopulmonary process."""
BIV = """FINDINGS: Left-sided biventricular pacemaker/ICD with three leads in standard position.
Mild cardiomegaly. IMPRESSION: Stable cardiomegaly."""
PACER_ONLY = """FINDINGS: Left chest wall pacemaker. Lungs are clear.
IMPRESSION: No acute process."""
DRAIN_IN = """Chest AP
Findings:
Lt. pigtail drainage catheter (PCD) 유지 중, 위치 적절.
Lt. pleural effusion, 이전보다 감소.
Impression: Lt. PCD in place, effusion decreased."""
SMALL_PTX_KO = """판독소견:
Lt. 폐첨부에 소량의 기흉 있음.
결론:
좌측 소량 기흉. 추적 검사 요망."""


@pytest.mark.parametrize(
    ("typed", "standard"),
    [
        ("콧줄 뺏어요?", "콧줄 뺐어요?"),
        ("폐부종 좋아졋어?", "폐부종 좋아졌어?"),
        ("부종 나빠졋나여??", "부종 나빠졌나요?"),
        ("관 제거됬어요?", "관 제거됐어요?"),
        ("발관햇어요??", "발관했어요?"),
        ("물 있나여?", "물 있나요?"),
        ("폐 괜찮아여", "폐 괜찮아요"),
        ("흉관 몇개?", "흉관 몇 개?"),
        ("  기흉   있어요?  ", "기흉 있어요?"),
    ],
)
def test_typos_are_spelled_out_once_at_the_root(typed, standard):
    assert normalise_question(typed) == standard
    assert read_question(typed).text == standard


@pytest.mark.parametrize("question", ["콧줄 뺏어요?", "콧줄 뺐어요?", "NG tube 제거됬나요?", "엘튜브 뺏나여?", "L-tube 뺏어요??"])
@pytest.mark.parametrize("report", [TUBE_OUT, TUBE_OUT_KO])
def test_a_removal_typo_never_contradicts_itself(report, question):
    # the guard: never "아니요" together with "it was removed" about the same asked device
    answer = answer_question(report, question)
    assert not (answer.startswith("아니요") and ("제거되었다" in answer or "제거됨" in answer)), answer
    assert answer.startswith("네"), answer


@pytest.mark.parametrize("question", ["폐부종 좋아졋어?", "폐부종 나아졋나여?", "폐부종 좋아졌나요"])
def test_a_change_typo_keeps_its_direction(question):
    answer = answer_question(EDEMA_WORSE_KO, question)
    assert answer.startswith("아니요"), answer
    assert "악화" in answer


@pytest.mark.parametrize("question", ["왼쪽은 괜찮아요?", "좌측 폐는 괜찮나요?", "왼쪽 폐 이상 없죠?", "왼쪽은 깨끗해요?"])
def test_the_fine_side_is_fine_though_the_other_is_not(question):
    answer = answer_question(RIGHT_EFFUSION_MIXED, question)
    assert answer.startswith("네"), answer
    assert "no active lesion" in answer and "우측" in answer  # its "clear", then the other side named


@pytest.mark.parametrize("question", ["오른쪽은 괜찮아요?", "우측 폐 괜찮나요?"])
def test_the_side_with_a_finding_is_not_fine(question):
    answer = answer_question(RIGHT_EFFUSION_MIXED, question)
    assert answer.startswith("아니요") and "흉수" in answer and "증가" in answer, answer


@pytest.mark.parametrize("question", ["오른쪽 폐는 어때요?", "우측은요?", "오른쪽 폐 상태는요?"])
def test_an_open_side_question_has_no_yes_or_no(question):
    answer = answer_question(LEFT_PTX, question)
    assert not answer.startswith(("네", "아니요")), answer
    assert "The right lung is clear" in answer and "기흉" in answer


def test_the_side_with_the_pneumothorax_is_described():
    answer = answer_question(LEFT_PTX, "왼쪽은요?")
    assert not answer.startswith(("네", "아니요")) and "기흉" in answer and "변화 없음" in answer, answer


@pytest.mark.parametrize("question", ["왼쪽 흉수는요?", "좌측 흉수는 어때요?", "왼쪽 물은요?"])
def test_one_sides_finding_asked_as_a_topic_gives_its_amount_and_change(question):
    answer = answer_question(EDEMA_WORSE_KO, question)
    assert not answer.startswith(("네", "아니요")), answer
    assert "소량" in answer and "변화 없음" in answer and "증가" not in answer.split("판독문")[0]


def test_a_topic_on_a_side_without_it_says_where_it_is():
    answer = answer_question(RIGHT_EFFUSION_MIXED, "왼쪽 흉수는요?")
    assert not answer.startswith(("네", "아니요")) and "적혀 있지 않" in answer and "우측" in answer, answer


@pytest.mark.parametrize("question", ["활동성 병 없죠?", "활동성 병변은 없나요?", "active disease 없어요?"])
def test_no_active_disease_answers_an_active_question(question):
    answer = answer_question(ACTIVE_NONE, question)
    assert answer.startswith("네") and "No active disease" in answer, answer


def test_an_active_lesion_asked_is_no_lesion_reading():
    answer = answer_question(ACTIVE_NONE, "활동성 병변 있어요?")
    assert answer.startswith("아니요") and "No active disease" in answer, answer


@pytest.mark.parametrize(
    ("report", "question", "first"),
    [
        (SHIFT_KO, "종격동 밀렸어요?", "아니요"),
        (LEFT_PTX, "종격동이 한쪽으로 치우쳤나요?", "아니요"),
        (LEFT_PTX, "mediastinal shift 있어요?", "아니요"),
        (SHIFTED, "종격동 밀렸어요?", "네"),
    ],
)
def test_mediastinal_shift_is_read(report, question, first):
    answer = answer_question(report, question)
    assert answer.startswith(first) and "종격동 편위" in answer, answer


@pytest.mark.parametrize(
    ("report", "question", "number"),
    [
        (DUAL, "심박조율기 선 몇개야", "2개"),
        (DUAL, "페이스메이커 리드 몇 개예요?", "2개"),
        (BIV, "pacemaker lead 몇 개?", "3개"),
    ],
)
def test_pacemaker_leads_are_counted_from_its_kind(report, question, number):
    answer = answer_question(report, question)
    assert number in answer and "리드" in answer, answer


def test_dual_chamber_leads_name_their_chambers():
    answer = answer_question(DUAL, "심박동기 선 몇 개예요?")
    assert "우심방" in answer and "우심실" in answer


def test_pacemaker_leads_not_written_are_said_so():
    answer = answer_question(PACER_ONLY, "심박조율기 선 몇 개야?")
    assert "적혀 있지 않습니다" in answer and "Left chest wall pacemaker" in answer, answer


@pytest.mark.parametrize("question", ["PCD 뺐어요?", "PCD 제거됐나요?", "pcd 뺏어요?"])
def test_a_drain_in_place_was_not_removed(question):
    answer = answer_question(DRAIN_IN, question)
    assert answer.startswith("아니요"), answer


def test_two_questions_in_one_message_are_each_answered():
    assert compound_parts("응급이에요? 관 넣어야 돼요?") == ["응급이에요?", "관 넣어야 돼요?"]
    answer = answer_question(SMALL_PTX_KO, "응급이에요? 관 넣어야 돼요?")
    assert "기흉" in answer and "추적 검사 요망" in answer and "담당 의료진" in answer
    assert "관 삽입 권고는 없습니다" in answer
    assert "위치를 확인할 수 없습니다" not in answer


@pytest.mark.parametrize("question", ["흉관 몇 개예요? 두 개?", "기흉 있어요?", "부종 어때요, 더 심해졌어요?"])
def test_one_question_is_not_split(question):
    assert compound_parts(question) == []


LUNGS_CLEAR = """FINDINGS: Heart size is normal. The lungs are clear. No pleural effusion or pneumothorax.
IMPRESSION: No acute cardiopulmonary abnormality."""
LUNGS_CLEAR_KO = """판독소견:
심장 크기 정상.
양측 폐야 특이소견 없음.
결론: 정상 흉부 사진."""


@pytest.mark.parametrize(("report", "quoted"), [(LUNGS_CLEAR, "The lungs are clear."), (LUNGS_CLEAR_KO, "양측 폐야 특이소견 없음")])
def test_the_lungs_asked_are_answered_with_the_lungs_sentence(report, quoted):
    answer = answer_question(report, "폐는 괜찮아요?")
    assert answer.startswith("네") and quoted in answer, answer


@pytest.mark.parametrize("question", ["left lung 괜찮아요?", "Lt. 폐는 괜찮나요?", "Lt side 이상 없죠?", "왼쪽엔 없죠?"])
def test_a_side_in_english_or_a_bare_absence_is_still_one_side(question):
    answer = answer_question(RIGHT_EFFUSION_MIXED, question)
    assert answer.startswith("네") and "no active lesion" in answer, answer


def test_a_side_in_english_with_a_finding_is_described():
    answer = answer_question(RIGHT_EFFUSION_MIXED, "Rt. effusion은요?")
    assert not answer.startswith(("네", "아니요")) and "증가" in answer, answer


# --- found on a blind probe (round 4): answers that contradicted themselves ----------------------------

DEEP_TUBE = "FINDINGS: 기관내관 끝은 carina 위 1 cm에 위치하여 깊음, 약 2 cm 빼는 것이 좋겠음. 양측 폐야 깨끗함."
NGT_ESOPHAGUS = "FINDINGS: The feeding tube terminates in the mid esophagus and should be advanced at least 12 cm."
NGT_STOMACH = "FINDINGS: Enteric tube courses below the diaphragm with its tip in the gastric body."


@pytest.mark.parametrize(("question", "opening"), [("ETT 깊이 괜찮아요?", "아니요"), ("기관내관 위치 적절해요?", "아니요")])
def test_asking_whether_a_misplaced_tube_is_fine_gets_no(question, opening):
    answer = answer_question(DEEP_TUBE, question)
    assert answer.startswith(opening), answer


@pytest.mark.parametrize(
    ("report", "opening"), [(NGT_ESOPHAGUS, "아니요"), (NGT_STOMACH, "네")]
)
def test_whether_a_feeding_tube_went_into_the_stomach(report, opening):
    answer = answer_question(report, "콧줄 끝이 위에 들어갔어요?")
    assert answer.startswith(opening), answer


def test_a_removal_named_as_when_asks_about_the_finding_after_it():
    report = "FINDINGS: The right chest tube has been removed. No pneumothorax. Sternotomy wires are intact."
    answer = answer_question(report, "관 빼고 기흉 생겼어?")
    assert answer.startswith("아니요") and "기흉" in answer.split("\n")[0], answer


@pytest.mark.parametrize("question", ["다 나았으면 약 끊어도 돼?", "이제 약 그만 먹어도 되나요?"])
def test_a_medication_question_is_the_care_teams_decision(question):
    report = "FINDINGS: Right lower lobe pneumonia has improved since the prior study."
    answer = answer_question(report, question)
    assert not answer.startswith(("네", "아니")) and "담당 의료진" in answer, answer


@pytest.mark.parametrize("question", ["흉수 늘었어요 줄었어요?", "좋아졌어 나빠졌어?", "새로 생긴 거예요 아니면 원래 있던 거예요?"])
def test_a_question_between_two_answers_gets_no_yes_or_no(question):
    report = "FINDINGS: Moderate left pleural effusion, increased since the prior study."
    answer = answer_question(report, question)
    assert not answer.startswith(("네", "아니")) and "증가" in answer, answer


@pytest.mark.parametrize(
    ("report", "side"),
    [("양측 흉수 있으며 좌측이 우측보다 많음.", "좌측"), ("Bilateral effusions; 우측이 좌측에 비해 많음.", "우측")],
)
def test_which_side_is_more_when_the_korean_report_names_the_larger_side_first(report, side):
    answer = answer_question(report, "물 어느쪽이 더 많아요")
    assert f"{side}이 더 많다" in answer, answer


def test_a_drainage_named_as_when_asks_about_what_followed():
    report = "FINDINGS: Status post right thoracentesis. New small right apical pneumothorax. Recommend f/u CXR."
    answer = answer_question(report, "물 빼고 기흉 생겼어?")
    assert answer.startswith("네") and "기흉" in answer.split("\n")[0], answer
