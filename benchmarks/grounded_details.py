"""The grounded backend on questions about the details: side, size, severity, change, position, next steps.

    PYTHONPATH=. .venv/bin/python benchmarks/grounded_details.py [--split dev|heldout|both] [--set 1|2|3|both]

Over ``corpora/attributes/questions_<split>.jsonl`` (about ``reports_<split>.jsonl``; set 2, written
later and apart from the rules, is ``questions2_<split>.jsonl`` about ``reports2_<split>.jsonl``; set 3,
by a third hand in the layouts of real reports, ``questions3_<split>.jsonl`` about
``reports3_<split>.jsonl``), an answer is
right when its first word matches ``expected.yes_no`` (or, for presence and paraphrase questions,
``expected.answer``) where one is set, and it holds every ``must_include`` item (a string, or a
list of which one must appear). Prints the share right per kind and overall (target >= 95 %), for
dev and held-out separately. Held-out failures are never printed: do not tune rules on them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from korad.chat import ChatRequest  # noqa: E402
from korad.chat.grounded import GroundedBackend  # noqa: E402

CORPUS = ROOT / "corpora" / "attributes"
_spec = importlib.util.spec_from_file_location("grounded_realistic", Path(__file__).with_name("grounded_realistic.py"))
_realistic = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_realistic)
first_word = _realistic.first_word


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def expected_word(item: dict) -> str | None:
    """The first word a right answer has (yes / no / uncertain / not_mentioned), or None."""
    expected = item["expected"]
    if expected.get("yes_no"):
        return expected["yes_no"]
    if item["kind"] in ("presence", "paraphrase"):
        return expected.get("answer")
    return None


def missing(item: dict, answer: str) -> list:
    """The ``must_include`` items the answer lacks."""
    lacking = []
    for need in item.get("must_include") or []:
        options = [need] if isinstance(need, str) else need
        if not any(option in answer for option in options):
            lacking.append(need)
    return lacking


SETS = {"1": "", "2": "2", "3": "3"}
"""The question sets: the file suffix of each (``questions<suffix>_<split>.jsonl``)."""


def measure(split: str, number: str = "1") -> dict:
    suffix = SETS[number]
    reports = {r["id"]: r for r in _read(CORPUS / f"reports{suffix}_{split}.jsonl")}
    backend = GroundedBackend()
    counts: Counter[str] = Counter()
    failures = []
    for item in _read(CORPUS / f"questions{suffix}_{split}.jsonl"):
        answer = backend.generate(ChatRequest.about(reports[item["report_id"]]["text"], item["question"]))
        word = expected_word(item)
        got = first_word(answer)
        lacking = missing(item, answer)
        right = (word is None or got == word) and not lacking
        for key in ("all", item["kind"]):
            counts[key] += 1
            counts[key + "_right"] += right
        if not right and split != "heldout":
            failures.append({**item, "got": got, "lacking": lacking, "answer": answer[:240]})
    return {"counts": counts, "failures": failures}


def report_split(split: str, show_failures: bool = False, number: str = "1") -> dict:
    result = measure(split, number)
    counts = result["counts"]
    split = f"set {number} {split}"
    kinds = sorted(k for k in counts if not k.endswith("_right") and k != "all")
    share = {k: counts[k + "_right"] / counts[k] for k in ["all", *kinds]}
    print(f"[{split}] right {share['all']:.1%} ({counts['all_right']}/{counts['all']}) (target >= 95 %)")
    print(f"[{split}] by kind: " + "; ".join(f"{k} {share[k]:.0%} ({counts[k + '_right']}/{counts[k]})" for k in kinds))
    if show_failures and not split.endswith("heldout"):
        for failure in result["failures"]:
            print(
                f"  {failure['qid']} {failure['kind']} expected={failure['expected']} got={failure['got']} "
                f"lacking={failure['lacking']}: {failure['question']} -> {failure['answer']!r}"
            )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout", "both"), default="both")
    parser.add_argument("--set", choices=(*SETS, "both"), default="both", help="question set 1, 2, 3 or both (all)")
    parser.add_argument("--show-dev-failures", action="store_true", help="list the failing dev questions")
    args = parser.parse_args(argv)
    for number in SETS if args.set == "both" else (args.set,):
        for split in ("dev", "heldout") if args.split == "both" else (args.split,):
            report_split(split, args.show_dev_failures, number)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
