"""The preference loop: verdicts -> DPO/KTO data -> training from the SFT adapter -> comparison."""

import contextlib
import hashlib
import json
import re
import runpy
import subprocess
import sys

import pandas as pd
import pytest
import torch
import yaml
from conftest import ROOT, endpoints_file

from korad.errors import InputError
from korad.eval.compare import answer_column
from korad.eval.rubric import POINTWISE
from korad.preference.dataset import load_preferences, write_preferences
from korad.preference.pairs import Review, decide
from korad.preference.review import merge_reviews, pair_items
from korad.preference.verdicts import contradictions, overall
from korad.prompts import chat_messages
from korad.samples import load_sample_reports
from korad.testing.openai_server import OpenAIServer

REPORTS = {r["id"]: r["text"] for r in load_sample_reports("en")}
CLEAR = "syn-en-01"  # lungs clear: no effusion, no pneumothorax


def table_of(rows: list[dict], names: list[str]) -> pd.DataFrame:
    """A comparison table of candidates: ``rows`` give id, question and one answer per name."""
    records = []
    for i, row in enumerate(rows):
        record = {"qa_id": f"{row['id']}-q{i}", "id": row["id"], "task": "t", "report": REPORTS[row["id"]]}
        record |= {"question": row["question"], "reference": None}
        record |= {answer_column(n): a for n, a in zip(names, row["answers"], strict=True)}
        records.append(record)
    return pd.DataFrame(records)


def prefers_smaller_hash(request):
    """A judge that prefers, on every criterion, the answer with the smaller hash, whatever its position."""
    content = request["messages"][1]["content"]
    first = re.search(r"<answer_1>\n(.*)\n</answer_1>", content, re.DOTALL).group(1)
    second = re.search(r"<answer_2>\n(.*)\n</answer_2>", content, re.DOTALL).group(1)
    winner = "1" if hashlib.sha1(first.encode()).hexdigest() < hashlib.sha1(second.encode()).hexdigest() else "2"
    return json.dumps({c: {"winner": winner, "rationale": "더 정확함"} for c in POINTWISE})


def smaller(x: str, y: str) -> str:
    return min(x, y, key=lambda a: hashlib.sha1(a.encode()).hexdigest())


# --- verdicts and decisions --------------------------------------------------------------------


def test_review_overrides_grounding_which_overrides_the_judge():
    names = ["p-1", "p-2", "p-3"]
    contradicting, fine, better = "기흉이 있습니다.", "폐는 깨끗합니다.", "기흉과 흉수는 없습니다."
    table = table_of([{"id": CLEAR, "question": "기흉이 있나요?", "answers": [contradicting, fine, better]}], names)
    found = contradictions(table)
    qa = table["qa_id"][0]
    assert found == {(qa, "p-1"): ["Pneumothorax"], (qa, "p-2"): [], (qa, "p-3"): []}

    # the judge prefers the contradicting answer and p-2 over p-3: grounding wins the first, the judge the second
    judged = {(qa, "p-1", "p-2"): "a", (qa, "p-1", "p-3"): "a", (qa, "p-2", "p-3"): "a"}
    decisions = decide(table, found, judged)
    pairs = {(r["chosen_model"], r["rejected_model"]): r["source"] for r in decisions.dpo}
    assert pairs == {("p-2", "p-1"): "grounding", ("p-3", "p-1"): "grounding", ("p-2", "p-3"): "judge"}
    row = next(r for r in decisions.dpo if r["source"] == "judge")
    assert row["prompt"] == chat_messages(REPORTS[CLEAR], "기흉이 있나요?")
    assert row["chosen"] == [{"role": "assistant", "content": fine}]
    kto = {r["model"]: (r["label"], r["source"]) for r in decisions.kto}
    assert kto == {"p-1": (False, "grounding"), "p-2": (True, "grounding")}  # p-3 won one, lost one: left out

    # reviewers prefer p-3 over p-2 and call p-1 vs p-2 a tie: no pair there, whatever the grounding check says
    reviews = {(qa, "p-2", "p-3"): Review("b"), (qa, "p-1", "p-2"): Review("tie")}
    decisions = decide(table, found, judged, reviews)
    pairs = {(r["chosen_model"], r["rejected_model"]): r["source"] for r in decisions.dpo}
    assert pairs == {("p-3", "p-1"): "grounding", ("p-3", "p-2"): "review"}
    assert decisions.undecided == {"review: tie": 1}
    flagged = decide(table, found, {}, {(qa, "p-2", "p-3"): Review(None, frozenset({"p-2"}))})
    assert {(r["chosen_model"], r["rejected_model"], r["source"]) for r in flagged.dpo} == {
        ("p-3", "p-1", "grounding"),
        ("p-3", "p-2", "review"),
    }
    assert flagged.undecided == {"both answers rejected": 1}


def test_identical_answers_make_no_pair_and_the_overall_verdict_counts_criteria():
    table = table_of([{"id": CLEAR, "question": "q", "answers": ["같은 답", " 같은 답 ", "다른 답"]}], ["a", "b", "c"])
    qa = table["qa_id"][0]
    decisions = decide(table, contradictions(table), {(qa, "a", "c"): "b"})
    assert [(r["chosen_model"], r["rejected_model"]) for r in decisions.dpo] == [("c", "a")]  # b is a's copy
    assert not decisions.undecided and {r["model"]: r["label"] for r in decisions.kto} == {"a": False, "c": True}
    assert overall({"accuracy": "a", "conciseness": "b", "consistency": "a", "understandability": "tie"}) == "a"
    assert overall({"accuracy": "a", "conciseness": "b"}) == "tie" and overall(None) is None


def test_reviews_follow_the_majority_through_the_shown_order():
    base = {"qa_id": "r-q0", "candidate_a": "p-1", "candidate_b": "p-2"}
    responses = [
        {**base, "shown_first": "p-2", "better": "answer_1", "clinical_error": ["answer_2"]},  # p-2; p-1 wrong
        {**base, "shown_first": "p-2", "better": "answer_1", "clinical_error": []},
        {**base, "shown_first": "p-2", "better": "answer_2", "clinical_error": ["answer_2"]},
    ]
    assert merge_reviews(responses) == {("r-q0", "p-1", "p-2"): Review("b", frozenset({"p-1"}))}
    split = [responses[0], {**responses[2], "clinical_error": []}]
    assert merge_reviews(split) == {("r-q0", "p-1", "p-2"): Review(None, frozenset())}
    with pytest.raises(InputError, match="unknown choice 'answer_3'"):
        merge_reviews([{**base, "shown_first": "p-1", "better": "answer_3"}])


def test_review_items_hide_the_samples_and_suggest_the_automatic_verdict():
    names = ["p-1", "p-2", "p-3"]
    table = table_of(
        [{"id": CLEAR, "question": "q", "answers": ["기흉이 있습니다.", "정상입니다.", "이상 없음"]}], names
    )
    qa = table["qa_id"][0]
    items = pair_items(table, contradictions(table), {(qa, "p-2", "p-3"): "b"}, judge_name="judge-model")
    assert len(items) == 3 and len({i["id"] for i in items}) == 3
    for item in items:
        assert "p-" not in json.dumps(item["fields"]) and item["metadata"]["shown_first"] in names
        (suggestion,) = item["suggestions"]
        meta = item["metadata"]
        shown = {"answer_1": meta["shown_first"]}
        shown["answer_2"] = meta["candidate_b"] if meta["shown_first"] == meta["candidate_a"] else meta["candidate_a"]
        expected = (
            "p-3"
            if meta["candidate_a"] == "p-2"
            else next(n for n in (meta["candidate_a"], meta["candidate_b"]) if n != "p-1")
        )
        assert shown[suggestion["value"]] == expected
        assert suggestion["agent"] == ("judge-model" if meta["candidate_a"] == "p-2" else "korad-grounding-check")


def test_win_rate_counts_ties_half_reads_either_order_and_leaves_missing_out(tmp_path):
    from korad.preference.measure import win_rate

    def record(a, b, verdict):
        verdicts = None if verdict is None else dict.fromkeys(POINTWISE, verdict)
        return {"qa_id": "q", "model_a": a, "model_b": b, "verdicts": verdicts}

    records = [record("sft", "dpo", "b")] * 3 + [record("sft", "dpo", "tie"), record("sft", "dpo", "a")]
    records += [record("dpo", "sft", "a"), record("sft", "dpo", None), record("sft", "kto", "b")]
    path = _write_rows(tmp_path / "pairwise.jsonl", records)
    result = win_rate(path, "sft", "dpo")
    assert (result["wins"], result["ties"], result["losses"], result["missing"]) == (4, 1, 1, 1)
    assert result["win_rate"] == pytest.approx(4.5 / 6) and result["low"] <= 4.5 / 6 <= result["high"]
    with pytest.raises(InputError, match="no judgments of the pair sft vs other"):
        win_rate(path, "sft", "other")


# --- the dataset -------------------------------------------------------------------------------


def test_dataset_loads_in_trl_formats_split_by_report_with_a_card_of_verdict_sources(tmp_path):
    from datasets import load_dataset

    rows = [
        {"id": rid, "question": "기흉이 있나요?", "answers": ["기흉이 있습니다.", f"기흉은 없습니다 {rid}."]}
        for rid in sorted(REPORTS)[:20]
    ]
    table = table_of(rows, ["p-1", "p-2"])
    decisions = decide(table, contradictions(table), {})
    sizes = write_preferences(decisions, tmp_path / "ds", test_size=0.3, details={"candidates": ["p-1", "p-2"]})
    dpo = load_dataset(str(tmp_path / "ds"), "dpo")
    kto = load_dataset(str(tmp_path / "ds"), "kto")
    assert set(dpo) == {"train", "test"} and {len(dpo[s]) for s in dpo} == set(sizes["dpo"].values())
    assert {"prompt", "chosen", "rejected"} <= set(dpo["train"].column_names)
    assert {"prompt", "completion", "label"} <= set(kto["train"].column_names)
    train_ids, test_ids = set(dpo["train"]["id"]), set(dpo["test"]["id"])
    assert train_ids and test_ids and not train_ids & test_ids
    assert set(kto["test"]["id"]) <= test_ids
    n = len(decisions.dpo)
    card = (tmp_path / "ds" / "README.md").read_text(encoding="utf-8")
    grounded = sum(r["source"] == "grounding" for r in decisions.dpo)
    assert f"| grounding | {grounded} |" in card and "| review | 0 |" in card and "korad-chat-1" in card
    assert n == sum(sizes["dpo"].values())
    with pytest.raises(InputError, match="exists and is not empty"):
        write_preferences(decisions, tmp_path / "ds")


def _write_rows(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"prompt": "p", "chosen": "a"}, "missing column(s) rejected"),
        ({"prompt": "p", "chosen": "", "rejected": "b"}, "row 1: missing 'chosen'"),
        ({"prompt": "p", "chosen": "same", "rejected": "same"}, "row 1: 'chosen' and 'rejected' are identical"),
        (
            {
                "chosen": [{"role": "user", "content": "q1"}, {"role": "assistant", "content": "a"}],
                "rejected": [{"role": "user", "content": "q2"}, {"role": "assistant", "content": "b"}],
                "prompt": [{"role": "system", "content": "s"}],
            },
            "row 1: 'chosen' and 'rejected' answer different prompts",
        ),
    ],
)
def test_bad_preference_rows_are_refused_naming_the_row(tmp_path, row, message):
    good = {"prompt": "p", "chosen": "a", "rejected": "b"}
    if set(row) != set(good):
        good = {k: good[k] for k in row}
    path = _write_rows(tmp_path / "prefs.jsonl", [good, row])
    with pytest.raises(InputError, match=re.escape(message)):
        load_preferences(str(path), "dpo")


def test_train_script_refuses_bad_data_with_one_line_and_exit_2(tmp_path, tiny_adapter, monkeypatch, capsys):
    path = _write_rows(tmp_path / "prefs.jsonl", [{"prompt": "p", "chosen": "same", "rejected": "same"}])
    args = ["--config", "train/recipes/dpo_tiny_cpu.yaml", "--sft_adapter", str(tiny_adapter)]
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(
        sys, "argv", ["train/dpo.py", *args, "--dataset_name", str(path), "--output_dir", str(tmp_path / "out")]
    )
    with pytest.raises(SystemExit) as exit:
        runpy.run_path("train/dpo.py", run_name="__main__")
    assert exit.value.code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        f"error: {path} [dpo/train]: row 0: 'chosen' and 'rejected' are identical"
    )
    assert not (tmp_path / "out").exists()


def test_qlora_recipe_parses_and_its_4bit_path_trains_from_the_adapter(tmp_path, tiny_model, tiny_adapter):
    from korad.preference.train import make_parser, prepare

    rows = [
        {"id": rid, "question": "q", "answers": ["기흉이 있습니다.", "기흉은 없습니다."]} for rid in list(REPORTS)[:4]
    ]
    table = table_of(rows, ["p-1", "p-2"])
    write_preferences(decide(table, contradictions(table), {}), tmp_path / "prefs", test_size=0)
    cpu = ["--bf16", "false", "--use_cpu", "true", "--activation_checkpointing", "false", "--eval_strategy", "no"]
    args = ["--config", "train/recipes/dpo_qwen2.5_7b_qlora.yaml", *cpu, "--model_name_or_path", str(tiny_model)]
    args += ["--sft_adapter", str(tiny_adapter), "--dataset_name", str(tmp_path / "prefs"), "--max_steps", "1"]
    script_args, training_args, model_args = make_parser("dpo").parse_args_and_config(args=args)
    assert model_args.load_in_4bit and not model_args.use_peft and training_args.beta == 0.1
    trainer = prepare("dpo", script_args, training_args, model_args)
    assert any("4bit" in type(m).__name__ for m in trainer.model.modules())
    assert torch.isfinite(torch.tensor(trainer.train().training_loss))


# --- end to end --------------------------------------------------------------------------------


def launch(script: str, recipe: str, *overrides: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "accelerate.commands.launch",
            "--cpu",
            "--num_processes",
            "1",
            script,
            "--config",
            recipe,
            *overrides,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def lora_weights(folder):
    from safetensors.torch import load_file

    return load_file(str(folder / "adapter_model.safetensors"))


def loop(*argv: str) -> int:
    """``korad preference ...`` run in-process, as a user runs it."""
    from korad.cli import main

    return main(["preference", *argv])


def test_eval_recipe_names_sft_and_preference_tuned_models():
    from korad.eval.inputs import load_models

    models = load_models(ROOT / "eval" / "recipes" / "preference_vs_sft.yaml")
    assert set(models) == {"sft", "dpo", "kto"} and all(m.temperature == 0 for m in models.values())


PUSH = ["--push_to_hub", "true", "--hub_model_id", "org/ko-rad-kto"]


@contextlib.contextmanager
def captured_hub(monkeypatch):
    """The Hub's write API captured in-process (no network), with a token from the environment."""
    import huggingface_hub.constants

    from korad.testing.hub_capture import CapturedHub

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setenv("HF_TOKEN", "hf_" + "TestTokenForThePreferenceAdapter01")
    with CapturedHub() as hub:
        yield hub


def test_samples_verdicts_dataset_dpo_kto_and_comparison(tmp_path, tiny_model, tiny_adapter, monkeypatch):
    from korad.chat.backends import BackendSpec
    from korad.endpoints import load_endpoints
    from korad.eval.compare import run_compare
    from korad.eval.inputs import load_questions
    from korad.eval.judge import run_judge
    from korad.preference.train import make_parser, run

    questions_csv = tmp_path / "questions.csv"
    pd.DataFrame(
        [
            {"qa_id": f"{rid}-q0", "id": rid, "report": text, "question": "기흉이 있나요?"}
            for rid, text in sorted(REPORTS.items())[:4]
        ]
    ).to_csv(questions_csv, index=False)
    models = tmp_path / "models.yaml"
    models.write_text(yaml.safe_dump({"models": {"sft": {"adapter": str(tiny_adapter), "max_new_tokens": 8}}}))
    samples, prefs = tmp_path / "samples", tmp_path / "prefs"
    sample = ["sample", "--questions", str(questions_csv), "--models", str(models), "--model", "sft"]
    assert loop(*sample, "--samples", "3", "--output", str(samples)) == 2  # temperature 0: three equal answers
    assert loop(*sample, "--samples", "3", "--temperature", "1.5", "--output", str(samples)) == 0
    table = pd.read_parquet(samples / "table.parquet")
    assert len(table) == 4 and all(table[answer_column(f"sft-{i}")].str.len().gt(0).all() for i in (1, 2, 3))

    with OpenAIServer(prefers_smaller_hash) as server:
        judge_file = endpoints_file(tmp_path / "judge.yaml", server.base_url, name="judge")
        build = ["build", "--samples", str(samples), "--endpoints", str(judge_file), "--output", str(prefs)]
        assert loop(*build, "--test-size", "0.5") == 0
        asked = len(server.log)
        verdicts = json.loads((prefs / "verdicts.json").read_text())
        assert asked > 0 and verdicts["dpo"].get("judge", 0) > 0
        # every pair the judge decided follows its (position-independent) preference
        dpo = pd.concat(pd.read_parquet(p) for p in (prefs / "data" / "dpo").glob("*.parquet"))
        for row in dpo[dpo.source == "judge"].itertuples():
            chosen, rejected = row.chosen[0]["content"], row.rejected[0]["content"]
            assert smaller(chosen, rejected) == chosen
        assert loop(*build, "--test-size", "0.5") == 2  # the folder exists
        assert loop(*build, "--test-size", "0.5", "--overwrite") == 0
        assert len(server.log) == asked  # the judge is not asked twice

        dpo_out, kto_out = tmp_path / "dpo", tmp_path / "kto"
        common = ["--sft_adapter", str(tiny_adapter), "--dataset_name", str(prefs)]
        trained = launch("train/dpo.py", "train/recipes/dpo_tiny_cpu.yaml", *common, "--output_dir", str(dpo_out))
        assert trained.returncode == 0, trained.stderr[-3000:]
        kto_args = ["--config", "train/recipes/kto_tiny_cpu.yaml", *common, "--output_dir", str(kto_out)]
        with captured_hub(monkeypatch) as hub:  # pushed with korad's publish code: only the adapter's files
            run("kto", *make_parser("kto").parse_args_and_config(args=[*kto_args, *PUSH]))
        (commit,) = hub.commits
        assert commit.repo == "org/ko-rad-kto" and {"adapter_model.safetensors", "README.md"} <= set(commit.files)
        assert not any(f.startswith(("ref/", "checkpoint-")) or f == "training_args.bin" for f in commit.files)

        before = lora_weights(tiny_adapter)
        for out, method in ((dpo_out, "dpo"), (kto_out, "kto")):
            after = lora_weights(out)
            assert set(after) == set(before)  # the SFT adapter, trained further: no reference copy saved
            assert any(not torch.equal(after[k], before[k]) for k in before)
            assert not (out / "ref").exists() and (out / "tokenizer_config.json").exists()
            card = (out / "README.md").read_text(encoding="utf-8")
            meta = yaml.safe_load(card.split("---")[1])
            assert meta["datasets"] == [str(prefs)] and method in meta["tags"]
            assert meta["base_model"] == str(tiny_model)
            assert "| global_steps | 2 |" in card and f"continued the SFT adapter {tiny_adapter}" in card

        evaluation = tmp_path / "eval"
        compared = {
            "sft": BackendSpec(adapter=str(tiny_adapter), max_new_tokens=8),
            "dpo": BackendSpec(adapter=str(dpo_out), max_new_tokens=8),
        }
        run_compare(load_questions(questions_csv), compared, evaluation)
        endpoint = load_endpoints(judge_file).get("judge")
        run_judge(pd.read_parquet(evaluation / "table.parquet"), endpoint, evaluation, pairwise=("sft", "dpo"))
    assert loop("measure", "--folder", str(evaluation), "--sft", "sft", "--tuned", "dpo") == 0
    result = json.loads((evaluation / "preference_dpo_vs_sft.json").read_text())
    assert result["questions"] + result["missing"] == 4
    assert result["low"] <= result["win_rate"] <= result["high"]
    assert result["wins"] + result["ties"] + result["losses"] == result["questions"]
    assert set(result["clinical_errors"]) == {"sft", "dpo"} and result["clinical_errors"]["sft"]["answers"] == 4
    assert "Judge win rate of dpo over sft" in (evaluation / "preference_dpo_vs_sft.md").read_text()


# --- the pairwise review with a real argilla-server ---------------------------------------------


def test_pairwise_review_round_trip_overrides_the_grounding_check(argilla_server, tmp_path, monkeypatch):
    import argilla as rg

    names = ["p-1", "p-2", "p-3"]
    rows = [
        {
            "id": CLEAR,
            "question": "기흉이 있나요?",
            "answers": ["기흉이 있습니다.", "폐는 깨끗합니다.", "기흉은 없습니다."],
        },
        {"id": "syn-en-02", "question": "무엇이 보이나요?", "answers": ["답변 하나", "답변 둘", "답변 셋"]},
    ]
    samples = tmp_path / "samples"
    samples.mkdir()
    table_of(rows, names).to_parquet(samples / "table.parquet")
    monkeypatch.setenv("ARGILLA_API_URL", argilla_server.api_url)
    monkeypatch.setenv("ARGILLA_API_KEY", argilla_server.api_key)
    push = ["review-push", "--samples", str(samples), "--name", "pairs"]
    assert loop(*push) == 0 and loop(*push) == 0  # pushed twice: the same records are updated
    owner = rg.Argilla(api_url=argilla_server.api_url, api_key=argilla_server.api_key)
    dataset = owner.datasets("pairs", workspace="argilla")
    records = list(dataset.records(with_suggestions=True))
    assert len(records) == 6  # three pairs per question
    suggested = {r.metadata["candidate_a"] + r.metadata["candidate_b"]: r.suggestions for r in records if r.suggestions}
    assert set(suggested) == {"p-1p-2", "p-1p-3"}  # the grounding check's verdicts on the first question
    assert all(s["better"].agent == "korad-grounding-check" for s in suggested.values())
    for record in (r for r in records if r.suggestions):  # the suggestion is the grounded answer
        first = record.metadata["shown_first"]
        assert (record.suggestions["better"].value == "answer_1") == (first != "p-1")

    # both reviewers prefer p-1 over p-2 (overriding the grounding check) and answer 1 elsewhere; rev1
    # also flags answer 2 of every pair on the second question as a clinical error
    for reviewer, key in (("rev1", "rev1.apikey.0001"), ("rev2", "rev2.apikey.0002")):
        user = rg.Argilla(api_url=argilla_server.api_url, api_key=key).me.id
        records = list(dataset.records(with_responses=True))
        for record in records:
            meta = record.metadata
            choice = "answer_1"
            if {meta["candidate_a"], meta["candidate_b"]} == {"p-1", "p-2"} and meta["qa_id"].startswith(CLEAR):
                choice = "answer_1" if meta["shown_first"] == "p-1" else "answer_2"
            record.responses.add(rg.Response("better", choice, user_id=user, status="submitted"))
            record.responses.add(rg.Response("why", "판독문과 맞음", user_id=user, status="submitted"))
            if reviewer == "rev1" and not meta["qa_id"].startswith(CLEAR):
                record.responses.add(rg.Response("clinical_error", ["answer_2"], user_id=user, status="submitted"))
        dataset.records.log(records)

    assert loop("review-pull", "--samples", str(samples), "--name", "pairs") == 0
    pulled = [json.loads(line) for line in (samples / "pair_reviews.jsonl").read_text().splitlines()]
    assert len(pulled) == 12 and {p["reviewer"] for p in pulled} == {"rev1", "rev2"}
    assert loop("build", "--samples", str(samples), "--output", str(tmp_path / "prefs"), "--test-size", "0") == 0
    verdicts = json.loads((tmp_path / "prefs" / "verdicts.json").read_text())
    assert verdicts["dpo"] == {"review": 6}  # every pair reviewed; one flag from one of two is no majority
    dpo = pd.read_parquet(tmp_path / "prefs" / "data" / "dpo" / "train-00000-of-00001.parquet")
    first = dpo[dpo.qa_id.str.startswith(CLEAR)]
    pair = first[(first.chosen_model == "p-1") & (first.rejected_model == "p-2")]
    assert len(pair) == 1 and pair.source.iloc[0] == "review"

    monkeypatch.setenv("ARGILLA_API_KEY", "wrong.key.123")
    assert loop(*push) == 2


def test_pairs_of_credentialed_reports_are_not_pushed_to_a_server_not_declared_private(
    argilla_server, tmp_path, monkeypatch
):
    """The pairwise review goes through the same push (and data-use policy) as the pointwise one."""
    import argilla as rg

    table = table_of([{"id": CLEAR, "question": "기흉이 있나요?", "answers": ["기흉이 있습니다.", "기흉은 없습니다."]}], ["a", "b"])
    table["source"] = "mimic-cxr"
    samples = tmp_path / "samples"
    samples.mkdir()
    table.to_parquet(samples / "table.parquet")
    monkeypatch.setenv("ARGILLA_API_URL", argilla_server.api_url)
    monkeypatch.setenv("ARGILLA_API_KEY", argilla_server.api_key)
    monkeypatch.delenv("KORAD_PRIVATE_ARGILLA", raising=False)
    assert loop("review-push", "--samples", str(samples), "--name", "mimic-pairs") == 4
    owner = rg.Argilla(api_url=argilla_server.api_url, api_key=argilla_server.api_key)
    assert owner.datasets("mimic-pairs", workspace="argilla") is None

    monkeypatch.setenv("KORAD_PRIVATE_ARGILLA", argilla_server.api_url)
    assert loop("review-push", "--samples", str(samples), "--name", "mimic-pairs") == 0
    assert len(list(owner.datasets("mimic-pairs", workspace="argilla").records)) == 1


def test_preference_build_dry_run_sends_and_writes_nothing_and_limit_keeps_the_first_questions(tmp_path, capsys):
    rows = [
        {"id": CLEAR, "question": "기흉이 있나요?", "answers": ["기흉은 없습니다.", "폐는 깨끗합니다.", "이상 없습니다."]},
        {"id": CLEAR, "question": "폐는 어떤가요?", "answers": ["깨끗합니다.", "정상입니다.", "특이 소견 없습니다."]},
    ]
    samples = tmp_path / "samples"
    samples.mkdir()
    table_of(rows, ["p-1", "p-2", "p-3"]).to_parquet(samples / "table.parquet")
    with OpenAIServer(prefers_smaller_hash) as server:
        judge_file = endpoints_file(tmp_path / "judge.yaml", server.base_url, name="judge")
        build = ["build", "--samples", str(samples), "--endpoints", str(judge_file), "--test_size", "0"]
        before = sorted(p.name for p in samples.iterdir())
        assert loop(*build, "--output", str(tmp_path / "prefs"), "--dry-run") == 0
        out = capsys.readouterr().out
        planned = re.findall(r"pairwise (p-\d vs p-\d)\s+(\d+) units\s+(\d+) requests", out)
        assert planned == [("p-1 vs p-2", "2", "4"), ("p-1 vs p-3", "2", "4"), ("p-2 vs p-3", "2", "4")]
        assert server.log == [] and sorted(p.name for p in samples.iterdir()) == before
        assert not (tmp_path / "prefs").exists()

        assert loop(*build, "--output", str(tmp_path / "prefs"), "--limit", "1") == 0
        assert len(server.log) == 6  # 3 pairs x 2 orders, on the first question only
        assert "limit: the first 1 questions" in capsys.readouterr().err
