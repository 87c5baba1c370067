"""A question about one part of the chest and nothing more ("심장은요?", "폐는 어때요?", "뼈는요?").

It names no finding, only an organ: it is answered with what the report writes about that organ, quoted
(normal or not), so "Heart size is normal" answers "심장은요?".
"""

from __future__ import annotations

import re

from korad.chat.answers.wording import Reply
from korad.chat.questions import Question
from korad.sections import reported_text
from korad.text import sentence_spans

_ORGANS: tuple[tuple[str, str, str], ...] = (
    (
        "심장",
        r"심장|heart",
        r"\bheart\b|\bcardia[ck]\w*|cardiomediastin\w*|\bCTR\b|cardiothoracic|심장|심음영|심비대|심흉곽비",
    ),
    ("폐", r"(?<![가-힣])폐(?!\s*문)|lungs?", r"\blungs?\b|pulmonary|(?<![가-힣])폐(?!문)|폐야|폐실질"),
    ("종격동", r"종격동|mediastinum", r"mediastin\w*|종격동"),
    ("흉막", r"흉막|늑막|pleura", r"pleura\w*|pneumothora\w*|effusions?|흉막|늑막|흉수|기흉|costophrenic|늑골횡격막각"),
    ("횡격막", r"횡격막|diaphragm", r"diaphragm\w*|hemidiaphragm\w*|횡격막"),
    ("뼈", r"뼈|골격|bones?", r"\bbones?\b|osseous|skeletal|\bribs?\b|spine|vertebra\w*|골격|뼈|늑골|척추|골절"),
)
"""Organ -> (its Korean name, how a question names it, how a report's sentence speaks of it)."""
_TOPIC_ONLY = re.compile(
    r"^\s*(?P<organ>[가-힣A-Za-z ]{1,12}?)\s*(?:은|는|쪽은|쪽)?\s*"
    r"(?:요|어때요|어떤가요|어떻대요|어때|상태는(?:요)?|소견은(?:요)?)?\s*[?？.]*\s*$",
    re.IGNORECASE,
)
"""A question that is an organ and a topic ending only ("심장은요?", "폐는 어때요?", "heart?")."""


def organ_answer(report: str, question: Question) -> Reply | None:
    """What the report writes about the one organ a bare question names; None when the question is not of that
    form, or the report writes nothing about it."""
    asked = _TOPIC_ONLY.match(question.text or "")
    if asked is None:
        return None
    organ = next((o for o in _ORGANS if re.fullmatch(o[1], asked.group("organ").strip(), re.IGNORECASE)), None)
    if organ is None:
        return None
    name, _, written = organ
    text = reported_text(report or "")
    sentences = [
        " ".join(text[a:b].split()) for a, b in sentence_spans(text) if re.search(written, text[a:b], re.IGNORECASE)
    ]
    sentences = list(dict.fromkeys(s for s in sentences if s))
    if not sentences:
        return None
    quoted = " ".join(f"“{s}”" for s in sentences[:4])
    return Reply(f"판독문에 {name}에 대해 적힌 내용입니다: {quoted}")
