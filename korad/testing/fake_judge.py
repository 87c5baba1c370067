"""A deterministic stand-in for the LLM judge, for the local OpenAI-compatible server.

It reads korad's judge requests (``korad.eval.judge``) and replies with the rubric JSON they ask
for: each criterion's score (1-4) a function of the question, the answer and the criterion, so the
same request always gets the same judgment. Pairwise requests get a winner per criterion. A fault
mode makes a deterministic share of answers unjudgeable, on the first ask and on the retry alike:
half of them get prose instead of JSON, half a JSON object with a criterion's score missing. A
``constant`` judge gives every answer the same score (a judge that cannot tell answers apart).

Rubric v2 requests (they ask for ``error_counts``) also get clinical errors, each quoting the answer
sentence it is about. This is a stand-in for tests, not a judge: its errors are korad's own rule-based
ones (``korad.clinical_errors`` on the request's report and answer), except that on a deterministic
quarter of the answers with errors it misses the last one, and it adds an ``unsupported_recommendation``
where the answer recommends a next step and the report does not. So rules and "judge" agree often but
not always, which is what the agreement tables of the eval report are tested on.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from korad.clinical_errors import ERROR_TYPES, clinical_errors
from korad.glossary import korean_name
from korad.testing.openai_server import Responder
from korad.text import sentence_spans

_CRITERION = re.compile(r'"(\w+)": \{"score"')
_WINNER = re.compile(r'"(\w+)": \{"winner"')
_ANSWER = re.compile(r"<answer>\n(.*?)\n</answer>", re.DOTALL)
_QUESTION = re.compile(r"\nQuestion: (.*?)\n\n", re.DOTALL)
_REPORT = re.compile(r"<report>\n(.*?)\n</report>", re.DOTALL)
_RECOMMENDS = re.compile(r"권고|권장|추적\s*(?:검사|관찰)|검사를\s*받|recommend|follow[- ]?up", re.IGNORECASE)


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


def _sentences(answer: str) -> list[str]:
    return [answer[a:b].strip() for a, b in sentence_spans(answer) if answer[a:b].strip()] or [answer.strip()]


def _quote(answer: str, observation: str) -> str:
    """The answer's sentence that names ``observation`` (in Korean or English), else its first sentence."""
    names = (korean_name(observation), observation.lower())
    sentences = _sentences(answer)
    return next((s for s in sentences if any(name in s.lower() for name in names)), sentences[0])


def errors_reply(report: str, answer: str, question: str, seed: int = 0) -> dict[str, object]:
    """The stand-in's ``errors`` and ``error_counts`` for one answer (see the module's docstring)."""
    found = [(e.kind, _quote(answer, e.observation), f"판독문: {e.evidence}") for e in clinical_errors(report, answer)]
    if found and _unit(str(seed), question, answer, "miss") < 0.25:
        found = found[:-1]
    recommends = next((s for s in _sentences(answer) if _RECOMMENDS.search(s)), None)
    if recommends and not _RECOMMENDS.search(report):
        found.append(("unsupported_recommendation", recommends, "판독문에 없는 권고"))
    errors = [{"type": kind, "quote": quote, "explanation": why} for kind, quote, why in found]
    counts = {kind: sum(e["type"] == kind for e in errors) for kind in ERROR_TYPES}
    return {"errors": errors, "error_counts": counts}


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
        if '"error_counts"' in content:
            scores.update(errors_reply(_find(_REPORT, content), answer, question, seed))
        return json.dumps(scores, ensure_ascii=False)

    return judge


judge_responder = make_judge()
"""The judge with no faults, as ``python -m korad.testing.openai_server --responder judge`` serves it."""
