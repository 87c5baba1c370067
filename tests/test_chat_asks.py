"""How the grounded chat reads everyday questions: next steps, treatment and symptom causes, whether the
results were passed on, whether the study was compared, change of one named finding, tag questions,
a kind of a finding asked beyond it ("긴장성 기흉이에요?") and counts of a finding (own sentences)."""

import pytest

from korad.chat.grounded import answer_question, counted_in
from korad.chat.questions import read_question

LOBAR = """FINDINGS: Dense consolidation in the right middle lobe. The left lung is clear. No pleural effusion.
Heart size is normal.
IMPRESSION: Right middle lobe pneumonia."""
NODULE_CT = """COMPARISON: None.
FINDINGS: An 8 mm nodule in the right upper lobe. The lungs are otherwise clear.
IMPRESSION: 8 mm right upper lobe nodule. Chest CT is recommended for further evaluation."""
NORMAL_HEART = """FINDINGS: Cardiomediastinal silhouette is within normal limits. Heart size is normal. Lungs are clear.
IMPRESSION: No acute cardiopulmonary abnormality."""
CALLED = """FINDINGS: Moderate left pneumothorax with partial collapse of the left lower lobe. No mediastinal shift.
IMPRESSION: Moderate left pneumothorax, no evidence of tension.
These results were discussed with Dr. ___ by telephone at 14:20 by Dr. ___."""
CALLED_KO = """판독소견:
Lt. 상폐야에 기흉 소견 있음.
결론:
1. 좌측 기흉.
주치의에게 유선 통보함."""
TENSION = """FINDINGS: Large right pneumothorax with leftward mediastinal shift, consistent with tension pneumothorax.
IMPRESSION: Right tension pneumothorax. Findings paged to the ICU team."""
SILENT_PTX = """FINDINGS: Small left apical pneumothorax. Lungs otherwise clear.
IMPRESSION: Small left apical pneumothorax."""
HEART_STABLE = """COMPARISON: ___
FINDINGS: Interstitial edema has increased since the prior study. Mild cardiomegaly is unchanged.
A new small left pleural effusion.
IMPRESSION: Worsening interstitial edema. New small left effusion. Stable mild cardiomegaly."""
HAZY_ILD = """Findings:
 양측 하폐야에 reticular opacity 있음.
 r/o usual interstitial pneumonia (UIP).
Conclusion:
 Bilateral basal reticular opacity, r/o UIP. HRCT 권유."""
RIBS_EN = """FINDINGS: Acute fractures of the left posterior eighth through tenth ribs. No pneumothorax.
IMPRESSION: Left eighth through tenth rib fractures."""
RIBS_KO = """판독소견:
우측 4-6번 늑골 골절 소견 있음.
기흉은 없음.
결론: 우측 늑골 골절."""
OLD_TB = """판독소견:
Lt. 상엽에 석회화를 동반한 진구성 결핵 병변, 이전과 변화 없음.
활동성 병변 없음."""


def _starts(answer: str) -> str | None:
    return "네" if answer.startswith("네") else "아니요" if answer.startswith("아니요") else None


@pytest.mark.parametrize("question", ["다음에 뭐 해야 돼요?", "뭐 해야 해요?", "이제 어떻게 해요?", "다음 검사?"])
def test_next_steps_in_everyday_words_quote_the_advice_without_yes_or_no(question):
    answer = answer_question(NODULE_CT, question)
    assert read_question(question).kind == "next_steps"
    assert _starts(answer) is None and "CT" in answer


@pytest.mark.parametrize("question", ["항생제 먹어야 돼요?", "입원해야 돼요?"])
def test_treatment_questions_say_what_the_report_shows_and_leave_it_to_the_care_team(question):
    answer = answer_question(LOBAR, question)
    assert _starts(answer) is None
    assert "담당 의료진" in answer and "Right middle lobe pneumonia" in answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("가슴 아픈 게 심장 때문이에요?", "normal"),
        ("숨찬 게 이거 때문인가요?", "pneumonia"),
        ("기침이 폐렴 때문인가요?", "pneumonia"),
    ],
)
def test_a_symptom_cause_is_not_decided_by_the_radiograph_but_the_report_is_quoted(question, said):
    answer = answer_question(NORMAL_HEART if "심장" in question else LOBAR, question)
    assert read_question(question).kind == "cause"
    assert _starts(answer) is None and "알 수 없" in answer and "담당 의료진" in answer
    assert said in answer
    assert "이 질문은 판독문만으로는 답할 수 없습니다" not in answer


@pytest.mark.parametrize("question", ["담당의한테 연락은 됐어요?", "주치의한테 알렸어?", "결과 전달됐나요?"])
def test_communication_is_answered_from_the_report_note(question):
    assert read_question(question).kind == "communicated"
    english = answer_question(CALLED, question)
    assert english.startswith("네") and "telephone at 14:20" in english
    korean = answer_question(CALLED_KO, question)
    assert korean.startswith("네") and "유선 통보함" in korean
    silent = answer_question(LOBAR, question)
    assert silent.startswith("아니요") and "적혀 있지 않습니다" in silent


def test_questions_without_a_finding_name_get_the_findings_place():
    answer = answer_question(LOBAR, "어느 부위야?")
    assert _starts(answer) is None and "우측" in answer and "중" in answer


def test_whether_the_study_was_compared():
    assert answer_question(NODULE_CT, "이전 사진이랑 비교됐어?").startswith("아니요")
    compared = answer_question(HEART_STABLE, "이전 검사랑 비교한 거예요?")
    assert compared.startswith("네") and "since the prior study" in compared
    assert _starts(answer_question(HEART_STABLE, "지난번이랑 비교하면?")) is None


def test_a_change_question_is_answered_for_the_finding_it_names():
    heart = answer_question(HEART_STABLE, "심장 전보다 더 커졌어?")
    assert heart.startswith("아니요") and "cardiomegaly is unchanged" in heart and "edema" not in heart.lower()
    fluid = answer_question(HEART_STABLE, "물 찬 거 예전부터 있던 거예요?")
    assert fluid.startswith("아니요") and "새로 생김" in fluid
    both = answer_question(HEART_STABLE, "흉수랑 폐부종 나빠졌어요?")
    assert both.startswith("네") and "흉수" in both and "폐부종" in both


@pytest.mark.parametrize(
    ("question", "opening"),
    [("심장 문제는 없죠?", "네"), ("심장 이상 없나요?", "네"), ("심장은 괜찮죠?", "네"), ("폐렴은 아니죠?", "네")],
)
def test_tag_questions_about_an_absence_keep_their_polarity(question, opening):
    assert answer_question(NORMAL_HEART, question).startswith(opening)


def test_a_kind_of_a_finding_is_answered_from_what_the_report_says_of_that_kind():
    ruled_out = answer_question(CALLED, "긴장성 기흉이에요?")
    assert ruled_out.startswith("아니요") and "tension" in ruled_out and "기흉" in ruled_out
    assert answer_question(TENSION, "긴장성 기흉인가요?").startswith("네")
    silent = answer_question(SILENT_PTX, "긴장성 기흉이에요?")
    assert _starts(silent) is None and "언급은 없습니다" in silent and "left apical pneumothorax" in silent


def test_a_mediastinal_shift_is_read_once_for_its_own_answer_and_for_a_tension_pneumothorax():
    denied = "좌측 기흉이 있음. 심장의 이동은 관찰되지 않음."
    tension = answer_question(denied, "긴장성 기흉이에요?")
    assert tension.startswith("아니요") and "“심장의 이동은 관찰되지 않음.”" in tension
    assert "종격동 편위(mediastinal shift)가 없다고" in answer_question(denied, "종격동 밀렸어요?")
    shifted = "Large left pneumothorax with shift of the heart to the right."
    assert answer_question(shifted, "긴장성 기흉이에요?").startswith("확실하지 않습니다")
    assert "종격동 편위(mediastinal shift)가 있다고" in answer_question(shifted, "mediastinal shift 있어요?")


def test_a_confirmed_diagnosis_asked_of_a_hedge_is_no():
    answer = answer_question(HAZY_ILD, "UIP 확진이에요?")
    assert answer.startswith("아니요") and "r/o" in answer


def test_old_tuberculosis_is_not_active_again():
    for question in ("결핵이 다시 활동하는 거예요?", "결핵 재발한 거예요?"):
        assert answer_question(OLD_TB, question).startswith("아니요")


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("Acute fractures of the left posterior eighth through tenth ribs.", 3),
        ("Fractures of the right third, fourth and fifth ribs.", 3),
        ("우측 4-6번 늑골 골절 소견 있음.", 3),
        ("Two right upper lobe nodules.", 2),
        ("좌측 2개의 늑골 골절.", 2),
        ("Multiple bilateral rib fractures.", None),
        # Korean numbers before a rib are its place, never a count ("제6, 7 늑골" is two ribs, not seven)
        ("우측 제8, 9 늑골 골절 소견.", 2),
        ("좌측 3번째 및 4번째 늑골 골절.", 2),
        ("우측 제9 늑골 골절.", 1),
        ("Healed fractures of right ribs 4 and 5.", 2),
    ],
)
def test_counts_of_a_finding_are_read_from_its_sentence(sentence, number):
    counted = counted_in(sentence)
    assert counted is not None and counted[0] == number


def test_how_many_ribs_are_broken():
    english = answer_question(RIBS_EN, "갈비뼈 몇 개 부러졌어?")
    assert "3개" in english and "8-10" in english and _starts(english) is None
    assert "3개" in answer_question(RIBS_KO, "늑골 몇 개 골절됐나요?")


def test_ribs_counted_in_a_sentence_read_as_a_fracture_and_a_later_rib_fracture():
    report = "우측 8, 9번 늑골에 오래된 골절 있음.\n폐야 깨끗함.\n결론: 진구성 Rt. 늑골 골절."
    answer = answer_question(report, "늑골 골절 몇 개예요?")
    assert "2개" in answer and "8, 9" in answer and _starts(answer) is None


def test_more_everyday_forms_of_the_same_families():
    assert read_question("후속 조치는?").kind == "next_steps"
    assert answer_question(HEART_STABLE, "심장 전에도 컸어요?").startswith("네")  # stable: it was there before
    assert answer_question(NORMAL_HEART, "심장 안 커졌죠?").startswith("네")
    assert answer_question(NORMAL_HEART, "심장에는 이상 없나요?").startswith("네")
    assert answer_question(HEART_STABLE, "전에도 없던 게 생겼나요?").startswith("네")
    assert "3개" in answer_question(RIBS_EN, "갈비뼈 몇 대 부러졌어요?")
    assert "1개" in answer_question(NODULE_CT, "결절 몇 개예요?")


def test_words_that_only_look_like_the_asked_ones_are_not_read_as_them():
    report = (
        "FINDINGS: Enlarged pulmonary arteries, suggesting pulmonary hypertension. Small right pneumothorax. "
        "As discussed on the prior report, a stable left nodule."
    )
    assert "언급은 없습니다" in answer_question(report, "긴장성 기흉이에요?")  # not "hypertension"
    assert answer_question(report, "결과 전달됐나요?").startswith("아니요")  # "as discussed" is no call


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("주치의가 알고 있나요?", "communicated"),
        ("노티됐어요?", "communicated"),
        ("dyspnea가 이거 때문이에요?", "cause"),
        ("항생제 쓰고 좋아졌어요?", "change"),
        ("이전 검사 있어요?", "compared"),
    ],
)
def test_everyday_and_mixed_forms_are_read_as_their_kind(question, kind):
    assert read_question(question).kind == kind


def test_a_measure_asked_by_its_name_alone_gets_its_value_without_yes_or_no():
    report = "심장 음영 확대 (CTR 0.58).\n양측 폐야 깨끗함."
    for question in ("CTR?", "심흉곽비는요?", "CTR 몇이에요?"):
        answer = answer_question(report, question)
        assert _starts(answer) is None and "0.58" in answer, question
    assert answer_question(report, "CTR 정상이에요?").startswith("아니요")  # a yes/no question stays one
    congestion = "Moderate pulmonary vascular congestion. No effusion."
    degree = answer_question(congestion, "울혈 정도")
    assert _starts(degree) is None and "중등도" in degree


def test_a_grade_is_quoted_from_the_sentence_that_says_it():
    report = "FINDINGS: Bibasilar atelectasis. Interstitial edema.\nIMPRESSION: Mild interstitial edema, new."
    answer = answer_question(report, "부종 심한가요?")
    assert answer.startswith("아니요") and "경미" in answer
    assert "Mild interstitial edema" in answer


def test_a_question_between_two_names_is_open():
    report = "Mild pulmonary vascular congestion. No pleural effusion."
    answer = answer_question(report, "부종이에요 울혈이에요?")
    assert _starts(answer) is None and "울혈" in answer
    assert answer_question(report, "울혈인가요?").startswith("네")  # one name asked: yes or no


def test_bare_measures_and_how_big_the_heart_is_are_open():
    report = "ET tube tip 5 cm above the carina. Heart size is enlarged. Small left upper lobe nodule measuring 7 mm."
    depth = answer_question(report, "ETT 깊이?")
    assert _starts(depth) is None and "기관분기부 위 5 cm" in depth
    heart = answer_question(report, "심장 얼마나 커요?")
    assert _starts(heart) is None and "심비대" in heart and "결절" not in heart


def test_one_side_only_and_which_side_has_more_in_everyday_words():
    report = "Bilateral pleural effusions, right larger than left. Right basilar atelectasis."
    assert answer_question(report, "흉수 한쪽만 있어요?").startswith("아니요")
    assert "우측이 더 많다" in answer_question(report, "물은 어느 쪽이 많아?")
    more = answer_question(report, "오른쪽이 더 많아요?")
    assert more.startswith("네") and "흉수" in more and "무기폐" not in more  # the finding the report compares
    assert answer_question("Left apical pneumothorax.", "기흉 한쪽에만 있어요?").startswith("네")


def test_which_side_with_no_finding_named_is_about_the_findings_the_report_places():
    report = "Moderate cardiomegaly. Small left pleural effusion. Hiatal hernia."
    answer = answer_question(report, "어느 쪽이에요?")
    assert "좌측" in answer and "심비대" not in answer and "탈장" not in answer


def test_a_side_the_labeler_misses_is_read_from_the_findings_sentence_not_denied():
    report = "There is a 2.5 cm thick-walled cavitary lesion in the right upper lobe. No effusion."
    answer = answer_question(report, "공동 어느 쪽이에요?")
    assert "우측" in answer and "적혀 있지 않습니다" not in answer


@pytest.mark.parametrize("question", ["심장 주변에 물 고였나요?", "심낭에 물이 차 있어요?"])
def test_fluid_around_the_heart_is_not_a_pleural_effusion(question):
    # the pleural effusion is written, the pericardial fluid is not: no "네" for the pleura's fluid
    report = "판독소견: 좌측 소량 흉수. 심비대 없음."
    answer = answer_question(report, question)
    assert not answer.startswith("네") and "심낭" in answer


def test_fluid_around_the_heart_written_in_plain_words_is_found():
    report = "판독소견: 심장 주위로 소량의 물이 고여 있음. 흉수 없음."
    assert answer_question(report, "심낭에 물이 찼나요?").startswith("네")
