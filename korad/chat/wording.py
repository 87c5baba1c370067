"""The words every grounded answer is built with: the Korean particle that fits a word, the first word of a
yes/no answer. In a module of their own so that each answer module (``grounded``, ``related``) uses the same."""

from __future__ import annotations

from korad.text import HANGUL, HANGUL_RE


def particle(word: str, with_final: str, without_final: str) -> str:
    """The Korean particle that fits ``word`` (이/가, 은/는, 을/를, 과/와), by its last syllable."""
    hangul = HANGUL_RE.findall(word)
    if not hangul:
        return with_final
    return with_final if (ord(hangul[-1]) - ord(HANGUL[0])) % 28 else without_final  # 28 finals per initial+vowel


def yes_no(holds: bool, negated: bool = False) -> str:
    """The first word of a yes/no answer, for the question as asked.

    ``holds`` is the truth of what the question asks in its positive form ("there is an effusion",
    "it got worse", "the report is normal"); a question asked in the negative ("흉수가 없나요?")
    is answered "네" when the positive form does not hold. The one place every yes/no answer of the
    grounded backend gets its first word.
    """
    return "네" if holds != negated else "아니요"
