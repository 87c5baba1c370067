"""What a term means ("무기폐가 무슨 뜻인가요?"), from the glossary, with the report's status of it."""

from __future__ import annotations

from korad.chat.answers.facts import status
from korad.chat.answers.report_words import REPORT_WORDS, report_word_reading
from korad.chat.answers.wording import REPORT_NAMES, Reply, particle
from korad.findings import Findings
from korad.glossary import Term
from korad.sections import reported_text


def _report_word_status(term: Term, report: str) -> str:
    """What the report says of a glossary term outside the labeler's vocabulary (a ``REPORT_WORDS`` diagnosis:
    "r/o NTM", "sarcoidosis vs lymphoma"), as a sentence with its quote; "" when it says nothing."""
    word = next((w for w in REPORT_WORDS if w.written.search(f"{term.korean} {term.english}")), None)
    reading = report_word_reading(word, reported_text(report)) if word and report else None
    if reading is None:
        return ""
    sentence, said = reading
    quote = f"(판독문: “{sentence}”)."
    if said == "possible":
        return f" 이 판독문에는 {word.korean}의 가능성이 적혀 있습니다{quote}"
    said = "없다고" if said == "denied" else "있다고"
    return f" 이 판독문에는 {word.korean}{particle(word.korean, '이', '가')} {said} 적혀 있습니다{quote}"


def meaning_answer(terms: list[Term], findings: Findings, report: str = "") -> Reply:
    """The glossary explanation of each term asked (at most two), with the report's status of it."""
    parts, claims = [], {}
    for term in terms[:2]:
        text = f"{term.korean}({term.english}): {term.explanation}"
        said = status(findings, term.observation) if term.observation else None
        if term.observation is None:
            text += _report_word_status(term, report)
        if said and term.observation == "Edema" and "Edema" in (REPORT_NAMES.get() or {}) and "울혈" not in term.korean:
            parts.append(text + " 이 판독문에는 폐부종이 아니라 폐울혈(혈관에 피가 몰려 있음)이 적혀 있습니다.")
            continue
        if said and term.observation != "No Finding":
            word = {"positive": "있다고", "negative": "없다고", "uncertain": "가능성이 있다고"}[said]
            text += f" 이 판독문에는 {word} 적혀 있습니다."
            claims[term.observation] = said
        parts.append(text)
    return Reply("\n".join(parts), claims)
