"""Assertions shared by the tests of the grounded chat's answers."""

from __future__ import annotations

from collections.abc import Iterable

from korad.chat.grounded import answer_question


def assert_answered(
    report: str, question: str, opening: str | None, included: Iterable[str] = (), excluded: Iterable[str] = ()
) -> str:
    """The grounded answer to ``question`` about ``report``, checked: it starts with ``opening`` ("네", "아니요",
    "확실하지 않습니다", ...; None or "" for an answer with neither 네 nor 아니요), holds every text of ``included``
    and none of ``excluded``."""
    answer = answer_question(report, question)
    if opening:
        assert answer.startswith(opening), answer
    else:
        assert not answer.startswith(("네", "아니요")), answer
    missing = [text for text in included if text not in answer]
    assert not missing, (missing, answer)
    present = [text for text in excluded if text in answer]
    assert not present, (present, answer)
    return answer
