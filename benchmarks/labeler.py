"""Findings labeler benchmark: speed on one core and F1 against the hand labels, per language.

    python benchmarks/labeler.py [--min-reports 10000]

Targets (issue 2): at least 2,000 reports/s, and macro F1 >= 0.90 in each language.
"""

from __future__ import annotations

import argparse
import math
import os
import time

from korad.finding_scores import finding_f1
from korad.findings import label
from korad.samples import load_sample_reports

SPEED_TARGET = 2000
F1_TARGET = 0.90


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-reports", type=int, default=10_000, help="reports to label for the speed run")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    reports = load_sample_reports()
    texts = [r["text"] for r in reports] * math.ceil(args.min_reports / len(reports))
    label(texts[0])  # compile the regular expressions outside the timing
    start = time.perf_counter()
    for text in texts:
        label(text)
    seconds = time.perf_counter() - start
    speed = len(texts) / seconds
    print(
        f"speed: {len(texts)} reports in {seconds:.2f} s on one core = {speed:,.0f} reports/s "
        f"(target {SPEED_TARGET:,}; ratio {speed / SPEED_TARGET:.2f})"
    )

    ok = speed >= SPEED_TARGET
    for language in ("en", "ko", "mixed"):
        subset = load_sample_reports(language)
        scores = finding_f1([r["labels"] for r in subset], [label(r["text"]) for r in subset])
        ok &= scores.macro_f1 >= F1_TARGET
        print(f"\n{language}: {len(subset)} reports, macro F1 {scores.macro_f1:.3f} (target {F1_TARGET})")
        for observation, f1 in scores.per_observation.items():
            print(f"  {observation:<28} F1 {f1:.3f}  (hand labels: {scores.support[observation]})")
    print("\nall targets met" if ok else "\nSOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
