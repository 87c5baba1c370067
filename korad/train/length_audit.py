"""Length audit before training: would ``max_length`` cut any assistant answer?

The original project trained at 512 tokens and cut Korean answers, which take more tokens than
English. Each example is tokenized with the chat template the model will train with; an example
whose last assistant token lies beyond ``max_length`` would lose (part of) its answer.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class LengthAudit:
    examples: int
    max_length: int | None
    prompt_tokens: dict[str, float]
    answer_tokens: dict[str, float]
    total_tokens: dict[str, float]
    truncated: list[dict[str, Any]] = field(default_factory=list)
    """Examples whose answer would be cut: index, qa_id (when known), tokens needed."""

    def summary(self) -> str:
        t = self.total_tokens
        lines = [
            f"length audit: {self.examples} examples; tokens per example: median {t['median']:.0f}, "
            f"p95 {t['p95']:.0f}, max {t['max']:.0f} (prompt median {self.prompt_tokens['median']:.0f}, "
            f"answer median {self.answer_tokens['median']:.0f}); max_length {self.max_length}",
            f"length audit: {len(self.truncated)} example(s) would have their answer cut",
        ]
        lines += [
            f"  - example {x['index']} ({x.get('qa_id') or 'no qa_id'}): needs {x['tokens']} tokens"
            for x in self.truncated[:20]
        ]
        if len(self.truncated) > 20:
            lines.append(f"  ... and {len(self.truncated) - 20} more (see the audit JSON)")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _stats(values: list[int]) -> dict[str, float]:
    ordered = sorted(values) or [0]
    return {
        "median": statistics.median(ordered),
        "p95": ordered[int(0.95 * (len(ordered) - 1))],
        "max": ordered[-1],
        "mean": statistics.fmean(ordered),
    }


def audit_lengths(rows: Any, tokenizer: Any, max_length: int | None, ids: list[str] | None = None) -> LengthAudit:
    """Token lengths of every example's prompt and answer, and which answers ``max_length`` would cut."""
    prompts, answers, totals, truncated = [], [], [], []
    for index, row in enumerate(rows):
        encoded = tokenizer.apply_chat_template(
            row["messages"], tokenize=True, return_dict=True, return_assistant_tokens_mask=True
        )
        mask = encoded["assistant_masks"]
        if not any(mask):
            raise ValueError(
                "the chat template marks no assistant tokens: it needs {% generation %} ... {% endgeneration %} "
                "around the assistant turn (set chat_template_path to one of train/chat_templates/)"
            )
        total, answer = len(encoded["input_ids"]), sum(mask)
        end = max(i for i, m in enumerate(mask) if m) + 1
        prompts.append(total - answer)
        answers.append(answer)
        totals.append(total)
        if max_length is not None and end > max_length:
            truncated.append({"index": index, "qa_id": ids[index] if ids else None, "tokens": end})
    return LengthAudit(len(totals), max_length, _stats(prompts), _stats(answers), _stats(totals), truncated)
