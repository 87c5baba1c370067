"""Sizes told beside a finding: the largest of several, and a size change of a finding the labeler did not read
(korad.chat.answers.measures)."""

from __future__ import annotations

import pytest

from korad.chat.answers.measures import largest_after
from korad.chat.grounded import answer_question

LARGEST = (
    "FINDINGS: Multiple bilateral pulmonary masses are again seen. The largest, in the right upper lobe, now "
    "measures 4.2 cm, previously 3.5 cm. No pleural effusion.\nIMPRESSION: Progression of metastatic disease."
)
LARGEST_KO = "판독소견:\n양측 폐에 다발성 결절이 보임. 가장 큰 것은 우하엽의 1.8 cm 크기임.\n흉수 없음."
SHRUNK = "판독소견:\nRt. 상엽 공동 4.0 cm -> 2.1 cm로 감소.\n새로운 병변 없음."
SHRUNK_READ = "판독소견:\nRt. 상엽 공동의 크기는 4.0 cm -> 2.1 cm로 감소, 벽이 얇아짐.\n새로운 병변 없음."


@pytest.mark.parametrize(
    ("report", "question", "said"),
    [
        (LARGEST, "제일 큰 혹 몇센치에요?", "가장 큰 것은 4.2 cm입니다(이전 3.5 cm)"),
        (LARGEST, "How big is the biggest mass?", "가장 큰 것은 4.2 cm"),
        (LARGEST_KO, "가장 큰 결절 크기는요?", "가장 큰 것은 1.8 cm입니다"),
    ],
)
def test_the_largest_of_several_is_sized_from_the_sentence_after(report, question, said):
    assert said in answer_question(report, question)


@pytest.mark.parametrize(
    ("question", "starts"),
    [("공동 얼마나 작아졌어요?", "판독문에 공동(cavity)의 크기가 4.0 cm에서 2.1 cm로 줄었다고"), ("공동 줄었어요?", "네, ")],
)
def test_a_size_change_of_an_unread_finding_is_told_from_its_sentence(question, starts):
    assert answer_question(SHRUNK, question).startswith(starts)


def test_a_size_change_the_labeler_reads_is_told_with_both_sizes():
    # ("공동의 크기는" is read since the labeler knows "공동의": the details give both sizes and the change)
    answer = answer_question(SHRUNK_READ, "공동 얼마나 작아졌어요?")
    assert not answer.startswith(("네", "아니요")) and "4.0 cm" in answer and "2.1 cm" in answer and "호전" in answer
    assert answer_question(SHRUNK_READ, "공동 줄었어요?").startswith("네")


def test_a_sentence_after_that_is_not_about_the_largest_sizes_nothing():
    assert largest_after("FINDINGS: Several nodules. A 2 cm rib lesion.", "Several nodules.") is None
