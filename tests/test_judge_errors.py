"""Judge rubric v2 (clinical errors): the prompt, strict parsing, the stand-in judge, the rubric key,
the error table, the agreement of judge and rules, and the report (hand-computed numbers)."""

import json
import math
import re
import warnings

import pandas as pd
import pytest
from conftest import endpoints_file

from korad.clinical_errors import ERROR_TYPES, ERROR_TYPES_KO
from korad.endpoints import load_endpoints
from korad.errors import InputError
from korad.eval.errors import agreement, error_free, error_table
from korad.eval.judge import (
    criteria_for,
    judge_messages,
    judgment_schema,
    parse_errors,
    parse_judgment_with_errors,
    rubric_version,
    run_judge,
)
from korad.eval.report import hangul_font, plot_errors, write_report
from korad.eval.rubric import ERROR_DEFINITIONS_KO, RUBRICS
from korad.testing.fake_judge import judge_responder
from korad.testing.openai_server import OpenAIServer

REPORT = "Small left pleural effusion. No pneumothorax."
ROW = {"qa_id": "q1", "report": REPORT, "question": "흉수가 있나요?", "reference": "좌측에 소량의 흉수가 있습니다."}
ANSWER = "우측에 흉수가 있습니다. 기흉도 보입니다."


def _reply(errors, counts=None, **criteria):
    scores = {c: {"score": 3, "rationale": "ok"} for c in criteria_for("ref")}
    counts = counts if counts is not None else {k: sum(e["type"] == k for e in errors) for k in ERROR_TYPES}
    return json.dumps({**scores, "errors": errors, "error_counts": counts}, ensure_ascii=False)


# --- the rubric and the prompt ----------------------------------------------------------------


def test_v2_asks_in_korean_for_every_error_type_and_v1_stays_as_it_was():
    assert set(ERROR_DEFINITIONS_KO) == set(ERROR_TYPES) and set(RUBRICS) == {"v1", "v2"}
    system, user = (m["content"] for m in judge_messages(ROW, ANSWER, "v2"))
    assert "영상의학과 전문의" in system and "임상적 오류" in user and '"error_counts"' in user
    for kind in ERROR_TYPES:
        assert kind in user and ERROR_TYPES_KO[kind] in user and ERROR_DEFINITIONS_KO[kind] in user
    v1 = judge_messages(ROW, ANSWER, "v1")
    assert "error_counts" not in v1[1]["content"] and v1[0]["content"].startswith("You are a board-certified")
    # v1's version is the one judgments had before rubric versions existed: their keys stay valid
    assert rubric_version("v1") == "korad-judge-2+5b9121cb"
    assert rubric_version("v2").startswith("korad-judge-3+") and rubric_version() == rubric_version("v2")
    schema = judgment_schema(criteria_for(None), errors=True)["schema"]
    assert {"errors", "error_counts"} <= set(schema["required"])
    assert schema["properties"]["error_counts"]["required"] == list(ERROR_TYPES)
    assert "errors" not in judgment_schema(criteria_for(None))["schema"]["properties"]


def test_parse_errors_accepts_a_consistent_reply_and_names_what_is_wrong():
    side = {"type": "wrong_side", "quote": "우측에  흉수가 있습니다.", "explanation": "판독문은 좌측"}
    errors, counts = parse_errors(_reply([side]), ANSWER)  # spaces in the quote do not matter
    assert errors[0]["type"] == "wrong_side" and counts["wrong_side"] == 1 and sum(counts.values()) == 1
    parsed = parse_judgment_with_errors(_reply([]), criteria_for("ref"), ANSWER)
    assert parsed["error_counts"] == dict.fromkeys(ERROR_TYPES, 0) and parsed["criteria"]["accuracy"]["score"] == 3

    disagree = dict.fromkeys(ERROR_TYPES, 0) | {"wrong_side": 2}
    bad = {
        "is 2 but 1 error": _reply([side], disagree),
        "unknown error type 'wrong_organ'": _reply([{**side, "type": "wrong_organ"}]),
        "unknown error type(s) wrong_organ": _reply([], dict.fromkeys(ERROR_TYPES, 0) | {"wrong_organ": 0}),
        "is not a part of the answer": _reply([{**side, "quote": "심비대가 있습니다."}]),
        "false_finding: expected a count": _reply([], {k: 0 for k in ERROR_TYPES if k != "false_finding"}),
        "errors: expected a list": json.dumps({"errors": None, "error_counts": {}}),
    }
    for needle, text in bad.items():
        with pytest.raises(ValueError, match=re.escape(needle)):
            parse_errors(text, ANSWER)


def test_the_stand_in_judge_answers_v2_deterministically_with_quoted_errors():
    request = {"messages": judge_messages(ROW, ANSWER + " 흉부 CT 추적 검사를 권고합니다.", "v2")}
    reply = judge_responder(request)
    assert reply == judge_responder(request)
    parsed = parse_judgment_with_errors(reply, criteria_for("ref"), ANSWER + " 흉부 CT 추적 검사를 권고합니다.")
    kinds = [e["type"] for e in parsed["errors"]]
    assert "unsupported_recommendation" in kinds  # the report recommends nothing
    assert {"wrong_side", "false_finding"} & set(kinds)  # the rule-based errors (one may be "missed")
    assert "error_counts" not in judge_responder({"messages": judge_messages(ROW, ANSWER, "v1")})


# --- judgments keyed by rubric version ----------------------------------------------------------


def test_judgments_of_another_rubric_are_never_mixed_in_scores_errors_or_report(tmp_path):
    table = pd.DataFrame(
        [
            {"qa_id": "q1", "report": REPORT, "question": "흉수가 있나요?", "answer_m": ANSWER},
            {"qa_id": "q2", "report": REPORT, "question": "기흉이 있나요?", "answer_m": "기흉은 없습니다."},
        ]
    )
    out = tmp_path / "eval"
    with OpenAIServer(judge_responder) as server:
        endpoint = load_endpoints(endpoints_file(tmp_path / "e.yaml", server.base_url, name="judge")).get("judge")

        def judge(rubric):
            run_judge(table, endpoint, out, rubric_name=rubric, default_source="synthetic")
            return len(server.log)

        assert judge("v1") == 2 and not (out / "errors.parquet").exists()
        assert judge("v2") == 4  # a new rubric asks again: no v1 score is reused
        scores, errors = pd.read_parquet(out / "scores.parquet"), pd.read_parquet(out / "errors.parquet")
        assert set(scores["rubric_version"]) == set(errors["rubric_version"]) == {rubric_version("v2")}
        assert len(scores) == 8 and set(errors["source"]) == {"judge", "rules"}
        assert len(errors) == 2 * 2 * len(ERROR_TYPES)
        rules = errors[errors.source == "rules"].set_index(["qa_id", "error_type"])["count"]
        assert rules[("q1", "wrong_side")] == 1 and rules[("q1", "false_finding")] == 1 and rules["q2"].sum() == 0

        assert judge("v1") == 4  # back to v1: its judgments are still there, nothing is sent
        v1 = pd.read_parquet(out / "scores.parquet")
        assert set(v1["rubric_version"]) == {rubric_version("v1")} and len(v1) == 8
        assert not (out / "errors.parquet").exists()  # v2's error counts would belong to another rubric
    write_report(out, scores=v1)
    assert "Clinical errors" not in (out / "report.md").read_text(encoding="utf-8")
    with pytest.raises(InputError, match=r"is not that of scores\.parquet"):
        write_report(out, scores=v1, errors=errors)
    with pytest.raises(InputError, match="several rubric versions"):
        write_report(out, scores=pd.concat([v1, scores]))


# --- the error table and agreement (hand-computed) ----------------------------------------------


def _errors(counts: dict[str, dict[str, list]]) -> pd.DataFrame:
    """errors.parquet rows from {source: {error_type: [count per answer]}} (model m, answers a0, a1, ...;
    types not given count 0)."""
    rows = []
    for source, by_type in counts.items():
        n = len(next(iter(by_type.values())))
        for i in range(n):
            for kind in ERROR_TYPES:
                count = by_type.get(kind, [0] * n)[i]
                if source == "judge" and by_type.get("missing", [False] * n)[i]:
                    count = None
                rows.append(
                    {
                        "qa_id": f"a{i}",
                        "model": "m",
                        "source": source,
                        "error_type": kind,
                        "count": count,
                        "rubric_version": "v",
                    }
                )
    return pd.DataFrame(rows).astype({"count": "Int64"})


ERRORS = _errors(
    {
        # six answers; the judge's judgment of a5 is missing
        "rules": {"false_finding": [1, 2, 1, 0, 0, 1], "denied_finding": [0, 0, 0, 0, 0, 0]},
        "judge": {
            "false_finding": [1, 1, 0, 0, 0, 0],
            "denied_finding": [1, 1, 1, 1, 1, 0],
            "missing": [False, False, False, False, False, True],
        },
    }
)


def test_agreement_per_error_type_by_hand():
    rows = {row.error_type: row for row in agreement(ERRORS)}
    # false_finding over a0-a4: rules present T T T F F, judge T T F F F -> agree 4/5;
    # chance 3/5*2/5 + 2/5*3/5 = 0.48 -> kappa (0.8 - 0.48) / 0.52
    ff = rows["false_finding"]
    assert (ff.n, ff.rules, ff.judge) == (5, 3, 2) and ff.agreement == pytest.approx(0.8)
    assert ff.kappa == pytest.approx(0.32 / 0.52)
    # denied_finding: rules never, judge always -> agree 0, chance 0 -> kappa 0
    assert rows["denied_finding"].agreement == 0 and rows["denied_finding"].kappa == pytest.approx(0.0)
    # wrong_side: neither ever -> agree 1, kappa undefined
    assert rows["wrong_side"].agreement == 1 and math.isnan(rows["wrong_side"].kappa)


def test_error_table_and_error_free_share_by_hand():
    rows = {(row.source, row.error_type): row for row in error_table(ERRORS, "m")}
    rules, judge = rows[("rules", "false_finding")], rows[("judge", "false_finding")]
    assert rules.mean.mean == pytest.approx(5 / 6) and rules.share.mean == pytest.approx(4 / 6) and rules.mean.n == 6
    assert judge.mean.mean == pytest.approx(2 / 5) and judge.share.mean == pytest.approx(2 / 5) and judge.share.n == 5
    assert rules.mean.low <= rules.mean.mean <= rules.mean.high and rules.mean.high > rules.mean.low
    assert rows[("judge", "denied_finding")].share.mean == pytest.approx(1.0)
    free = error_free(ERRORS, "rules").set_index("qa_id")["value"]
    assert free.to_dict() == {"a0": 0.0, "a1": 0.0, "a2": 0.0, "a3": 1.0, "a4": 1.0, "a5": 0.0}
    judged = error_free(ERRORS, "judge").set_index("qa_id")["value"]
    assert judged.iloc[:5].tolist() == [0.0, 0.0, 0.0, 0.0, 0.0] and math.isnan(judged["a5"])


def test_report_shows_the_error_table_agreement_headline_and_a_korean_plot(tmp_path):
    scores = pd.DataFrame(
        [
            {"qa_id": f"a{i}", "model": "m", "criterion": "accuracy", "score": 3, "judge": "j", "rubric_version": "v"}
            for i in range(6)
        ]
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = write_report(tmp_path, scores=scores, errors=ERRORS).read_text(encoding="utf-8")
    assert not [w for w in caught if "Glyph" in str(w.message)]  # every label renders
    assert "offline stand-in" not in report  # old frames without the column: no stand-in claimed
    scores["judge_stand_in"] = [False] * 5 + [True]
    flagged = write_report(tmp_path, scores=scores, errors=ERRORS).read_text(encoding="utf-8")
    assert flagged.startswith("# korad evaluation\n\n**Warning: the judge's scores") and "not by a language model" in flagged
    assert "**Error-free answers** (share with no clinical error): `m` 0.000 [0.000, 0.000] (judge), 0.333 [" in report
    assert report.index("error-free answers, judge") < report.index("accuracy (1-4)")  # the headline leads
    row = next(
        line for line in report.splitlines() if line.startswith("| 없는 소견을 있다고 함 (`false_finding`) | 0.")
    )
    assert (
        row.startswith("| 없는 소견을 있다고 함 (`false_finding`) | 0.400 [")
        and "| 0.833 [" in row
        and "| 0.667 [" in row
    )
    assert "| 없는 소견을 있다고 함 (`false_finding`) | 5 | 3 | 2 | 0.800 | 0.615 |" in report
    assert "| 좌우가 다름 (`wrong_side`) | 5 | 0 | 0 | 1.000 | n/a |" in report
    assert (tmp_path / "plots" / "errors.png").read_bytes()[:4] == b"\x89PNG"


def test_the_error_plot_names_types_in_korean_and_marks_no_data():
    rules_only = ERRORS[ERRORS.source == "rules"]
    tables = {"m": error_table(rules_only, "m"), "empty": error_table(rules_only, "empty")}
    figure = plot_errors(["m", "empty"], tables)
    texts = [t.get_text() for axis in figure.axes for t in axis.texts]
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert texts.count("m: no data") == len(ERROR_TYPES)  # the judge panel: no judge counts for m
    assert texts.count("empty: no data") == 2 * len(ERROR_TYPES)
    assert [t.get_text() for t in figure.axes[0].get_legend().get_texts()] == ["m", "empty"]  # every model named
    if hangul_font():  # setup.sh installs fonts-nanum; without a Hangul font the labels are the type keys
        assert labels[0] == f"{ERROR_TYPES_KO['false_finding']} (false_finding)"
    else:
        assert labels[0] == "false_finding"


def test_an_unknown_rubric_is_refused_naming_the_versions(capsys, tmp_path):
    from korad.cli import main as korad

    assert korad(["judge", "--endpoints", str(tmp_path / "e.yaml"), "--rubric", "v9"]) == 2
    assert "error: rubric='v9': one of v1, v2" in capsys.readouterr().err
