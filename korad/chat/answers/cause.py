"""Questions a report cannot decide (a symptom's cause): what it shows that bears on them."""

from __future__ import annotations

import re
from dataclasses import replace

from korad.chat.acuity import no_acute_statement
from korad.chat.answers.facts import (
    claims_of,
    details_of,
    evidence,
    place_ko,
    positive,
    report_sentence,
    resolve,
    sentence_of,
    status,
)
from korad.chat.answers.presence import CLEAR_LUNGS, presence_line
from korad.chat.answers.wording import YES_NO_LEAD, Reply, cite, finding_name
from korad.chat.questions import DEVICES, Question
from korad.findings import Findings


def _found_lines(findings: Findings, observations: list[str]) -> list[str]:
    """The present findings in plain Korean with their place, one line for each sentence of the report."""
    by_sentence: dict[str, list[str]] = {}
    for observation in observations:
        if status(findings, observation) not in ("positive", "uncertain"):
            continue
        sentence = " ".join((evidence(findings, observation) or "").split())
        by_sentence.setdefault(sentence, []).append(observation)
    lines = []
    for sentence, named in by_sentence.items():
        where = ", ".join(
            dict.fromkeys(
                w
                for o in named
                for d in details_of(findings, o)
                if d.status != "negative"
                and " ".join(sentence_of(findings, d).split()) == sentence
                and (w := place_ko(d))
            )
        )
        possible = all(status(findings, o) == "uncertain" for o in named)
        lines.append(
            ", ".join(finding_name(o) for o in named)
            + (f" ({where})" if where else "")
            + (" — 가능성으로 적힘" if possible else "")
            + f".{cite(sentence)}"
        )
    return lines


def bearing_lines(findings: Findings, question: Question, report: str) -> list[str]:
    """What the report shows that bears on a question it cannot decide (a treatment, a symptom's cause): the
    asked findings, else the report's present findings, else its statement that nothing is wrong."""
    asked = resolve(findings, question.observations) if question.observations else []
    if asked:
        return [YES_NO_LEAD.sub("", presence_line(findings, o, question, report)) for o in asked]
    lines = _found_lines(findings, [o for o in positive(findings, ("positive", "uncertain")) if o not in DEVICES])
    if lines:
        return lines[:4]
    normal = no_acute_statement(report) or report_sentence(report, CLEAR_LUNGS)
    return [f"이상 소견이 없다고 적혀 있습니다.{cite(normal)}"] if normal else []


_HEART_ASKED = re.compile(r"심장|heart|cardiac", re.IGNORECASE)


def cause_answer(findings: Findings, question: Question, report: str) -> Reply:
    """A question whether a symptom comes from a finding ("가슴 아픈 게 심장 때문이에요?"): what the report shows
    that bears on it, quoted, and that the cause is the care team's judgement, not the radiograph's."""
    named = bool(question.observations)  # "심장 때문이에요?" names no finding: a normal heart size rules out nothing
    if not question.observations and _HEART_ASKED.search(question.text):
        question = replace(question, observations=("Cardiomegaly",))
    lines = bearing_lines(findings, question, report)
    denied = all(line.startswith("판독문에는") and _DENIED.search(line) for line in lines)
    if lines and denied and named:
        return _denied_cause(findings, question, lines)
    heart = "심장에 대해 " if question.observations == ("Cardiomegaly",) else ""
    said = f"\n판독문에 {heart}적힌 내용: " + "\n".join(lines) if lines else ""
    return Reply(
        "증상의 원인은 흉부 X선 판독문만으로는 알 수 없습니다. 판독문은 사진에 보이는 소견을 적을 뿐, 증상이 그 소견 "
        f"때문인지는 진찰과 다른 검사 결과를 함께 보고 담당 의료진이 판단합니다.{said}",
        claims_of(findings, list(question.observations)),
    )


_CAUSE_JUDGED = "증상의 원인은 진찰과 다른 검사 결과를 함께 보고 담당 의료진이 판단합니다."
_DENIED = re.compile(r"없다고 적혀|적혀 있지 않|보이지 않는다고|깨끗")
"""A presence line that says the asked finding is not there ("판독문에는 폐렴(pneumonia)이 없다고 적혀 있습니다")."""


def _denied_cause(findings: Findings, question: Question, lines: list[str]) -> Reply:
    """ "열 나는 게 폐렴 때문이에요?" on "No pneumonia": 아니요 — the report denies the finding asked; what it does
    show is told, and the symptom's cause is left to the care team."""
    asked = set(resolve(findings, question.observations))
    shown = _found_lines(
        findings, [o for o in positive(findings, ("positive", "uncertain")) if o not in DEVICES and o not in asked]
    )
    instead = "\n판독문에 적힌 다른 소견: " + "\n".join(shown[:4]) if shown else ""
    return Reply(
        "아니요, " + "\n".join(lines) + instead + f"\n{_CAUSE_JUDGED}",
        claims_of(findings, list(question.observations)),
    )
