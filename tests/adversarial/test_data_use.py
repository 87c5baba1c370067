"""Hostile spellings and mixtures of sources against the data-use policy (issues 15.1 and 15.2)."""

import pytest

from korad.lineage import normalise_source, sources_of
from korad.policy import DataUsePolicy


@pytest.mark.parametrize(
    "spelling",
    [
        "MIMIC-CXR",
        " mimic_cxr ",
        "mimic cxr",
        "ＭＩＭＩＣ－ＣＸＲ",  # fullwidth
        "mimic\u200b-cxr",  # zero-width space
        "mimic\u2011cxr",  # non-breaking hyphen
        "MimicCXR",
        "mimic-cxr-jpg",
        "MIMIC_IV",
        "mimic-iv-note",
    ],
)
def test_credentialed_sources_are_recognised_however_they_are_spelled(spelling):
    assert DataUsePolicy.load().restricted([spelling]), normalise_source(spelling)


def test_one_credentialed_row_among_many_makes_the_whole_set_credentialed():
    rows = [{"source": "synthetic"}] * 500 + [{"source": "Mimic-CXR"}] + [{}] * 3
    assert sources_of(rows) == {"synthetic", "mimic-cxr", "unknown"}
    assert DataUsePolicy.load().restricted(sources_of(rows)) == ["mimic-cxr"]


def test_lists_only_add_to_the_defaults(monkeypatch):
    monkeypatch.setenv("KORAD_CREDENTIALED_SOURCES", "")
    assert DataUsePolicy.load([]).restricted(["mimic-cxr"]) == ["mimic-cxr"]
