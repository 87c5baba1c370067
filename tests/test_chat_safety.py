"""Answers a careful clinician would sign (issue #16, round 2): a device's use from its position, what is set
aside in "X 말고 Y", a past operation asked as a trace, active vs old, a symptom asked as caused by a denied finding."""

import pytest

from korad.chat.grounded import answer_question
from korad.chat.questions import read_question

_TUBE_IN_AIRWAY = (
    "Findings: The Levin tube courses down the trachea with its tip in the left main bronchus. "
    "Impression: Malpositioned feeding tube in the airway, should be repositioned."
)
_TUBE_IN_STOMACH = "Enteric tube tip projects over the gastric body. Lungs are clear."
_LINE_IN_NECK = "우측 상완 PICC 끝이 내경정맥 쪽으로 올라가 있음. 위치 조정 필요. 양측 폐야 깨끗함. 기흉 없음."


@pytest.mark.parametrize(
    ("report", "question", "start", "words"),
    [
        (_TUBE_IN_AIRWAY, "이 콧줄로 영양식 넣어도 되나요?", "아니요", ["기관", "넣지 않아야"]),
        (_TUBE_IN_AIRWAY, "Can we start feeds through the NG tube?", "아니요", ["넣지 않아야"]),
        (_TUBE_IN_STOMACH, "위관으로 약 드려도 될까요?", "네", ["위 안", "담당 의료진"]),
        (_LINE_IN_NECK, "PICC로 수액 연결해도 돼요?", "아니요", ["위치", "상의"]),
    ],
)
def test_whether_a_device_may_be_used_is_answered_from_its_position(report, question, start, words):
    answer = answer_question(report, question)
    assert answer.startswith(start) and all(w in answer for w in words), answer


@pytest.mark.parametrize(
    ("report", "question", "start"),
    [
        (_LINE_IN_NECK, "PICC 외에는 다 괜찮은 거죠?", "네"),
        (_LINE_IN_NECK, "Besides the PICC, is everything else normal?", "네"),
        (_LINE_IN_NECK + " 좌측 소량 흉수.", "PICC 빼면 다른 데는 이상 없어요?", "아니요"),
    ],
)
def test_a_device_set_aside_is_left_out_of_the_answer(report, question, start):
    answer = answer_question(report, question)
    assert answer.startswith(start) and "중심정맥관" not in answer, answer


def test_a_thing_set_aside_is_not_what_is_asked():
    assert read_question("흉관 말고 폐는 괜찮아요?").kind == "normality"
    answer = answer_question(_LINE_IN_NECK, "PICC 제외하고 폐 상태는 괜찮나요?")
    assert answer.startswith("네") and "PICC" not in answer.split("판독문")[0], answer


@pytest.mark.parametrize(
    ("report", "question", "start", "words"),
    [
        (
            "Sternal wires and surgical clips from prior bypass surgery. Lungs clear.",
            "전에 심장 수술한 거 나와요?",
            "네",
            ["wires"],
        ),
        ("우상엽 절제술 후 변화. 좌폐는 깨끗함.", "예전에 폐 수술 받은 게 보이나요?", "네", ["절제술"]),
    ],
)
def test_a_past_operation_is_asked_as_its_trace_not_a_change(report, question, start, words):
    assert read_question(question).kind != "change"
    answer = answer_question(report, question)
    assert answer.startswith(start) and all(w in answer for w in words), answer


@pytest.mark.parametrize(
    ("report", "question", "start", "words"),
    [
        (
            "우상엽에 석회화 동반한 섬유성 반흔, 진구성 결핵 소견. 활동성 병변 없음.",
            "지금 결핵 앓고 있는 거예요?",
            "아니요",
            ["활동성"],
        ),
        (
            "Apical scarring and calcified nodules compatible with old healed TB.",
            "현재 결핵이 있는 건가요?",
            "아니요",
            ["흔적"],
        ),
        (
            "Old healed fracture of the right 6th rib. Lungs clear.",
            "갈비뼈 지금 부러져 있는 거예요?",
            "아니요",
            ["오래된"],
        ),
        ("Old healed fracture of the right 6th rib. Lungs clear.", "갈비뼈 골절 있어요?", "네", ["오래된"]),
        ("진구성 결핵 소견, 좌상엽.", "예전 결핵 흔적이 지금도 보이나요?", "네", ["진구성"]),
    ],
)
def test_a_healed_disease_is_not_the_disease_now(report, question, start, words):
    answer = answer_question(report, question)
    assert answer.startswith(start) and all(w in answer for w in words), answer


@pytest.mark.parametrize(
    ("report", "question", "words"),
    [
        (
            "Minimal left basilar atelectasis. No pneumothorax. No pleural effusion.",
            "숨이 찬 게 기흉 때문일까요?",
            ["기흉(pneumothorax)이 없다", "무기폐", "담당 의료진"],
        ),
        ("우하엽 무기폐. 폐렴 소견 없음.", "기침이 폐렴 때문이에요?", ["폐렴(pneumonia)이 없다", "무기폐"]),
    ],
)
def test_a_symptom_asked_as_caused_by_a_denied_finding_is_answered_no(report, question, words):
    answer = answer_question(report, question)
    assert answer.startswith("아니요") and all(w in answer for w in words), answer
    assert "흡인" not in answer, answer  # "기침" is not "침" breathed in


_FIBROSIS_STABLE = (
    "FINDINGS: Bibasilar reticulation with traction bronchiectasis, mildly increased from the prior exam. "
    "No new airspace opacity to suggest acute exacerbation. IMPRESSION: Slowly progressive pulmonary fibrosis."
)
_FIBROSIS_KO = "양폐 하부 섬유화 및 망상 음영, 이전보다 약간 진행함. 급성 악화를 시사하는 소견은 보이지 않음."


@pytest.mark.parametrize(
    ("report", "question", "start"),
    [
        (_FIBROSIS_STABLE, "급성 악화 온 건 아니죠?", "네"),
        (_FIBROSIS_STABLE, "Any acute exacerbation?", "아니요"),
        (_FIBROSIS_KO, "급성 악화 소견 보여요?", "아니요"),
        (_FIBROSIS_KO, "급성 악화는 없는 거죠?", "네"),
        (_FIBROSIS_KO, "폐섬유증 급성 악화인가요?", "아니요"),
        (
            "Hyperexpanded lungs compatible with COPD. No acute cardiopulmonary process.",
            "COPD 급성 악화예요?",
            "아니요",
        ),
    ],
)
def test_a_chronic_disease_slightly_progressed_is_not_an_acute_exacerbation(report, question, start):
    answer = answer_question(report, question)
    assert answer.startswith(start) and "급성" in answer and "없" in answer, answer


@pytest.mark.parametrize(
    "sentence",
    [
        "급성 감염을 시사하는 폐경화가 우하엽에 보이며 흉수는 없음.",
        "No effusion, but consolidation concerning for acute infection.",
    ],
)
def test_an_acute_finding_next_to_a_denied_one_is_no_statement_of_nothing_acute(sentence):
    from korad.chat.acuity import no_acute_statement

    assert no_acute_statement(sentence) is None


_AFTER_LINE = (
    "FINDINGS: Interval placement of a right internal jugular central venous catheter, tip at the cavoatrial junction. "
    "New small right apical pneumothorax. Lungs otherwise clear. IMPRESSION: Small right pneumothorax after line placement."
)


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("CVC 삽입한 후에 숨이 차다고 하는데 사진에 뭐가 보여요?", None),
        ("목에 라인 잡고 나서 가슴이 답답하대요, 괜찮은 거죠?", "아니요"),
    ],
)
def test_a_symptom_after_a_procedure_asks_what_is_new_not_the_device(question, start):
    answer = answer_question(_AFTER_LINE, question)
    assert "기흉" in answer and "새로" in answer, answer
    assert answer.startswith(start) if start else not answer.startswith(("네", "아니요")), answer


_FREE_AIR_POSTOP = (
    "FINDINGS: Small amount of free air under the left hemidiaphragm, following recent laparoscopic surgery. "
    "IMPRESSION: Small pneumoperitoneum, likely postoperative. Follow-up radiograph recommended to confirm decrease."
)


@pytest.mark.parametrize("question", ["뱃속에 공기 있다는데 위험한 거예요?", "횡격막 아래 공기 큰일 아니에요?"])
def test_free_air_read_as_postoperative_is_told_with_its_advice_before_any_alarm(question):
    answer = answer_question(_FREE_AIR_POSTOP, question)
    assert "수술 후 변화" in answer and "Follow-up radiograph" in answer, answer
    assert "기흉" not in answer and not answer.startswith("판독문에 빠른 확인"), answer


@pytest.mark.parametrize(
    ("report", "question"),
    [
        (
            "Right upper lobectomy. Expected postoperative volume loss of the right hemithorax.",
            "오른쪽 폐 줄어든 거 괜찮아요?",
        ),
        ("좌하엽 절제술 후 상태. 좌폐 용적 감소는 수술 후 예상되는 변화임.", "왼쪽 폐가 작아졌는데 문제 있는 거예요?"),
    ],
)
def test_a_smaller_lung_after_its_operation_is_told_as_the_expected_change(report, question):
    answer = answer_question(report, question)
    assert "수술 후 변화" in answer and not answer.startswith(("네", "아니요")), answer


def test_a_device_whose_position_the_report_does_not_assess_is_not_said_to_be_in_place():
    answer = answer_question("Nasogastric tube is present. Lungs clear.", "콧줄로 밥 줘도 돼요?")
    assert "적절합니다" not in answer and "위치를 확인해야" in answer, answer
