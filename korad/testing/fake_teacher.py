"""A deterministic stand-in for the teacher LLM, for the local OpenAI-compatible server.

It recognises the datasets_builder prompts and answers each in a form that the pipeline's checks
can verify: translations that keep numbers, laterality and findings (built from the findings
labeler and the Korean glossary), one question per requested task as JSON, and answers grounded in
the report's labels. It is not a translator or a model; it makes the pipeline testable offline.
"""

from __future__ import annotations

import json
import re
from typing import Any

from korad.datasets_builder.checks import LATERALITY
from korad.datasets_builder.prompts import DOCUMENT_QUESTIONS_SYSTEM, QUESTIONS_SYSTEM, TRANSLATE_SYSTEM
from korad.findings import label_report
from korad.glossary import KOREAN_NAMES
from korad.prompts import extract_question, extract_report
from korad.sections import parse_sections
from korad.text import DEID_MARK

_HEADERS_KO = {
    "examination": "검사",
    "history": "병력",
    "indication": "검사 사유",
    "technique": "기법",
    "comparison": "비교",
    "findings": "소견",
    "impression": "결론",
    "other": "참고",
}
_POLARITY_KO = {"positive": "소견이 있음", "negative": "소견은 없음", "uncertain": "가능성이 있음"}
_MEASURE = re.compile(r"\d+(?:\.\d+)?\s*(?:cm|mm|%|ml|cc|kg|mmhg)?(?![a-z])", re.IGNORECASE)
_SIDES_KO = {"right": "우측", "left": "좌측", "bilateral": "양측"}


def _messages(request: dict[str, Any]) -> tuple[str, str]:
    messages = request.get("messages", [])
    system = next((m["content"] for m in messages if m["role"] == "system"), "")
    user = next((m["content"] for m in reversed(messages) if m["role"] == "user"), "")
    return system, user


def _translate_sentence(sentence: str) -> str:
    mentions = {m.observation: m.label for m in label_report(sentence).mentions}
    sides = " ".join(_SIDES_KO[side] for side, (in_source, _) in LATERALITY.items() if in_source.search(sentence))
    parts = [f"{KOREAN_NAMES[o]}({o.lower()}) {_POLARITY_KO[p]}" for o, p in mentions.items()]
    text = (sides + " " if sides else "") + (", ".join(parts) if parts else "특이 사항 기술")
    extras = _MEASURE.findall(sentence) + DEID_MARK.findall(sentence)
    return text + (f" ({', '.join(e.strip() for e in extras)})" if extras else "") + "."


def fake_translation(report: str) -> str:
    """Korean 'translation' of an English report: every sentence's findings, numbers and sides kept."""
    lines = []
    for name, body in parse_sections(report).items():
        if not body:
            continue
        sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", body) if s.strip()]
        translated = " ".join(_translate_sentence(s) for s in sentences)
        lines.append(translated if name == "preamble" else f"{_HEADERS_KO[name]}: {translated}")
    return "\n".join(lines)


def fake_questions(user: str) -> str:
    report = extract_report(user) or ""
    tasks = json.loads(re.search(r"과제 유형 \(순서대로 하나씩\): (\[.*?\])", user).group(1))
    labels = label_report(report).labels
    finding = next((o for o, p in labels.items() if o != "No Finding"), "Pneumothorax")
    templates = {
        "qa": "이 판독문에서 가장 중요한 소견은 무엇인가요?",
        "abbreviation": "판독문에 나온 약어들을 풀어서 설명해 주세요.",
        "paraphrase": "판독 결과를 다른 말로 바꾸어 설명해 주세요.",
        "summary": "판독문을 짧게 요약해 주세요.",
        "patient_explanation": "환자가 이해할 수 있도록 결과를 쉽게 설명해 주세요.",
        "finding_check": f"{KOREAN_NAMES[finding]} 소견이 있나요?",
    }
    return json.dumps({"questions": [{"task": t, "question": templates[t]} for t in tasks]}, ensure_ascii=False)


def fake_answer(user: str) -> str:
    report = extract_report(user) or ""
    question = extract_question(user)
    labels = label_report(report).labels
    asked = [m.observation for m in label_report(question).mentions]
    if asked:
        observation = asked[0]
        name = KOREAN_NAMES[observation]
        verdict = labels.get(observation)
        if verdict == "positive":
            return f"네, 판독문에 {name} 소견이 있다고 되어 있습니다. 자세한 내용은 담당 의료진과 상의하세요."
        if verdict == "negative":
            return f"아니요, 판독문상 {name} 소견은 없습니다."
        if verdict == "uncertain":
            return f"판독문에는 {name} 가능성이 언급되어 있습니다. 추가 검사가 필요할 수 있습니다."
        return f"판독문에서는 {name}에 대해 확인할 수 없습니다."
    positives = [KOREAN_NAMES[o] for o, p in labels.items() if p == "positive" and o != "No Finding"]
    if not positives:
        return "판독문상 특별한 이상 소견은 보이지 않습니다."
    return f"판독문의 주요 소견은 {', '.join(positives)}입니다. 자세한 의미는 담당 의료진과 상의하세요."


def fake_teacher(request: dict[str, Any]) -> str:
    """Answer a datasets_builder request the way a careful teacher would, deterministically."""
    system, user = _messages(request)
    if system.startswith(TRANSLATE_SYSTEM[:60]):
        return fake_translation(extract_report(user) or "")
    if system.startswith((QUESTIONS_SYSTEM[:40], DOCUMENT_QUESTIONS_SYSTEM[:40])):
        return fake_questions(user)
    return fake_answer(user)
