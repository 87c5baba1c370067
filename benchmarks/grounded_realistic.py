"""The grounded backend on the realistic corpus: false warnings on its own answers, and yes/no.

    PYTHONPATH=. .venv/bin/python benchmarks/grounded_realistic.py [--split dev|heldout|both] [--set 1|2|3|both]

Over ``corpora/realistic/questions_<split>.jsonl`` (each question about a report of
``reports_<split>.jsonl``; set 2, written later and apart from the rules, is ``questions2_<split>.jsonl``
about ``reports2_<split>.jsonl``; set 3, by a third hand in the layouts of real reports, is
``questions3_<split>.jsonl`` about ``reports3_<split>.jsonl``), prints for dev and held-out separately:

- warnings the grounding check raises on the grounded backend's own answers (target 0), and, for
  information, how many it would raise if the answers were read as a model's text;
- the share of answers whose first word (네 / 아니요 / 확실하지 않습니다 / cannot tell) matches the
  question's ``expected``: on negative-presence and normality questions, and on all yes/no ones.

Held-out figures are for measuring only: never tune rules on their failures (none are printed).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from korad.chat import ChatRequest, check_answer, check_reply  # noqa: E402
from korad.chat.grounded import GroundedBackend  # noqa: E402

CORPUS = ROOT / "corpora" / "realistic"
YES_NO = ("yes", "no", "uncertain", "not_mentioned")
POLARITY_KINDS = ("negative_presence", "normality")


def first_word(answer: str) -> str:
    """The yes/no reading of an answer's opening: yes, no, uncertain, not_mentioned, or none."""
    opening = answer.lstrip()
    if opening.startswith("네"):
        return "yes"
    if opening.startswith("아니"):
        return "no"
    if opening.startswith("확실하지"):
        return "uncertain"
    first_line = opening.split("\n", 1)[0]
    if "확인할 수 없습니다" in first_line or "답할 수 없습니다" in first_line or "적혀 있지 않" in first_line:
        return "not_mentioned"
    return "none"


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


SETS = {"1": "", "2": "2", "3": "3"}
"""The question sets: the file suffix of each (``questions<suffix>_<split>.jsonl``)."""


def measure(split: str, number: str = "1") -> dict:
    """The figures of one split of a set, and the failing dev items (never the held-out ones)."""
    reports = {r["id"]: r for r in _read(CORPUS / f"reports{SETS[number]}_{split}.jsonl")}
    questions = _read(CORPUS / f"questions{SETS[number]}_{split}.jsonl")
    backend = GroundedBackend()
    counts: Counter[str] = Counter()
    failures: list[dict] = []
    for item in questions:
        report = reports[item["report_id"]]["text"]
        request = ChatRequest.about(report, item["question"])
        answer = backend.generate(request)
        grounding = check_reply(backend, request, answer)
        counts["answers"] += 1
        counts["self_warnings"] += len(grounding.contradictions)
        counts["text_warnings"] += len(check_answer(report, answer, request.findings).contradictions)
        expected = item["expected"]
        if expected not in YES_NO or item["kind"] in ("offtopic", "meaning", "summary"):
            continue
        got = first_word(answer)
        hit = got == expected
        counts["yes_no"] += 1
        counts["yes_no_hit"] += hit
        if item["kind"] in POLARITY_KINDS:
            counts["polarity"] += 1
            counts["polarity_hit"] += hit
        counts[f"{item['kind']}"] += 1
        counts[f"{item['kind']}_hit"] += hit
        if not hit and split != "heldout":
            failures.append({**item, "got": got, "answer": answer[:200]})
    return {"counts": counts, "failures": failures}


def _share(counts: Counter, name: str) -> str:
    total = counts[name]
    return f"{counts[name + '_hit'] / total:.1%} ({counts[name + '_hit']}/{total})" if total else "n/a"


def report_split(split: str, show_failures: bool = False, number: str = "1") -> dict:
    result = measure(split, number)
    heldout = split == "heldout"
    split = f"set {number} {split}"
    counts = result["counts"]
    print(f"[{split}] answers={counts['answers']} self_warnings={counts['self_warnings']} (target 0) "
          f"warnings_if_read_as_text={counts['text_warnings']}")
    print(f"[{split}] yes/no match: negative-presence+normality {_share(counts, 'polarity')}; "
          f"all yes/no {_share(counts, 'yes_no')}")
    kinds = sorted({k.removesuffix('_hit') for k in counts} & {"presence", "negative_presence", "normality", "change"})
    print(f"[{split}] by kind: " + "; ".join(f"{k} {_share(counts, k)}" for k in kinds))
    if show_failures and not heldout:
        for failure in result["failures"]:
            print(f"  {failure['qid']} {failure['kind']} expected={failure['expected']} got={failure['got']}: "
                  f"{failure['question']} -> {failure['answer']!r}")
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
