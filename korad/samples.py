"""The synthetic sample corpus that ships with korad (tests, demos, the Space's examples)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SAMPLE_REPORTS = Path(__file__).parent / "data" / "sample_reports.jsonl"
"""66 synthetic chest X-ray reports (English, Korean, mixed), each with hand labels."""


def load_sample_reports(language: str | None = None) -> list[dict[str, Any]]:
    """The sample reports as dicts (id, source, language, text, labels), optionally of one language."""
    with open(SAMPLE_REPORTS, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [r for r in rows if language is None or r["language"] == language]
