"""No silent wrong result (issue 14): each failure a user met, reproduced against the local stand-ins."""

import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import endpoints_file

from korad.samples import load_sample_reports
from korad.testing.fake_teacher import fake_teacher
from korad.testing.openai_server import OpenAIServer


def build_workdir(work: Path, reports: list[dict], server: OpenAIServer) -> Path:
    """Run every datasets_builder stage on ``reports`` in ``work``; the dataset folder."""
    from korad.datasets_builder import pipeline

    work.mkdir(parents=True)
    source = work / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reports), encoding="utf-8")
    endpoints = endpoints_file(work / "endpoints.yaml", server.base_url)
    pipeline.run_all(pipeline.PipelineConfig(workdir=work, endpoints=endpoints, test_size=0.3), source)
    return work / "dataset"


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    """Two different datasets, each built in its own work folder as ``<workdir>/dataset``."""
    korean = load_sample_reports("ko")
    root = tmp_path_factory.mktemp("two-builds")
    with OpenAIServer(fake_teacher) as server:
        return build_workdir(root / "A", korean[:3], server), build_workdir(root / "B", korean[3:8], server)


def split_rows(folder: Path, split: str) -> pd.DataFrame:
    files = sorted((folder / "data").glob(f"{split}-*.parquet"))
    return pd.concat([pd.read_parquet(f) for f in files]).sort_values("qa_id")


# --- 14.1 stale dataset ------------------------------------------------------------------------


def test_training_and_compare_read_the_dataset_that_is_there_now(two_builds, tiny_model, tmp_path):
    from korad.chat.backends import BackendSpec
    from korad.eval.compare import run_compare
    from korad.eval.inputs import load_questions
    from korad.train.sft import make_parser, prepare

    recipe = Path(__file__).resolve().parents[1] / "train" / "recipes" / "tiny_cpu.yaml"
    a, b = two_builds
    assert len(split_rows(a, "train")) != len(split_rows(b, "train"))
    for folder in (a, b, a):
        args = make_parser().parse_args_and_config(
            args=[
                "--config",
                str(recipe),
                "--model_name_or_path",
                str(tiny_model),
                "--dataset_name",
                str(folder),
                "--output_dir",
                str(tmp_path / "sft"),
                "--max_steps",
                "1",
                "--eval_strategy",
                "no",
                "--save_strategy",
                "no",
            ]
        )
        trainer = prepare(*args)
        expected = split_rows(folder, "train")["messages"]
        seen = trainer.train_dataset["messages"]
        assert sorted(m[1]["content"] for m in seen) == sorted(m[1]["content"] for m in expected)
        trainer.train()

        questions = load_questions(str(folder), "test")
        assert [q["qa_id"] for q in questions] == split_rows(folder, "test")["qa_id"].tolist()
        table = run_compare(questions, {"grounded": BackendSpec(backend="grounded")}, tmp_path / folder.parent.name)
        assert table["qa_id"].tolist() == split_rows(folder, "test")["qa_id"].tolist()
