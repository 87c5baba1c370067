"""The ``grounded`` backend: answers about a report without any model.

It reads the report with the findings labeler and answers four kinds of Korean question:

- presence ("기흉이 있나요?"): yes / no / uncertain / not mentioned, quoting the report's sentence;
- normality ("정상인가요?"): from "No Finding" and the positive findings;
- summary ("요약해 주세요"): the impression and the positive findings in plain Korean;
- meaning ("무기폐가 무슨 뜻인가요?"): from the Korean glossary.

Anything else gets a short statement of what it can answer. It is the default backend, so the
Space works on a machine with no model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from korad.chat.backends import ChatBackend
from korad.findings import Findings, label_report
from korad.glossary import KOREAN_NAMES, Term, explanation, find_terms
from korad.prompts import extract_question, extract_report
from korad.sections import parse_sections
from korad.text import HANGUL, HANGUL_RE

_MEANING = re.compile(
    r"뜻|의미|무엇인가요|무엇인지|뭔가요|뭔지|뭐예요|뭐에요|뭐야|무엇이에요|이란\??$|란\??$"
    r"|\bmean|\bwhat (?:is|are|does)\b",
    re.IGNORECASE,
)
_SUMMARY = re.compile(r"요약|정리|결론|종합|전체적|결과(?:가|는)?\s*(?:어떤|어때|뭐|무엇)|설명해|summar", re.IGNORECASE)
_NORMAL = re.compile(
    r"정상|이상\s*(?:소견)?\s*(?:이|은|는)?\s*(?:있|없)|문제\s*(?:가|는)?\s*(?:있|없)|괜찮|\bnormal\b", re.IGNORECASE
)
_PIECE = re.compile(r"\S+\s*")

NO_REPORT = "판독문이 없습니다. 먼저 흉부 X선 판독문을 붙여 넣거나 예시 판독문을 골라 주세요."
CANNOT_ANSWER = (
    "이 질문은 판독문만으로는 답할 수 없습니다. 모델 없이 판독문을 읽는 이 모드에서는 다음을 물어볼 수 있습니다: "
    "특정 소견이 있는지(예: “기흉이 있나요?”), 판독문 요약(“요약해 주세요”), 정상인지(“정상인가요?”), "
    "용어의 뜻(“무기폐가 무슨 뜻인가요?”)."
)


def particle(word: str, with_final: str, without_final: str) -> str:
    """The Korean particle that fits ``word`` (이/가, 은/는, 을/를, 과/와), by its last syllable."""
    hangul = HANGUL_RE.findall(word)
    if not hangul:
        return with_final
    return with_final if (ord(hangul[-1]) - ord(HANGUL[0])) % 28 else without_final  # 28 finals per initial+vowel


def _named(observation: str) -> str:
    return f"{KOREAN_NAMES[observation]}({observation.lower()})"


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.])\s", text, maxsplit=1)[0]


def _quote(findings: Findings, observation: str) -> str:
    evidence = findings.evidence.get(observation)
    return f" 판독문: “{evidence}”" if evidence else ""


def presence_answer(findings: Findings, observation: str) -> str:
    """Whether the report states ``observation``, quoting its sentence."""
    name = KOREAN_NAMES[observation]
    subject = f"{_named(observation)}{particle(name, '이', '가')}"
    status = findings.labels.get(observation)
    if status == "positive":
        meaning = _first_sentence(explanation(observation))
        return f"네, 판독문에 {subject} 있다고 적혀 있습니다.{_quote(findings, observation)} {meaning}"
    if status == "negative":
        return f"아니요, 판독문에는 {subject} 없다고 적혀 있습니다.{_quote(findings, observation)}"
    if status == "uncertain":
        return (
            f"확실하지 않습니다. 판독문은 {_named(observation)}의 가능성을 언급합니다.{_quote(findings, observation)} "
            "추가 검사나 담당 의료진의 설명이 필요할 수 있습니다."
        )
    return f"판독문에 {_named(observation)}에 대한 언급이 없어, 이 판독문으로는 확인할 수 없습니다."


def _listing(findings: Findings, status: str) -> list[str]:
    return [o for o, label in findings.labels.items() if label == status and o != "No Finding"]


def normality_answer(findings: Findings) -> str:
    """Whether the report is normal: "No Finding", or the findings that make it abnormal."""
    positive, uncertain = _listing(findings, "positive"), _listing(findings, "uncertain")
    devices_only = set(positive) <= {"Support Devices"} and not uncertain
    if findings.labels.get("No Finding") == "positive" and devices_only:
        extra = " 다만 삽입된 의료기구가 보입니다." if positive else ""
        return f"네, 판독문상 특별한 이상 소견은 없습니다.{extra}"
    parts = []
    if positive:
        parts.append(f"판독문에 {', '.join(_named(o) for o in positive)} 소견이 있습니다.")
    if uncertain:
        parts.append(f"{', '.join(_named(o) for o in uncertain)}의 가능성도 언급되어 있습니다.")
    return "아니요, 완전히 정상은 아닙니다. " + " ".join(parts) + " 자세한 의미는 담당 의료진과 상의하세요."


def summary_answer(report: str, findings: Findings) -> str:
    """The impression (or findings) quoted, then the positive and uncertain findings in plain Korean."""
    sections = parse_sections(report)
    conclusion = sections.get("impression") or sections.get("findings")
    lines = []
    if conclusion:
        label = "결론" if sections.get("impression") else "소견"
        lines.append(f"판독문의 {label}: “{' '.join(conclusion.split())}”")
    positive, uncertain = _listing(findings, "positive"), _listing(findings, "uncertain")
    for observation in positive:
        lines.append(f"- {_named(observation)}: {_first_sentence(explanation(observation))}")
    if uncertain:
        lines.append(f"- 가능성이 언급된 소견: {', '.join(_named(o) for o in uncertain)}")
    if not positive and not uncertain:
        lines.append("특별한 이상 소견은 없다고 적혀 있습니다.")
    negative = _listing(findings, "negative")
    if negative:
        names = ", ".join(KOREAN_NAMES[o] for o in negative)
        lines.append(f"{names}{particle(names, '은', '는')} 없다고 적혀 있습니다.")
    return "\n".join(lines)


def meaning_answer(terms: list[Term], findings: Findings) -> str:
    """The glossary explanation of each term asked (at most two), with the report's status of it."""
    parts = []
    for term in terms[:2]:
        text = f"{term.korean}({term.english}): {term.explanation}"
        status = findings.labels.get(term.observation) if term.observation else None
        if status and term.observation != "No Finding":
            said = {"positive": "있다고", "negative": "없다고", "uncertain": "가능성이 있다고"}[status]
            text += f" 이 판독문에는 {said} 적혀 있습니다."
        parts.append(text)
    return "\n".join(parts)


def asked_observations(question: str) -> list[str]:
    """The observations a question asks about, in order (the labeler's mentions and glossary terms)."""
    found = [m.observation for m in label_report(question).mentions]
    found += [t.observation for t in find_terms(question) if t.observation and t.observation != "No Finding"]
    return list(dict.fromkeys(found))


def answer_question(report: str | None, question: str) -> str:
    """The grounded answer to ``question`` about ``report``."""
    if not report or not report.strip():
        return NO_REPORT
    findings = label_report(report)
    if _MEANING.search(question):
        terms = find_terms(question)
        if terms:
            return meaning_answer(terms, findings)
    observations = asked_observations(question)
    if observations:
        return "\n".join(presence_answer(findings, o) for o in observations[:3])
    if _SUMMARY.search(question):
        return summary_answer(report, findings)
    if _NORMAL.search(question):
        return normality_answer(findings)
    return CANNOT_ANSWER


class GroundedBackend(ChatBackend):
    """Answers from the findings labeler and the glossary; the report comes from the first user turn."""

    name = "grounded"

    def stream(self, messages: list[dict[str, Any]]) -> Iterator[str]:
        users = [m["content"] for m in messages if m.get("role") == "user"]
        report = next((r for r in map(extract_report, users) if r), None)
        answer = answer_question(report, extract_question(users[-1]) if users else "")
        yield from _PIECE.findall(answer)
