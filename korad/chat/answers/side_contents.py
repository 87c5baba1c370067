"""What the report finds on one side ("왼쪽에 뭐가 있어요?", "what is on the right?").

An open question about a side names no finding: it is answered with the findings the report puts on that side
(or on both sides), each with its sentence, and never with a finding of the other side.
"""

from __future__ import annotations

import re

from korad.chat.answers.facts import claims_of, details_of, place_ko, positive, sentence_of
from korad.chat.answers.wording import Reply, cite, finding_name
from korad.chat.questions import Question
from korad.details import SIDE_KO
from korad.findings import Findings

WHAT_ASKED = re.compile(r"뭐|무엇|무슨|어떤|어떠|what", re.IGNORECASE)
"""An open question for the contents of a side ("왼쪽에 뭐가 있어요?", "오른쪽은 어떤 소견이에요?")."""


def side_contents_answer(findings: Findings, question: Question) -> Reply | None:
    """The findings the report puts on the side asked; None when the question does not ask what is on one side."""
    side = question.direction
    if question.observations or side not in ("left", "right") or not WHAT_ASKED.search(question.text):
        return None
    found = positive(findings, ("positive", "uncertain"))
    lines, elsewhere = [], []
    for observation in found:
        details = [d for d in details_of(findings, observation) if d.status != "negative"]
        here = [d for d in details if d.side in (side, "bilateral")]
        if here:
            possible = " (가능성으로 언급)" if all(d.status == "uncertain" for d in here) else ""
            where = ", ".join(dict.fromkeys(place_ko(d) for d in here))
            lines.append(f"- {finding_name(observation)} ({where}){possible}{cite(sentence_of(findings, here[0]))}")
        elif any(d.side for d in details):
            elsewhere.append(f"{finding_name(observation)} ({', '.join(dict.fromkeys(place_ko(d) for d in details))})")
    named = SIDE_KO[side]
    if lines:
        head = f"판독문에 {named}에 있다고 적힌 소견은 다음과 같습니다:\n"
        return Reply(head + "\n".join(lines), claims_of(findings, found))
    text = f"판독문에 {named}에 있다고 적힌 소견은 없습니다."
    if elsewhere:
        text += f" 판독문에 적힌 소견은 반대쪽의 {', '.join(elsewhere)}입니다."
    return Reply(text, claims_of(findings, found))
