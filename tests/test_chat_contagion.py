"""Contagion asked ("전염되나요?"): what the report says of the lesion's look, never a flat 네/아니요."""

import pytest

from korad.chat.grounded import answer_question


@pytest.mark.parametrize(
    ("report", "question", "words"),
    [
        (
            "Biapical pleuroparenchymal scarring with calcified nodules, sequelae of prior granulomatous infection. "
            "No active lung lesion.",
            "가족한테 옮을 수 있나요?",
            ["오래된(비활동성)", "“No active lung lesion.”", "흉부 X선만으로 판단할 수 없"],
        ),
        (
            "좌상엽에 석회화된 결절 및 섬유성 띠, 진구성 결핵으로 생각됨.",
            "이거 전염돼요?",
            ["진구성 결핵", "오래된(비활동성)"],
        ),
        (
            "Cavitary opacity in the left upper lobe, concerning for reactivation tuberculosis.",
            "is it contagious?",
            ["가능성", "확정하지 않았", "객담"],
        ),
    ],
)
def test_contagion_is_not_told_by_a_radiograph(report, question, words):
    answer = answer_question(report, question)
    assert answer.startswith("확실하지 않습니다") and all(w in answer for w in words), answer


def test_a_contagion_question_is_not_a_diagnosis_question():
    report = "좌상엽에 석회화된 결절 및 섬유성 띠, 진구성 결핵으로 생각됨."
    assert answer_question(report, "결핵인가요?").startswith(("아니요", "확실하지 않습니다"))
