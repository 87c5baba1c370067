"""Whether the report states a finding for certain ("확진이에요?") or only weighs it."""

from __future__ import annotations

import re

from korad.chat.answers.facts import evidence, report_sentence, resolve, status
from korad.chat.answers.wording import Reply, cite, finding_name, particle, yes_no
from korad.chat.questions import Question
from korad.findings import Findings, hedged

_CONFIRMED_ASKED = re.compile(r"확진|확정|진단\s*(?:된|됐|받|이\s*된)|definite|confirmed", re.IGNORECASE)
"""A question whether a finding is a confirmed diagnosis ("ILD 확진이에요?", "폐렴으로 진단된 거예요?"); "확실해요?"
is answered by the presence answer ("확실하지 않습니다. ...")."""


def certainty_answer(findings: Findings, question: Question, report: str) -> Reply | None:
    """Whether the report states a finding for certain ("확진이에요?"): no where it only hedges ("r/o ILD"), yes
    where it states it; from the named finding, else from the report's sentence holding a word of the question
    ("ILD"); None when the question does not ask that or names nothing the report writes."""
    if not _CONFIRMED_ASKED.search(question.text):
        return None
    sentence, name = None, ""
    asked = [o for o in resolve(findings, question.observations) if status(findings, o) in ("positive", "uncertain")]
    if asked:
        sentence, name = evidence(findings, asked[0]) or "", finding_name(asked[0])
    else:
        for word in re.findall(r"[A-Za-z][A-Za-z-]{1,}", question.text):
            found = report_sentence(report, re.compile(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", re.I))
            if found:
                sentence, name = found, word
                break
    if sentence is None:
        return None
    weighed = hedged(sentence) or bool(asked and status(findings, asked[0]) == "uncertain")
    if weighed:
        return Reply(
            f"{yes_no(False, question.negated)}, 확실하지 않습니다. 판독문은 {name}의 가능성을 의심(언급)할 뿐 "
            f"확정하지 않았습니다.{cite(sentence)} 확진은 추가 검사와 담당 의료진의 판단으로 합니다."
        )
    return Reply(
        f"{yes_no(True, question.negated)}, 판독문에 {name}{particle(name, '이', '가')} 있다고 적혀 있습니다."
        f"{cite(sentence)} 다만 최종 진단은 증상과 다른 검사 결과를 함께 보고 담당 의료진이 내립니다."
    )
