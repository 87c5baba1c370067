"""Fitness for an operation ("수술해도 괜찮을까요?"): what the report shows now, never a verdict on the patient."""

from __future__ import annotations

import re

from korad.chat.acuity import no_acute_statement
from korad.chat.answers.facts import attributes_said, claims_of, sentence_around
from korad.chat.answers.normal import (
    abnormal_findings,
    chronic_findings,
    chronic_note,
    misplaced_devices,
    misplaced_said,
    possible_said,
)
from korad.chat.answers.wording import Reply, cite, finding_name
from korad.chat.questions import ACTIVITY_ASKED, CLEARANCE_ASKED, Question
from korad.findings import Findings
from korad.sections import reported_text

POSTOP_SAID = re.compile(
    r"(?:expected|usual|typical|anticipated)\s+(?:post-?operative|post-?surgical)[^.]*"
    r"|post-?(?:operative|surgical)\s+(?:changes?|appearance|state|status)|\bs/p\b[^.]*|status post[^.]*"
    r"|(?:수술|절제술?|[A-Za-z]+ectomy|[A-Za-z]+otomy)\s*(?:후|뒤|이후)\s*(?:변화|상태|소견|예상)[^.]*"
    r"|post-?\s?(?:operative|surgical)\s+(?:\w+\s+){0,2}(?:after|of|from)\s[^.]*",
    re.IGNORECASE,
)
"""The report's statement about an operation ("Expected postoperative appearance", "S/P CABG", "수술 후 변화",
"Lt. lower lobectomy 후 변화", "Stable postoperative appearance after right upper lobectomy")."""
_EXPECTED = re.compile(r"expected|usual|typical|anticipated|예상", re.IGNORECASE)


def fitness_answer(findings: Findings, question: Question, report: str) -> Reply:
    """ "수술해도 괜찮을까요?" / "수술 후 괜찮은 상태인가요?": what the report shows now (acute findings or their
    absence, the report's word on the operation, old findings), never a 네/아니요 about the patient."""
    found = abnormal_findings(findings, ("positive",), None, report)
    uncertain = abnormal_findings(findings, ("uncertain",), None, report)
    misplaced = misplaced_devices(findings)
    chronic_found = chronic_findings(findings, None, report)
    nothing_acute = no_acute_statement(report)
    parts = []
    said_postop = list(POSTOP_SAID.finditer(reported_text(report))) if report else []
    postop = next((m for m in said_postop if _EXPECTED.search(m.group())), said_postop[0] if said_postop else None)
    if postop:
        said = "수술 후 예상되는 범위의 모습이라고" if _EXPECTED.search(postop.group()) else "수술 후 변화가 있다고"
        parts.append(f"판독문은 {said} 적었습니다.{cite(sentence_around(report, postop))}")
    if found:
        names = ", ".join(f"{finding_name(o)}{attributes_said(findings, o)}" for o in found)
        parts.append(f"판독문에 적힌 소견: {names}.")
    if uncertain:
        parts.append(possible_said(uncertain))
    if misplaced:
        parts.append(misplaced_said(misplaced))
    if not found and not uncertain and not misplaced:
        parts.append(f"판독문상 급성(새로 생긴) 이상 소견은 없습니다.{cite(nothing_acute)}")
    elif nothing_acute:
        parts.append(f"판독문은 급성 이상은 없다고 적었습니다.{cite(nothing_acute)}")
    note = chronic_note(findings, chronic_found).strip()
    if note:
        parts.append(note)
    if ACTIVITY_ASKED.search(question.text):  # "비행기 타도 돼요?": the care team's advice
        parts.append(
            "그 활동을 해도 되는지는 판독문만으로 정할 수 없고, 증상과 진찰 결과를 함께 보고 담당 의료진이 판단합니다."
        )
    elif CLEARANCE_ASKED.search(question.text):  # "입사 건강검진 통과 가능해요?": the examining doctor's decision
        parts.append(
            "검진 통과나 입사·입대 등의 판정은 판독문만으로 정할 수 없고, 진찰과 다른 검사 결과를 함께 보고 검진 "
            "기관의 담당 의사가 판정합니다."
        )
    else:
        parts.append(
            "수술을 해도 되는지, 수술 후 경과가 괜찮은지는 판독문만으로 정할 수 없고 진찰과 다른 검사 결과를 함께 보고 "
            "담당 의료진이 판단합니다."
        )
    return Reply(" ".join(parts), claims_of(findings, found + uncertain + chronic_found))
