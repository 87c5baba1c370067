"""Change against the prior study, next steps, size and severity, and everyday paraphrases (issue #16).

The sentences are written for these tests, as radiologists write them (MIMIC-CXR, IU-Xray and Korean
hospital styles), not copied from the corpora.
"""

from __future__ import annotations

import pytest
from helpers import assert_answered

from korad.chat.grounded import answer_question, no_prior
from korad.chat.questions import read_question
from korad.findings import label_report


def _change(report: str, observation: str) -> str | None:
    return next((d.change for d in label_report(report).details if d.observation == observation), None)


@pytest.mark.parametrize(
    ("report", "observation", "change"),
    [
        ("Little interval change in the bibasilar atelectasis.", "Atelectasis", "stable"),
        ("Bibasilar atelectasis, little changed from ___.", "Atelectasis", "stable"),
        ("Minimal interval change in the small left effusion.", "Pleural Effusion", "stable"),
        ("Left pleural effusion, now small.", "Pleural Effusion", "better"),
        ("Right pleural effusion, now large.", "Pleural Effusion", "worse"),
        ("Waxing right upper lobe airspace opacity.", "Lung Opacity", "worse"),
        ("좌측 흉수, 이전과 큰 차이 없음.", "Pleural Effusion", "stable"),
        ("우측 흉수 변동 없음.", "Pleural Effusion", "stable"),
        ("Recurrent small left apical pneumothorax.", "Pneumothorax", "new"),
        ("좌측 기흉 재발.", "Pneumothorax", "new"),
        ("우하엽 폐렴, 진행 소견.", "Pneumonia", "worse"),
        ("우측 흉수, 다량에서 소량으로.", "Pleural Effusion", "better"),
        ("좌측 흉수, 소량에서 다량으로 늘어남.", "Pleural Effusion", "worse"),
        ("Redemonstration of a moderate right pleural effusion.", "Pleural Effusion", "stable"),
        ("Left upper lobe consolidation has partially cleared.", "Consolidation", "better"),
        ("The right basilar opacity is not as well seen today.", "Lung Opacity", "better"),
    ],
)
def test_change_wordings_of_real_reports_are_read(report, observation, change):
    assert _change(report, observation) == change


def test_change_words_keep_the_finding_and_its_grade():
    findings = label_report("좌측 흉수, 이전과 큰 차이 없음.")
    assert findings.labels.get("Pleural Effusion") == "positive" and "No Finding" not in findings.labels
    effusion = next(d for d in label_report("Moderate right effusion, now small.").details)
    assert (effusion.severity, effusion.change) == ("mild", "better")
    assert _change("Waxing and waning bilateral opacities.", "Lung Opacity") is None  # fluctuating: no direction
    assert _change("좌우 차이 없는 양측 흉수.", "Pleural Effusion") is None  # the sides compared, not the prior


@pytest.mark.parametrize(
    "report",
    [
        "No prior studies available. Small left pleural effusion.",  # the statement opens the report
        "Portable AP view of the chest. Comparison: None.\nSmall left pleural effusion.",
        "COMPARISON: Outside films were requested. None available.\nFINDINGS: Small left pleural effusion.",
        "FINDINGS: Small left pleural effusion. There are no prior chest radiographs for comparison.",
        "[판독소견]\n좌측 소량 흉수.\n비교할 이전 영상 없음.",
    ],
)
def test_no_prior_is_read_wherever_the_report_says_it(report):
    assert no_prior(report)
    answer = answer_question(report, "예전보다 나빠졌나요?")
    assert answer.startswith("판독문에는 비교할 이전 검사가 없다고"), answer


@pytest.mark.parametrize(
    "report",
    [
        "FINDINGS: None.\nIMPRESSION: Normal chest.",  # "None" outside the comparison field is no statement
        "COMPARISON: ___\nFINDINGS: Small left pleural effusion.",
        "우측 흉수, 이전 검사와 변화 없음.",
        "우상엽 결절, 이전 사진에서 없던 병변.",
    ],
)
def test_no_prior_is_not_read_into_other_sentences(report):
    assert no_prior(report) is None


def test_a_sentence_saying_the_finding_before_is_new_gives_it_its_change():
    assert _change("좌하엽 경화. 이전 검사에서는 보이지 않던 소견으로 새로 생긴 것임.", "Consolidation") == "new"
    assert _change("Left basilar opacity. This finding was not present on the prior study.", "Lung Opacity") == "new"


@pytest.mark.parametrize(
    ("report", "question", "opening", "included"),
    [
        # progressive and present forms of a change question
        ("Right pleural effusion has slightly decreased in size.", "좋아지고 있나요?", "네", ["감소"]),
        ("우하엽 경화, 이전 대비 증가함.", "좋아지는 중인가요?", "아니요", ["악화"]),
        ("우하엽 경화, 이전 대비 증가함.", "나빠지고 있나요?", "네", ["악화"]),
        ("Bilateral airspace disease is more extensive than on the prior study.", "염증이 퍼졌나요?", "네", ["악화"]),
        ("좌측 기흉, 이전과 비슷함.", "지난번이랑 같나요?", "네", ["변화 없음"]),
        ("Little interval change in the right basilar atelectasis.", "무기폐가 좋아졌나요?", "아니요", ["변화 없음"]),
        ("Residual small left pleural effusion, decreased.", "다 나았나요?", "아니요", ["감소"]),
        ("Left lower lobe consolidation. This is new since the prior study.", "전에 없던 게 생겼나요?", "네", ["새로"]),
        ("Right lower lobe pneumonia is improving.", "괜찮아지고 있나요?", "네", ["호전"]),
        ("Right lower lobe pneumonia is improving.", "폐렴 낫고 있어요?", "네", ["호전"]),
        ("우하엽 폐렴, 이전보다 악화.", "경과가 좋은가요?", "아니요", ["악화"]),
        ("우하엽 폐렴, 이전보다 악화.", "경과는 어때요?", "폐렴", ["악화"]),
        # an open change question gets the facts, no yes or no
        ("Persistent right lower lobe opacity.", "지난번이랑 비교하면요?", "폐 음영", ["변화 없음"]),
        # one finding better, another worse: neither yes nor no
        (
            "Left pleural effusion has decreased. Right lower lobe opacity has increased since the prior.",
            "좋아지고 있나요?",
            "일부 소견은 좋아졌고",
            ["감소", "악화"],
        ),
    ],
)
def test_change_questions_as_people_ask_them(report, question, opening, included):
    assert_answered(report, question, opening, included)


@pytest.mark.parametrize(
    ("report", "question", "opening", "included", "excluded"),
    [
        ("FINDINGS: Moderate left pleural effusion.", "흉수 양은요?", "흉수", ["중등"], ["네,", "아니요,"]),
        ("소견: 좌측에 소량의 흉수.", "물 양이 얼마나 돼요?", "흉수", ["소량"], ["네,"]),
        # unnamed size or severity questions answer the sized and the graded findings first
        (
            "FINDINGS: Cardiomegaly. Patchy left basilar opacity. Mild pulmonary edema. "
            "A 2.4 cm nodule in the right upper lobe.",
            "몇 센티예요?",
            "결절",
            ["2.4 cm"],
            ["심비대"],
        ),
        (
            "FINDINGS: Cardiomegaly. Patchy left basilar opacity. Bibasilar atelectasis. Large right effusion.",
            "심한가요?",
            "네",
            ["흉수", "다량"],
            [],
        ),
        # heart size: the CTR the report gives
        ("FINDINGS: The heart is enlarged, CTR 0.61. Lungs are clear.", "심장 크기는 어느 정도예요?", "심비대", ["0.61"], []),
    ],
)
def test_size_and_severity_questions(report, question, opening, included, excluded):
    assert_answered(report, question, opening, included, excluded)


CLEAR = "FINDINGS: The lungs are clear. No pleural effusion or pneumothorax. Heart size is normal."
KOREAN_CLEAR = "양측 폐야에 특이 소견 없음. 심장 크기 정상. 흉수 없음."
ABNORMAL = (
    "FINDINGS: Right upper lobe airspace opacity. Small right apical pneumothorax. "
    "A 1.8 cm nodule in the left lower lobe."
)


@pytest.mark.parametrize(
    ("report", "question", "opening", "included"),
    [
        (ABNORMAL, "폐에 하얀 게 있나요?", "네", ["폐 음영"]),
        (ABNORMAL, "폐가 하얘요?", "네", ["폐 음영"]),
        (ABNORMAL, "바람은 안 샜죠?", "아니요", ["기흉"]),
        (CLEAR, "바람은 안 샜죠?", "네", ["기흉"]),
        (ABNORMAL, "폐에 점이 있대요?", "네", ["결절"]),
        (CLEAR, "폐에 하얀 게 있나요?", "아니요", ["폐가 깨끗하다고"]),
        (CLEAR, "폐가 쪼그라들었나요?", "아니요", ["폐가 깨끗하다고"]),
        (KOREAN_CLEAR, "폐에 그림자 있어요?", "아니요", ["특이 소견 없음"]),
        (ABNORMAL, "폐에 뭐가 보여요?", "판독문의 소견", ["- 기흉", "- 결절"]),
        # a diagnosis a radiograph cannot rule out: not written, and not excluded either
        (CLEAR, "대동맥 박리인가요?", "판독문에 대동맥 박리는 적혀 있지 않습니다", ["배제할 수 없어", "CT"]),
        (
            "FINDINGS: Widened mediastinum.\nIMPRESSION: Aortic dissection cannot be excluded; recommend CTA.",
            "대동맥 박리인가요?",
            "확실하지 않습니다",
            ["가능성", "cannot be excluded"],
        ),
        ("종격동 확장. 대동맥 박리 의심되어 CT 권함.", "대동맥 박리예요?", "확실하지 않습니다", ["가능성"]),
        ("No evidence of aortic dissection. Lungs are clear.", "대동맥 박리인가요?", "아니요", ["없다고"]),
        (CLEAR, "폐색전증 있어요?", "판독문에 폐색전증은 적혀 있지 않습니다", ["배제할 수 없어"]),
    ],
)
def test_everyday_paraphrases_of_findings(report, question, opening, included):
    assert_answered(report, question, opening, included)


def test_a_bone_asked_about_on_a_report_without_any_bone_finding_is_said_not_written():
    answer = answer_question(CLEAR, "갈비뼈 금 갔어요?")
    assert "다른 뼈" not in answer and "언급이 없" in answer, answer


def test_a_new_lesion_sentence_after_a_finding_is_about_that_finding():
    assert _change("Pneumonia 의심됨. 이전 검사에서는 없던 병변.", "Pneumonia") == "new"
    answer = answer_question("[판독소견]\nRt. lower lung field에 patchy consolidation.\n이전 검사에서는 없던 병변.", "예전보다 나빠졌나요?")
    assert answer.startswith("네"), answer


@pytest.mark.parametrize(
    ("report", "question", "opening", "included"),
    [
        ("IMPRESSION: Hazy right basilar opacity. Clinical correlation is advised.", "추가 검사가 필요한가요?", "아니요", ["임상 소견", "Clinical correlation"]),
        ("결론: 좌측 소량 흉수. 임상 소견과 대조 바람.", "더 검사해야 하나요?", "아니요", ["임상 소견과 대조 바람"]),
        ("결론: 우하엽 결절. 흉부 CT 권함.", "추가 검사가 필요한가요?", "네", ["흉부 CT 권함"]),
        (
            "IMPRESSION: RML pneumonia. Recommend follow-up radiograph 6-8 weeks after treatment.",
            "다음에 뭘 해야 하나요?",
            "판독문은 다음을 권고합니다",
            ["6-8주 후", "추적 검사"],
        ),
        (
            "IMPRESSION: Small left effusion.\n\nADDENDUM: A 9 mm left upper lobe nodule is also noted. Non-urgent chest CT is recommended.",
            "추가 검사가 필요한가요?",
            "네",
            ["CT"],
        ),
        ("IMPRESSION: No acute cardiopulmonary process.", "다음에 뭘 해야 하나요?", "판독문에는", ["권고가 없습니다"]),
    ],
)
def test_next_steps_are_the_reports_own_advice(report, question, opening, included):
    assert_answered(report, question, opening, included)


def test_change_and_possible_findings_say_where_they_are():
    answer = answer_question("FINDINGS: Worsening right lower lobe consolidation.", "예전보다 나빠졌어요?")
    assert answer.startswith("네") and "우측" in answer, answer
    answer = answer_question("FINDINGS: Possible small left pleural effusion.", "물이 찼나요?")
    assert answer.startswith("확실하지 않습니다") and "좌측" in answer, answer


def test_no_prior_answer_says_the_change_is_not_written():
    answer = answer_question("COMPARISON: None.\nFINDINGS: 2 cm right upper lobe nodule.", "예전보다 커졌나요?")
    first = answer.split(".")[0]
    assert first.startswith("판독문에는 비교할 이전 검사가 없다고") and "적혀 있지 않" in first, answer


def test_contagion_is_asked_as_active_tuberculosis():
    report = "양측 상엽에 섬유화 및 석회화 결절, 오래된 결핵 소견. 활동성 병변 없음."
    answer = answer_question(report, "다른 사람에게 옮기나요?")  # an X-ray cannot rule contagion out
    assert answer.startswith("확실하지 않습니다") and "활동성" in answer and "오래된" in answer, answer


def _size(report: str, observation: str) -> float | None:
    return max((d.size_mm or 0 for d in label_report(report).details if d.observation == observation), default=None)


@pytest.mark.parametrize(
    ("report", "observation", "size"),
    [
        ("Left upper lobe mass, which measures 4.2 cm.", "Mass", 42.0),
        ("Several bilateral nodules; the largest measures 17 mm.", "Nodule", 17.0),
        ("Innumerable pulmonary nodules are again noted, the largest in the right lower lobe measuring 2.6 cm, "
         "previously 2.0 cm.", "Nodule", 26.0),
    ],
)
def test_a_size_in_the_clause_after_a_finding_is_its_size(report, observation, size):
    assert _size(report, observation) == size


@pytest.mark.parametrize(
    ("report", "question", "opening", "included"),
    [
        ("우측 기흉은 더 이상 보이지 않음.", "기흉 다 나았나요?", "네", ["사라짐"]),
        ("Small left pleural effusion.", "흉수 많아?", "아니요", ["소량"]),
        ("우측 흉수 중등량, 이전 대비 증가. 좌측 흉수 소량, 새로 생김.", "왼쪽 물은 원래 있던 거예요?", "아니요", ["좌측", "새로 생김"]),
        ("우측 흉수 중등량, 이전 대비 증가. 좌측 흉수 소량, 새로 생김.", "오른쪽 물은 원래 있던 거죠?", "네", ["우측", "증가"]),
        ("Mild interstitial edema, slightly worse than before.", "부종 어때요, 더 심해졌어요?", "네", ["악화"]),
        ("Calcified pleural plaques bilaterally.", "흉막반 나빠졌어요?", "판독문에는 이전 검사와 비교한 변화가", ["오래된 소견"]),
        ("심비대 소견. 양측 소량 흉수.", "심장도 커요?", "네", ["심비대"]),
        ("Median sternotomy wires are intact.", "가슴에 철사 있는 거예요?", "네", ["sternotomy"]),
        ("Mild dextroconvex scoliosis of the thoracic spine.", "척추 휜 거 심한가요?", "아니요", ["경미"]),
        ("양측 상엽에 섬유화 및 석회화, 오래된 결핵 소견.", "예전에 결핵 앓았던 흔적이 있나요?", "네", ["결핵"]),
        ("기흉이나 흉수는 보이지 않음.", "폐에 공기 샌 건 없죠?", "네", ["없다고"]),
        ("늑골횡격막각 예리. 흉수 없음.", "폐에 물 없죠?", "네", ["없다고"]),
    ],
)
def test_everyday_wordings_of_change_severity_and_paraphrase_questions(report, question, opening, included):
    assert_answered(report, question, opening, included)


@pytest.mark.parametrize(
    ("report", "question", "opening", "included"),
    [
        ("IMPRESSION: RLL pneumonia. Follow-up radiographs after treatment are recommended.", "치료 끝나고 또 찍어야 돼요?", "네", ["Follow-up"]),
        ("결론: 좌측 다량 흉수. 흉수 천자 고려.", "물 빼야 돼요?", "네", ["천자"]),
        ("결론: 심비대 경도. 심장내과 확인 요망.", "어디 가봐야 돼요?", "판독문은", ["심장내과"]),
        ("IMPRESSION: No acute cardiopulmonary process.", "뭐 더 검사해야 돼요?", "아니요", ["권고가 없습니다"]),
    ],
)
def test_next_steps_in_everyday_words(report, question, opening, included):
    assert_answered(report, question, opening, included)


def test_heart_growing_is_a_change_question_and_the_asked_change_comes_first():
    report = (
        "FINDINGS: Heart size is mildly enlarged, similar to prior. Bilateral pleural effusions have increased."
    )
    answer = answer_question(report, "심장이 더 커졌나요?")
    assert answer.startswith("아니요") and "심비대" in answer and "흉수" not in answer, answer
    answer = answer_question(report, "예전보다 나빠졌나요?")
    assert answer.startswith("네, 흉수"), answer


def test_a_short_sentence_about_a_finding_outside_the_vocabulary_is_not_about_the_one_before():
    assert _change("좌측 소량 기흉. 피하기종 약간 증가.", "Pneumothorax") is None
    assert _change("Small left effusion. Subcutaneous emphysema increased.", "Pleural Effusion") is None


def test_heart_size_questions_get_the_grade_with_no_verdict_for_moderate():
    answer = answer_question("Moderate cardiomegaly. Mild pulmonary edema.", "심장 많이 커요?")
    assert answer.startswith("심비대") and "중등도" in answer, answer
    answer = answer_question("Moderate cardiomegaly.", "심장 크기는요?")
    assert not answer.startswith(("네", "아니요")) and "중등도" in answer, answer


@pytest.mark.parametrize(
    "report",
    [
        "Left pneumothorax has decreased following chest tube placement.",
        "좌측 기흉: 흉관 삽입 후 감소, 현재 소량.",
        "Right pneumothorax, smaller after pigtail catheter insertion.",
    ],
)
def test_a_change_after_a_device_named_as_when_it_happened_is_the_findings(report):
    assert _change(report, "Pneumothorax") == "better"
    assert _change(report, "Chest Tube") is None


def test_a_removal_word_stays_the_devices():
    assert _change("Status post chest tube removal, no pneumothorax.", "Chest Tube") == "resolved"


def test_a_lookalike_name_is_told_apart():
    answer = answer_question("Subcutaneous emphysema along the left chest wall. No pneumothorax.", "폐기종 있어요?")
    assert "언급이 없" in answer.split(".")[0] and "피하기종" in answer and "다른 소견" in answer, answer


@pytest.mark.parametrize(
    ("report", "question", "opening", "included"),
    [
        ("Right lower lobe consolidation.", "폐가 굳었나요?", "네", ["폐경화"]),
        ("Mild pulmonary vascular congestion. No edema.", "폐에 피가 몰렸나요?", "네", ["폐울혈"]),
        ("Mild pulmonary vascular congestion.", "혈관 울혈 있어요?", "네", ["폐울혈"]),
        ("Calcified granuloma in the left upper lobe.", "폐에 석회 있어요?", "네", ["육아종"]),
        ("Biapical pleural-parenchymal scarring.", "폐에 상처 있어요?", "네", ["반흔"]),
    ],
)
def test_more_everyday_words_for_findings(report, question, opening, included):
    assert_answered(report, question, opening, included)


@pytest.mark.parametrize(
    "report",
    ["FINDINGS: Hyperinflated lungs. Little interval change.", "FINDINGS: Hyperinflated lungs.\nIMPRESSION: Grossly unchanged."],
)
def test_a_whole_study_said_unchanged_in_other_words_is_quoted(report):
    answer = answer_question(report, "나빠졌나요?")
    assert answer.startswith("아니요, 판독문에는 이전 검사와 비교해 변화가 없다고") and "판독문: “" in answer, answer


BONES = "Rt. 4, 5번 늑골 골절, 전위 없음.\n기흉 없음.\n좌측 쇄골 진구성 골절."


@pytest.mark.parametrize(
    ("question", "opening", "included", "excluded"),
    [
        ("쇄골도 부러진 거예요?", "네", ["쇄골", "오래된"], ["늑골"]),
        ("빗장뼈 부러졌어요?", "네", ["쇄골", "오래된"], ["늑골"]),
        ("어깨뼈 부러졌어요?", "아니요", ["견갑골 골절은 적혀 있지 않습니다", "늑골", "쇄골"], []),
        ("갈비뼈 부러졌어요?", "네", ["늑골"], []),
        ("뼈 부러졌어요?", "네", ["늑골", "쇄골의 오래된"], []),
    ],
)
def test_a_bone_named_is_answered_for_that_bone(question, opening, included, excluded):
    assert_answered(BONES, question, opening, included, excluded)


def test_no_displacement_is_no_negation_of_the_fracture():
    assert label_report("좌측 7번 늑골 골절, 전위는 없음.").labels.get("Fracture") == "positive"
    assert label_report("늑골 골절이나 전위 없음.").labels.get("Fracture") == "negative"


@pytest.mark.parametrize("question", ["이번에 부러진 거예요?", "최근에 부러진 거예요?", "갈비뼈 최근에 다친 거예요?"])
def test_recent_is_new_an_old_fracture_is_no_and_an_acute_one_yes(question):
    old = "FINDINGS: No acute fracture. Remote healed fractures of the left 8th and 9th ribs."
    acute = "FINDINGS: Acute nondisplaced fracture of the left 8th rib. No pneumothorax."
    assert answer_question(old, question).startswith("아니요") and "오래된" in answer_question(old, question)
    assert answer_question(acute, question).startswith("네") and "급성" in answer_question(acute, question)


def test_a_cancer_asked_to_shrink_is_the_measured_mass_not_another_nodule():
    report = (
        "The known left hilar mass now measures 2.4 cm, previously 3.0 cm, decreased. "
        "There is a new 6 mm nodule in the right lower lobe."
    )
    answer = answer_question(report, "암 크기 줄었나요?")
    assert answer.startswith("네") and "2.4 cm" in answer and "3.0 cm" in answer
    assert "결절" not in answer.split("\n")[0]


def test_an_addendum_change_holds_over_the_body_for_a_later_comparison():
    report = (
        "FINDINGS: Small right apical pneumothorax, new since the pre-procedure film. No effusion.\n"
        "IMPRESSION: Small right pneumothorax after thoracentesis. Repeat film in 3 hours.\n"
        "ADDENDUM: The 3-hour follow-up film shows the small right apical pneumothorax is stable in size."
    )
    grown = answer_question(report, "기흉 더 커졌나요?")
    assert grown.startswith("아니요") and "변화 없음" in grown.split("\n")[0]
    assert "추가 판독" in grown  # the body's earlier word told after it
    assert answer_question(report, "기흉이 새로 생긴 건가요?").startswith("네")  # new since before the procedure


def test_the_everyday_word_for_fluid_asked_which_side_more_is_the_effusion_only():
    report = "양측 흉수, 우측이 좌측보다 많음.\n좌하엽 무기폐.\n폐혈관 울혈 소견 있음."
    answer = answer_question(report, "물 어느 쪽이 더 많나요")
    assert "우측이 더 많다" in answer
    assert "울혈" not in answer and "무기폐" not in answer
    assert read_question("물 뺀 다음에 기흉 생겼어요?").observations == ("Pneumothorax",)  # the drainage is when
    assert read_question("물 아직 남아있어요?").observations[0] == "Pleural Effusion"


def test_a_pneumonia_told_by_its_opacity_is_better_with_what_is_left_of_it():
    report = (
        "Findings: Known RSV pneumonia.\nPatchy consolidation in the left lower lobe, improved since last week.\n"
        "Faint residual opacity at the left base.\nNo effusion."
    )
    answer = answer_question(report, "폐렴 좋아졌나요?")
    assert answer.startswith("네") and "호전" in answer and "폐경화" in answer  # the consolidation's course
    assert "남아 있는" in answer and "Faint residual opacity" in answer
    resolved = "Right lower lobe pneumonia has improved. No residual consolidation.\nHeart size remains normal."
    better = answer_question(resolved, "폐렴 좋아졌어요?")
    assert better.startswith("네") and "남아 있는" not in better  # nothing left, the heart is no residual


def test_anything_new_asked_of_a_report_that_says_nothing_new():
    report = "Comparison: 2 weeks ago.\nStable postoperative changes of the right hemithorax.\nNo new focal opacity."
    assert answer_question(report, "새로 생긴 거 있나요?").startswith("아니요")
    assert answer_question(report, "새로 생긴 건 없죠?").startswith("네")
    korean = "이전 검사와 비교함.\n좌상엽 결절 석회화, 변화 없음.\n새로운 병변 없음."
    assert "새로운 병변 없음" in answer_question(korean, "새로 생긴 거 있어?")


def test_a_change_not_written_still_quotes_what_the_report_says_of_the_finding():
    report = "좌하엽 결절: 이전 CT에서 보인 것으로 이번 사진에서는 불분명함.\n이 결절은 단순촬영으로는 평가에 한계가 있어 CT 추적 권함."
    answer = answer_question(report, "결절 없어졌어요?")
    assert not answer.startswith(("네", "아니요"))
    assert "이번 사진에서는 불분명함" in answer and "CT 추적" in answer
    unseen = "The right upper lobe nodule seen on the prior CT is not visible on this radiograph.\nNo effusion."
    gone = answer_question(unseen, "결절 없어졌어요?")
    assert gone.startswith("네") and "없다고" in gone  # asked about its absence: never "아니요, 없다"


def test_the_side_of_a_disease_told_by_its_opacities():
    report = "Patchy opacities in both mid and lower lungs.\nIMPRESSION: Multifocal opacities, compatible with viral pneumonia."
    answer = answer_question(report, "폐렴은 어느 쪽이에요?")
    assert not answer.startswith(("네", "아니요")) and "양측" in answer


def test_recurrence_is_answered_from_the_report_sentence_about_it():
    denied = "Status post right upper lobectomy.\nNo radiographic evidence of recurrent malignancy.\nNo effusion."
    answer = answer_question(denied, "암 재발했나요?")
    assert answer.startswith("아니요") and "recurrent malignancy" in answer
    assert answer_question(denied, "재발은 없는 거죠?").startswith("네")
    hedged = "우하엽 절제술 후 상태.\n절제 부위 주변 새로운 결절, 국소 재발 가능성 있어 CT 권함."
    assert "확실하지 않습니다" in answer_question(hedged, "재발했어요?")


@pytest.mark.parametrize(
    ("report", "question", "before", "now"),
    [
        ("Left lower lobe nodule now measures 17 mm, previously 12 mm.", "결절 얼마나 커졌어요?", "12 mm", "17 mm"),
        ("우상엽 종괴 크기 4.1 cm로 이전(5.0 cm)보다 감소.", "종양 줄었어요?", "5.0 cm", "4.1 cm"),
        ("The right hilar mass has decreased from 3.3 to 2.7 cm.", "혹 작아졌나요?", "3.3 cm", "2.7 cm"),
        # a time ago is no size ("3년 전 1.2 cm": never "이전 1.2 cm → 현재 3 cm")
        ("좌하엽에 약 1.9 cm 결절이 있으며, 3년 전 1.2 cm에 비해 커졌습니다.", "결절 커졌어요?", "1.2 cm", "1.9 cm"),
    ],
)
def test_a_size_change_tells_both_sizes(report, question, before, now):
    assert f"이전 {before} → 현재 {now}" in answer_question(report, question)


def test_nearly_gone_is_not_all_gone_and_the_sentence_that_says_the_change_is_quoted():
    report = "Left lower lobe pneumonia has nearly resolved, with a small residual opacity."
    healed = answer_question(report, "폐렴 다 나았어요?")
    assert healed.startswith("아니요") and "거의 사라짐" in healed
    assert answer_question(report, "폐렴 좋아졌어요?").startswith("네")
    korean = "판독소견: 우측 폐첨부 소량 기흉.\n결론: 우측 기흉.\n추가 판독: 3시간 후 사진에서 기흉 크기 감소함."
    smaller = answer_question(korean, "기흉 줄었어요?")
    assert smaller.startswith("네") and "3시간 후 사진에서 기흉 크기 감소함" in smaller


def test_what_is_new_on_a_report_where_findings_only_grew():
    report = "Large right pleural effusion, increased from moderate. Stable mild cardiomegaly."
    answer = answer_question(report, "어떤 게 새로 생겼어요?")
    assert not answer.startswith(("네", "아니요")) and "새로 생겼다고 적힌 소견은 없습니다" in answer
    assert "증가" in answer
    assert answer_question(report, "새로 생긴 거 있어요?").startswith("아니요")


def test_an_addendum_headed_in_brackets_is_an_addendum():
    report = "판독소견: 좌측 소량 기흉, 새로 생김.\n[추가판독] 2시간 후 사진에서 좌측 기흉 변화 없음."
    answer = answer_question(report, "기흉 커졌어요?")
    assert answer.startswith("아니요") and "2시간 후 사진에서 좌측 기흉 변화 없음" in answer


def test_new_asked_of_a_report_that_only_calls_things_stable_or_old():
    report = "FINDINGS: Stable mild elevation of the left hemidiaphragm. Lungs are clear.\nIMPRESSION: No acute process."
    answer = answer_question(report, "이거 새로 생긴 거예요?")
    assert answer.startswith("아니요") and "Stable mild elevation" in answer  # "새로 생긴 거" is no cause
    first = "Comparison: None.\nIndication: 70-year-old man, cough.\nFindings: Calcified granuloma, left upper lobe."
    assert not answer_question(first, "새로 생긴 거 있어요?").startswith("아니요")  # no prior: nothing compared
    fresh = "FINDINGS: New elevation of the left hemidiaphragm. Lungs are clear."
    assert not answer_question(fresh, "새로 생긴 거 있어요?").startswith("아니요")  # a new one is never overlooked


def test_one_side_named_in_english_or_korean_picks_that_sides_change():
    # one reading of the side a question names (korad.chat.questions.one_side_asked), for change and devices
    report = "FINDINGS: New small left pleural effusion. Right pleural effusion is unchanged."
    assert_answered(report, "right effusion 새로 생긴 거예요?", "아니요", ["변화 없음"], ["새로 생김"])
    assert_answered(report, "Rt. 흉수 원래 있던 거예요?", "네", ["변화 없음"], ["새로 생김"])
    both = "FINDINGS: Interval removal of the right chest tube. Left chest tube in place."
    assert_answered(both, "왼쪽 오른쪽 흉관 다 뺐어요?", "아니요", ["아직 있다고", "제거되었습니다"])


def test_recurrence_asked_by_the_indication_is_not_read_as_found():
    asked = "INDICATION: Lung cancer after radiation. // Assess for recurrence.\nFINDINGS: No new mass or nodule."
    assert not answer_question(asked, "암 재발했어요?").startswith("네")
    korean = "임상정보: 유방암 수술 후 재발 여부 확인\n[판독소견]\n양측 폐 깨끗함.\n[결론]\n1. 재발을 의심할 만한 새로운 병변은 관찰되지 않음."
    answer = answer_question(korean, "재발 없죠?")
    assert answer.startswith("네") and "관찰되지 않음" in answer
    assert answer_question(korean, "재발했어요?").startswith("아니요")


# -- session 25: a change question is answered about what it names (issue #16) --------------------------------


@pytest.mark.parametrize(
    ("report", "question", "opening", "included", "excluded"),
    [
        # a word the vocabulary has no finding for: its own sentence's change, never the other findings'
        (
            "Stable 9 mm bleb at the left apex. The right pleural effusion has increased.",
            "bleb 커졌어요?",
            "아니요",
            ["변화 없음", "bleb"],
            ["흉수"],
        ),
        (
            "흉추 다발성 골전이, 이전 검사와 비교하여 진행됨. 좌측 흉수는 감소함.",
            "뼈 전이 나빠졌어요?",
            "네",
            ["골전이"],
            ["흉수"],
        ),
        (
            "Known osseous metastases in the thoracic spine. The left pleural effusion has increased.",
            "전이 늘었어요?",
            "판독문에는",
            ["적혀 있지 않습니다", "osseous metastases"],
            ["흉수"],
        ),
        # the 전 of "3개월 전이랑" is a time, not a metastasis
        ("Left pleural effusion, unchanged from 3 months ago.", "3개월 전이랑 달라진 거 있어요?", "아니요", ["변화 없음"], ["전이"]),
        # the heart getting smaller is the cardiomegaly's change
        (
            "Cardiomegaly, unchanged. Interval improvement of the pulmonary edema.",
            "심장 작아졌어요?",
            "아니요",
            ["심비대", "변화 없음"],
            ["부종"],
        ),
    ],
)
def test_a_change_question_is_answered_about_what_it_names(report, question, opening, included, excluded):
    assert_answered(report, question, opening, included, excluded)


@pytest.mark.parametrize(
    ("report", "question", "opening", "included"),
    [
        # the treatment working is the finding getting better
        ("Interval decrease in the right lower lobe consolidation.", "항생제 효과 있는 거예요?", "네", ["호전"]),
        ("우하엽 경화, 이전보다 호전됨.", "치료 효과가 있나요?", "네", ["호전"]),
        ("Worsening left lower lobe consolidation.", "약이 잘 듣고 있나요?", "아니요", ["악화"]),
        # healed asks that everything is gone: one finding only better, or something left, is not
        (
            "Right upper lobe consolidation has largely resolved, with minimal residual opacity.",
            "완전히 다 나은 거예요?",
            "아니요",
            ["남아"],
        ),
        (
            "The left pleural effusion has resolved. The right basilar atelectasis has decreased.",
            "다 나은 거예요?",
            "아니요",
            ["무기폐(atelectasis): 이전보다 호전"],
        ),
        ("The left pneumothorax has resolved.", "다 나은 건가요?", "네", ["사라짐"]),
        # there on a study before an event
        ("좌상엽 경화, 수술 전 사진에는 없었음.", "수술 전 사진에도 있었어요?", "아니요", ["새로"]),
        ("Rt. upper lung consolidation, RT 전 CXR에서는 보이지 않았음.", "방사선 치료 전 사진에도 보였나요?", "아니요", ["새로"]),
        # both sides asked: each side's own change
        ("양측 흉수, 좌측은 감소, 우측은 변화 없음.", "흉수 양쪽 다 줄었어요?", "아니요", ["서로 다르게"]),
        ("Small right pleural effusion, decreased.", "흉수 양쪽 다 줄었어요?", "아니요", ["우측에 대해서만"]),
        # acute worsening on a chronic finding: the report's own "nothing acute"
        (
            "Chronic interstitial changes at both bases, unchanged. No acute cardiopulmonary process.",
            "급성 악화인가요?",
            "아니요",
            ["급성", "No acute cardiopulmonary process"],
        ),
        # an age the report cannot tell
        ("Mild compression deformity of T11, age indeterminate.", "척추 골절 최근에 생긴 거예요?", "확실하지 않습니다", ["시기"]),
        ("L1 압박 골절, 시기 미상.", "척추 골절 새로 생긴 거예요?", "확실하지 않습니다", ["시기"]),
    ],
)
def test_change_families_as_people_ask_them(report, question, opening, included):
    assert_answered(report, question, opening, included)


_TWO_PRIORS = (
    "The left lower lobe opacity has improved since yesterday but is worse than on the admission radiograph. "
    "Small right pleural effusion has increased."
)


@pytest.mark.parametrize(
    ("report", "question", "opening", "included"),
    [
        (_TWO_PRIORS, "어제보다 좋아졌어요?", "네", ["어제 검사보다 호전", "다른 검사와 비교하면 악화", "그 밖에"]),
        (_TWO_PRIORS, "입원 때보다 좋아졌어요?", "아니요", ["입원 당시 검사보다 악화", "다른 검사와 비교하면 호전"]),
        (_TWO_PRIORS, "compared to yesterday 좋아졌나요?", "네", ["호전"]),
        ("우하엽 경화, 전일 대비 호전되었으나 입원 시보다는 악화됨.", "입원 때랑 비교하면요?", "", ["입원 당시 검사보다 악화"]),
        ("Right effusion is larger than 2 days ago, though smaller than on admission.", "이틀 전보다 늘었어요?", "네", ["2일 전"]),
    ],
)
def test_a_change_against_one_named_earlier_study(report, question, opening, included):
    assert_answered(report, question, opening, included)


def test_seen_again_yields_to_the_change_said_with_it():
    assert _change("Bibasilar reticular opacities are again seen and have progressed since the prior study.", "Lung Opacity") == "worse"
    assert _change("Persistent but decreased left pleural effusion.", "Pleural Effusion") == "better"
    assert _change("Left pleural effusion is again seen, unchanged.", "Pleural Effusion") == "stable"
    assert _change("The right pleural effusion persists.", "Pleural Effusion") == "stable"


def test_not_on_the_study_before_an_event_is_new_not_absent():
    for report in ("좌상엽 경화, 수술 전 사진에는 없었음.", "우하엽 경화, 입원 당시 사진에서는 보이지 않았음."):
        assert label_report(report).labels.get("Consolidation") == "positive", report
        assert _change(report, "Consolidation") == "new", report


def test_the_side_compared_is_read_from_any_sentence_about_the_finding():
    report = (
        "임상: 기관지확장증 추적.\n판독소견: 양측 하엽 기관지 확장 소견.\n결론: 양측 하엽 기관지확장증 (Rt. > Lt.), 변화 없음."
    )
    assert_answered(report, "어느 쪽이 더 심해요?", "", ["우측이 더"])


def test_a_follow_up_change_question_is_about_the_word_named_before():
    from korad.chat.grounded import reply
    from korad.chat.protocol import ChatRequest

    report = "Sclerotic osseous metastases in the spine, progressed since the prior study. Small right effusion, decreased."
    first = "뼈 전이 있어요?"
    answer = reply(ChatRequest.about(report, "좋아졌어요?", [(first, answer_question(report, first))])).text
    assert answer.startswith("아니요") and "progressed" in answer and "흉수" not in answer, answer


@pytest.mark.parametrize(
    ("first", "question"),
    [("심장 괜찮아요?", "다 나은 거예요?"), ("폐렴이에요?", "완전히 다 나았어요?"), ("Is the heart okay?", "완치된 거죠?")],
)
def test_whether_all_is_healed_asks_about_the_whole_study_not_the_finding_asked_before(first, question):
    from korad.chat.grounded import reply
    from korad.chat.protocol import ChatRequest

    report = (
        "FINDINGS: Heart size is normal. New 1.2 cm nodule in the right lower lobe. No pleural effusion.\n"
        "IMPRESSION: New right lower lobe nodule. Recommend CT chest."
    )
    answer = reply(ChatRequest.about(report, question, [(first, answer_question(report, first))])).text
    assert answer.startswith("아니요") and "결절" in answer, answer
