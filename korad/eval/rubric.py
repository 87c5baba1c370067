"""The rubric shared by the LLM judge and the human reviewers (Argilla): five criteria, four levels.

Accuracy, conciseness, consistency and understandability rate an answer on its own; similarity
rates it against the reference answer. Each is scored 1-4: Unacceptable, Poor, Satisfactory,
Excellent, with what each level means written out for that criterion.

Rubric versions (``RUBRICS``): v1 asks for the five criteria; v2 also asks, in Korean, for the
answer's clinical errors against its report, by the types of ``korad.clinical_errors.ERROR_TYPES``,
each with the quoted span of the answer (docs/judge.md).
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


# --- clinical errors (rubric v2) --------------------------------------------------------------

ERROR_DEFINITIONS_KO = {
    "false_finding": "판독문에 없거나 판독문이 부정한 소견을 답변이 있다고 말함",
    "denied_finding": "판독문에 있는 소견을 답변이 없다고 말함",
    "wrong_side": "판독문에 있는 소견의 좌우(위치)를 다르게 말함",
    "wrong_severity": "판독문에 있는 소견의 정도(경도, 중등도, 중증 등)를 다르게 말함",
    "wrong_size": "판독문에 있는 소견의 크기나 수치를 다르게 말함",
    "wrong_change": "이전 검사와 비교한 변화(호전, 악화, 변화 없음)를 판독문과 다르게 말함",
    "wrong_device_position": "관, 카테터, 기구의 위치를 판독문과 다르게 말함",
    "unsupported_recommendation": "판독문에 없는 검사, 치료, 추적 관찰 등의 권고를 함",
}
"""What each of ``korad.clinical_errors.ERROR_TYPES`` means, in Korean, as the judge reads it (the test of
the judge's prompt checks that the two name the same types)."""


def errors_text() -> str:
    """The clinical-error part of rubric v2, in Korean: the types and how to count and quote them."""
    from korad.clinical_errors import ERROR_TYPES, ERROR_TYPES_KO  # the grounding check: imported only when asked

    lines = [
        "임상적 오류 (errors): 판독문을 기준으로, 답변에 있는 임상적 오류를 아래 유형별로 모두 찾아 세십시오.",
        *(f"  {kind} ({ERROR_TYPES_KO[kind]}): {ERROR_DEFINITIONS_KO[kind]}" for kind in ERROR_TYPES),
        "오류 하나마다 errors 목록에 항목 하나를 적습니다: type은 위 유형 이름 중 하나, quote는 그 오류가 있는 "
        "답변의 부분을 글자 그대로 옮긴 인용, explanation은 판독문과 어떻게 다른지 한국어 한 문장입니다.",
        "error_counts에는 모든 유형의 개수를 적고, 각 개수는 errors에 그 유형으로 적힌 항목 수와 같아야 합니다. "
        "오류가 없으면 errors는 빈 목록이고 모든 개수는 0입니다. 판독문과 맞는 내용, 판독문에 근거한 일반적인 "
        "설명은 오류가 아닙니다.",
    ]
    return "\n".join(lines)


@dataclass(frozen=True)
class Rubric:
    """One version of what the judge is asked: the criteria, and (from v2) the clinical error counts."""

    name: str
    prompt_version: str
    errors: bool


RUBRICS: dict[str, Rubric] = {
    "v1": Rubric("v1", "korad-judge-2", errors=False),
    "v2": Rubric("v2", "korad-judge-3", errors=True),
}
"""Every rubric version, kept selectable (``korad judge --rubric v1``): old judgments stay readable and
are never mixed with those of another version (the judgment key holds the version)."""

DEFAULT_RUBRIC = "v2"
