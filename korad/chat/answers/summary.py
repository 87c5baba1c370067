"""The report summarised: its conclusion quoted, then its findings in plain Korean."""

from __future__ import annotations

from korad.chat.acuity import chronic, no_acute_statement
from korad.chat.answers.bones import FRACTURES
from korad.chat.answers.facts import attributes_said, claims_of, positive, status
from korad.chat.answers.heart import CTR_LIMIT, cardiothoracic_ratio
from korad.chat.answers.normal import chronic_findings
from korad.chat.answers.report_words import report_words_found
from korad.chat.answers.wording import OLD_FRACTURE_MEANING, Reply, explanation_of, finding_name, particle
from korad.findings import Findings, hedged
from korad.glossary import korean_name
from korad.sections import parse_sections


def summary_answer(report: str, findings: Findings, brief: bool = False) -> Reply:
    """The impression (or findings) quoted, then the positive and uncertain findings in plain Korean; ``brief``
    ("한 줄로"): the impression alone, when the report has one."""
    sections = parse_sections(report)
    conclusion = sections.get("impression") or sections.get("findings")
    lines = []
    if conclusion:
        label = "결론" if sections.get("impression") else "소견"
        lines.append(f"판독문의 {label}: “{' '.join(conclusion.split())}”")
        if brief and sections.get("impression"):
            return Reply(lines[0], claims_of(findings, positive(findings) + positive(findings, ("uncertain",))))
    found, uncertain = positive(findings), positive(findings, ("uncertain",))
    nothing_acute = no_acute_statement(report)
    if nothing_acute and (found or uncertain):
        lines.append("급성(새로 생긴) 이상 소견은 없다고 적혀 있습니다.")
    settled_found = set(chronic_findings(findings, None, report))
    for observation in found:
        old = observation in FRACTURES and chronic(findings, observation)
        meaning = OLD_FRACTURE_MEANING if old else explanation_of(observation)
        tag = " (오래된·만성 소견)" if observation in settled_found and not old else ""
        lines.append(
            f"- {'오래된 ' if old else ''}{finding_name(observation)}{attributes_said(findings, observation)}{tag}"
            + (f": {meaning}" if meaning else "")
        )
    words = [(w, s) for w, s in report_words_found(report) if not (w.observation and status(findings, w.observation))]
    for word, sentence in words:
        possible = " (가능성이 언급됨)" if hedged(sentence) else ""
        lines.append(f"- {word.korean}{possible}: {word.explanation}")
    ratio = cardiothoracic_ratio(report)
    if ratio:
        lines.append(f"- CTR(심흉곽비) {ratio[0]:g}: {CTR_LIMIT}보다 크면 심장이 커진 것으로 봅니다.")
    if uncertain:
        lines.append(f"- 가능성이 언급된 소견: {', '.join(finding_name(o) for o in uncertain)}")
    if not found and not uncertain and not words:
        lines.append("특별한 이상 소견은 없다고 적혀 있습니다.")
    negative = [o for o, label in findings.labels.items() if label == "negative"]
    if negative:
        names = ", ".join(korean_name(o) for o in negative)
        lines.append(f"{names}{particle(names, '은', '는')} 없다고 적혀 있습니다.")
    return Reply("\n".join(lines), claims_of(findings, found + uncertain + negative))
