"""Lineage: where each row came from (its ``source``), the licences of the sources, and where a
built dataset or a trained model records them.

Every artifact row from ingest to the published dataset carries ``source`` (``mimic-cxr``,
``open-i``, ``synthetic`` for korad's sample reports, or the name the user gives at ingest). A
dataset folder keeps it as a ``source`` column of its parquet files and lists it in its card; an
adapter (and a model merged from it) lists the sources of the dataset it was trained on in its
card's metadata under ``korad_sources``. ``korad.policy`` decides from these, never from a flag.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

UNKNOWN_SOURCE = "unknown"

CARD_KEY = "korad_sources"
"""The card metadata key (dataset and model cards) listing the sources the data came from."""

_PHYSIONET = "PhysioNet Credentialed Health Data License 1.5.0 (credentialed access, data-use agreement)"

SOURCE_LICENCES: dict[str, str] = {
    "mimic-cxr": f"{_PHYSIONET}: https://physionet.org/content/mimic-cxr/",
    "mimic-iii": f"{_PHYSIONET}: https://physionet.org/content/mimiciii/",
    "mimic-iv": f"{_PHYSIONET}: https://physionet.org/content/mimiciv/",
    "open-i": "Open-i (NLM) Indiana University chest X-ray collection: check its terms at https://openi.nlm.nih.gov/faq",
    "synthetic": "korad's synthetic sample reports (no patient data), distributed with korad under its licence",
}
"""Known sources -> their licence; any other source is listed as "not recorded: check its terms"."""

_ALIASES = {
    "openi": "open-i",
    "iu-xray": "open-i",
    "indiana": "open-i",
    "mimiccxr": "mimic-cxr",
    "mimic-cxr-jpg": "mimic-cxr",
    "mimiciii": "mimic-iii",
    "mimic3": "mimic-iii",
    "mimiciv": "mimic-iv",
    "mimic4": "mimic-iv",
    "mimic-iv-note": "mimic-iv",
    "sample": "synthetic",
}


def normalise_source(name: object) -> str:
    """One spelling per source: NFKC, lower case, ``-`` between words, aliases folded (``openi`` -> ``open-i``)."""
    text = unicodedata.normalize("NFKC", str(name or ""))
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")  # zero-width and bidi characters
    text = re.sub(r"[\s_\u2010-\u2015\u2212]+", "-", text.strip().lower())
    return _ALIASES.get(text, text) or UNKNOWN_SOURCE


def licence_of(source: str) -> str:
    """The licence of ``source``, or a note that it is not recorded."""
    return SOURCE_LICENCES.get(normalise_source(source), "not recorded: check the source's terms before sharing")


def sources_of(rows: Iterable[dict]) -> set[str]:
    """The sources of ``rows`` (a row without one counts as ``unknown``)."""
    return {normalise_source(row.get("source") or UNKNOWN_SOURCE) for row in rows}


def _parquet_sources(folder: Path) -> set[str]:
    import pyarrow.parquet as pq

    found: set[str] = set()
    for path in sorted(folder.rglob("*.parquet")):
        if "source" in pq.read_schema(path).names:
            column = pq.read_table(path, columns=["source"]).column("source")
            found |= {normalise_source(value) for value in column.unique().to_pylist()}
        else:
            found.add(UNKNOWN_SOURCE)
    return found


def _card_sources(folder: Path) -> set[str] | None:
    import yaml

    readme = folder / "README.md"
    if not readme.exists():
        return None
    match = re.match(r"---\n(.*?)\n---", readme.read_text(encoding="utf-8"), re.DOTALL)
    try:
        metadata = yaml.safe_load(match.group(1)) if match else None
    except yaml.YAMLError:
        return None
    listed = metadata.get(CARD_KEY) if isinstance(metadata, dict) else None
    return {normalise_source(s) for s in listed} if isinstance(listed, list) else None


def folder_sources(folder: str | Path) -> set[str] | None:
    """The sources a folder about to be published derives from: the ``source`` column of its parquet
    files and the ``korad_sources`` of its card. None when it records no lineage at all."""
    folder = Path(folder)
    card = _card_sources(folder)
    rows = _parquet_sources(folder) if any(folder.rglob("*.parquet")) else set()
    if card is None and not rows:
        return None
    return (card or set()) | rows
