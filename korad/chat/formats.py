"""Prompt formats: how a chat request becomes model input, for the ``transformers`` and ``openai`` backends.

``chat_template`` (the default) lays the request out as chat messages (``korad.prompts``) and lets
the model's own chat template render them: right for korad's models and for instruct models.

A *raw* format is the plain-text template another project fine-tuned with. A model trained on such
a template answers best when prompted with exactly that text, so a fair baseline uses it: the
backend sends the rendered text as a text completion (no chat template), stops at the format's
stop strings and cuts the answer there. Raw formats are single-turn, as their training data was:
earlier turns of a chat are not shown to the model.

The templates are copied verbatim from the original code (typos included, since the models saw them):

- ``ko-radiology-gpt``: Ko-Radiology-GPT (Llama-2-7b-chat + LoRA, the model the original demo
  links to, ``h2a0e0u2n/changtongsul``). ``PROMPT`` of ``fine_tuning.py`` in
  github.com/ZzeongB/Ko-Radiology-GPT (commit c617e586): an instruction preamble, the report
  between ``[Radiology Report Begin]``/``[Radiology Report End]``, the question between
  ``[Instruction Begin]``/``[Instruction End]``, and the answer right after (training appended
  ``answer + eos`` to this text; there is no "Response:" line in the training format).
- ``hippo``: Hippo (radiology-GPT, SNU; the English model Ko-Radiology-GPT extends). ``PROMPT`` of
  ``code/train/fine_tuning.py`` in github.com/yjeong-k/Radiology-GPT (mirror of
  healthhub-ai/SNU-Radiology-GPT): the same layout, with the preamble's "languge" typo.
- ``radiology-gpt-eval``: the evaluation prompt both projects used to compare models
  (``prompt`` of ``code/comparison/generate_prompt.py`` in yjeong-k/Radiology-GPT): the question
  between ``[Question Begin]``/``[Question End]``, answer conditions, and the answer after
  ``Response:`` (their comparison scripts split the output at "Response:").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from korad.errors import InputError
from korad.prompts import as_data

CHAT_TEMPLATE = "chat_template"


@dataclass(frozen=True)
class RawFormat:
    """A plain-text prompt template with ``{report}`` and ``{question}``, and its stop strings."""

    name: str
    template: str
    stop: tuple[str, ...]
    source: str

    def render(self, report: str | None, question: str) -> str:
        """The prompt for one question about one report (no report: an empty report block)."""
        return self.template.format(report=self._data(report or ""), question=self._data(question or ""))

    def _data(self, text: str) -> str:
        """``text`` stripped (as the original training data was) and unable to open or close a block:
        chat control tokens are neutralised (``korad.prompts.as_data``) and so are the format's
        own block markers (``[Radiology Report End]`` in a report becomes ``[ Radiology Report End ]``)."""
        return self._markers().sub(lambda m: f"[ {m.group(1)} ]", as_data(text.strip()))

    def _markers(self) -> re.Pattern[str]:
        names = sorted({m.strip() for m in re.findall(r"\[([A-Za-z ]+)\]", self.template)}, key=len, reverse=True)
        spaced = "|".join(r"\s+".join(map(re.escape, name.split())) for name in names)
        return re.compile(rf"\[\s*({spaced})\s*\]", re.IGNORECASE)


_PREAMBLE = (
    "Below is a snippet of patient's radiology report and a following instruction from radiologist.\n"
    "Write a response that appropriately completes the instruction.\n"
    "The response should provide the accurate answer to the instruction, while being concise.\n"
    "\n"
    "[Radiology Report Begin]\n{report}\n[Radiology Report End]\n"
    "\n"
    "[Instruction Begin]\n{question}\n[Instruction End]\n"
)
_INSTRUCTION_STOPS = ("[Radiology Report Begin]", "[Instruction Begin]", "[Instruction End]")

FORMATS: dict[str, RawFormat] = {
    f.name: f
    for f in (
        RawFormat(
            "ko-radiology-gpt",
            "You are an intelligent clinical language model.\n" + _PREAMBLE,
            _INSTRUCTION_STOPS,
            "github.com/ZzeongB/Ko-Radiology-GPT fine_tuning.py (PROMPT)",
        ),
        RawFormat(
            "hippo",
            "You are an intelligent clinical languge model.\n" + _PREAMBLE,
            _INSTRUCTION_STOPS,
            "github.com/yjeong-k/Radiology-GPT code/train/fine_tuning.py (PROMPT)",
        ),
        RawFormat(
            "radiology-gpt-eval",
            "You are an intelligent clinical language model. Your task is to analyze a radiology report and "
            "provide an appropriate answer to the given question.\n"
            "\n"
            "Patient's radiology report and a question that you're supposed to answer are provided below.\n"
            "\n"
            "[Radiology Report Begin]\n{report}\n[Radiology Report End]\n"
            "\n"
            "[Question Begin]\n{question}\n[Question End]\n"
            "\n"
            "Generate an appropriate answer to the question, using the radiology report.\n"
            "\n"
            "When creating your answer, you must meet the conditions below:\n"
            "1. Your answer must be accurate.\n"
            "2. Generate answers that not only medical professionals but also non-medical professionals can "
            "understand.\n"
            "3. Your answer should be a maximum of 3 sentences.\n"
            "4. If it is difficult to give an exact answer to a question, do not provide an answer and explain "
            "why it is difficult to answer.\n"
            "5. Don't simply repeat questions or regenerate questions.\n"
            "\n"
            "Response:",
            ("[Radiology Report Begin]", "[Question Begin]", "[Question End]"),
            "github.com/yjeong-k/Radiology-GPT code/comparison/generate_prompt.py (prompt)",
        ),
    )
}

PROMPT_FORMATS: tuple[str, ...] = (CHAT_TEMPLATE, *FORMATS)


def raw_format(name: str) -> RawFormat | None:
    """The raw format called ``name`` (None for ``chat_template``); a clear error for an unknown name."""
    if name == CHAT_TEMPLATE:
        return None
    if name not in FORMATS:
        raise InputError("prompt_format", f"unknown prompt format {name!r} (choose one of {', '.join(PROMPT_FORMATS)})")
    return FORMATS[name]


def cut_at_stop(pieces: Iterable[str], stop: Sequence[str]) -> Iterator[str]:
    """The streamed text up to the first stop string (not included).

    Text that could be the start of a stop string is held back until the next piece shows whether
    it is one, so a stop string split across pieces is never streamed.
    """
    held = ""
    for piece in pieces:
        held += piece
        found = [index for index in (held.find(s) for s in stop if s) if index >= 0]
        if found:
            if min(found):
                yield held[: min(found)]
            return
        partial = max((k for s in stop for k in range(1, len(s)) if held.endswith(s[:k])), default=0)
        if len(held) > partial:
            yield held[: len(held) - partial]
            held = held[len(held) - partial :]
    if held:
        yield held
