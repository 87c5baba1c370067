"""The grounding check run on every answer: does it contradict its report?

What the answer asserts is compared with the report's labels. A backend that answers from the
report's own labels (the grounded one) hands its claims over as data (``ChatBackend.claims``).
A model's answer is read as text, but only what it asserts: quoted report sentences (“...”),
questions (example questions such as "기흉이 있나요?") and parenthesised examples are left out
before the labeler reads it. An answer that asserts a finding the report negates, or denies one
the report states, or gives it another side, severity, size (more than 20 % off) or direction of
change (``korad.details.detail_contradictions``), gets a warning quoting the report's evidence
sentence. Urgent findings of the
report (``korad.chat.triage``) add a notice to contact the care team.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from korad.chat.triage import Urgent, urgent, urgent_notices
from korad.details import DetailContradiction, detail_contradictions
from korad.findings import Findings, contradictions, label_report
from korad.glossary import korean_name
from korad.text import sentence_spans

_SAID = {"positive": "있다고", "negative": "없다고"}
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|‘[^’]*’|「[^」]*」|『[^』]*』|《[^》]*》")
_EXAMPLES = re.compile(r"\(\s*(?:예|예시|예를\s*들어|e\.g\.)\s*[:：,]?[^)]*\)", re.IGNORECASE)
_QUESTION = re.compile(r"\?|？|(?:나요|까요|가요|습니까|니까|ㄴ가요|는지요)\s*[.!]?\s*$")
_THRESHOLD = re.compile(
    r"\d+(?:\.\d+)?\s*(?:cm|mm|센티(?:미터)?|밀리(?:미터)?)\s*(?:보다|이상|이하|미만|초과|넘는|넘으면)"
    r"|(?:less|more|smaller|larger|greater) than \d+(?:\.\d+)?\s*(?:cm|mm)",
    re.IGNORECASE,
)
"""A size threshold ("3 cm보다 작은", "larger than 3 cm") compares, it does not measure a finding."""
_TERMS_WITH_CUES = re.compile(r"음영\s*증가")
"""Korean terms that hold a word the labeler reads as a cue ("폐 음영 증가": "증가" is part of the name)."""


@dataclass(frozen=True)
class Contradiction:
    """The answer states ``observation`` as ``claimed``; the report says ``reported`` in ``evidence``."""

    observation: str
    claimed: str
    reported: str
    evidence: str

    def message(self) -> str:
        name = korean_name(self.observation)
        return (
            f"[경고] 답변은 {name}({self.observation.lower()}) 소견이 {_SAID[self.claimed]} 했지만, 판독문에는 "
            f"{_SAID[self.reported]} 적혀 있습니다: “{self.evidence}”"
        )


@dataclass(frozen=True)
class Grounding:
    """The result of checking one answer against its report."""

    contradictions: list[Contradiction | DetailContradiction] = field(default_factory=list)
    """Findings stated with the opposite polarity, then details (side, severity, size, change) stated
    differently from the report (``DetailContradiction.kind``)."""
    urgent: list[Urgent] = field(default_factory=list)
    """The report's urgent findings, when this answer carries the notice."""

    @property
    def ok(self) -> bool:
        return not self.contradictions

    def messages(self) -> list[str]:
        """The warnings and notices, in Korean, warnings first."""
        return [c.message() for c in self.contradictions] + urgent_notices(self.urgent)


def asserted_text(answer: str) -> str:
    """The part of an answer that asserts: without quotations, examples in parentheses, size thresholds
    and questions."""
    text = _THRESHOLD.sub(" ", _EXAMPLES.sub(" ", _QUOTED.sub(" ", answer)))
    kept = []
    for start, end in sentence_spans(text):
        sentence = text[start:end].strip()
        if sentence and not _QUESTION.search(sentence):
            kept.append(sentence)
    return _TERMS_WITH_CUES.sub("음영", "\n".join(kept))


def asserted(answer: str) -> Findings:
    """What a model answer asserts, labelled (see ``asserted_text``)."""
    return label_report(asserted_text(answer))


def check_answer(
    report: str | None,
    answer: str,
    report_findings: Findings | None = None,
    *,
    claims: Findings | None = None,
    notice: bool = False,
) -> Grounding:
    """Check ``answer`` against ``report``.

    ``report_findings`` reuses a labelling of the report; ``claims`` is what the answer asserts as
    data (from a backend that knows it), else the answer's text is read; ``notice=True`` adds the
    report's urgent findings (a conversation decides when: ``korad.chat.conversation.check_reply``).
    """
    if not report or not answer.strip():
        return Grounding()
    findings = report_findings or label_report(report)
    said = claims if claims is not None else asserted(answer)
    found: list[Contradiction | DetailContradiction] = [
        Contradiction(observation, claimed, reported, findings.evidence.get(observation, ""))
        for observation, (claimed, reported) in contradictions(said.labels, findings.labels).items()
    ]
    found += detail_contradictions(said.details, findings.details)
    return Grounding(found, urgent(findings) if notice else [])
