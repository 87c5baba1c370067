"""Which rib has the quality asked ("어긋난 건 몇 번 갈비뼈?") (korad.chat.answers.counts)."""

from __future__ import annotations

import pytest

from korad.chat.grounded import answer_question

KO = "판독소견:\nLt. 4, 5, 6번째 늑골 전외측 골절, 5번 늑골은 전위 동반.\n기흉 없음.\n결론:\n1. Lt. 4-6번 늑골 골절."
EN_WITH = "FINDINGS: Acute fractures of the right fourth through seventh ribs, with displacement of the fifth."
EN_AND = "FINDINGS: Comminuted fracture of the left eighth rib and nondisplaced fractures of the ninth and tenth ribs."
NOT_NUMBERED = "FINDINGS: Multiple displaced right rib fractures. Small right pneumothorax."


@pytest.mark.parametrize(
    ("report", "question", "said"),
    [
        (KO, "어긋난 건 몇번 갈비뼈야?", "전위(어긋남)가 있다고 적힌 것은 좌측 5번째 늑골"),
        (EN_WITH, "어느 갈비뼈가 어긋났어요?", "전위(어긋남)가 있다고 적힌 것은 우측 5번째 늑골"),
        (EN_AND, "조각난 건 몇 번째 늑골이에요?", "분쇄(여러 조각)가 있다고 적힌 것은 좌측 8번째 늑골"),
        (NOT_NUMBERED, "어긋난 건 몇 번째 갈비뼈예요?", "몇 번째 늑골인지는 적혀 있지 않습니다"),
    ],
)
def test_the_rib_with_the_quality_asked(report, question, said):
    assert said in answer_question(report, question)


def test_which_ribs_without_a_quality_are_all_of_them():
    assert "좌측 4-6번째 늑골" in answer_question(KO, "몇 번째 갈비뼈가 부러졌어요?")


SURGERY = (
    "FINDINGS: Status post CABG. Three mediastinal drains and bilateral pleural tubes, one on each side, are in "
    "place. A pericardial drain is also seen. The left IJ catheter ends in the SVC."
)
SURGERY_KO = "판독소견:\n종격동 배액관 2개와 Lt. 흉관 유지 중.\n심낭 배액관은 제거됨.\n기흉 없음."


@pytest.mark.parametrize(
    ("report", "question", "said"),
    [
        (SURGERY, "배액관 다 합쳐서 몇 개예요?", "배액관(흉관 포함)은 모두 6개입니다"),
        (SURGERY_KO, "배액관 몇 개 꽂혀 있어요?", "배액관(흉관 포함)은 모두 3개입니다"),
        (SURGERY, "How many drains?", "모두 6개"),
    ],
)
def test_drains_asked_count_the_other_drains_with_the_chest_tubes(report, question, said):
    assert said in answer_question(report, question)


def test_a_chest_tube_count_stays_the_chest_tubes():
    assert "모두 2개" in answer_question(SURGERY, "흉관 몇 개예요?")
