"""N sampled answers per question from the model being improved, as a comparison table.

The table has eval's format (``korad.eval.compare``): one ``answer_<name>-<i>`` column per sample,
so ``eval/judge.py`` and the metrics read it unchanged. Answers are appended to ``answers.jsonl``
keyed by ``qa_id|sample`` as they are made: an interrupted run continues where it stopped. The
backend is loaded once for all samples.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from korad.artifacts import ArtifactWriter
from korad.chat.backends import BackendSpec, make_backend
from korad.chat.conversation import ContextOverflow, fit_to_context
from korad.chat.protocol import ChatRequest
from korad.errors import ConfigError
from korad.eval.compare import assemble_table, unit_key


def sample_names(name: str, n: int) -> list[str]:
    """The candidate names of ``n`` samples of model ``name``: ``name-1`` ... ``name-n``."""
    return [f"{name}-{i}" for i in range(1, n + 1)]


def sample_candidates(
    questions: list[dict[str, Any]], spec: BackendSpec, n: int, output: Path, name: str = "policy"
) -> pd.DataFrame:
    """Sample ``n`` answers per question from ``spec`` into ``output`` (table.parquet); resumable."""
    if n < 2:
        raise ConfigError("samples", n, "a preference needs at least 2 answers per question")
    if spec.resolved() != "grounded" and spec.temperature <= 0:
        raise ConfigError("temperature", spec.temperature, "sampling several answers needs a temperature above 0")
    names = sample_names(name, n)
    output.mkdir(parents=True, exist_ok=True)
    answers = output / "answers.jsonl"
    with ArtifactWriter(answers, key="unit") as writer:
        todo = [(q, s) for q in questions for s in names if not writer.is_done(unit_key(q["qa_id"], s))]
        for _ in range(len(questions) * n - len(todo)):
            writer.skip_done()
        backend = make_backend(spec) if todo else None
        for question, sample in tqdm(todo, desc=f"samples {name}", unit=" answer", disable=None):
            unit = unit_key(question["qa_id"], sample)
            try:
                request = fit_to_context(backend, ChatRequest.about(question["report"], question["question"]))
                answer = backend.generate(request).strip()
            except ContextOverflow as error:
                writer.reject({"unit": unit, "model": sample}, f"too long: {error}", where=unit)
                continue
            except Exception as error:  # one failed generation is this sample's, not the run's
                writer.reject({"unit": unit, "model": sample}, f"generation failed: {type(error).__name__}", unit)
                continue
            writer.write({"unit": unit, "qa_id": question["qa_id"], "model": sample, "answer": answer})
    print(writer.ledger.summary("samples"), file=sys.stderr)
    table = assemble_table(questions, names, answers)
    table.to_parquet(output / "table.parquet", index=False)
    return table
