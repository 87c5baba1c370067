"""Check the attributes corpus: JSON, schema keys, value vocabularies, splits.

Checks reports_*/questions_*, the second set reports2_*/questions2_* and the third set reports3_*/questions3_*.
Run: python corpora/attributes/validate.py  (prints one line per problem, exit 2 when any).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ("dev", "heldout")
SETS = ("", "2", "3")  # questions<suffix>_*.jsonl about reports<suffix>_*.jsonl
CHEXPERT = {
    "No Finding", "Enlarged Cardiomediastinum", "Cardiomegaly", "Lung Opacity", "Lung Lesion",
    "Edema", "Consolidation", "Pneumonia", "Atelectasis", "Pneumothorax", "Pleural Effusion",
    "Pleural Other", "Fracture", "Support Devices",
}
EXTRA = {
    "Emphysema", "Granuloma", "Nodule", "Mass", "Rib Fracture", "Vertebral Fracture", "Scoliosis",
    "Hiatal Hernia", "Scarring", "Hyperinflation", "Old Tuberculosis", "Aortic Atherosclerosis",
    "Aortic Tortuosity",
}
DEVICES = {
    "Endotracheal Tube", "Central Line", "Nasogastric Tube", "Chest Tube", "Pacemaker",
    "Sternotomy Wires", "Surgical Clips",
}
OBSERVATIONS = CHEXPERT | EXTRA | DEVICES
LANGUAGES = {"en", "ko", "mixed"}
STATUS = {"positive", "negative", "uncertain"}
SIDE = {"left", "right", "bilateral", None}
SEVERITY = {"minimal", "mild", "moderate", "severe", None}
LOCATION = {"upper", "middle", "lower", "apex", "base", "lingula", "hilum", "perihilar",
            "retrocardiac", "costophrenic"}
CHANGE = {"new", "worse", "better", "stable", "resolved", None}
POSITION = {"appropriate", "malpositioned", None}
REPORT_KEYS = {"id", "language", "text", "details", "recommendations"}
DETAIL_KEYS = {"observation", "status", "side", "severity", "location", "size_mm", "change",
               "position", "text"}
QUESTION_KEYS = {"qid", "report_id", "question", "kind", "observation", "expected", "must_include"}
KINDS = {"side", "size", "severity", "change", "position", "next_steps", "paraphrase", "presence",
         "removal", "which_side_more"}
YES_NO = {"yes", "no", "uncertain", "not_mentioned"}
ANSWERS = {
    "side": {"left", "right", "bilateral", "not_mentioned"},
    "severity": {"minimal", "mild", "moderate", "severe", "not_mentioned"},
    "change": {"new", "worse", "better", "stable", "resolved", "not_mentioned"},
    "position": {"appropriate", "malpositioned", "not_mentioned"},
    "paraphrase": YES_NO,
    "presence": YES_NO,
    "removal": YES_NO,
    "which_side_more": {"left", "right", "equal", "not_mentioned"},
}


def _lines(path: Path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            yield number, line


def check_detail(where: str, detail: dict, report_text: str) -> list[str]:
    """Problems of one finding of a report."""
    problems = []
    if set(detail) != DETAIL_KEYS:
        problems.append(f"{where}: detail keys {sorted(set(detail) ^ DETAIL_KEYS)} differ")
        return problems
    checks = [
        (detail["observation"] in OBSERVATIONS, "observation"),
        (detail["status"] in STATUS, "status"),
        (detail["side"] in SIDE, "side"),
        (detail["severity"] in SEVERITY, "severity"),
        (isinstance(detail["location"], list) and set(detail["location"]) <= LOCATION, "location"),
        (detail["size_mm"] is None or (isinstance(detail["size_mm"], int) and detail["size_mm"] > 0),
         "size_mm"),
        (detail["change"] in CHANGE, "change"),
        (detail["position"] in POSITION, "position"),
        (detail["position"] is None or detail["observation"] in DEVICES | {"Support Devices"},
         "position on a non-device"),
        (isinstance(detail["text"], str) and detail["text"] in report_text, "text not in report"),
    ]
    problems += [f"{where}: bad {name} in {detail['observation']!r}" for ok, name in checks if not ok]
    return problems


def check_reports(path: Path) -> tuple[list[str], dict[str, dict]]:
    """Problems of one reports file and its reports by id."""
    problems, reports = [], {}
    for number, line in _lines(path):
        where = f"{path.name}:{number}"
        try:
            report = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{where}: invalid JSON ({error})")
            continue
        if set(report) != REPORT_KEYS:
            problems.append(f"{where}: report keys {sorted(set(report) ^ REPORT_KEYS)} differ")
            continue
        if report["language"] not in LANGUAGES:
            problems.append(f"{where}: bad language {report['language']!r}")
        if report["id"] in reports:
            problems.append(f"{where}: duplicate id {report['id']}")
        for detail in report["details"]:
            problems += check_detail(where, detail, report["text"])
        problems += [f"{where}: recommendation not in text: {r!r}"
                     for r in report["recommendations"] if r not in report["text"]]
        reports[report["id"]] = report
    return problems, reports


def _must_include_ok(items: object) -> bool:
    if not isinstance(items, list):
        return False
    return all((isinstance(item, str) and item) or
               (isinstance(item, list) and item and all(isinstance(x, str) and x for x in item))
               for item in items)


def check_questions(path: Path, reports: dict[str, dict]) -> list[str]:
    """Problems of one questions file against the reports of the same split."""
    problems = []
    for number, line in _lines(path):
        where = f"{path.name}:{number}"
        try:
            question = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{where}: invalid JSON ({error})")
            continue
        if set(question) != QUESTION_KEYS:
            problems.append(f"{where}: question keys {sorted(set(question) ^ QUESTION_KEYS)} differ")
            continue
        kind, expected = question["kind"], question["expected"]
        report = reports.get(question["report_id"])
        if report is None:
            problems.append(f"{where}: report_id {question['report_id']} not in this split")
        if kind not in KINDS:
            problems.append(f"{where}: bad kind {kind!r}")
            continue
        if not isinstance(expected, dict) or not set(expected) <= {"answer", "yes_no"} \
                or "answer" not in expected:
            problems.append(f"{where}: expected must be {{answer[, yes_no]}}")
            continue
        answer = expected["answer"]
        if kind in ANSWERS and answer not in ANSWERS[kind]:
            problems.append(f"{where}: bad answer {answer!r} for kind {kind}")
        if kind == "size" and not (isinstance(answer, str) and (answer.isdigit() or answer == "not_mentioned")):
            problems.append(f"{where}: size answer must be millimetres as digits")
        if "yes_no" in expected and expected["yes_no"] not in YES_NO:
            problems.append(f"{where}: bad yes_no {expected['yes_no']!r}")
        if kind in {"paraphrase", "presence", "removal"} and expected.get("yes_no") != answer:
            problems.append(f"{where}: {kind} needs yes_no equal to answer")
        if kind == "next_steps" and report is not None:
            if answer != "none" and answer not in report["recommendations"]:
                problems.append(f"{where}: next_steps answer is not one of the report's recommendations")
            if answer == "none" and report["recommendations"]:
                problems.append(f"{where}: next_steps answer none but the report recommends")
        observation = question["observation"]
        if observation is not None and observation not in OBSERVATIONS:
            problems.append(f"{where}: bad observation {observation!r}")
        if not _must_include_ok(question["must_include"]):
            problems.append(f"{where}: must_include must be a list of strings or lists of strings")
    return problems


def main() -> int:
    problems, qids, counts = [], Counter(), Counter()
    all_ids: Counter = Counter()
    for split in SPLITS:
        for suffix in SETS:
            reports_path = HERE / f"reports{suffix}_{split}.jsonl"
            if suffix and not reports_path.exists():
                continue
            report_problems, reports = check_reports(reports_path)
            problems += report_problems
            all_ids.update(reports.keys())
            counts.update(f"{split}/{r['language']}" for r in reports.values())
            questions = HERE / f"questions{suffix}_{split}.jsonl"
            if questions.exists():
                problems += check_questions(questions, reports)
                for _, line in _lines(questions):
                    qids[json.loads(line).get("qid")] += 1
                    counts[f"{split}/questions"] += 1
    problems += [f"report id {i} in more than one split" for i, n in all_ids.items() if n > 1]
    problems += [f"qid {q} used {n} times" for q, n in qids.items() if n > 1]
    for problem in problems:
        print(f"error: {problem}")
    print(" ".join(f"{key}={value}" for key, value in sorted(counts.items())))
    return 2 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
