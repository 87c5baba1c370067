"""Urgent and acute findings ("응급인가요?", "급한 이상은 없나요?")."""

from __future__ import annotations

import re

from korad.chat.acuity import no_acute_statement
from korad.chat.answers.facts import attributes_said, claims_of, details_of, evidence
from korad.chat.answers.normal import (
    abnormal_findings,
    chronic_findings,
    finding_names,
    misplaced_devices,
    misplaced_said,
    old_words,
)
from korad.chat.answers.wording import Reply, cite, finding_name, particle, yes_no
from korad.chat.questions import DEVICES, Question
from korad.chat.triage import urgent
from korad.findings import Findings

LASTING: frozenset[str] = frozenset({"Cardiomegaly", "Nodule", "Mass", "Lung Lesion"})
"""Findings that are no acute problem unless the report calls them new or worse (an acute question)."""
_OTHERWISE = re.compile(r"otherwise|그\s*외|이외|외에는|나머지", re.IGNORECASE)
"""A "nothing acute" statement about the rest ("Otherwise no acute process"): the findings before it count."""


def _acute_found(findings: Findings, statuses: tuple[str, ...], report: str) -> list[str]:
    """The report's findings that are acute (new) problems: not old, chronic or lasting ones."""
    return [
        o
        for o in abnormal_findings(findings, statuses, None, report)
        if o not in LASTING or any(d.change in ("new", "worse") for d in details_of(findings, o))
    ]


def acute_answer(findings: Findings, question: Question, report: str) -> Reply:
    """ "급한 이상은 없나요?" / "급성 소견 있나요?": from the report's "nothing acute" statement and its acute
    findings (a misplaced device and the urgent findings always count); old findings are named as not acute."""
    nothing_acute = no_acute_statement(report)
    trusted = bool(nothing_acute) and not _OTHERWISE.search(nothing_acute or "")
    acute = [] if trusted else _acute_found(findings, ("positive",), report)
    acute += [u.observation for u in urgent(findings) if u.observation not in acute and u.observation not in DEVICES]
    maybe = [] if trusted else _acute_found(findings, ("uncertain",), report)
    misplaced = misplaced_devices(findings)
    holds = bool(acute or misplaced)
    claims = claims_of(findings, acute + maybe)
    if holds:
        parts = []
        if acute:
            names = ", ".join(f"{finding_name(o)}{attributes_said(findings, o)}" for o in acute)
            quote = cite(evidence(findings, acute[0]))
            parts.append(f"판독문에 급성 이상으로 볼 수 있는 소견이 있습니다: {names}.{quote}")
        if misplaced:
            parts.append(misplaced_said(misplaced))
        lead = yes_no(question.direction == "abnormal", question.negated)
        return Reply(f"{lead}, " + " ".join(parts) + " 자세한 의미는 담당 의료진과 상의하세요.", claims)
    others = [o for o in abnormal_findings(findings, ("positive",), None, report) if o not in acute]
    old = chronic_findings(findings, None, report)
    claims.update(claims_of(findings, others + old))
    if trusted:  # the report itself calls them not acute
        others, old = others + old, []
    note = ""
    if others:
        names = finding_names(findings, others)
        kind = "급성은 아닌 소견으로 " if trusted else ""
        note = f" 다만 {kind}{names}{particle(names, '이', '가')} 적혀 있습니다."
    if old:
        names = finding_names(findings, old, old=False)
        note += (
            f" {old_words(old)} 소견으로 {names}{particle(names, '이', '가')} 적혀 있으며, 새로 생긴 문제는 아닙니다."
        )
    if maybe:
        return Reply(
            f"확실하지 않습니다. 급성 이상일 수 있는 {', '.join(finding_name(o) for o in maybe)}의 가능성이 언급되어 "
            f"있습니다.{cite(evidence(findings, maybe[0]))}{note} 자세한 의미는 담당 의료진과 상의하세요.",
            claims,
        )
    lead = yes_no(question.direction != "abnormal", question.negated)
    said = (
        f" 판독문에 급성 이상이 없다고 적혀 있습니다.{cite(nothing_acute)}"
        if trusted
        else " 판독문에 급성 이상으로 볼 소견(기흉, 폐렴, 흉수 등)은 적혀 있지 않습니다."
    )
    return Reply(f"{lead}, 급성(새로 생긴) 이상은 없습니다.{said}{note}", claims)


def urgency_answer(findings: Findings) -> Reply:
    """Whether the report holds findings that call for prompt care (``korad.chat.triage``), quoted; never
    a verdict of its own on the patient."""
    found = urgent(findings)
    if found:
        lines = [f"- {u.reason}.{cite(u.evidence)}" for u in found]
        return Reply(
            "판독문에 빠른 확인이 필요할 수 있는 소견이 있습니다:\n"
            + "\n".join(lines)
            + "\n담당 의료진에게 바로 연락하세요. 증상이 심하면 응급실을 찾으세요.",
            claims_of(findings, [u.observation for u in found]),
        )
    others = abnormal_findings(findings, ("positive", "uncertain"))
    said = (
        f" 다만 {', '.join(finding_name(o) for o in others)} 소견이 적혀 있으니 의미는 담당 의료진과 상의하세요."
        if others
        else ""
    )
    return Reply(
        "판독문에는 급히 조치해야 할 소견(예: 기흉, 많거나 늘어나는 흉수, 위치가 잘못된 관)은 적혀 있지 않습니다."
        + said
        + " 증상이 심하거나 갑자기 나빠지면 판독문과 관계없이 바로 진료를 받으세요.",
        claims_of(findings, others),
    )
