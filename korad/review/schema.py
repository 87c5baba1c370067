"""The Argilla dataset for review: the fields, the rubric questions, the metadata.

The four 1-4 ratings carry the same rubric text the LLM judge reads (``korad.eval.rubric``), so
judge and reviewers score the same thing. The model that wrote an answer is metadata hidden from
reviewers.
"""

from __future__ import annotations

from typing import Any

from korad.artifacts import InputError
from korad.eval.rubric import CRITERIA, LEVELS, POINTWISE

FIELDS = ("report", "question", "answer")
VERDICT = "verdict"
CORRECTION = "corrected_answer"
COMMENT = "comment"
QUESTIONS = (*POINTWISE, VERDICT, CORRECTION, COMMENT)
METADATA = ("qa_id", "task", "model", "split")

GUIDELINES = (
    "흉부 X선 판독문과 질문, 답변을 읽고 네 가지 기준을 1-4점으로 평가하세요 "
    f"({', '.join(f'{k} = {v}' for k, v in LEVELS.items())}). 답변을 데이터셋에 넣어도 되면 accept, 아니면 "
    "reject를 고르세요. 고쳐 쓴 답변이 있으면 corrected_answer에 적으세요(accept일 때 원래 답변 대신 쓰입니다). "
    "답변을 만든 모델은 보이지 않습니다.\n\n" + "\n\n".join(CRITERIA[c].text() for c in POINTWISE)
)


def review_settings(client, min_submitted: int = 2):
    """The ``rg.Settings`` of a korad review dataset (``client``: the ``rg.Argilla`` it belongs to)."""
    import argilla as rg

    return rg.Settings(
        guidelines=GUIDELINES,
        fields=[
            rg.TextField(client=client, name="report", title="판독문 (report)"),
            rg.TextField(client=client, name="question", title="질문 (question)"),
            rg.TextField(client=client, name="answer", title="답변 (answer)"),
        ],
        questions=[
            *(
                rg.RatingQuestion(
                    client=client,
                    name=criterion,
                    title=f"{CRITERIA[criterion].title} ({criterion})",
                    description=CRITERIA[criterion].text(),
                    values=[1, 2, 3, 4],
                )
                for criterion in POINTWISE
            ),
            rg.LabelQuestion(
                client=client,
                name=VERDICT,
                title="채택 여부 (accept/reject)",
                labels={"accept": "채택", "reject": "거부"},
            ),
            rg.TextQuestion(client=client, name=CORRECTION, title="고친 답변 (optional)", required=False),
            rg.TextQuestion(client=client, name=COMMENT, title="의견 (optional)", required=False),
        ],
        metadata=[
            rg.TermsMetadataProperty(client=client, name="qa_id", title="qa_id"),
            rg.TermsMetadataProperty(client=client, name="task", title="task"),
            rg.TermsMetadataProperty(client=client, name="model", title="model", visible_for_annotators=False),
            rg.TermsMetadataProperty(client=client, name="split", title="split"),
        ],
        distribution=rg.TaskDistribution(min_submitted=min_submitted),
    )


def _shape(settings) -> dict[str, Any]:
    return {
        "fields": sorted(f.name for f in settings.fields),
        "questions": sorted((q.name, type(q).__name__) for q in settings.questions),
        "metadata": sorted(m.name for m in settings.metadata),
    }


def check_schema(dataset, name: str, settings=review_settings) -> None:
    """An existing dataset must have the fields, questions and metadata of ``settings(client)`` (korad's
    review schema by default); else a clear error."""
    found, expected = _shape(dataset.settings), _shape(settings(dataset._client))
    problems = [
        f"{part}: has {found[part]}, expected {expected[part]}" for part in expected if found[part] != expected[part]
    ]
    if problems:
        raise InputError(
            f"argilla dataset {name!r}", "its schema does not match korad's review schema; " + "; ".join(problems)
        )
