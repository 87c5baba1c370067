"""A pacemaker's or ICD's leads: how many, where, which moved (korad.chat.answers.leads)."""

from __future__ import annotations

import pytest

from korad.chat.answers.leads import leads_in
from korad.chat.grounded import answer_question

MOVED = (
    "FINDINGS: Left chest wall dual-chamber pacemaker. The atrial lead has migrated inferiorly and now lies in the "
    "right ventricular inflow tract. The right ventricular lead is in stable position.\n"
    "IMPRESSION: Migration of the atrial pacing lead. Ventricular lead unchanged."
)
THREE = "FINDINGS: Biventricular ICD with leads in the right atrium, right ventricle and coronary sinus. Lungs clear."
KO = "판독소견:\n좌측 흉벽 심박조율기, RA 리드와 RV 리드 위치 이전과 변화 없음.\n심비대 없음."
UNNAMED = "FINDINGS: Stable left chest XXXX device with 2 leads in the right atrium and right ventricle."


@pytest.mark.parametrize(
    ("report", "question", "starts", "words"),
    [
        (MOVED, "어느 리드가 빠졌어요?", "판독문에 위치가 바뀐(빠진) 것은 우심방 리드", ["우심실 리드는 이전과 변화 없다고"]),
        (MOVED, "심방 리드 움직였어요?", "네, 판독문에 우심방 리드는 위치가 바뀌었다고", []),
        (MOVED, "심실 쪽 리드도 이동했어?", "아니요, 판독문에 우심실 리드는 이전과 변화 없이", []),
        (KO, "리드 빠진 거 있어요?", "아니요, 판독문에 위치가 바뀐 리드는 적혀 있지 않습니다", ["RA 리드"]),
        (MOVED, "페이스메이커 선 몇 개예요?", "판독문상 심장박동기의 선(리드)은 2개입니다", []),
        (THREE, "ICD 선 몇 개 들어가 있어?", "판독문상 심장박동기의 선(리드)은 3개입니다", ["관상정맥동"]),
        (KO, "심박조율기 선 총 몇 개야?", "판독문상 심장박동기의 선(리드)은 2개입니다", ["우심방", "우심실"]),
        (UNNAMED, "페이스메이커 선 어디 들어가 있어요?", "판독문상 선(리드)은 우심방, 우심실에 있습니다", []),
        (UNNAMED, "심박조율기 선 몇 개야?", "판독문상 심장박동기의 선(리드)은 2개입니다", []),
    ],
)
def test_lead_questions(report, question, starts, words):
    answer = answer_question(report, question)
    assert answer.startswith(starts) and all(w in answer for w in words), answer


def test_a_lead_is_not_the_verb_lead():
    assert leads_in("FINDINGS: Large effusion that may lead to compressive atelectasis.") == []


def test_each_named_lead_reads_its_own_part_of_the_sentence():
    leads = leads_in("FINDINGS: The RA lead is unchanged while the RV lead has been retracted into the atrium.")
    assert [(lead.chamber, lead.state) for lead in leads] == [("우심방", "unchanged"), ("우심실", "moved")]


@pytest.mark.parametrize(
    ("question", "starts"),
    [
        ("Which lead moved?", "판독문에 위치가 바뀐(빠진) 것은 우심방 리드"),
        ("Did the ventricular lead move?", "아니요, 판독문에 우심실 리드는"),
        ("How many leads are there?", "판독문상 심장박동기의 선(리드)은 2개입니다"),
    ],
)
def test_lead_questions_in_english(question, starts):
    assert answer_question(MOVED, question).startswith(starts)


def test_lead_to_in_a_question_is_no_lead():
    assert "리드" not in answer_question(MOVED, "Could the effusion lead to collapse?")


@pytest.mark.parametrize(
    "question",
    ["심박동기 선 위치 괜찮나요?", "리드 위치 제대로 있어요?", "Are the leads in good position?"],
)
def test_whether_the_leads_lie_well_is_a_yes_no_position_question(question):
    answer = answer_question(MOVED, question)
    assert answer.startswith("아니요") and "has migrated" in answer, answer
