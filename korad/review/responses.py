"""Read a review dataset back: submitted responses per reviewer, and the judge's suggestions."""

from __future__ import annotations

from typing import Any

import pandas as pd

from korad.eval.rubric import POINTWISE
from korad.review.schema import COMMENT, CORRECTION, QUESTIONS, VERDICT

RESPONSE_COLUMNS = ["record_id", "qa_id", "model", "task", "split", "reviewer", *QUESTIONS]


def read_review(client, dataset) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, dict[str, Any]]]:
    """(responses: one row per record and reviewer, suggestions: one row per record and criterion,
    records: id -> fields and metadata). Only submitted responses count."""
    usernames = {user.id: user.username for user in client.users}
    responses: dict[tuple[str, str], dict[str, Any]] = {}
    suggestions, records = [], {}
    for record in dataset.records(with_responses=True, with_suggestions=True):
        metadata = dict(record.metadata or {})
        records[record.id] = {"fields": dict(record.fields), "metadata": metadata}
        for suggestion in record.suggestions:
            if suggestion.question_name in POINTWISE:
                suggestions.append(
                    {
                        "record_id": record.id,
                        "criterion": suggestion.question_name,
                        "value": suggestion.value,
                        "agent": suggestion.agent,
                    }
                )
        for response in record.responses:
            if str(getattr(response.status, "value", response.status)) != "submitted":
                continue
            reviewer = usernames.get(response.user_id, str(response.user_id))
            row = responses.setdefault(
                (record.id, reviewer),
                {
                    "record_id": record.id,
                    "qa_id": metadata.get("qa_id", record.id),
                    "model": metadata.get("model"),
                    "task": metadata.get("task"),
                    "split": metadata.get("split"),
                    "reviewer": reviewer,
                    **dict.fromkeys(QUESTIONS),
                },
            )
            row[response.question_name] = response.value
    frame = pd.DataFrame(list(responses.values()), columns=RESPONSE_COLUMNS)
    for criterion in POINTWISE:
        frame[criterion] = pd.to_numeric(frame[criterion], errors="coerce")
    for column in (VERDICT, CORRECTION, COMMENT):
        frame[column] = frame[column].astype(object)
    return frame, pd.DataFrame(suggestions, columns=["record_id", "criterion", "value", "agent"]), records
