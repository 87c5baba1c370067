"""A fracture of a named bone the report could not judge or only suspects (korad.chat.answers.bones)."""

from __future__ import annotations

import pytest

from korad.chat.answers.bones import bone_sentence
from korad.chat.grounded import answer_question

LIMITED = (
    "FINDINGS: Acute fractures of the left fourth and fifth ribs laterally. The sternum is not well evaluated on "
    "this frontal view. No pneumothorax.\nIMPRESSION: Left rib fractures."
)
SUSPECTED_KO = (
    "판독소견:\nLt. 쇄골 원위부 골절, 경도 전위.\nLt. 견갑골 체부 골절 가능성 있음, CT로 확인 요망.\n기흉 없음.\n"
    "결론:\nLt. 쇄골 골절."
)
NO_OTHER_FRACTURE = "FINDINGS: Lungs clear. Possible nondisplaced fracture of the right clavicle. No effusion."


@pytest.mark.parametrize(
    ("report", "question", "said"),
    [
        (LIMITED, "가슴뼈도 부러졌어요?", "평가 제한"),
        (LIMITED, "Is the sternum fractured too?", "평가 제한"),
        (SUSPECTED_KO, "어깨뼈도 골절이에요?", "가능성(의심)"),
        (NO_OTHER_FRACTURE, "빗장뼈 부러졌어요?", "가능성"),
    ],
)
def test_a_bone_not_judged_or_only_suspected_is_not_a_flat_no(report, question, said):
    answer = answer_question(report, question)
    assert answer.startswith("확실하지 않습니다") and said in answer


def test_a_bone_the_report_does_not_name_is_still_not_written():
    assert answer_question(LIMITED, "쇄골도 부러졌어요?").startswith("아니요, 판독문에 쇄골 골절은 적혀 있지 않습니다")


@pytest.mark.parametrize(
    ("sentence", "how"),
    [
        ("Evaluation of the scapulae is limited by overlying soft tissue.", "not_assessed"),
        ("r/o Rt. scapular fracture.", "hedged"),
        ("흉골은 측면 사진이 없어 판단하기 어려움.", "not_assessed"),
        ("The scapulae are intact.", None),
    ],
)
def test_how_a_sentence_leaves_a_bone(sentence, how):
    found = bone_sentence([sentence], "흉골" if "흉골" in sentence else "견갑골")
    assert (found[0] if found else None) == how


def test_a_fracture_not_seen_is_a_denial_not_a_limit():
    assert bone_sentence(["No scapular fracture is seen."], "견갑골") is None


def test_sternal_wires_in_a_limited_study_are_not_the_sternum_judged():
    assert bone_sentence(["Sternal wires are intact; evaluation is limited by rotation."], "흉골") is None
