"""The evaluation report: Markdown with per-model means and 95% bootstrap intervals, paired
significance between models, judge-missing counts, pairwise win rates, and PNG plots."""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd

from korad.eval.metrics import BLEU_SIGNATURE, METRICS
from korad.eval.rubric import CRITERIA, LEVELS
from korad.eval.stats import Interval, bootstrap_ci, paired_bootstrap

METRIC_TITLES = {
    "chrf": "chrF",
    "rouge_l": "ROUGE-L (Kiwi morphemes)",
    "bleu": "BLEU (Kiwi morphemes)",
    "finding_f1": "finding F1",
    "contradiction": "contradiction rate",
}


def _long(scores: pd.DataFrame | None, metrics: pd.DataFrame | None) -> pd.DataFrame:
    """Judge scores and metrics in one frame: qa_id, model, measure, value."""
    parts = []
    if scores is not None and len(scores):
        parts.append(
            scores.rename(columns={"criterion": "measure", "score": "value"})[["qa_id", "model", "measure", "value"]]
        )
    if metrics is not None and len(metrics):
        parts.append(metrics.rename(columns={"metric": "measure"})[["qa_id", "model", "measure", "value"]])
    if not parts:
        raise ValueError("nothing to report: no judge scores and no metrics")
    frame = pd.concat(parts, ignore_index=True)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype(float)
    return frame


def _measures(frame: pd.DataFrame) -> list[str]:
    order = [*CRITERIA, *METRICS]
    present = set(frame["measure"])
    return [m for m in order if m in present]


def _title(measure: str) -> str:
    return f"{CRITERIA[measure].name} (1-4)" if measure in CRITERIA else METRIC_TITLES.get(measure, measure)


def _plot(measure: str, models: list[str], intervals: list[Interval], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    means = [i.mean for i in intervals]
    errors = [[i.mean - i.low for i in intervals], [i.high - i.mean for i in intervals]]
    figure, axis = plt.subplots(figsize=(1.6 + 1.2 * len(models), 3.2))
    axis.bar(models, means, yerr=errors, capsize=6, color="#4c72b0")
    axis.set_title(f"{_title(measure)}: mean and 95% CI")
    if measure in CRITERIA:
        axis.set_ylim(1, 4)
    elif measure != "contradiction":
        axis.set_ylim(0, 1)
    axis.tick_params(axis="x", labelrotation=20)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def write_report(
    output: Path,
    scores: pd.DataFrame | None = None,
    metrics: pd.DataFrame | None = None,
    pairwise: pd.DataFrame | None = None,
    title: str = "korad evaluation",
) -> Path:
    """Write ``output/report.md`` and ``output/plots/*.png``; returns the report's path."""
    frame = _long(scores, metrics)
    models = list(dict.fromkeys(frame["model"]))
    measures = _measures(frame)
    intervals = {
        measure: [bootstrap_ci(frame[(frame.measure == measure) & (frame.model == m)]["value"]) for m in models]
        for measure in measures
    }
    plots = output / "plots"
    plots.mkdir(parents=True, exist_ok=True)
    lines = [f"# {title}", ""]
    lines += [
        f"{frame['qa_id'].nunique()} questions, {len(models)} models: {', '.join(f'`{m}`' for m in models)}. "
        "Each cell: mean [95% bootstrap interval] over the questions with a value (2,000 resamples).",
        "",
        "| measure | " + " | ".join(models) + " |",
        "|---|" + "---|" * len(models),
    ]
    for measure in measures:
        cells = [str(interval) for interval in intervals[measure]]
        lines.append(f"| {_title(measure)} | " + " | ".join(cells) + " |")

    if scores is not None and len(scores):
        lines += ["", "## Judge: missing judgments", ""]
        lines += [
            "A judgment the judge could not give in valid form (after one retry) is missing; it is never a score.",
            "",
            "| model | judged | missing |",
            "|---|---|---|",
        ]
        for model in models:
            judged = scores[scores.model == model]
            by_question = judged.groupby("qa_id")["score"].apply(lambda s: s.isna().all())
            lines.append(f"| {model} | {len(by_question)} | {int(by_question.sum())} |")
        judges = sorted(set(scores["judge"].dropna()))
        lines += ["", f"Judge model: {', '.join(judges)}. Levels: " + ", ".join(f"{k} {v}" for k, v in LEVELS.items())]

    if len(models) > 1:
        lines += ["", "## Paired differences between models", ""]
        lines += [
            "Mean of (A - B) over the questions both have, with a two-sided paired bootstrap p-value "
            "(5,000 resamples).",
            "",
            "| measure | A | B | A - B | p | n |",
            "|---|---|---|---|---|---|",
        ]
        for measure in measures:
            values = frame[frame.measure == measure].pivot_table(
                index="qa_id", columns="model", values="value", aggfunc="first"
            )
            for a, b in itertools.combinations(models, 2):
                if a not in values or b not in values:
                    continue
                test = paired_bootstrap(values[a].tolist(), values[b].tolist())
                if test.n:
                    lines.append(
                        f"| {_title(measure)} | {a} | {b} | {test.difference:+.3f} | {test.p_value:.4f} | {test.n} |"
                    )

    if pairwise is not None and len(pairwise):
        lines += ["", "## Pairwise judge (both orders; a win needs both)", ""]
        lines += ["| criterion | A | B | A wins | B wins | ties | missing |", "|---|---|---|---|---|---|---|"]
        for (a, b, criterion), group in pairwise.groupby(["model_a", "model_b", "criterion"], sort=False):
            counts = group["verdict"].value_counts()
            lines.append(
                f"| {criterion} | {a} | {b} | {counts.get('a', 0)} | {counts.get('b', 0)} | {counts.get('tie', 0)} | "
                f"{int(group['verdict'].isna().sum())} |"
            )

    lines += ["", "## Plots", ""]
    for measure in measures:
        _plot(measure, models, intervals[measure], plots / f"{measure}.png")
        lines.append(f"![{_title(measure)}](plots/{measure}.png)")
    lines += [
        "",
        "## Notes",
        "",
        f"- BLEU: {BLEU_SIGNATURE}. ROUGE-L: rouge-score's scorer with a Kiwi morpheme tokenizer. chrF: sacrebleu.",
        "- finding F1 and contradiction rate come from korad's bilingual findings labeler (rules; in-sample F1 "
        "1.00 on the synthetic corpus, expect less on real reports).",
    ]
    path = output / "report.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
