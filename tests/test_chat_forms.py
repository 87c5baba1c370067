"""The forms of questions and their answers (own sentences): a question between two answers, a comparison asked
without its predicate, whether the study was compared, one side asked as a topic, a one-line conclusion, an
addendum's later film, next steps not written as "recommend", a device asked by where it went in."""

import pytest

from korad.chat.grounded import answer_question
from korad.chat.questions import is_open

WORSE_MARKED = """FINDINGS: Diffuse bilateral airspace disease has substantially progressed since yesterday.
Trace left pleural effusion.
IMPRESSION: Marked progression of bilateral airspace disease."""
CARDIO_UP_KO = """판독소견:
심비대 (CTR 0.60), 이전 검사(2024.03)와 비교하여 증가함.
양측 폐야 깨끗함.
결론: 심비대 증가."""
OLD_TB_KO = """판독소견:
Rt. 상폐야 석회화 결절 및 섬유화, 진구성 결핵 소견으로 2023.05 검진과 비교하여 변화 없음.
결론: 진구성 폐결핵 (변화 없음)."""


def _lead(answer: str) -> str | None:
    return next((w for w in ("네", "아니요") if answer.startswith(w)), None)


@pytest.mark.parametrize(
    "question",
    [
        "심하게 나빠진 거야 약간 나빠진 거야?",
        "오른쪽이야 왼쪽이야?",
        "새로 생긴 거야 원래 있던 거야?",
        "new야 old야?",
        "new or old?",
        "Is it better or worse?",
        "Is this pneumonia or edema?",
        "많이 커졌어, 조금 커졌어?",
        "급성이에요 만성이에요?",
    ],
)
def test_a_question_between_two_answers_is_open(question):
    assert is_open(question)


@pytest.mark.parametrize(
    "question",
    [
        "폐렴이야 아니야?",
        "심한 거예요 아니에요?",
        "폐렴이야?",
        "Is it serious or not?",
        "Is there pneumonia or effusion?",
        "커졌어요? 많이 커졌어요?",
        "관 넣었어요 그래서 나빠졌어요?",
    ],
)
def test_a_yes_no_question_with_or_stays_yes_no(question):
    assert not is_open(question)


def test_how_much_it_worsened_asked_between_two_gets_the_grade_without_yes_or_no():
    answer = answer_question(WORSE_MARKED, "많이 나빠진 거예요 조금 나빠진 거예요?")
    assert _lead(answer) is None and "심" in answer, answer
    assert _lead(answer_question(WORSE_MARKED, "Worse or better?")) is None


@pytest.mark.parametrize(
    ("report", "question", "told"),
    [
        (CARDIO_UP_KO, "심장 크기 예전보다?", "증가"),
        (CARDIO_UP_KO, "심장, 지난번 사진이랑 비교하면?", "증가"),
        (OLD_TB_KO, "재작년 검진이랑 비교해서?", "변화 없"),
        (OLD_TB_KO, "Compared with the last checkup?", "변화 없"),
    ],
)
def test_a_comparison_asked_without_its_predicate_gets_the_change_without_yes_or_no(report, question, told):
    answer = answer_question(report, question)
    assert _lead(answer) is None and told in answer, answer


def test_a_compared_study_tells_what_the_comparison_showed():
    stable = "COMPARISON: PA and lateral chest of last spring.\nFINDINGS: Unchanged appearance of the chest. Lungs clear."
    answer = answer_question(stable, "옛날 사진이랑 비교한 거야?")
    assert answer.startswith("네") and "변화가 없" in answer, answer
    changed = "FINDINGS: Compared with the study of two days ago, the left effusion has decreased. Heart size normal."
    answer = answer_question(changed, "Did they compare it with an older film?")
    assert answer.startswith("네") and "흉수" in answer and "감소" in answer, answer


@pytest.mark.parametrize(
    "report",
    [
        "판독소견:\n예전 검진 영상이 없어 비교는 불가능함.\n좌상엽에 1 cm 결절.",
        "판독소견:\n우하엽 결절 음영이 비교적 뚜렷함. 이전 영상과 비교 불가.",
        "FINDINGS: Comparison is not possible as no earlier imaging is on file. Small right nodule.",
    ],
)
def test_no_prior_or_comparison_not_possible_is_no(report):
    answer = answer_question(report, "이전 거랑 비교됐어요?")
    assert answer.startswith("아니요") and "비교" in answer, answer


EMPHYSEMA_LEFT_PNEUMONIA_KO = """판독소견:
양폐 과팽창 소견, 폐기종 합당.
Rt. 하폐야 경화, 폐렴 가능성.
Lt. 폐야는 특이 소견 없음.
결론: 우하엽 폐렴 의심. 폐기종."""


@pytest.mark.parametrize("question", ["왼쪽 폐는요?", "좌측은 어때요?", "What about the left lung?", "And the left side?"])
def test_one_side_asked_as_a_topic_tells_that_sides_own_statement_first(question):
    answer = answer_question(EMPHYSEMA_LEFT_PNEUMONIA_KO, question)
    first = answer.split("\n")[0]
    assert _lead(answer) is None and "특이 소견 없음" in first and "폐기종" not in first, answer
    assert "양쪽 폐 모두" in answer  # the findings of both sides are not left out, nor given as that side's


def test_one_side_asked_yes_no_keeps_its_answer_and_adds_the_sides_statement():
    answer = answer_question(EMPHYSEMA_LEFT_PNEUMONIA_KO, "왼쪽은 이상 있어요?")
    assert answer.startswith("네") and "특이 소견 없음" in answer, answer


EFFUSION_IMPRESSION = """FINDINGS: Small right pleural effusion with adjacent atelectasis. Heart size normal.
IMPRESSION: Small right effusion; no pneumonia."""


@pytest.mark.parametrize("question", ["결론이 뭐예요 짧게", "한 줄로 요약해 줘", "한줄 요약", "What's the bottom line?"])
def test_a_one_line_conclusion_is_the_impression_alone(question):
    answer = answer_question(EFFUSION_IMPRESSION, question)
    assert answer == "판독문의 결론: “Small right effusion; no pneumonia.”", answer


def test_the_conclusion_asked_is_the_reports_and_its_meaning_asked_is_the_words():
    assert "Small right effusion; no pneumonia." in answer_question(EFFUSION_IMPRESSION, "결론이 뭐야?")
    assert "요약한 부분" in answer_question(EFFUSION_IMPRESSION, "결론(impression)이 무슨 뜻이에요?")


LATER_FILM = """FINDINGS: Moderate left pleural effusion. Left chest tube tip at the apex.
IMPRESSION: Moderate left effusion. Follow-up film after drainage recommended.
ADDENDUM: A follow-up radiograph taken after drainage this afternoon shows the left effusion has decreased, now small."""


@pytest.mark.parametrize("question", ["오후에 다시 찍은 사진에서 물 줄었어?", "재촬영한 사진에서 흉수 줄었어요?"])
def test_a_later_film_asked_about_is_the_addendums_result_not_advice(question):
    answer = answer_question(LATER_FILM, question)
    assert answer.startswith("네") and "감소" in answer and "권고" not in answer, answer


def test_whether_to_take_another_film_is_still_the_reports_advice():
    answer = answer_question(LATER_FILM, "다시 찍어야 돼요?")
    assert "Follow-up film" in answer, answer


ARRANGED = """FINDINGS: Large right pneumothorax with leftward mediastinal shift.
IMPRESSION: Large right pneumothorax. Findings discussed with the ICU team; a pigtail catheter is being arranged."""
PLANNED_KO = """판독소견:
좌측 다량 흉수.
결론: 좌측 다량 흉수. 흉수 천자 예정."""
TWO_STEPS_KO = """Findings: Multifocal nodular opacities, 1주 전에 비해 증가.
Conclusion: 감염 vs 전이 감별 필요.
Chest CT 및 bronchoscopy 고려."""
ISOLATE = """FINDINGS: Right upper lobe cavitary lesion with surrounding nodularity.
IMPRESSION: Findings suspicious for active tuberculosis. Respiratory isolation is advised pending sputum studies."""


@pytest.mark.parametrize(("report", "step"), [(ARRANGED, "pigtail"), (PLANNED_KO, "천자")])
def test_a_step_already_arranged_is_told_as_what_comes_next(report, step):
    answer = answer_question(report, "이제 어떻게 한대요?")
    assert step in answer and "권고가 없" not in answer, answer


def test_every_step_of_several_advice_sentences_is_told():
    answer = answer_question(TWO_STEPS_KO, "다음엔 뭐 해요?")
    assert "감별 필요" in answer and "CT" in answer and "bronchoscopy" in answer, answer


def test_a_treatment_the_report_itself_advises_is_yes_with_the_advice():
    answer = answer_question(ISOLATE, "격리해야 하나요?")
    assert answer.startswith("네") and "isolation" in answer and "담당 의료진" in answer, answer
    surgery = answer_question(ISOLATE, "수술해야 돼요?")  # a treatment the report does not advise: the team's call
    assert not surgery.startswith(("네", "아니")) and "담당 의료진이 결정" in surgery, surgery


TWO_LINES = """FINDINGS: A right arm PICC terminates in the lower SVC. The left internal
jugular central venous catheter has been removed. A left subclavian line remains, tip in the brachiocephalic vein.
No pneumothorax."""


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("목에 있던 중심정맥관 아직 있어요?", "아니요"),  # the IJ line, split by a line break in the report
        ("목 쪽 중심정맥관은 뺐어요?", "네"),
        ("쇄골 밑에 넣은 중심정맥관 아직 있어?", "네"),
        ("팔에 넣은 중심정맥관 아직 있어요?", "네"),
    ],
)
def test_a_line_asked_by_where_it_went_in_is_that_line(question, lead):
    answer = answer_question(TWO_LINES, question)
    assert answer.startswith(lead), answer


@pytest.mark.parametrize("question", ["심장 전보다?", "심장은 작년이랑 비교하면?"])
def test_the_heart_asked_against_the_prior_is_its_size_change_alone(question):
    report = "FINDINGS: New small right effusion. Moderate cardiomegaly, increased since the prior study."
    answer = answer_question(report, question)
    assert _lead(answer) is None and "심비대" in answer and "증가" in answer and "흉수" not in answer, answer
