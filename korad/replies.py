"""Structured replies of chat models: the JSON inside a reply (teacher questions, judge verdicts)."""

from __future__ import annotations

import json
import re
from typing import Any

from korad.artifacts import loads_strict


def parse_json_reply(text: str) -> Any:
    """The JSON inside a model reply: fenced, surrounded by prose, or bare."""
    text = re.sub(r"^```(?:json)?\s*|\s*```$", "", text.strip(), flags=re.MULTILINE)
    try:
        return loads_strict(text)
    except json.JSONDecodeError:
        pass
    for opening, closing in (("{", "}"), ("[", "]")):
        start, end = text.find(opening), text.rfind(closing)
        if 0 <= start < end:
            try:
                return loads_strict(text[start : end + 1])
            except json.JSONDecodeError:
                continue
    raise ValueError("no JSON object or list in the reply")
