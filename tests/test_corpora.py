"""Schema of the test corpora under ``corpora/`` (see ``corpora/README.md``).

Only the shape of the records is checked here (keys, values, ids, links between files); the
held-out files are read for their schema only, never for their sentences.
"""

import json
import re
from pathlib import Path

import pytest

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
SPLITS = ("dev", "heldout")

CHEXPERT = {
    "No Finding", "Enlarged Cardiomediastinum", "Cardiomegaly", "Lung Lesion", "Lung Opacity", "Edema",
    "Consolidation", "Pneumonia", "Atelectasis", "Pneumothorax", "Pleural Effusion", "Pleural Other",
    "Fracture", "Support Devices",
}
DEVICES = {
    "Endotracheal Tube", "Central Line", "Nasogastric Tube", "Chest Tube", "Pacemaker", "Sternotomy Wires",
    "Surgical Clips",
}
EXTRA = {
    "Emphysema", "Granuloma", "Nodule", "Mass", "Rib Fracture", "Vertebral Fracture", "Scoliosis", "Hiatal Hernia",
    "Scarring", "Hyperinflation", "Old Tuberculosis", "Aortic Atherosclerosis", "Aortic Tortuosity",
} | DEVICES
STATUS = {"positive", "negative", "uncertain"}
LANGUAGES = {"en", "ko", "mixed"}
HANGUL = re.compile("[\uac00-\ud7a3]")

REPORT_KEYS = {"id", "language", "style", "text", "labels", "normal"}
QUESTION_KEYS = {"qid", "report_id", "question", "kind", "expected", "observation", "note"}
QUESTION_KINDS = {"presence", "negative_presence", "normality", "change", "meaning", "offtopic", "summary"}
EXPECTED = {"yes", "no", "uncertain", "not_mentioned", "none"}

ATTR_REPORT_KEYS = {"id", "language", "text", "details", "recommendations"}
DETAIL_KEYS = {"observation", "status", "side", "severity", "location", "size_mm", "change", "position", "text"}
SIDES = {"left", "right", "bilateral", None}
SEVERITIES = {"minimal", "mild", "moderate", "severe", None}
LOCATIONS = {"upper", "middle", "lower", "apex", "base", "lingula", "hilum", "perihilar", "retrocardiac", "costophrenic"}
CHANGES = {"new", "worse", "better", "stable", "resolved", None}
POSITIONS = {"appropriate", "malpositioned", None}
ATTR_QUESTION_KEYS = {"qid", "report_id", "question", "kind", "observation", "expected", "must_include"}
YES_NO = {"yes", "no", "uncertain", "not_mentioned"}
ATTR_ANSWERS = {
    "side": {"left", "right", "bilateral", "not_mentioned"},
    "severity": {"minimal", "mild", "moderate", "severe", "not_mentioned"},
    "change": {"new", "worse", "better", "stable", "resolved", "not_mentioned"},
    "position": {"appropriate", "malpositioned", "not_mentioned"},
    "paraphrase": YES_NO,
    "presence": YES_NO,
    "size": None,
    "next_steps": None,
    "removal": YES_NO,
    "which_side_more": {"left", "right", "equal", "not_mentioned"},
}


def read_jsonl(path: Path) -> list[dict]:
    """Parse a JSONL file, failing with the file and line of the first bad record."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{path.name}:{number}: empty line"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            pytest.fail(f"{path.name}:{number}: invalid JSON: {error}")
        assert isinstance(row, dict), f"{path.name}:{number}: not an object"
        rows.append(row)
    return rows


def corpus(folder: str, kind: str) -> dict[str, list[dict]]:
    """Both splits of ``corpora/<folder>/<kind>_{dev,heldout}.jsonl``; skipped only when none exists."""
    paths = {split: CORPORA / folder / f"{kind}_{split}.jsonl" for split in SPLITS}
    present = [path for path in paths.values() if path.exists()]
    if not present:
        pytest.skip(f"corpora/{folder}/{kind}_*.jsonl not written yet")
    missing = [path.name for path in paths.values() if not path.exists()]
    assert not missing, f"corpora/{folder}: a split is missing: {missing}"
    return {split: read_jsonl(path) for split, path in paths.items()}


def check_keys(row: dict, required: set, optional: set, where: str) -> None:
    missing = required - row.keys()
    unknown = row.keys() - required - optional
    assert not missing, f"{where}: missing keys {sorted(missing)}"
    assert not unknown, f"{where}: unknown keys {sorted(unknown)}"


def check_ids_unique(splits: dict[str, list[dict]], key: str, folder: str) -> None:
    seen: dict[str, str] = {}
    for split, rows in splits.items():
        for row in rows:
            assert row[key] not in seen, f"{folder}: {key} {row[key]} in {seen[row[key]]} and {split}"
            seen[row[key]] = split


# ---------------------------------------------------------------- realistic/


REALISTIC_SETS = [("reports", "questions"), ("reports2", "questions2"), ("reports3", "questions3")]


def test_realistic_ids_unique_across_sets():
    check_ids_unique({f"{kind}_{split}": rows for kind, _ in REALISTIC_SETS
                      for split, rows in corpus("realistic", kind).items()}, "id", "realistic")
    check_ids_unique({f"{kind}_{split}": rows for _, kind in REALISTIC_SETS
                      for split, rows in corpus("realistic", kind).items()}, "qid", "realistic")


@pytest.mark.parametrize("reports_kind", [reports for reports, _ in REALISTIC_SETS])
def test_realistic_reports_schema(reports_kind):
    splits = corpus("realistic", reports_kind)
    for split, rows in splits.items():
        assert rows, f"realistic/{reports_kind}_{split}.jsonl is empty"
        for row in rows:
            where = f"realistic/{reports_kind}_{split} {row.get('id')}"
            check_keys(row, REPORT_KEYS, set(), where)
            match = re.fullmatch(r"rr-(en|ko|mx)-(\d{4})", row["id"])
            assert match, f"{where}: id must look like rr-en-0001"
            assert row["language"] in LANGUAGES, f"{where}: language {row['language']!r}"
            assert {"en": "en", "ko": "ko", "mx": "mixed"}[match.group(1)] == row["language"], (
                f"{where}: id prefix does not match language {row['language']}"
            )
            assert isinstance(row["style"], str) and row["style"], f"{where}: style must be a non-empty string"
            assert isinstance(row["text"], str) and row["text"].strip(), f"{where}: empty text"
            assert isinstance(row["normal"], bool), f"{where}: normal must be true or false"
            labels = row["labels"]
            assert isinstance(labels, dict), f"{where}: labels must be an object"
            assert set(labels) <= CHEXPERT, f"{where}: not CheXpert observations {sorted(set(labels) - CHEXPERT)}"
            assert set(labels.values()) <= STATUS, f"{where}: label values {sorted(set(labels.values()))}"
            findings = {name for name, value in labels.items()
                        if value != "negative" and name not in ("No Finding", "Support Devices")}
            if labels.get("No Finding") == "positive":
                assert not findings, f"{where}: No Finding is positive beside {sorted(findings)}"
            assert labels.get("No Finding") in (None, "positive"), f"{where}: No Finding is positive or omitted"
            if row["normal"]:
                assert not findings, f"{where}: normal study with findings {sorted(findings)}"
    check_ids_unique(splits, "id", f"realistic/{reports_kind}")


@pytest.mark.parametrize("reports_kind", [reports for reports, _ in REALISTIC_SETS])
def test_realistic_reports_cover_languages_in_both_splits(reports_kind):
    splits = corpus("realistic", reports_kind)
    for split, rows in splits.items():
        languages = {row["language"] for row in rows}
        assert languages == LANGUAGES, f"realistic/{reports_kind}_{split}: languages {sorted(languages)}"
        normal = sum(row["normal"] for row in rows)
        assert 0 < normal < len(rows), f"realistic/{reports_kind}_{split}: needs normal and abnormal studies"


def test_realistic_split_sizes():
    """About two thirds dev and one third held-out, for the reports and for the questions."""
    for kind, least in (("reports", 330), ("questions", 180)):
        splits = corpus("realistic", kind)
        total = sum(len(rows) for rows in splits.values())
        assert total >= least, f"realistic/{kind}: {total} records, expected at least {least}"
        share = len(splits["heldout"]) / total
        assert 0.25 <= share <= 0.40, f"realistic/{kind}: held-out share {share:.2f}, expected about 1/3"


def test_realistic_second_set_sizes():
    """The second set: at least 40 reports and 80 questions, about half held out."""
    for kind, least in (("reports2", 40), ("questions2", 80)):
        splits = corpus("realistic", kind)
        total = sum(len(rows) for rows in splits.values())
        assert total >= least, f"realistic/{kind}: {total} records, expected at least {least}"
        share = len(splits["heldout"]) / total
        assert 0.4 <= share <= 0.6, f"realistic/{kind}: held-out share {share:.2f}, expected about half"


@pytest.mark.parametrize(("reports_kind", "questions_kind"), REALISTIC_SETS)
def test_realistic_questions_schema_and_links(reports_kind, questions_kind):
    reports = corpus("realistic", reports_kind)
    questions = corpus("realistic", questions_kind)
    for split, rows in questions.items():
        assert rows, f"realistic/{questions_kind}_{split}.jsonl is empty"
        ids = {row["id"] for row in reports[split]}
        for row in rows:
            where = f"realistic/{questions_kind}_{split} {row.get('qid')}"
            check_keys(row, QUESTION_KEYS, set(), where)
            assert re.fullmatch(r"rq-\d{4}", row["qid"]), f"{where}: qid must look like rq-0001"
            assert row["report_id"] in ids, f"{where}: report {row['report_id']} is not in {reports_kind}_{split}"
            assert isinstance(row["question"], str) and HANGUL.search(row["question"]), (
                f"{where}: the question must be Korean"
            )
            assert row["kind"] in QUESTION_KINDS, f"{where}: kind {row['kind']!r}"
            assert row["expected"] in EXPECTED, f"{where}: expected {row['expected']!r}"
            assert row["observation"] is None or row["observation"] in CHEXPERT | EXTRA, (
                f"{where}: observation {row['observation']!r}"
            )
            assert isinstance(row["note"], str), f"{where}: note must be a string"
            if row["kind"] in ("meaning", "summary"):
                assert row["expected"] == "none", f"{where}: a {row['kind']} question is not a yes/no question"
            if row["kind"] in ("presence", "negative_presence", "normality"):
                assert row["expected"] != "none", f"{where}: a {row['kind']} question has a yes/no answer"
        kinds = {row["kind"] for row in rows}
        assert kinds == QUESTION_KINDS, (
            f"realistic/{questions_kind}_{split}: kinds missing {sorted(QUESTION_KINDS - kinds)}"
        )
    check_ids_unique(questions, "qid", f"realistic/{questions_kind}")


# ---------------------------------------------------------------- attributes/


ATTRIBUTE_SETS = [("reports", "questions"), ("reports2", "questions2"), ("reports3", "questions3")]


def test_attribute_report_ids_unique_across_sets():
    check_ids_unique({f"{kind}_{split}": rows for kind, _ in ATTRIBUTE_SETS
                      for split, rows in corpus("attributes", kind).items()}, "id", "attributes")
    check_ids_unique({f"{kind}_{split}": rows for _, kind in ATTRIBUTE_SETS
                      for split, rows in corpus("attributes", kind).items()}, "qid", "attributes")


@pytest.mark.parametrize("reports_kind", [reports for reports, _ in ATTRIBUTE_SETS])
def test_attribute_reports_schema(reports_kind):
    splits = corpus("attributes", reports_kind)
    for split, rows in splits.items():
        assert rows, f"attributes/{reports_kind}_{split}.jsonl is empty"
        for row in rows:
            where = f"attributes/{reports_kind}_{split} {row.get('id')}"
            check_keys(row, ATTR_REPORT_KEYS, set(), where)
            assert re.fullmatch(r"ra-(en|ko|mx)-\d{4}", row["id"]), f"{where}: id must look like ra-ko-0001"
            assert row["language"] in LANGUAGES, f"{where}: language {row['language']!r}"
            assert isinstance(row["text"], str) and row["text"].strip(), f"{where}: empty text"
            assert isinstance(row["recommendations"], list), f"{where}: recommendations must be a list"
            for item in row["recommendations"]:
                assert isinstance(item, str) and item.strip(), f"{where}: recommendations must be non-empty strings"
                assert item in row["text"], f"{where}: recommendation not written in the report: {item!r}"
            assert isinstance(row["details"], list), f"{where}: details must be a list"
            for number, detail in enumerate(row["details"]):
                at = f"{where} details[{number}]"
                assert isinstance(detail, dict), f"{at}: not an object"
                check_keys(detail, DETAIL_KEYS, set(), at)
                observation = detail["observation"]
                assert observation in CHEXPERT | EXTRA, f"{at}: observation {observation!r}"
                assert detail["status"] in STATUS, f"{at}: status {detail['status']!r}"
                assert detail["side"] in SIDES, f"{at}: side {detail['side']!r}"
                assert detail["severity"] in SEVERITIES, f"{at}: severity {detail['severity']!r}"
                assert isinstance(detail["location"], list), f"{at}: location must be a list"
                assert set(detail["location"]) <= LOCATIONS, f"{at}: location {detail['location']!r}"
                size = detail["size_mm"]
                assert size is None or (isinstance(size, int | float) and not isinstance(size, bool) and size > 0), (
                    f"{at}: size_mm {size!r}"
                )
                assert detail["change"] in CHANGES, f"{at}: change {detail['change']!r}"
                assert isinstance(detail["text"], str) and detail["text"].strip(), f"{at}: empty text"
                assert detail["text"] in row["text"], f"{at}: text is not quoted from the report"
                assert detail["position"] in POSITIONS, f"{at}: position {detail['position']!r}"
                assert observation in DEVICES | {"Support Devices"} or detail["position"] is None, (
                    f"{at}: position is for devices only"
                )
    check_ids_unique(splits, "id", f"attributes/{reports_kind}")


@pytest.mark.parametrize(("reports_kind", "questions_kind"), ATTRIBUTE_SETS)
def test_attribute_questions_schema_and_links(reports_kind, questions_kind):
    reports = corpus("attributes", reports_kind)
    questions = corpus("attributes", questions_kind)
    for split, rows in questions.items():
        assert rows, f"attributes/{questions_kind}_{split}.jsonl is empty"
        by_id = {row["id"]: row for row in reports[split]}
        for row in rows:
            where = f"attributes/{questions_kind}_{split} {row.get('qid')}"
            check_keys(row, ATTR_QUESTION_KEYS, set(), where)
            assert re.fullmatch(r"aq-\d{4}", row["qid"]), f"{where}: qid must look like aq-0001"
            assert row["report_id"] in by_id, f"{where}: report {row['report_id']} is not in {reports_kind}_{split}"
            assert isinstance(row["question"], str) and HANGUL.search(row["question"]), (
                f"{where}: the question must be Korean"
            )
            kind = row["kind"]
            assert kind in ATTR_ANSWERS, f"{where}: kind {kind!r}"
            assert row["observation"] is None or row["observation"] in CHEXPERT | EXTRA, (
                f"{where}: observation {row['observation']!r}"
            )
            expected = row["expected"]
            assert isinstance(expected, dict) and "answer" in expected, f"{where}: expected needs an answer"
            assert set(expected) <= {"answer", "yes_no"}, f"{where}: expected keys {sorted(expected)}"
            answer = expected["answer"]
            assert isinstance(answer, str) and answer, f"{where}: answer {answer!r} must be a non-empty string"
            if ATTR_ANSWERS[kind] is not None:
                assert answer in ATTR_ANSWERS[kind], f"{where}: answer {answer!r} for a {kind} question"
            if kind == "size":
                assert answer.isdigit() or answer == "not_mentioned", f"{where}: size answer {answer!r} in mm digits"
            if kind == "next_steps":
                recommendations = by_id[row["report_id"]]["recommendations"]
                assert answer in recommendations or (answer == "none" and not recommendations), (
                    f"{where}: next_steps answer must be one of the report's recommendations, or none when it has none"
                )
            if kind in ("presence", "paraphrase", "removal"):
                assert expected.get("yes_no") == answer, f"{where}: a {kind} question needs yes_no equal to answer"
            if "yes_no" in expected:
                assert expected["yes_no"] in YES_NO, f"{where}: yes_no {expected['yes_no']!r}"
            must_include = row["must_include"]
            assert isinstance(must_include, list), f"{where}: must_include must be a list"
            for item in must_include:
                alternatives = item if isinstance(item, list) else [item]
                assert alternatives and all(isinstance(text, str) and text for text in alternatives), (
                    f"{where}: must_include holds strings or non-empty lists of strings, not {item!r}"
                )
    check_ids_unique(questions, "qid", f"attributes/{questions_kind}")


# ---------------------------------------------------------------- answers/

ERROR_TYPES = {
    "false_finding", "denied_finding", "wrong_side", "wrong_severity", "wrong_size", "wrong_change",
    "wrong_device_position", "unsupported_recommendation",
}
ANSWER_KEYS = {"id", "report", "question", "answer", "errors"}


def test_answers_schema():
    splits = corpus("answers", "answers")
    for split, rows in splits.items():
        assert rows, f"answers/answers_{split}.jsonl is empty"
        for row in rows:
            where = f"answers/answers_{split} {row.get('id')}"
            check_keys(row, ANSWER_KEYS, set(), where)
            assert re.fullmatch(r"ans-\d{4}", row["id"]), f"{where}: id must look like ans-0001"
            assert isinstance(row["report"], str) and row["report"].strip(), f"{where}: empty report"
            for key in ("question", "answer"):
                assert isinstance(row[key], str) and HANGUL.search(row[key]), f"{where}: the {key} must be Korean"
            assert isinstance(row["errors"], list), f"{where}: errors must be a list"
            for number, error in enumerate(row["errors"]):
                at = f"{where} errors[{number}]"
                assert isinstance(error, dict), f"{at}: not an object"
                check_keys(error, {"type", "span", "note"}, set(), at)
                assert error["type"] in ERROR_TYPES, f"{at}: type {error['type']!r}"
                assert isinstance(error["span"], str) and error["span"].strip(), f"{at}: empty span"
                assert error["span"] in row["answer"], f"{at}: span is not an exact substring of the answer"
                assert isinstance(error["note"], str) and error["note"].strip(), f"{at}: empty note"
    check_ids_unique(splits, "id", "answers")



def test_answers_cover_every_error_type_and_faithful_answers():
    splits = corpus("answers", "answers")
    rows = [row for split_rows in splits.values() for row in split_rows]
    assert len(rows) >= 160, f"answers: {len(rows)} answers, expected at least 160"
    share = len(splits["heldout"]) / len(rows)
    assert 0.4 <= share <= 0.6, f"answers: held-out share {share:.2f}, expected about half"
    faithful = sum(not row["errors"] for row in rows) / len(rows)
    assert 0.3 <= faithful <= 0.5, f"answers: error-free share {faithful:.2f}, expected about 40 %"
    types = [error["type"] for row in rows for error in row["errors"]]
    thin = {kind: types.count(kind) for kind in ERROR_TYPES if types.count(kind) < 10}
    assert not thin, f"answers: error types with fewer than 10 examples: {thin}"
    assert any(len(row["errors"]) >= 2 for row in rows), "answers: no answer with two errors"


def test_attribute_second_set_sizes_and_new_kinds():
    """reports2/questions2: at least 50 reports and 120 questions, about half held out, with the
    kinds the first set is thin on in both splits."""
    for kind, least in (("reports2", 50), ("questions2", 120)):
        splits = corpus("attributes", kind)
        total = sum(len(rows) for rows in splits.values())
        assert total >= least, f"attributes/{kind}: {total} records, expected at least {least}"
        share = len(splits["heldout"]) / total
        assert 0.4 <= share <= 0.6, f"attributes/{kind}: held-out share {share:.2f}, expected about half"
    for split, rows in corpus("attributes", "questions2").items():
        kinds = {row["kind"] for row in rows}
        wanted = {"removal", "which_side_more", "position", "size", "change", "next_steps", "paraphrase"}
        assert wanted <= kinds, f"attributes/questions2_{split}: kinds missing {sorted(wanted - kinds)}"
