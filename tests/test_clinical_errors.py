"""Clinical errors of an answer against its report, by type (korad.clinical_errors), and what an
answer recommends (korad.advice). The reports are written for these tests."""

import pytest

from korad.advice import recommended_steps
from korad.clinical_errors import ERROR_TYPES, clinical_errors, error_counts, grounding_counts

REPORT = "Small left pleural effusion. No pneumothorax."
# Three reports of our own: English with a recommendation, Korean with devices, English with a line.
EFFUSION_NODULE = (
    "FINDINGS: Moderate right pleural effusion, increased compared with the prior study. 1.8 cm nodule in the "
    "left upper lobe. No pneumothorax. IMPRESSION: Recommend chest CT for further characterization of the nodule."
)
TUBES = (
    "흉부 X선 판독: 좌측 소량의 기흉이 새로 생겼습니다. 기관내관 끝이 기관 분기부 상방 1 cm에 위치하여 2 cm "
    "후퇴가 필요합니다. 비위관은 위 내에 있습니다. 흉수는 없습니다."
)
LINE = "Mild cardiomegaly, stable. Right internal jugular central line with tip in the SVC. No focal consolidation. No pleural effusion."

CASES = [
    # false_finding: the report negates it, or does not mention it at all
    (EFFUSION_NODULE, "기흉이 있습니다.", None, "false_finding"),
    (LINE, "pneumonia 소견이 보입니다.", None, "false_finding"),
    (LINE, "폐기종이 있습니다.", None, "false_finding"),
    (EFFUSION_NODULE, "네, 있습니다.", "기흉이 있나요?", "false_finding"),
    # denied_finding
    (EFFUSION_NODULE, "흉수는 없습니다.", None, "denied_finding"),
    (LINE, "cardiomegaly는 없습니다.", None, "denied_finding"),
    (EFFUSION_NODULE, "아니요.", "결절이 있나요?", "denied_finding"),
    (EFFUSION_NODULE, "네.", "흉수가 없나요?", "denied_finding"),
    # wrong_side
    (EFFUSION_NODULE, "좌측에 흉수가 있습니다.", None, "wrong_side"),
    (TUBES, "right pneumothorax가 있습니다.", None, "wrong_side"),
    # the worse side: another than the report's, or one the report does not name
    (
        "Bilateral pleural effusions, right greater than left.",
        "양측 흉수가 있고 좌측이 더 많습니다.",
        None,
        "wrong_side",
    ),
    ("양측 하폐야 consolidation, Lt. > Rt.", "양쪽 아래 폐에 경화가 있고 오른쪽이 더 심합니다.", None, "wrong_side"),
    (
        "Small bilateral pleural effusions.",
        "양측에 흉수가 있으며 우측 흉수가 좌측보다 더 많습니다.",
        None,
        "wrong_side",
    ),
    # wrong_severity
    (EFFUSION_NODULE, "흉수는 소량입니다.", None, "wrong_severity"),
    (LINE, "severe cardiomegaly가 있습니다.", None, "wrong_severity"),
    # wrong_size (18 mm in the report)
    (EFFUSION_NODULE, "좌상엽 결절은 크기가 3 cm입니다.", None, "wrong_size"),
    (EFFUSION_NODULE, "left upper lobe의 nodule은 1 cm 크기입니다.", None, "wrong_size"),
    # wrong_change
    (EFFUSION_NODULE, "흉수는 이전보다 감소했습니다.", None, "wrong_change"),
    (TUBES, "pneumothorax는 이전과 변화가 없습니다.", None, "wrong_change"),
    (LINE, "cardiomegaly가 이전보다 악화되었습니다.", None, "wrong_change"),
    # any change is wrong when the report has no prior study
    (
        "Comparison: None.\nFindings: 2 cm nodule in the right lower lobe.",
        "우하엽 결절이 이전보다 커졌습니다.",
        None,
        "wrong_change",
    ),
    ("비교: 없음\n판독: 우측 소량 흉수.", "우측 흉수가 새로 생겼습니다.", None, "wrong_change"),
    # wrong_device_position: well placed against malpositioned, and the reverse
    (TUBES, "기관내관은 적절한 위치에 있습니다.", None, "wrong_device_position"),
    (TUBES, "NG tube가 식도에 있습니다.", None, "wrong_device_position"),
    (LINE, "central line은 위치가 부적절합니다.", None, "wrong_device_position"),
    # unsupported_recommendation
    (LINE, "흉부 CT 검사를 받으셔야 합니다.", None, "unsupported_recommendation"),
    (EFFUSION_NODULE, "결절은 biopsy가 필요합니다.", None, "unsupported_recommendation"),
    (TUBES, "흉관 삽입이 필요합니다.", None, "unsupported_recommendation"),
]


@pytest.mark.parametrize(("report", "answer", "question", "kind"), CASES)
def test_each_error_type_is_found_in_korean_and_mixed_answers(report, answer, question, kind):
    counts = error_counts(clinical_errors(report, answer, question=question))
    assert counts[kind] == 1
    assert sum(counts.values()) == 1


def test_every_type_is_tested_at_least_twice():
    kinds = [kind for *_, kind in CASES]
    assert all(kinds.count(kind) >= 2 for kind in ERROR_TYPES)


@pytest.mark.parametrize(
    ("report", "answer"),
    [
        (
            EFFUSION_NODULE,
            "우측에 중등도의 흉수가 있고 이전보다 증가했습니다. 좌상엽 결절에 대해 CT 검사가 권고되었습니다.",
        ),
        (TUBES, "기관내관이 너무 깊게 들어가 있어 위치 조정이 필요합니다. 자세한 것은 담당 의사와 상의하세요."),
        (TUBES, "좌측에 작은 기흉이 새로 생겼고, ET tube는 조금 빼야 합니다."),
        (LINE, "심장이 약간 커져 있지만 이전과 비슷합니다. 중심정맥관은 제 위치에 있습니다."),
        # explanations and suppositions state nothing of this patient
        (LINE, "폐렴은 폐에 생긴 감염을 말합니다. 판독문에는 폐렴 소견이 없습니다."),
        (LINE, "흉수가 많으면 숨이 찰 수 있지만, 이 판독문에는 흉수가 없습니다."),
        (
            "Retrocardiac opacity, likely atelectasis.",
            "심장 뒤 음영은 무기폐로 보이며, 폐렴이라고 단정한 것은 아닙니다.",
        ),
        # asking one's doctor is no recommendation
        (LINE, "추가 검사가 필요한지는 담당 의사와 상의하세요."),
        (REPORT, "좌측에 소량의 흉수가 있고, 기흉은 없습니다."),
        ("Bilateral pleural effusions, right greater than left.", "양측 흉수가 있고 오른쪽이 더 많습니다."),
    ],
)
def test_faithful_answers_have_no_error(report, answer):
    assert clinical_errors(report, answer) == []


def test_a_bare_answer_without_its_question_asserts_nothing():
    assert clinical_errors(EFFUSION_NODULE, "네, 있습니다.") == []
    # a yes that names a finding is read as the text it is, not as the question's
    assert (
        error_counts(clinical_errors(EFFUSION_NODULE, "네, 흉수가 있습니다.", question="기흉이 있나요?"))[
            "false_finding"
        ]
        == 0
    )


def test_the_chat_warning_is_unchanged_by_the_metric_only_errors():
    from korad.chat.grounding import check_answer

    assert check_answer(LINE, "폐기종이 있습니다.").ok  # not mentioned: the metric counts it, the chat does not warn
    assert check_answer(LINE, "흉부 CT 검사를 받으셔야 합니다.").ok


def test_a_statement_is_kept_where_a_word_only_contains_a_cue():
    # "보이는" holds "이는" ("이는 보통 ...", a general statement): the clause still states an effusion
    assert [e.kind for e in clinical_errors(LINE, "좌측에 흉수가 보이는 상태입니다.")] == ["false_finding"]


def test_one_recommending_sentence_is_one_error():
    errors = clinical_errors(LINE, "확실히 하기 위해 6개월 뒤 CT 추적 검사를 권합니다.")
    assert [(e.kind, e.observation) for e in errors] == [("unsupported_recommendation", "ct,follow_up")]


def test_a_device_said_removed_while_in_place_is_a_wrong_position():
    errors = clinical_errors(LINE, "네, 중심정맥관은 제거되었습니다.")
    assert [e.kind for e in errors] == ["wrong_device_position"]
    removed = "Interval removal of the endotracheal tube. No pneumothorax."
    assert [e.kind for e in clinical_errors(removed, "기관내관은 적절한 위치에 있습니다.")] == ["wrong_device_position"]


def test_error_evidence_quotes_the_report():
    (error,) = clinical_errors(TUBES, "기관내관은 적절한 위치에 있습니다.")
    assert error.observation == "Endotracheal Tube" and "기관내관" in error.evidence
    (error,) = clinical_errors(LINE, "폐기종이 있습니다.")
    assert error.evidence == ""


def test_grounding_counts_by_hand():
    answers = ["좌측에 흉수가 있습니다.", "네.", "좌측에 소량의 흉수가 있습니다.", "CT를 찍어야 해요."]
    reports = [REPORT] * 4
    totals = grounding_counts(answers, reports, [None, "기흉이 있나요?", None, None])
    assert totals == {
        **dict.fromkeys(ERROR_TYPES, 0),
        "false_finding": 1,
        "unsupported_recommendation": 1,
        "error_free": 0.5,
    }
    per_answer = grounding_counts(answers, reports, aggregate=False)
    assert per_answer["error_free"] == [1.0, 1.0, 1.0, 0.0]  # without the question "네." asserts nothing
    with pytest.raises(ValueError, match="2 answers, 1 reports"):
        grounding_counts(["a", "b"], [REPORT])


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        ("6개월 후 추적 CT를 권합니다.", ["ct", "follow_up"]),
        ("A follow-up CT is recommended.", ["ct", "follow_up"]),
        ("조직 검사를 받아 보세요.", ["biopsy"]),
        ("심초음파를 권합니다.", ["echocardiography"]),
        ("추가 검사는 필요하지 않습니다.", []),
        ("CT가 필요한지는 담당 의사와 상의하세요.", []),
        ("흉관 삽입이 필요할 수 있습니다.", []),
        ("호흡기내과 진료를 받아 보세요.", []),
        ("3개월 뒤 CT를 다시 찍으세요.", ["ct", "follow_up"]),
        ("1년 뒤 흉부 X-ray를 다시 찍으면 됩니다.", ["radiograph", "follow_up"]),
        ("기관내관을 재삽관해야 합니다.", ["device_placement"]),
        # relaying the report's advice is no recommendation of the answer's own
        ("판독문은 3개월 후 추적 CT를 권하고 있습니다.", []),
        ("추적 CT가 권고되었습니다.", []),
        ("보고서에는 기관지내시경 권고가 없습니다.", []),
    ],
)
def test_recommended_steps(text, steps):
    assert recommended_steps(text) == steps


@pytest.mark.parametrize(
    "comparison",
    ["COMPARISON: None.", "Comparison: None available.", "COMPARISON:  N/A", "비교: 없음", "COMPARISON: No prior studies available."],
)
def test_a_change_claimed_without_a_prior_study_is_a_wrong_change_however_the_report_says_so(comparison):
    report = f"{comparison}\nFINDINGS: Small left pleural effusion."
    counts = error_counts(clinical_errors(report, "좌측 흉수가 이전보다 늘었습니다."))
    assert counts["wrong_change"] == 1
