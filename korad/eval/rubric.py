"""The rubric shared by the LLM judge and the human reviewers (Argilla): five criteria, four levels.

Accuracy, conciseness, consistency and understandability rate an answer on its own; similarity
rates it against the reference answer. Each is scored 1-4: Unacceptable, Poor, Satisfactory,
Excellent, with what each level means written out for that criterion.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = {1: "Unacceptable", 2: "Poor", 3: "Satisfactory", 4: "Excellent"}


@dataclass(frozen=True)
class Criterion:
    name: str
    title: str
    question: str
    levels: dict[int, str]

    def text(self) -> str:
        """The criterion as the judge and reviewers read it."""
        lines = [f"{self.title} ({self.name}): {self.question}"]
        lines += [f"  {score} = {LEVELS[score]}: {meaning}" for score, meaning in self.levels.items()]
        return "\n".join(lines)


CRITERIA: dict[str, Criterion] = {
    c.name: c
    for c in (
        Criterion(
            "accuracy",
            "정확성",
            "Is every statement in the answer supported by the report and medically correct?",
            {
                1: "states a finding the report contradicts or does not contain, or gives dangerous advice",
                2: "mostly on topic but with a factual error or an unsupported claim",
                3: "correct and grounded in the report, with a minor imprecision or omission",
                4: "fully correct, every statement grounded in the report",
            },
        ),
        Criterion(
            "conciseness",
            "간결성",
            "Is the answer short and to the point (about three sentences or fewer)?",
            {
                1: "long, rambling or mostly irrelevant",
                2: "noticeably longer than needed or repetitive",
                3: "reasonably short with a little unnecessary content",
                4: "short and to the point",
            },
        ),
        Criterion(
            "consistency",
            "일관성",
            "Is the answer consistent with itself, with the question asked and with the report's terms?",
            {
                1: "contradicts itself or answers a different question",
                2: "partly inconsistent or only partly answers the question",
                3: "consistent, with a small mismatch in terms or scope",
                4: "fully consistent and answers exactly the question",
            },
        ),
        Criterion(
            "understandability",
            "이해 용이성",
            "Would a Korean patient understand the answer (plain Korean, terms explained)?",
            {
                1: "not Korean, or incomprehensible to a patient",
                2: "heavy jargon or awkward Korean that a patient would struggle with",
                3: "understandable, with some unexplained terms",
                4: "clear, natural Korean a patient understands",
            },
        ),
        Criterion(
            "similarity",
            "유사성",
            "How close is the answer in content to the reference answer?",
            {
                1: "unrelated to or contradicting the reference",
                2: "shares little of the reference's content",
                3: "covers most of the reference's content",
                4: "the same content as the reference",
            },
        ),
    )
}
"""The five criteria, in report order."""

POINTWISE = ("accuracy", "conciseness", "consistency", "understandability")
"""The criteria judged on the answer alone (similarity needs the reference)."""
