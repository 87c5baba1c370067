"""The evaluation report: Markdown with per-model means and 95% bootstrap intervals, paired
significance between models, judge-missing counts, pairwise win rates, and PNG plots."""

from __future__ import annotations

import itertools
import sys
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


def constant_judge_warnings(scores: pd.DataFrame) -> list[str]:
    """One warning per criterion on which the judge gave every answer (two or more) the same score."""
    warnings = []
    for criterion, values in scores.dropna(subset=["score"]).groupby("criterion", sort=False)["score"]:
        if len(values) > 1 and values.nunique() == 1:
            warnings.append(
                f"the judge gave all {len(values)} answers the same {criterion} score ({int(values.iloc[0])}): it "
                "does not tell them apart, so their differences on it are not measured (agreement with reviewers "
                "will show kappa 0 or undefined)"
            )
    return warnings


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


def plot_measure(measure: str, models: list[str], intervals: list[Interval]):
    """Bars of the means with their intervals; a model without data for ``measure`` is marked "no data".

    On the 1-4 rubric scale the axis and the bars start at 1 (the lowest score), so a bar's height
    is the distance above the floor, and a mean of 1 is visibly a mean of 1.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    floor, top = (1.0, 4.0) if measure in CRITERIA else (0.0, None if measure == "contradiction" else 1.0)
    have = [i for i, interval in enumerate(intervals) if interval.n]
    figure, axis = plt.subplots(figsize=(1.6 + 1.2 * len(models), 3.2))
    axis.bar(
        have,
        [intervals[i].mean - floor for i in have],
        bottom=floor,
        yerr=[
            [intervals[i].mean - intervals[i].low for i in have],
            [intervals[i].high - intervals[i].mean for i in have],
        ],
        capsize=6,
        color="#4c72b0",
    )
    axis.set_xticks(range(len(models)), models)
    axis.set_xlim(-0.6, len(models) - 0.4)
    axis.set_ylim(floor, top if top is not None else max([floor + 1e-3, *(intervals[i].high for i in have)]) * 1.1)
    low, high = axis.get_ylim()
    for i in have:  # the mean written on each bar: a mean at the floor is a number, not an empty bar
        axis.text(i + 0.08, intervals[i].mean, f"{intervals[i].mean:.2f}", ha="left", va="bottom", fontsize=8)
    for i in set(range(len(models))) - set(have):
        axis.text(i, low + (high - low) / 2, "no data", ha="center", va="center", color="#777777", style="italic")
    axis.set_title(f"{_title(measure)}: mean and 95% CI")
    axis.tick_params(axis="x", labelrotation=20)
    figure.tight_layout()
    return figure


def _plot(measure: str, models: list[str], intervals: list[Interval], path: Path) -> None:
    import matplotlib.pyplot as plt

    figure = plot_measure(measure, models, intervals)
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
        for warning in constant_judge_warnings(scores):
            print(f"warning: {warning}", file=sys.stderr)
            lines += ["", f"**Warning:** {warning}"]
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
