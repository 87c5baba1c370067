"""The pairwise review in Argilla: which of two answers is better, why, and clinical-error flags.

Each record shows a report, a question and two answers (in an order fixed by a hash, so neither
the table's order nor the judge's choice decides the position); the automatic verdict (judge, or
the grounding check) is a suggestion. Which sample wrote which answer is hidden metadata. Read
back, the reviewers' majority choice per pair overrides the automatic verdicts
(``korad.preference.pairs``).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pandas as pd

from korad.errors import InputError
from korad.eval.compare import answer_column
from korad.preference.pairs import Review, automatic_verdict
from korad.preference.verdicts import Pair, candidate_pairs

FIELDS = ("report", "question", "answer_1", "answer_2")
BETTER, WHY, CLINICAL_ERROR = "better", "why", "clinical_error"
CHOICES = {"answer_1": "답변 1", "answer_2": "답변 2", "tie": "비슷함 (tie)"}
METADATA = ("qa_id", "candidate_a", "candidate_b", "shown_first")
GROUNDING_AGENT = "korad-grounding-check"

GUIDELINES = (
    "흉부 X선 판독문과 질문, 두 답변을 읽고 더 나은 답변을 고르세요(비슷하면 tie). 판독문이 기준입니다: 판독문과 "
    "어긋나는 답변은 나쁜 답변입니다. 고른 이유를 한 문장으로 적고, 임상적으로 틀린 내용(판독문과 반대되는 소견, "
    "없는 소견, 위험한 조언)이 있는 답변은 clinical_error에 표시하세요. 제안(suggestion)은 자동 판정입니다. "
    "답변을 만든 모델은 보이지 않습니다."
)


def pair_settings(client, min_submitted: int = 1):
    """The ``rg.Settings`` of a pairwise review dataset."""
    import argilla as rg

    answers = {"answer_1": "답변 1", "answer_2": "답변 2"}
    return rg.Settings(
        guidelines=GUIDELINES,
        fields=[
            rg.TextField(client=client, name="report", title="판독문 (report)"),
            rg.TextField(client=client, name="question", title="질문 (question)"),
            rg.TextField(client=client, name="answer_1", title="답변 1"),
            rg.TextField(client=client, name="answer_2", title="답변 2"),
        ],
        questions=[
            rg.LabelQuestion(client=client, name=BETTER, title="더 나은 답변 (better)", labels=CHOICES),
            rg.TextQuestion(client=client, name=WHY, title="이유 (why)", required=False),
            rg.MultiLabelQuestion(
                client=client, name=CLINICAL_ERROR, title="임상적 오류가 있는 답변", labels=answers, required=False
            ),
        ],
        metadata=[
            rg.TermsMetadataProperty(client=client, name="qa_id", title="qa_id"),
            *(
                rg.TermsMetadataProperty(client=client, name=name, visible_for_annotators=False)
                for name in METADATA[1:]
            ),
        ],
        distribution=rg.TaskDistribution(min_submitted=min_submitted),
    )


def pair_record_id(qa_id: str, a: str, b: str) -> str:
    """A stable id per pair (pushing twice updates the record); it does not name the samples."""
    return f"{qa_id}-{hashlib.sha1(f'{a}|{b}'.encode()).hexdigest()[:10]}"


def pair_items(
    table: pd.DataFrame,
    contradicted: dict[tuple[str, str], list[str]],
    judged: dict[Pair, str | None],
    judge_name: str | None = None,
) -> list[dict[str, Any]]:
    """One review item per pair of different answers, with the automatic verdict as a suggestion."""
    items = []
    for row, a, b in candidate_pairs(table):
        key = (row["qa_id"], a, b)
        swap = int(pair_record_id(*key)[-1], 16) % 2 == 1
        first, second = (b, a) if swap else (a, b)
        winner, source = automatic_verdict(key, contradicted, judged)
        suggestions = []
        if winner is not None:
            chosen = a if winner == "a" else b
            agent = GROUNDING_AGENT if source == "grounding" else (judge_name or "judge")
            label = "answer_1" if chosen == first else "answer_2"
            suggestions.append({"question_name": BETTER, "value": label, "agent": agent})
        items.append(
            {
                "id": pair_record_id(*key),
                "fields": {
                    "report": row.get("report") or "(판독문 없음)",
                    "question": row["question"],
                    "answer_1": str(row[answer_column(first)]),
                    "answer_2": str(row[answer_column(second)]),
                },
                "metadata": {"qa_id": str(row["qa_id"]), "candidate_a": a, "candidate_b": b, "shown_first": first},
                "suggestions": suggestions,
                "source": row.get("source"),
            }
        )
    return items


def merge_reviews(responses: Iterable[dict[str, Any]], where: str = "review") -> dict[Pair, Review]:
    """Pair verdicts from submitted responses: one dict per record and reviewer with the record's
    metadata (``qa_id``, ``candidate_a``, ``candidate_b``, ``shown_first``), ``better`` and
    ``clinical_error`` (a list of answer_1/answer_2).

    The pair's verdict is the strict majority of its reviewers' choices (None without one); an
    answer is flagged when a strict majority of the pair's reviewers flagged it.
    """
    grouped: dict[Pair, list[dict[str, Any]]] = {}
    for response in responses:
        key = (str(response["qa_id"]), response["candidate_a"], response["candidate_b"])
        grouped.setdefault(key, []).append(response)
    reviews = {}
    for key, group in grouped.items():
        votes: Counter[str] = Counter()
        flags: Counter[str] = Counter()
        for response in group:
            first = response["shown_first"]
            shown = {"answer_1": first, "answer_2": key[2] if first == key[1] else key[1]}
            choice = response.get(BETTER)
            if choice not in (*CHOICES, None):
                raise InputError(where, f"record of qa_id {key[0]}: unknown choice {choice!r}")
            if choice in ("answer_1", "answer_2"):
                votes[shown[choice]] += 1
            elif choice == "tie":
                votes["tie"] += 1
            for flagged in response.get(CLINICAL_ERROR) or []:
                flags[shown[flagged]] += 1
        top = votes.most_common(2)
        better = None
        if top and (len(top) == 1 or top[0][1] > top[1][1]) and top[0][1] * 2 > len(group):
            better = "tie" if top[0][0] == "tie" else "a" if top[0][0] == key[1] else "b"
        errors = frozenset(name for name, n in flags.items() if n * 2 > len(group))
        reviews[key] = Review(better, errors)
    return reviews


def response_rows(client, dataset) -> list[dict[str, Any]]:
    """The submitted responses of an Argilla pairwise review: one dict per record and reviewer
    (the record's metadata, the reviewer, ``better``, ``why``, ``clinical_error``)."""
    usernames = {user.id: user.username for user in client.users}
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for record in dataset.records(with_responses=True):
        metadata = dict(record.metadata or {})
        for response in record.responses:
            if str(getattr(response.status, "value", response.status)) != "submitted":
                continue
            reviewer = usernames.get(response.user_id, str(response.user_id))
            row = rows.setdefault(
                (record.id, reviewer),
                {"record_id": record.id, "reviewer": reviewer, **{k: metadata.get(k) for k in METADATA}},
            )
            row[response.question_name] = response.value
    return list(rows.values())
