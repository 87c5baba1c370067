"""The synthetic sample corpus that ships with korad (tests, demos, the Space's examples)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from korad.glossary import KOREAN_NAMES

SAMPLE_REPORTS = Path(__file__).parent / "data" / "sample_reports.jsonl"
"""66 synthetic chest X-ray reports (English, Korean, mixed), each with hand labels."""

TITLE_ORDER: tuple[str, ...] = (
    "Pneumothorax",
    "Pleural Effusion",
    "Edema",
    "Pneumonia",
    "Consolidation",
    "Cardiomegaly",
    "Lung Lesion",
    "Atelectasis",
    "Lung Opacity",
    "Enlarged Cardiomediastinum",
    "Fracture",
    "Pleural Other",
    "Support Devices",
)
"""The order findings are named in a sample's title: what a reader looks for first comes first."""

COVERED_BY: dict[str, tuple[str, ...]] = {
    "Consolidation": ("Pneumonia",),
    "Lung Opacity": ("Edema", "Pneumonia", "Consolidation", "Atelectasis", "Lung Lesion"),
}
"""A finding left out of a title when a more specific one is named (CheXpert's hierarchy)."""

TITLE_PARTS = 3
NORMAL_TITLE = "정상"


def load_sample_reports(language: str | None = None) -> list[dict[str, Any]]:
    """The sample reports as dicts (id, source, language, text, labels), optionally of one language."""
    with open(SAMPLE_REPORTS, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [r for r in rows if language is None or r["language"] == language]


def sample_title(labels: dict[str, str], qualifiers: dict[str, str] | None = None) -> str:
    """A short Korean title of what a report shows, from its labels: "정상", "기흉", "흉수 + 심비대".

    At most three findings, most important first; a finding that a named one covers is left out
    (consolidation under pneumonia); a finding the report only suspects ends in "의심";
    ``qualifiers`` (observation -> e.g. "좌측") go before a finding's name.
    """
    qualifiers = qualifiers or {}

    def named(observation: str) -> str:
        return " ".join(filter(None, (qualifiers.get(observation), KOREAN_NAMES[observation])))

    positive = [o for o in TITLE_ORDER if labels.get(o) == "positive"]
    positive = [o for o in positive if not set(COVERED_BY.get(o, ())) & set(positive)]
    uncertain = [o for o in TITLE_ORDER if labels.get(o) == "uncertain" and o != "Support Devices"]
    findings = [o for o in positive if o != "Support Devices"]
    if not findings and not uncertain:
        return NORMAL_TITLE + (f" · {KOREAN_NAMES['Support Devices']}" if positive else "")
    parts = [named(o) for o in findings] + [f"{named(o)} 의심" for o in uncertain]
    parts += [KOREAN_NAMES[o] for o in positive if o == "Support Devices"]
    return " + ".join(parts[:TITLE_PARTS])
