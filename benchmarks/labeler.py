"""Findings labeler benchmark: speed on one core, F1 of the labels, accuracy of the details.

    python benchmarks/labeler.py [--min-reports 10000]

- speed: ``label_report`` (labels, details and recommendations) on one core, in CPU time and in
  wall time (the CPU time is the honest figure on a shared machine); target 3,000 reports/s. The
  reports are the distinct texts of the sample, attribute and realistic sets, read pass after pass
  with the sentence cache cleared before each pass (a corpus read from scratch: only the sentences
  its reports share are read once); the target is checked on the whole run; the median pass and the
  figure with the cache cleared before every report (no sentence shared) are printed beside it, with
  the load average (other processes on the core slow even the CPU time: caches are shared).
- labels: macro F1 against the hand labels of the sample reports, per language (target 0.90), and
  on ``corpora/realistic/reports_{dev,heldout}.jsonl`` (printed, no target).
- details: on ``corpora/attributes/reports_{dev,heldout}.jsonl`` (reported separately), every
  hand-labelled detail is matched to the labeler's detail of the same observation (the one whose
  text overlaps most); each attribute (status, side, severity, location, size_mm, change, position)
  counts as right when the values agree (a missed finding is wrong on all of them). Accuracy per
  attribute and language; target 0.95 over all attributes in each language. Also printed: the
  share of hand-labelled findings found, of found details that are hand-labelled, and of
  recommendations found.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from collections import defaultdict
from pathlib import Path

from korad.finding_scores import finding_f1
from korad.findings import clear_sentence_cache, label, label_report
from korad.samples import load_sample_reports

SPEED_TARGET = 3000
F1_TARGET = 0.90
ATTRIBUTE_TARGET = 0.95
ATTRIBUTES = ("status", "side", "severity", "location", "size_mm", "change", "position")
LANGUAGES = ("en", "ko", "mixed")
CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "attributes"
REALISTIC = Path(__file__).resolve().parents[1] / "corpora" / "realistic"


def _overlap(a: str, b: str) -> int:
    """Characters of the longer common run of two mention texts (case-insensitive)."""
    a, b = a.lower(), b.lower()
    if a in b or b in a:
        return min(len(a), len(b)) + 1000
    return len(set(a.split()) & set(b.split()))


def _same(attribute: str, gold, predicted) -> bool:
    if attribute == "location":
        return set(gold or []) == set(predicted or [])
    if attribute == "size_mm":
        return (gold is None) == (predicted is None) and (gold is None or abs(gold - predicted) < 0.5)
    return gold == predicted


def match(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict | None]]:
    """Each hand-labelled detail with the predicted detail of its observation that fits it best."""
    free = list(predicted)
    pairs = []
    for g in gold:
        candidates = [p for p in free if p["observation"] == g["observation"]]
        best = max(candidates, key=lambda p: (p["status"] == g["status"], _overlap(g["text"], p["text"])), default=None)
        if best is not None:
            free.remove(best)
        pairs.append((g, best))
    return pairs


def score_details(path: Path) -> bool:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    right: dict[tuple[str, str], int] = defaultdict(int)
    stated: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    totals: dict[str, int] = defaultdict(int)
    found = {language: [0, 0, 0] for language in LANGUAGES}  # matched, gold, predicted
    advice = {language: [0, 0] for language in LANGUAGES}
    misses: list[str] = []
    for row in rows:
        language = row["language"]
        findings = label_report(row["text"])
        predicted = [d.to_dict() for d in findings.details]
        pairs = match(row["details"], predicted)
        found[language][0] += sum(p is not None for _, p in pairs)
        found[language][1] += len(pairs)
        found[language][2] += len(predicted)
        totals[language] += len(pairs)
        for g, p in pairs:
            for attribute in ATTRIBUTES:
                ok = p is not None and _same(attribute, g[attribute], p[attribute])
                right[(language, attribute)] += ok
                if g[attribute] not in (None, []):
                    stated[(language, attribute)][0] += ok
                    stated[(language, attribute)][1] += 1
        for wanted in row.get("recommendations", []):
            advice[language][1] += 1
            advice[language][0] += any(wanted in r or r in wanted for r in findings.recommendations)
        misses.extend(f"{row['id']}: {g['observation']}" for g, p in pairs if p is None)
    ok = True
    print(f"\n{path.name}: {len(rows)} reports")
    header = "  " + f"{'attribute':<12}" + "".join(f"{language:>16}" for language in LANGUAGES)
    print(header + "      (in brackets: where the report states a value)")
    for attribute in ATTRIBUTES:
        cells = []
        for language in LANGUAGES:
            n = totals[language]
            share = right[(language, attribute)] / n if n else float("nan")
            s_right, s_total = stated[(language, attribute)]
            cells.append(f"{share:>7.3f} ({s_right:>3}/{s_total:<3})")
        print(f"  {attribute:<12}" + "".join(f"{c:>16}" for c in cells))
    cells = []
    for language in LANGUAGES:
        n = totals[language] * len(ATTRIBUTES)
        share = sum(right[(language, a)] for a in ATTRIBUTES) / n if n else float("nan")
        ok &= share >= ATTRIBUTE_TARGET
        cells.append(f"{share:>7.3f}")
    print(f"  {'ALL':<12}" + "".join(f"{c:>16}" for c in cells) + f"   (target {ATTRIBUTE_TARGET})")
    for name, table in (("findings found", found), ("recommendations", advice)):
        cells = []
        for language in LANGUAGES:
            hit, total = table[language][:2]
            extra = f" prec {hit / table[language][2]:.2f}" if name == "findings found" and table[language][2] else ""
            cells.append(f"{hit}/{total}{extra}")
        print(f"  {name:<16}" + "  ".join(f"{language}: {c}" for language, c in zip(LANGUAGES, cells, strict=True)))
    if misses:
        print(f"  missed findings: {len(misses)}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-reports", type=int, default=10_000, help="reports to label for the speed run")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    reports = [r["text"] for r in load_sample_reports()]
    for path in sorted(CORPUS.glob("reports_*.jsonl")) + sorted(REALISTIC.glob("reports_*.jsonl")):
        reports += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    reports = list(dict.fromkeys(reports))
    passes = math.ceil(args.min_reports / len(reports))
    label_report(reports[0])  # compile the regular expressions outside the timing
    wall, cpu = time.perf_counter(), time.process_time()
    each = []  # CPU time of each pass
    for _ in range(passes):
        clear_sentence_cache()
        start = time.process_time()
        for text in reports:
            label_report(text)
        each.append(time.process_time() - start)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    median = len(reports) / sorted(each)[len(each) // 2]
    cold = time.process_time()
    for text in reports:
        clear_sentence_cache()
        label_report(text)
    cold = len(reports) / (time.process_time() - cold)
    total = passes * len(reports)
    speed = total / cpu
    print(
        f"speed: {passes} passes over {len(reports)} distinct reports (labels, details, recommendations; "
        f"sentence cache cleared each pass) in {cpu:.2f} s CPU on one core; wall {wall:.2f} s = "
        f"{total / wall:,.0f} reports/s; load average {os.getloadavg()[0]:.1f} (a loaded machine slows "
        "even the CPU time: caches are shared)"
    )
    print(
        f"  speed {speed:,.0f} reports/s: ratio to the target {SPEED_TARGET:,} = {speed / SPEED_TARGET:.2f} "
        f"({'met' if speed >= SPEED_TARGET else 'MISSED'}); median pass {median:,.0f} reports/s (ratio "
        f"{median / SPEED_TARGET:.2f}); cache cleared before every report: {cold:,.0f} reports/s "
        f"(ratio {cold / SPEED_TARGET:.2f})"
    )

    ok = speed >= SPEED_TARGET
    for language in LANGUAGES:
        subset = load_sample_reports(language)
        scores = finding_f1([r["labels"] for r in subset], [label(r["text"]) for r in subset])
        ok &= scores.macro_f1 >= F1_TARGET
        print(
            f"\nlabels, {language}: {len(subset)} sample reports, macro F1 {scores.macro_f1:.3f} (target {F1_TARGET})"
        )

    for name in ("reports_dev.jsonl", "reports_heldout.jsonl"):
        path = REALISTIC / name
        if path.exists():
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            cells = []
            for language in LANGUAGES:
                subset = [r for r in rows if r["language"] == language]
                scores = finding_f1([r["labels"] for r in subset], [label(r["text"]) for r in subset])
                cells.append(f"{language} {scores.macro_f1:.3f} ({len(subset)})")
            print(f"\nlabels, realistic/{name}: macro F1 " + ", ".join(cells))

    for name in ("reports_dev.jsonl", "reports_heldout.jsonl"):
        if (CORPUS / name).exists():
            ok &= score_details(CORPUS / name)
    print("\nall targets met" if ok else "\nSOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
