"""argilla/: record building and agreement math (no server), and the round trip with a real argilla-server."""

import os
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT, free_port

from korad.artifacts import InputError
from korad.eval.rubric import CRITERIA, POINTWISE
from korad.review.agreement import human_human, judge_human, kappa_and_rho
from korad.review.export import export_reviewed, reviewed_rows
from korad.review.records import items_from_dataset, items_from_eval, record_id
from korad.review.schema import review_settings

# --- independent hand computations -----------------------------------------------------------


def hand_qwk(a, b, k=4):
    observed = np.zeros((k, k))
    for x, y in zip(a, b, strict=True):
        observed[int(x) - 1, int(y) - 1] += 1
    weights = np.array([[(i - j) ** 2 / (k - 1) ** 2 for j in range(k)] for i in range(k)])
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / observed.sum()
    return 1 - (weights * observed).sum() / (weights * expected).sum()


def hand_spearman(a, b):
    return float(np.corrcoef(pd.Series(a).rank(), pd.Series(b).rank())[0, 1])


def judge_score(i: int, criterion: str) -> int:
    return 1 + (i + POINTWISE.index(criterion)) % 4


def reviewer_score(reviewer: str, i: int, criterion: str) -> int:
    score = judge_score(i, criterion)
    return score if reviewer == "rev1" else min(4, score + (i % 3 == 0))


def verdict(reviewer: str, i: int) -> str:
    return "accept" if (i % 3 != 0 if reviewer == "rev1" else i % 2 == 0) else "reject"


# --- no server -------------------------------------------------------------------------------


def test_agreement_matches_a_hand_computation():
    a, b = [1, 2, 3, 4, 4, 2, 1, 3], [1, 3, 3, 4, 3, 2, 2, 3]
    kappa, rho = kappa_and_rho(a, b)
    assert kappa == pytest.approx(hand_qwk(a, b)) and rho == pytest.approx(hand_spearman(a, b))
    assert kappa_and_rho([2, 2, 2], [2, 2, 2])[0] == 1.0 and np.isnan(kappa_and_rho([2, 2, 2], [2, 2, 2])[1])
    assert np.isnan(kappa_and_rho([3], [3])[0])


def test_judge_human_and_human_human_tables():
    responses = pd.DataFrame(
        [
            {"record_id": f"r{i}", "reviewer": reviewer, **{c: reviewer_score(reviewer, i, c) for c in POINTWISE}}
            for i in range(12)
            for reviewer in ("rev1", "rev2")
        ]
    )
    suggestions = pd.DataFrame(
        [{"record_id": f"r{i}", "criterion": c, "value": judge_score(i, c)} for i in range(12) for c in POINTWISE]
    )
    table = judge_human(responses, suggestions).set_index("criterion")
    judge = [judge_score(i, "accuracy") for i in range(12)]
    human = [reviewer_score(r, i, "accuracy") for i in range(12) for r in ("rev1", "rev2")]
    paired_judge = [j for j in judge for _ in range(2)]
    assert table.loc["accuracy", "n"] == 24
    assert table.loc["accuracy", "kappa_quadratic"] == pytest.approx(hand_qwk(paired_judge, human))
    pairs = human_human(responses).set_index("criterion")
    rev1 = [reviewer_score("rev1", i, "accuracy") for i in range(12)]
    rev2 = [reviewer_score("rev2", i, "accuracy") for i in range(12)]
    assert pairs.loc["accuracy", "kappa_quadratic"] == pytest.approx(hand_qwk(rev1, rev2))
    assert pairs.loc["accuracy", "spearman"] == pytest.approx(hand_spearman(rev1, rev2))


def test_review_settings_carry_the_judges_rubric_and_hide_the_model(argilla_server):
    import argilla as rg

    settings = review_settings(rg.Argilla(api_url=argilla_server.api_url, api_key=argilla_server.api_key))
    questions = {q.name: q for q in settings.questions}
    for criterion in POINTWISE:
        assert questions[criterion].description == CRITERIA[criterion].text()
        assert list(questions[criterion].values) == [1, 2, 3, 4]
    assert set(questions) == {*POINTWISE, "verdict", "corrected_answer", "comment"}
    metadata = {m.name: m for m in settings.metadata}
    assert metadata["model"].visible_for_annotators is False and metadata["task"].visible_for_annotators is True


def test_items_from_qa_pairs_and_eval_tables(dataset_dir, tmp_path):
    scores = pd.DataFrame(
        [{"qa_id": "x", "model": "teacher", "criterion": "accuracy", "score": 3.0, "judge": "gpt-4o"}]
    )
    items = items_from_dataset(str(dataset_dir), "train", scores, limit=5)
    assert len(items) == 5 and all(item["id"] == item["metadata"]["qa_id"] for item in items)
    scores.loc[0, "qa_id"] = items[0]["id"]
    items = items_from_dataset(str(dataset_dir), "train", scores, limit=5)
    assert items[0]["suggestions"] == [{"question_name": "accuracy", "value": 3, "agent": "gpt-4o"}]
    assert items[1]["suggestions"] == []

    table = pd.DataFrame(
        {
            "qa_id": ["a", "b"],
            "question": ["q1", "q2"],
            "report": ["r", "r"],
            "answer_secret-model": ["x", "y"],
            "answer_grounded": ["z", ""],
        }
    )
    table.to_parquet(tmp_path / "table.parquet")
    items = items_from_eval(tmp_path)
    assert len(items) == 3 and len({item["id"] for item in items}) == 3
    assert all("secret" not in item["id"] for item in items)
    assert record_id("a", "secret-model") == items[0]["id"]  # stable across pushes


def test_reviewed_rows_follow_the_majority_and_apply_corrections(tmp_path):
    records = {
        f"q{i}": {
            "fields": {"report": "FINDINGS: No pneumothorax.", "question": "기흉?", "answer": f"답 {i}"},
            "metadata": {"task": "qa", "model": "teacher"},
        }
        for i in range(3)
    }
    responses = pd.DataFrame(
        [
            {"record_id": "q0", "qa_id": "q0", "reviewer": "rev1", "verdict": "accept", "corrected_answer": "고친 답"},
            {"record_id": "q0", "qa_id": "q0", "reviewer": "rev2", "verdict": "accept", "corrected_answer": None},
            {"record_id": "q1", "qa_id": "q1", "reviewer": "rev1", "verdict": "accept", "corrected_answer": None},
            {"record_id": "q1", "qa_id": "q1", "reviewer": "rev2", "verdict": "reject", "corrected_answer": None},
            {"record_id": "q2", "qa_id": "q2", "reviewer": "rev1", "verdict": "accept", "corrected_answer": None},
        ]
    )
    rows = reviewed_rows(responses, records)
    assert [(r["qa_id"], r["answer"], r["corrected"]) for r in rows] == [("q0", "고친 답", True), ("q2", "답 2", False)]
    assert rows[0]["messages"][-1] == {"role": "assistant", "content": "고친 답"}
    (tmp_path / "README.md").write_text("---\nlicense: other\n---\n")
    with pytest.raises(InputError, match="no accepted answers"):
        export_reviewed([], tmp_path)
    assert not (tmp_path / "data").exists()


# --- with a real argilla-server ---------------------------------------------------------------


def run_script(name: str, *args: str, url: str, key: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ARGILLA_API_URL": url, "ARGILLA_API_KEY": key}
    return subprocess.run(
        [sys.executable, f"argilla/{name}.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def submit(server, reviewer: str, key: str, name: str, order: list[str]) -> None:
    """Log a reviewer's submitted responses through the SDK, attributed to that reviewer's user.

    Argilla 2.8 lets annotators submit in the UI; the SDK's record listing and bulk logging are for
    owners and admins, so responses are logged with the reviewer's ``user_id`` (the SDK's way to
    record annotations), the reviewer's identity coming from their own API key.
    """
    import argilla as rg

    reviewer_id = rg.Argilla(api_url=server.api_url, api_key=key).me.id
    dataset = rg.Argilla(api_url=server.api_url, api_key=server.api_key).datasets(name, workspace="argilla")
    records = list(dataset.records(with_responses=True))
    for record in records:
        i = order.index(record.id)
        values = {criterion: reviewer_score(reviewer, i, criterion) for criterion in POINTWISE}
        values["verdict"] = verdict(reviewer, i)
        if reviewer == "rev1" and i == 4:
            values["corrected_answer"] = "고친 답변입니다."
        for question, value in values.items():
            record.responses.add(rg.Response(question, value, user_id=reviewer_id, status="submitted"))
    dataset.records.log(records)


def test_push_review_pull_agreement_and_reviewed_config(argilla_server, dataset_dir, tmp_path):
    from datasets import load_dataset

    import argilla as rg

    owner = {"url": argilla_server.api_url, "key": argilla_server.api_key}
    qa_ids = [item["id"] for item in items_from_dataset(str(dataset_dir), "train", limit=20)]
    scores = pd.DataFrame(
        [
            {"qa_id": q, "model": "teacher", "criterion": c, "score": float(judge_score(i, c)), "judge": "gpt-4o"}
            for i, q in enumerate(qa_ids)
            for c in POINTWISE
        ]
    )
    scores.to_parquet(tmp_path / "scores.parquet")
    push = ["--qa", str(dataset_dir), "--split", "train", "--limit", "20", "--scores", str(tmp_path / "scores.parquet")]
    result = run_script("push", *push, "--name", "ko-rad-review", **owner)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "pushed 20 records (20 with judge suggestions)" in result.stdout
    assert run_script("push", *push, "--name", "ko-rad-review", **owner).returncode == 0  # again: no duplicates
    client = rg.Argilla(api_url=owner["url"], api_key=owner["key"])
    records = list(client.datasets("ko-rad-review", workspace="argilla").records(with_suggestions=True))
    assert sorted(r.id for r in records) == sorted(qa_ids)
    assert {(s.question_name, s.agent) for s in records[0].suggestions} == {(c, "gpt-4o") for c in POINTWISE}

    submit(argilla_server, "rev1", "rev1.apikey.0001", "ko-rad-review", qa_ids)
    submit(argilla_server, "rev2", "rev2.apikey.0002", "ko-rad-review", qa_ids)

    folder = tmp_path / "dataset"
    shutil.copytree(dataset_dir, folder)
    out = tmp_path / "review"
    result = run_script("pull", "--name", "ko-rad-review", "--output", str(out), "--export-to", str(folder), **owner)
    assert result.returncode == 0, result.stderr[-3000:]
    responses = pd.read_parquet(out / "responses.parquet")
    assert len(responses) == 40 and set(responses.reviewer) == {"rev1", "rev2"}

    judge_table = pd.read_csv(out / "judge_human.csv").set_index("criterion")
    pairs = pd.read_csv(out / "human_human.csv").set_index("criterion")
    for criterion in POINTWISE:
        judge = [judge_score(i, criterion) for i in range(20) for _ in ("rev1", "rev2")]
        human = [reviewer_score(r, i, criterion) for i in range(20) for r in ("rev1", "rev2")]
        assert judge_table.loc[criterion, "n"] == 40
        assert judge_table.loc[criterion, "kappa_quadratic"] == pytest.approx(hand_qwk(judge, human))
        assert judge_table.loc[criterion, "spearman"] == pytest.approx(hand_spearman(judge, human))
        rev1 = [reviewer_score("rev1", i, criterion) for i in range(20)]
        rev2 = [reviewer_score("rev2", i, criterion) for i in range(20)]
        assert pairs.loc[criterion, "kappa_quadratic"] == pytest.approx(hand_qwk(rev1, rev2))

    reviewed = load_dataset(str(folder), "reviewed", split="train", download_mode="force_redownload")
    accepted = [q for i, q in enumerate(qa_ids) if [verdict(r, i) for r in ("rev1", "rev2")].count("accept") == 2]
    assert sorted(reviewed["qa_id"]) == sorted(accepted)
    corrected = dict(zip(reviewed["qa_id"], reviewed["answer"], strict=True))
    assert corrected[qa_ids[4]] == "고친 답변입니다."  # both accepted; rev1's correction applied
    assert len(load_dataset(str(folder), split="train", download_mode="force_redownload")) > 20  # default config intact


def test_reviews_of_test_items_stay_in_the_test_split(argilla_server, dataset_dir, tmp_path):
    from korad.local_data import load_local_dataset

    owner = {"url": argilla_server.api_url, "key": argilla_server.api_key}
    qa_ids = [item["id"] for item in items_from_dataset(str(dataset_dir), "test", limit=6)]
    push = ["--qa", str(dataset_dir), "--split", "test", "--limit", "6", "--name", "test-items"]
    assert run_script("push", *push, **owner).returncode == 0
    submit(argilla_server, "rev1", "rev1.apikey.0001", "test-items", qa_ids)
    submit(argilla_server, "rev2", "rev2.apikey.0002", "test-items", qa_ids)
    folder = tmp_path / "dataset"
    shutil.copytree(dataset_dir, folder)
    result = run_script(
        "pull", "--name", "test-items", "--output", str(tmp_path / "r"), "--export-to", str(folder), **owner
    )
    assert result.returncode == 0, result.stderr[-3000:]
    reviewed = load_local_dataset(folder, "reviewed")
    accepted = [q for i, q in enumerate(qa_ids) if [verdict(r, i) for r in ("rev1", "rev2")].count("accept") == 2]
    assert list(reviewed) == ["test"] and sorted(reviewed["test"]["qa_id"]) == sorted(accepted)


def test_bad_server_key_and_schema_fail_clearly_without_partial_export(argilla_server, dataset_dir, tmp_path):
    import argilla as rg

    push = ["--qa", str(dataset_dir), "--split", "train", "--limit", "3"]
    down = run_script("push", *push, "--name", "x", url=f"http://127.0.0.1:{free_port()}", key="k" * 12)
    assert down.returncode == 2 and "cannot reach the Argilla server" in down.stderr
    wrong = run_script("push", *push, "--name", "x", url=argilla_server.api_url, key="wrong.key.123")
    assert wrong.returncode == 2 and "rejected the API key" in wrong.stderr

    client = rg.Argilla(api_url=argilla_server.api_url, api_key=argilla_server.api_key)
    other = rg.Settings(
        fields=[rg.TextField(name="text")], questions=[rg.LabelQuestion(name="label", labels=["a", "b"])]
    )
    rg.Dataset(name="other-schema", workspace="argilla", settings=other, client=client).create()
    mismatch = run_script(
        "push", *push, "--name", "other-schema", url=argilla_server.api_url, key=argilla_server.api_key
    )
    assert mismatch.returncode == 2 and "schema does not match" in mismatch.stderr
    assert len(list(client.datasets("other-schema", workspace="argilla").records)) == 0

    folder = tmp_path / "dataset"
    shutil.copytree(dataset_dir, folder)
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    card = (folder / "README.md").read_text()
    pull = run_script(
        "pull",
        "--name",
        "other-schema",
        "--output",
        str(tmp_path / "o"),
        "--export-to",
        str(folder),
        url=argilla_server.api_url,
        key=argilla_server.api_key,
    )
    assert pull.returncode == 2 and "schema does not match" in pull.stderr
    assert (
        sorted(p.relative_to(folder) for p in folder.rglob("*")) == before
        and (folder / "README.md").read_text() == card
    )
    assert not (tmp_path / "o").exists()


def test_argilla_folder_is_scripts_and_never_shadows_the_sdk():
    assert not (ROOT / "argilla" / "__init__.py").exists()
    result = subprocess.run(
        [sys.executable, "-c", "import argilla; print(argilla.__file__)"], cwd=ROOT, capture_output=True, text=True
    )
    assert "site-packages" in result.stdout, result.stdout + result.stderr


def test_credentialed_rows_go_only_to_a_server_declared_private(argilla_server, dataset_dir, monkeypatch):
    """Data-use policy (issue 15.2): nothing is pushed to a server not declared private."""
    import argilla as rg
    from korad.errors import DataUseError
    from korad.policy import REVIEW_RULE
    from korad.review.push import push_items

    client = rg.Argilla(api_url=argilla_server.api_url, api_key=argilla_server.api_key)
    items = items_from_dataset(str(dataset_dir), "train", limit=3)
    items[1]["source"] = "mimic-cxr"
    monkeypatch.delenv("KORAD_PRIVATE_ARGILLA", raising=False)
    with pytest.raises(DataUseError) as refused:
        push_items(client, items, "credentialed-review", "argilla")
    assert refused.value.rule == REVIEW_RULE and refused.value.source == "mimic-cxr" and refused.value.exit_code == 4
    assert client.datasets("credentialed-review", workspace="argilla") is None
    monkeypatch.setenv("KORAD_PRIVATE_ARGILLA", argilla_server.api_url + "/")
    dataset = push_items(client, items, "credentialed-review", "argilla")
    assert len(list(dataset.records)) == 3
