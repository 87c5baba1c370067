import dataclasses
import pickle

import pytest

from korad.details import Detail
from korad.records import quick_init


def test_a_quickly_built_record_is_the_dataclass_it_was():
    detail = Detail("Pleural Effusion", "positive", side="left", location=("base",), text="effusion", sentence="s")
    assert detail == Detail("Pleural Effusion", "positive", "left", None, ("base",), text="effusion", sentence="other")
    assert hash(detail) == hash(dataclasses.replace(detail, sentence="other"))  # the sentence is not compared
    assert dataclasses.replace(detail, side="right").side == "right"
    assert dataclasses.asdict(detail)["location"] == ("base",)
    assert pickle.loads(pickle.dumps(detail)) == detail
    assert Detail("Edema", "negative").location == () and Detail("Edema", "negative").text == ""
    with pytest.raises(dataclasses.FrozenInstanceError):
        detail.side = "right"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Detail("Edema")  # type: ignore[call-arg]


def test_quick_init_takes_only_plain_frozen_dataclasses():
    @dataclasses.dataclass
    class Mutable:
        x: int

    @dataclasses.dataclass(frozen=True)
    class Listed:
        items: list = dataclasses.field(default_factory=list)

    for cls in (Mutable, Listed):
        with pytest.raises(TypeError):
            quick_init(cls)
