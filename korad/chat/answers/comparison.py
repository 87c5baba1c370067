"""The prior study: whether the report has one, says the whole study is unchanged, or compared."""

from __future__ import annotations

import re

from korad.chat.answers.facts import report_sentence, sentence_around, sentence_of
from korad.chat.answers.wording import Reply, cite, finding_name, yes_no
from korad.chat.questions import Question
from korad.details import change_ko
from korad.findings import Findings, label
from korad.sections import parse_sections, reported_text
from korad.text import sentence_spans

_STABLE_REPORT = re.compile(
    r"\b(?:no\s+(?:significant\s+|definite\s+|appreciable\s+|substantial\s+)?(?:interval\s+)?change"
    r"|not\s+(?:significantly\s+|substantially\s+)?changed|(?:unchanged|stable)\s+(?:since|from|compared)"
    r"|(?:unchanged|stable)\s+(?:appearance|exam(?:ination)?|study|chest)|similar\s+to\s+(?:the\s+)?prior"
    r"|(?:little|minimal|slight)\s+(?:interval\s+)?change|(?:essentially|grossly)\s+unchanged)\b"
    r"|변화\s*(?:가\s*)?없|이전과\s*(?:비슷|동일|유사)|(?:큰\s*|별\s*)?(?:차이|변동)(?:가|는|이)?\s*없",
    re.IGNORECASE,
)
"""A statement that the study is unchanged ("No interval change", "이전과 비슷함")."""


def whole_study_unchanged(report: str) -> str | None:
    """The report's sentence saying the whole study is unchanged: a "no change" sentence that names no
    finding ("좌상엽 결절, 이전과 비교하여 변화 없음" is about the nodule, not about the pneumonia), else None."""
    text = reported_text(report)
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if _STABLE_REPORT.search(sentence) and not any(o != "No Finding" for o in label(sentence)):
            return " ".join(sentence.split())
    return None


_NONE_WRITTEN = re.compile(
    r"^\W*(?:none|n/?a|no prior|not available|unavailable|없음|없습니다|없다|해당\s*없음|-+)"
    r"(?:\s+(?:available|found|on file|for comparison))?\W*$",
    re.IGNORECASE,
)
"""A comparison field's sentence that says only "none" ("None.", "N/A", "없음"): read in that field alone,
where "None." can mean nothing but "no prior study"."""
_NO_PRIOR = re.compile(
    r"\bno (?:prior|previous|old|comparison|comparable) (?:chest )?"
    r"(?:studies|study|exams?|examinations?|films?|images?|imaging|radiographs?|cxrs?)"
    r"(?: (?:are |is |were |was )?(?:available|on file|for comparison))?"
    r"|\bcomparisons?\s*[:：]\s*(?:none|n/?a|not available|unavailable|없음)\b"
    r"|\bwithout (?:a )?(?:prior|previous) (?:studies|study|exams?|films?|radiographs?) for comparison"
    r"|\bcomparison\s+(?:is\s+|was\s+)?(?:not\s+(?:possible|available|feasible)|impossible)"
    r"|(?:비교할|이전|과거|예전)\s*(?:[가-힣]{1,3}\s+)?(?:검사|영상|사진|study|film|촬영)(?:(?!변화|차이|비교)[가-힣\s]){0,6}없(?!던|었던)"
    r"|비교\s*(?:[:：]\s*)?(?:대상|검사|영상)?\s*(?:이|가)?\s*없|비교(?!적)\s*(?:가|는|이)?\s*(?:불가|할\s*수\s*없|하지\s*못)",
    re.IGNORECASE,
)
"""A sentence anywhere in a report that says there is no prior study ("No prior studies available for
comparison.", "... Comparison: None.", "비교할 이전 검사 없음")."""


def no_prior(report: str) -> str | None:
    """The report's statement that it has no prior study to compare with ("COMPARISON: None.",
    "Comparison: None available.", "No prior studies available for comparison", "비교할 이전 검사 없음"),
    else None. The one reading of it: the chat's change answers and the clinical error count use it.

    The comparison field is read sentence by sentence ("COMPARISON: Outside films requested. None
    available."); a bare "None" counts only there, never as a report's findings ("FINDINGS: None.")."""
    if not report:
        return None
    comparison = (parse_sections(report).get("comparison") or "").strip()
    if any(
        _NONE_WRITTEN.search(comparison[start:end]) or _NO_PRIOR.search(comparison[start:end])
        for start, end in sentence_spans(comparison)
    ):
        return f"Comparison: {comparison}"
    match = _NO_PRIOR.search(reported_text(report))
    return sentence_around(report, match) if match else None


_COMPARED_WRITTEN = re.compile(
    r"\bcompar\w*|\bprior\b|\bprevious\w*|\binterval\b|\bsince\b|\bunchanged\b|이전|대비|비교(?!적)|지난\s*(?:검사|사진)",
    re.IGNORECASE,
)


def compared_result(report: str, findings: Findings | None) -> str:
    """What the comparison showed, as a sentence to add to "네, 비교했습니다": the report's "no change" of the whole
    study, else the changes it writes of its findings (at most four), else ""."""
    unchanged = whole_study_unchanged(report)
    if unchanged:
        return f"\n이전 검사와 비교해 전체적으로 변화가 없다(안정적)고 적혀 있습니다. 판독문: “{unchanged}”"
    changed: dict[str, str] = {}
    for detail in findings.details if findings else []:
        told = change_ko(detail) if detail.status == "positive" else None
        if told and detail.observation not in changed:
            quoted = sentence_of(findings, detail)
            changed[detail.observation] = f"- {finding_name(detail.observation)}: {told}. 판독문: “{quoted}”"
    if not changed:
        return ""
    return "\n비교한 결과 판독문에 적힌 변화:\n" + "\n".join(list(changed.values())[:4])


def compared_answer(report: str, question: Question, findings: Findings | None = None) -> Reply:
    """Whether the study was compared with a prior one: the report's "no prior", its comparison field or a
    sentence that compares, and what the comparison showed (``compared_result``)."""
    none = no_prior(report)
    if none:
        return Reply(
            f"{yes_no(False, question.negated)}, 판독문에는 비교할 이전 검사가 없다고 적혀 있어, 이전 검사와 비교하지 "
            f"않았습니다.{cite(none)}"
        )
    comparison = " ".join((parse_sections(report).get("comparison") or "").split())
    sentence = report_sentence(report, _COMPARED_WRITTEN)
    if comparison or sentence:
        quoted = " ".join(f"“{q}”" for q in filter(None, (comparison and f"Comparison: {comparison}", sentence)))
        said = f"{yes_no(True, question.negated)}, 판독문은 이전 검사와 비교했습니다. 판독문: {quoted}"
        return Reply(said + compared_result(report, findings))
    return Reply(f"{yes_no(False, question.negated)}, 판독문에는 이전 검사와 비교했다는 내용이 적혀 있지 않습니다.")
