"""Translate stage: English (and mixed) reports to Korean, each translation checked.

A translation must keep numbers and units, laterality, de-identification marks and the labeler's
findings (``checks.translation_problems``). One that fails is retried once (an endpoint is told
which checks failed; a local model decodes again with beam search), then quarantined with the
reason. Korean reports and documents pass through untranslated.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any, Protocol

from korad.datasets_builder.checks import translation_problems
from korad.datasets_builder.prompts import translate_messages
from korad.engine import RequestEngine
from korad.sections import parse_sections
from korad.stage import Reject


class Translator(Protocol):
    engine: str
    model: str

    async def translate(self, text: str, failed_checks: list[str] | None = None) -> str: ...


class EndpointTranslator:
    """Translation by any OpenAI-compatible endpoint through the request engine."""

    engine = "endpoint"

    def __init__(self, requests: RequestEngine) -> None:
        self.requests = requests
        self.model = requests.endpoint.model

    async def translate(self, text: str, failed_checks: list[str] | None = None) -> str:
        result = await self.requests.complete(
            translate_messages(text, failed_checks), temperature=0, max_tokens=max(1024, 2 * len(text))
        )
        return _REPORT_TAGS.sub("", result.content).strip()


_REPORT_TAGS = re.compile(r"^\s*<report>\s*|\s*</report>\s*$")
"""A translation that repeats the prompt's fence keeps only its content."""


class Seq2SeqTranslator:
    """Translation by a local transformers sequence-to-sequence model (e.g. an en→ko Marian model)."""

    engine = "transformers"

    def __init__(self, model_path: str | Path, max_new_tokens: int = 512) -> None:
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        self.model = str(model_path)
        self.tokenizer = AutoTokenizer.from_pretrained(model_path)
        self.network = AutoModelForSeq2SeqLM.from_pretrained(model_path).eval()
        self.max_new_tokens = max_new_tokens

    def _translate_lines(self, text: str, beams: int) -> str:
        import torch

        lines = text.splitlines()
        sources = [line for line in lines if line.strip()]
        if not sources:
            return text
        batch = self.tokenizer(sources, return_tensors="pt", padding=True, truncation=True)
        with torch.no_grad():
            output = self.network.generate(**batch, num_beams=beams, max_new_tokens=self.max_new_tokens)
        translated = iter(self.tokenizer.batch_decode(output, skip_special_tokens=True))
        return "\n".join(next(translated) if line.strip() else line for line in lines)

    async def translate(self, text: str, failed_checks: list[str] | None = None) -> str:
        return await asyncio.to_thread(self._translate_lines, text, 4 if failed_checks else 1)


def needs_translation(report: dict[str, Any]) -> bool:
    return report.get("kind", "report") == "report" and report.get("language") in ("en", "mixed")


def make_translate(translator: Translator):
    """The stage's ``process``: one report in, the report with its checked translation out."""

    async def process(report: dict[str, Any]) -> list[dict[str, Any]]:
        if not needs_translation(report):
            info = {"engine": "none", "model": None, "checks": {"passed": True, "attempts": 0}}
            return [{**report, "text_ko": report["text"], "sections_ko": report.get("sections"), "translation": info}]
        text = report["text"]
        first = await translator.translate(text)
        problems = translation_problems(text, first)
        translation, attempts = first, 1
        if problems:
            translation, attempts = await translator.translate(text, problems), 2
            remaining = translation_problems(text, translation)
            if remaining:
                raise Reject("translation check failed", "; ".join(remaining))
        checks = {"passed": True, "attempts": attempts, "first_attempt_problems": problems}
        return [
            {
                **report,
                "text_ko": translation,
                "sections_ko": parse_sections(translation),
                "translation": {"engine": translator.engine, "model": translator.model, "checks": checks},
            }
        ]

    return process
