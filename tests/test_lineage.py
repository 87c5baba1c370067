"""Lineage (issue 15.1): every row carries its source from ingest to the dataset, the dataset card
lists the sources with their licences, and a model card lists what it was trained on, read from the data."""

from types import SimpleNamespace

import pyarrow.parquet as pq
import yaml

from korad.artifacts import read_jsonl
from korad.datasets_builder.pipeline import PipelineConfig, ingest
from korad.lineage import CARD_KEY, folder_sources, licence_of, normalise_source
from korad.train.data import training_lineage
from korad.train.model_card import render_model_card


def test_every_artifact_row_and_dataset_row_carries_its_source(dataset_dir):
    work = dataset_dir.parent
    for name in ("reports", "translated", "questions", "answers", "filtered"):
        rows = [row for _, row in read_jsonl(work / f"{name}.jsonl")]
        assert rows and {row.get("source") for row in rows} == {"synthetic"}, name
    for path in (dataset_dir / "data").glob("*.parquet"):
        assert set(pq.read_table(path).column("source").to_pylist()) == {"synthetic"}
    card = (dataset_dir / "README.md").read_text(encoding="utf-8")
    assert yaml.safe_load(card.split("---")[1])[CARD_KEY] == ["synthetic"]
    assert "| synthetic | " in card and licence_of("synthetic") in card
    assert folder_sources(dataset_dir) == {"synthetic"}


def test_the_user_names_the_source_at_ingest(tmp_path):
    reports = tmp_path / "notes.csv"
    reports.write_text("id,note\n1,FINDINGS: No pneumothorax.\n", encoding="utf-8")
    ingest(PipelineConfig(workdir=tmp_path / "work", source="MIMIC_CXR"), reports)
    assert [row["source"] for _, row in read_jsonl(tmp_path / "work" / "reports.jsonl")] == ["mimic-cxr"]


def test_source_names_fold_to_one_spelling_and_licences_are_known():
    assert normalise_source("OpenI") == normalise_source("open i") == "open-i"
    assert normalise_source(" MIMIC-CXR ") == normalise_source("mimic_cxr") == "mimic-cxr"
    assert normalise_source("") == "unknown" and normalise_source("my-hospital") == "my-hospital"
    assert "PhysioNet Credentialed" in licence_of("mimic-cxr") and "not recorded" in licence_of("my-hospital")


def test_model_card_lists_datasets_and_sources_read_from_the_data(dataset_dir):
    script_args = SimpleNamespace(dataset_name=str(dataset_dir), dataset_train_split="train", dataset_config=None)
    datasets, sources = training_lineage(script_args, None)
    assert datasets == [str(dataset_dir)] and sources == ["synthetic"]
    card = render_model_card(
        name="ko-rad-lora",
        base_model="tiny",
        datasets=datasets,
        sources=sources,
        license="other",
        hub_model_id=None,
        hyperparameters={},
        eval_loss=None,
        quantization=None,
    )
    meta = yaml.safe_load(card.split("---")[1])
    assert meta[CARD_KEY] == ["synthetic"] and meta["datasets"] == [str(dataset_dir)]
    assert f"| synthetic | {licence_of('synthetic')} |" in card
