"""Families of real wording a fresh reader found answered in a way a doctor would not sign (issue #16)."""

import pytest

from korad.chat.grounded import answer_question


@pytest.mark.parametrize(
    ("report", "question", "start", "words"),
    [
        (
            "Enlarged heart, small effusions on both sides, and vascular congestion in keeping with worsening CHF.",
            "심부전 악화됐어요?",
            "네",
            ["이전보다 악화"],
        ),
        ("양측 흉수 및 심비대, 울혈성 심부전 호전 소견.", "심부전 나빠졌나요?", "아니요", ["호전"]),
        ("Bilateral basal opacities. Known heart failure.", "심부전이 더 심해졌어요?", "확실하지 않습니다", ["변화는 적혀 있지 않"]),
    ],
)
def test_a_syndrome_has_a_change_and_no_side(report, question, start, words):
    answer = answer_question(report, question)
    assert answer.startswith(start) and all(w in answer for w in words), answer
    assert "양측에" not in answer, answer  # the effusions' side is not the heart failure's
