"""Training data: a mixture means what TRL's ``datasets:`` list means (``fraction`` is a share of the mixture)."""

import pytest
from datasets import Dataset
from trl import DatasetMixtureConfig, ScriptArguments

from korad.train.data import DataError, load_training_data


def folder(tmp_path, name, rows, with_messages=True):
    path = tmp_path / name
    path.mkdir()
    data = [
        {"messages": [{"role": "user", "content": f"{name} {i}"}, {"role": "assistant", "content": "네"}]}
        if with_messages
        else {"question": f"{name} {i}?", "answer": "네"}
        for i in range(rows)
    ]
    Dataset.from_list(data).to_parquet(str(path / "train.parquet"))
    return str(path)


def test_fraction_is_the_share_of_the_mixture_as_trl_defines_it(tmp_path):
    big, small = folder(tmp_path, "big", 40), folder(tmp_path, "small", 10)
    mixture = DatasetMixtureConfig(
        datasets=[{"path": big, "fraction": 0.75}, {"path": small, "fraction": 0.25}], test_split_size=None
    )
    data = load_training_data(ScriptArguments(), mixture)
    contents = [m["messages"][0]["content"] for m in data["train"]]
    # the largest mixture without repeating rows: 10 small rows are 25%, so 30 big rows are 75%
    assert sum(c.startswith("big") for c in contents) == 30 and sum(c.startswith("small") for c in contents) == 10


def test_a_mixture_of_messages_and_question_answer_datasets_gets_messages_for_every_row(tmp_path):
    mixture = DatasetMixtureConfig(
        datasets=[{"path": folder(tmp_path, "a", 4)}, {"path": folder(tmp_path, "b", 3, with_messages=False)}]
    )
    train = load_training_data(ScriptArguments(), mixture)["train"]
    assert train.column_names == ["messages"] and len(train) == 7
    built = [m for m in train["messages"] if m[0]["role"] == "system"]
    assert len(built) == 3 and built[0][-1] == {"role": "assistant", "content": "네"}


def test_fractions_set_for_some_datasets_only_is_a_clear_error(tmp_path):
    mixture = DatasetMixtureConfig(
        datasets=[{"path": folder(tmp_path, "a", 4), "fraction": 0.5}, {"path": folder(tmp_path, "b", 4)}]
    )
    with pytest.raises(DataError, match="fraction"):
        load_training_data(ScriptArguments(), mixture)
