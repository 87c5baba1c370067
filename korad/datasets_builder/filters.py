"""Filter stage: keep only answers that are Korean, short, not refusals, not duplicates, grounded.

Each QA pair gets ``checks`` (one entry per filter) and ``accepted``; rejected pairs go to the
quarantine file with the first failing check as the reason. Pairs are examined in ``qa_id`` order
so that the near-duplicate filter keeps the same question of a pair whatever order they arrived in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from korad.details import CONTRADICTION_KINDS, Detail, detail_contradictions
from korad.findings import contradictions, label_report
from korad.language import hangul_share
from korad.text import sentences

REFUSALS = re.compile(
    r"as an ai|language model|i (?:cannot|can't|am unable to) (?:answer|help|provide)|i'm sorry|"
    r"AI(?:로서| 언어 ?모델)|인공지능(?:으로서| 언어 ?모델)|언어 ?모델로서|죄송(?:하지만|합니다)|"
    r"답변(?:을|해)? ?드릴 수 없|답변할 수 없|도와드릴 수 없",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FilterConfig:
    min_korean_share: float = 0.5
    max_sentences: int = 3
    max_chars: int = 400
    duplicate_similarity: float = 0.8


def sentence_count(text: str) -> int:
    return len(sentences(text))


def _shingles(text: str) -> set[str]:
    squeezed = re.sub(r"\s+", "", text.lower())
    return {squeezed[i : i + 3] for i in range(max(1, len(squeezed) - 2))}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of character trigrams (spacing ignored): 1.0 for the same question."""
    x, y = _shingles(a), _shingles(b)
    return len(x & y) / len(x | y) if x | y else 1.0


class AnswerFilter:
    """Run the checks of one QA pair, remembering accepted questions per report for near-duplicates."""

    def __init__(
        self,
        report_labels: dict[str, dict[str, str]],
        config: FilterConfig = FilterConfig(),
        report_texts: dict[str, str] | None = None,
    ) -> None:
        self.report_labels = report_labels
        self.config = config
        self.accepted_questions: dict[str, list[str]] = {}
        self.report_texts = report_texts or {}
        self._report_details: dict[str, list[Detail]] = {}

    def report_details(self, report_id: str) -> list[Detail]:
        """The details of a report's findings (labelled once), [] when its text is unknown."""
        if report_id not in self._report_details:
            text = self.report_texts.get(report_id)
            self._report_details[report_id] = label_report(text).details if text else []
        return self._report_details[report_id]

    def remember(self, pair: dict[str, Any]) -> None:
        self.accepted_questions.setdefault(pair["id"], []).append(pair["question"])

    def checks(self, pair: dict[str, Any]) -> dict[str, Any]:
        """Every check's verdict: True, or a string that says what failed."""
        c, answer = self.config, pair["answer"]
        share = hangul_share(re.sub(r"\([^()]*\)", " ", answer))
        sentences = sentence_count(answer)
        refusal = REFUSALS.search(answer)
        twin = next(
            (
                q
                for q in self.accepted_questions.get(pair["id"], [])
                if similarity(q, pair["question"]) >= c.duplicate_similarity
            ),
            None,
        )
        result: dict[str, Any] = {
            "language": True if share >= c.min_korean_share else f"Korean share {share:.2f} < {c.min_korean_share}",
            "length": True
            if sentences <= c.max_sentences and len(answer) <= c.max_chars
            else f"{sentences} sentences, {len(answer)} characters (limit {c.max_sentences}, {c.max_chars})",
            "refusal": True if not refusal else f"refusal phrase {refusal.group()!r}",
            "duplicate": True if twin is None else f"near-duplicate of {twin!r}",
        }
        if pair.get("kind", "report") == "report":
            answer_findings = label_report(answer)
            clash = contradictions(answer_findings.labels, self.report_labels.get(pair["id"], {}))
            result["grounding"] = (
                True
                if not clash
                else "answer contradicts the report: "
                + ", ".join(f"{o} {said} but report {truth}" for o, (said, truth) in sorted(clash.items()))
            )
            # One check per kind of detail (side, severity, size, change), so quarantine counts them apart.
            found = detail_contradictions(answer_findings.details, self.report_details(pair["id"]))
            for kind in CONTRADICTION_KINDS:
                clashes = [c for c in found if c.kind == kind]
                result[f"grounding_{kind}"] = True if not clashes else "; ".join(c.describe() for c in clashes)
        return result


def filter_pair(answer_filter: AnswerFilter, pair: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The pair with ``checks`` and ``accepted``, and the reason it is rejected (None if accepted)."""
    checks = answer_filter.checks(pair)
    failed = next(((name, verdict) for name, verdict in checks.items() if verdict is not True), None)
    record = {**pair, "checks": checks, "accepted": failed is None}
    if failed is None:
        answer_filter.remember(pair)
        return record, None
    return record, f"{failed[0]}: {failed[1]}"
