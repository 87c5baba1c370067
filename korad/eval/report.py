"""The evaluation report: Markdown with per-model means and 95% bootstrap intervals, paired
significance between models, judge-missing counts, pairwise win rates, clinical errors by type
(judge and rules, with their agreement), and PNG plots.

The share of error-free answers leads the table, next to the judge's scores. Judge scores and
error counts of different rubric versions are never reported together (an ``InputError``)."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pandas as pd

from korad.clinical_errors import ERROR_TYPES, ERROR_TYPES_KO
from korad.errors import InputError
from korad.eval.errors import SOURCES, agreement, error_free, error_table
from korad.eval.metrics import BLEU_SIGNATURE, METRICS
from korad.eval.rubric import CRITERIA, LEVELS
from korad.eval.stats import Interval, bootstrap_ci, paired_bootstrap

ERROR_FREE = {"error_free_judge": "judge", "error_free_rules": "rules"}
"""The headline measures: the share of answers with no clinical error, as the judge and the rules count."""

SOURCE_TITLES_KO = {"judge": "판정 모델", "rules": "규칙"}

HANGUL_FONTS = ("NanumGothic", "NanumBarunGothic", "Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", "AppleGothic")
"""Fonts with Hangul that plots fall back to for Korean labels (setup.sh installs fonts-nanum)."""

METRIC_TITLES = {
    "chrf": "chrF",
    "rouge_l": "ROUGE-L (Kiwi morphemes)",
    "bleu": "BLEU (Kiwi morphemes)",
    "finding_f1": "finding F1",
    "contradiction": "contradiction rate",
    "error_free_judge": "error-free answers, judge (share)",
    "error_free_rules": "error-free answers, rules (share)",
}


STAND_IN_WARNING = (
    "the judge's scores and error counts below were written by korad's offline stand-in "
    "(`korad serve-openai --responder judge`), not by a language model: they test the pipeline and are no result"
)


def stand_in_judged(*frames: pd.DataFrame | None) -> bool:
    """Whether any judgment in the scores or pairwise frames came from korad's local stand-in server."""
    return any(
        frame is not None and "judge_stand_in" in frame and bool(frame["judge_stand_in"].any()) for frame in frames
    )


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


def _long(
    scores: pd.DataFrame | None, metrics: pd.DataFrame | None, errors: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Error-free shares, judge scores and metrics in one frame: qa_id, model, measure, value."""
    parts = []
    if errors is not None and len(errors):
        for measure, source in ERROR_FREE.items():
            if (errors["source"] == source).any():
                parts.append(error_free(errors, source).assign(measure=measure))
    if scores is not None and len(scores):
        parts.append(
            scores.rename(columns={"criterion": "measure", "score": "value"})[["qa_id", "model", "measure", "value"]]
        )
    if metrics is not None and len(metrics):
        parts.append(metrics.rename(columns={"metric": "measure"})[["qa_id", "model", "measure", "value"]])
    if not parts:
        raise ValueError("nothing to report: no judge scores, no error counts and no metrics")
    frame = pd.concat(parts, ignore_index=True)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype(float)
    return frame


def _measures(frame: pd.DataFrame) -> list[str]:
    order = [*ERROR_FREE, *CRITERIA, *METRICS]
    present = set(frame["measure"])
    return [m for m in order if m in present]


def _title(measure: str) -> str:
    return f"{CRITERIA[measure].name} (1-4)" if measure in CRITERIA else METRIC_TITLES.get(measure, measure)


def rubric_version_of(scores: pd.DataFrame | None, errors: pd.DataFrame | None, folder: Path) -> str | None:
    """The one rubric version of the judge's scores and error counts; ``InputError`` when they hold several."""
    versions: dict[str, set[str]] = {}
    for name, frame in (("scores.parquet", scores), ("errors.parquet", errors)):
        if frame is not None and "rubric_version" in frame:
            found = set(frame["rubric_version"].dropna())
            if len(found) > 1:
                raise InputError(folder / name, f"judgments of several rubric versions ({', '.join(sorted(found))})")
            versions[name] = found
    found = set().union(*versions.values()) if versions else set()
    if len(found) > 1:
        raise InputError(
            folder / "errors.parquet",
            f"rubric version {', '.join(sorted(versions['errors.parquet']))} is not that of scores.parquet "
            f"({', '.join(sorted(versions['scores.parquet']))}): judge again to report them together",
        )
    return found.pop() if found else None


def hangul_font() -> str | None:
    """An installed font with Hangul (``HANGUL_FONTS``), or None."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in HANGUL_FONTS if name in installed), None)


def plot_errors(models: list[str], tables: dict[str, list]) -> object:
    """Per error type, the share of each model's answers with that type and its 95% interval, the judge's
    and the rules' side by side; Korean type names where a Hangul font is installed; "no data" marked."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    font = hangul_font()
    labels = [f"{ERROR_TYPES_KO[k]} ({k})" if font else k for k in ERROR_TYPES]
    height = 0.8 / max(len(models), 1)
    with plt.rc_context({"font.family": ["DejaVu Sans", font] if font else ["DejaVu Sans"]}):
        figure, axes = plt.subplots(
            1, 2, figsize=(11, 1.2 + 0.45 * len(ERROR_TYPES) * max(1, len(models) / 2)), sharey=True
        )
        for axis, source in zip(axes, SOURCES, strict=True):
            for m, model in enumerate(models):
                rows = [row for row in tables[model] if row.source == source]
                offsets = [t - 0.4 + height * (m + 0.5) for t in range(len(ERROR_TYPES))]
                have = [i for i, row in enumerate(rows) if row.share.n]
                axis.barh(
                    [offsets[i] for i in have],
                    [rows[i].share.mean for i in have],
                    height=height * 0.9,
                    xerr=[
                        [rows[i].share.mean - rows[i].share.low for i in have],
                        [rows[i].share.high - rows[i].share.mean for i in have],
                    ],
                    capsize=3,
                    color=f"C{m % 10}",  # one colour per model in both panels
                )
                for i in set(range(len(rows))) - set(have):
                    axis.text(
                        0.02, offsets[i], f"{model}: no data", va="center", color="#777777", style="italic", fontsize=7
                    )
            axis.set_title(f"{SOURCE_TITLES_KO[source]} ({source})" if font else source, fontsize=10)
            axis.set_xlim(0, 1)
            axis.set_xlabel("share of answers with the error (95% CI)")
            axis.set_yticks(range(len(ERROR_TYPES)), labels)
        axes[0].invert_yaxis()  # shared: the first type on top in both
        handles = [Patch(color=f"C{m % 10}", label=model) for m, model in enumerate(models)]
        axes[0].legend(handles=handles, fontsize=8, loc="lower right")
        figure.suptitle("Clinical errors by type: judge and rules")
        figure.tight_layout()
    return figure


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


def _close(figure) -> None:
    import matplotlib.pyplot as plt

    plt.close(figure)


def _plot(measure: str, models: list[str], intervals: list[Interval], path: Path) -> None:
    figure = plot_measure(measure, models, intervals)
    figure.savefig(path, dpi=110)
    _close(figure)


def _headline(measures: list[str], models: list[str], intervals: dict[str, list[Interval]]) -> list[str]:
    """The share of error-free answers per model, in one line above the table (when counted)."""
    shown = [m for m in ERROR_FREE if m in measures]
    if not shown:
        return []
    cells = [
        f"`{model}` " + ", ".join(f"{intervals[m][i]} ({ERROR_FREE[m]})" for m in shown)
        for i, model in enumerate(models)
    ]
    return [f"**Error-free answers** (share with no clinical error): {'; '.join(cells)}.", ""]


def _error_section(errors: pd.DataFrame, models: list[str]) -> list[str]:
    """Per model the error-type table (judge and rules), then their agreement per type."""
    lines = ["", "## Clinical errors by type", ""]
    lines += [
        "Per answer, the errors the judge (rubric v2) and the rules (korad.clinical_errors) count against the "
        "report. Each cell: mean errors per answer, and share of answers with the type, with 95% bootstrap "
        "intervals; a missing judgment counts in neither.",
    ]
    for model in models:
        rows = {(row.source, row.error_type): row for row in error_table(errors, model)}
        lines += ["", f"### {model}", ""]
        lines += [
            "| error type | judge: errors/answer | judge: share | rules: errors/answer | rules: share |",
            "|---|---|---|---|---|",
        ]
        for kind in ERROR_TYPES:
            cells = [f"{rows[(source, kind)].mean} | {rows[(source, kind)].share}" for source in SOURCES]
            lines.append(f"| {ERROR_TYPES_KO[kind]} (`{kind}`) | " + " | ".join(cells) + " |")
    lines += ["", "### Agreement of judge and rules", ""]
    lines += [
        "Over the answers both counted (every model): on how many each finds the type, the share on which they "
        "agree on its presence, and Cohen's kappa (n/a where undefined: both give every answer the same verdict).",
        "",
        "| error type | n | rules find | judge finds | agreement | kappa |",
        "|---|---|---|---|---|---|",
    ]
    for row in agreement(errors):
        share = f"{row.agreement:.3f}" if row.n else "n/a"
        kappa = "n/a" if row.kappa != row.kappa else f"{row.kappa:.3f}"
        name = f"{ERROR_TYPES_KO[row.error_type]} (`{row.error_type}`)"
        lines.append(f"| {name} | {row.n} | {row.rules} | {row.judge} | {share} | {kappa} |")
    return lines


def write_report(
    output: Path,
    scores: pd.DataFrame | None = None,
    metrics: pd.DataFrame | None = None,
    pairwise: pd.DataFrame | None = None,
    title: str = "korad evaluation",
    errors: pd.DataFrame | None = None,
) -> Path:
    """Write ``output/report.md`` and ``output/plots/*.png``; returns the report's path.

    ``errors``: errors.parquet (``korad.eval.errors``), the clinical error counts of judge and rules."""
    version = rubric_version_of(scores, errors, output)
    frame = _long(scores, metrics, errors)
    models = list(dict.fromkeys(frame["model"]))
    measures = _measures(frame)
    intervals = {
        measure: [bootstrap_ci(frame[(frame.measure == measure) & (frame.model == m)]["value"]) for m in models]
        for measure in measures
    }
    plots = output / "plots"
    plots.mkdir(parents=True, exist_ok=True)
    lines = [f"# {title}", ""]
    if stand_in_judged(scores, pairwise):
        print(f"warning: {STAND_IN_WARNING}", file=sys.stderr)
        lines += [f"**Warning: {STAND_IN_WARNING}**", ""]
    lines += [
        f"{frame['qa_id'].nunique()} questions, {len(models)} models: {', '.join(f'`{m}`' for m in models)}. "
        "Each cell: mean [95% bootstrap interval] over the questions with a value (2,000 resamples).",
        "",
        *_headline(measures, models, intervals),
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

    if errors is not None and len(errors):
        lines += _error_section(errors, models)

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
    if errors is not None and len(errors):
        tables = {model: error_table(errors, model) for model in models}
        figure = plot_errors(models, tables)
        figure.savefig(plots / "errors.png", dpi=110)
        _close(figure)
        lines.append("![clinical errors by type](plots/errors.png)")
    lines += [
        "",
        "## Notes",
        "",
        f"- BLEU: {BLEU_SIGNATURE}. ROUGE-L: rouge-score's scorer with a Kiwi morpheme tokenizer. chrF: sacrebleu.",
        "- finding F1 and contradiction rate come from korad's bilingual findings labeler (rules; in-sample F1 "
        "1.00 on the synthetic corpus, expect less on real reports).",
    ]
    if version:
        lines.append(f"- Judge rubric version: {version} (docs/judge.md); no judgment of another version is included.")
    path = output / "report.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
