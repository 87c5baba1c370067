"""Whether, to whom, when and how the report says its findings were passed on (korad.chat.answers.communication)."""

from __future__ import annotations

import pytest

from korad.chat.answers.communication import told
from korad.chat.grounded import answer_question

PAGED = (
    "FINDINGS: The feeding tube tip is in the left lower lobe bronchus.\n"
    "IMPRESSION: Feeding tube in the airway; remove.\n\nDr. ___ was paged at 21:47 with this result."
)


@pytest.mark.parametrize("question", ["주치의한테 연락했어요?", "담당 선생님이 알아요?", "Was the doctor told?"])
def test_a_page_after_the_impression_is_a_communication(question):
    answer = answer_question(PAGED, question)
    assert answer.startswith("네, 판독문에 결과를 담당 의사에게 호출(page)로 알렸다고") and "21:47" in answer


@pytest.mark.parametrize(
    ("sentence", "how"),
    [
        ("The resident was paged with the findings at 3:10 am.", "담당 의료진에게 호출(page)로 "),
        ("Findings were discussed with Dr. ___ by telephone.", "담당 의사에게 전화로 "),
        ("담당의 호출하여 결과 전달함.", "담당 의사에게 호출(page)로 "),
    ],
)
def test_how_the_report_told(sentence, how):
    assert told(sentence)[0] == how


def test_as_discussed_is_no_communication_but_was_discussed_is():
    assert answer_question("IMPRESSION: Stable nodule, as discussed previously.", "담당의한테 알렸어요?").startswith(
        "아니요"
    )
    assert answer_question("IMPRESSION: New pneumothorax. This was discussed at 10:02.", "알렸어요?").startswith("네")


def test_a_korean_page_is_a_communication():
    assert answer_question("결론:\n새로 생긴 우측 기흉. 담당 전공의 호출함.", "담당의한테 알렸어요?").startswith("네")
