"""A deterministic stand-in for the LLM judge, for the local OpenAI-compatible server.

It reads korad's judge requests (``korad.eval.judge``) and replies with the rubric JSON they ask
for: each criterion's score (1-4) a function of the question, the answer and the criterion, so the
same request always gets the same judgment. Pairwise requests get a winner per criterion. A fault
mode makes a deterministic share of answers unjudgeable, on the first ask and on the retry alike:
half of them get prose instead of JSON, half a JSON object with a criterion's score missing. A
``constant`` judge gives every answer the same score (a judge that cannot tell answers apart).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from korad.testing.openai_server import Responder

_CRITERION = re.compile(r'"(\w+)": \{"score"')
_WINNER = re.compile(r'"(\w+)": \{"winner"')
_ANSWER = re.compile(r"<answer>\n(.*?)\n</answer>", re.DOTALL)
_QUESTION = re.compile(r"\nQuestion: (.*?)\n\n", re.DOTALL)


def _first_user(request: dict[str, Any]) -> str:
    """The judge's request (the first user turn; a retry adds the reply and a second user turn)."""
    return next((str(m.get("content", "")) for m in request.get("messages", []) if m.get("role") == "user"), "")


def _find(pattern: re.Pattern[str], text: str) -> str:
    match = pattern.search(text)
    return match.group(1) if match else ""


def _unit(text: str, *parts: str) -> float:
    """A number in [0, 1) fixed by ``text`` and ``parts``."""
    digest = hashlib.sha256("\n".join((text, *parts)).encode()).hexdigest()
    return int(digest[:12], 16) / 16**12


def make_judge(fault_rate: float = 0.0, constant: int | None = None, seed: int = 0) -> Responder:
    """A judge responder; ``fault_rate`` of the answers get a malformed or incomplete judgment."""

    def judge(request: dict[str, Any]) -> str:
        content = _first_user(request)
        question = _find(_QUESTION, content)
        winners = _WINNER.findall(content)
        if winners:
            pair = "\n".join(re.findall(r"<answer_[12]>\n(.*?)\n</answer_[12]>", content, re.DOTALL))
            verdicts = {c: ("1", "2", "tie")[int(_unit(question, pair, c) * 3)] for c in winners}
            return json.dumps({c: {"winner": w, "rationale": "비교"} for c, w in verdicts.items()})
        answer = _find(_ANSWER, content)
        criteria = _CRITERION.findall(content)
        fault = _unit(str(seed), question, answer)
        if fault < fault_rate / 2:
            return "The answer seems mostly fine to me."
        scores = {
            c: {"score": constant or 1 + int(_unit(str(seed), question, answer, c) * 4), "rationale": "근거 있음"}
            for c in criteria
        }
        if fault < fault_rate and criteria:
            scores[criteria[0]] = {"rationale": "점수를 빠뜨림"}
        return json.dumps(scores, ensure_ascii=False)

    return judge


judge_responder = make_judge()
"""The judge with no faults, as ``python -m korad.testing.openai_server --responder judge`` serves it."""
