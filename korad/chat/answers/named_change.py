"""The change of something a question names that is no finding of the vocabulary ("bulla 커졌어요?", "뼈 전이
커졌어요?", "전이 늘었어요?").

A change question is about what it names. When that is a word the labeler has no finding for (a bulla, a
metastasis, a word written in English), the answer is read from the report's sentences that name it: the change
words of the clause that names it, else of the clauses next to it that name nothing else ("A large bulla occupies
the right apex, slightly larger than on the prior study."; "경화성 골병변, 이전과 비슷함 (알려진 골전이)."),
never the changes of the report's other findings.
"""

from __future__ import annotations

import re
from itertools import pairwise

from korad.chat.answers.change import CHANGE_HOLDS
from korad.chat.answers.priors import PRIOR_TALK
from korad.chat.answers.related import Mention, asked_about, asked_terms, english_terms, mentions
from korad.chat.answers.wording import Reply, particle, yes_no
from korad.chat.questions import Question
from korad.details import CHANGE_KO, changes_in
from korad.findings import label_report
from korad.glossary import Term, written_pattern

_CLAUSE_END = re.compile(r"[,;:]\s+|\s+(?:and|but|though|although|with)\s+|(?<=[가-힣])\s*(?:및|,)\s*")


_WHEN = re.compile(
    r"(?<=(?:일|주|달|년|월|이|직|제|루|틀|흘|칠|술|원|료))\s*전(?=이(?:랑|하고|와|보다|에|라|나|던|었))"
)
"""The "전" of a time before ("6개월 전이랑", "이전이랑", "수술 전이랑"), which with its particle reads as 전이."""


def named_change_answer(report: str, question: Question, earlier: tuple[str, ...] = ()) -> Reply | None:
    """The change of the thing ``question`` names (else the latest of the ``earlier`` questions of the
    conversation that named one: "bulla 있어요?" then "커졌어요?"), from the report's sentences about it; None when
    none names such a thing or the report does not mention it (the caller answers then)."""
    glossary, terms, places = _named(question.text)
    for text in reversed(earlier) if not terms else ():
        glossary, _, places = _named(text)
        terms = glossary  # a word in English, asked before, is too loose a tie: the glossary's words only
        if terms:
            break
    said = [m for term in terms for m in mentions(report, term) if m.reading != "denied"]
    if not said:
        return None
    # "뼈 전이 커졌어요?": the sentences that name the place asked first
    said.sort(key=lambda m: not any(written_pattern(p).search(m.sentence) for p in places))
    read = [(m, change) for m in said if (change := _change_of(m))]
    name = said[0].term.korean
    if not read and said[0].term not in glossary:  # an English word whose sentence gives no change: not ours
        return None
    if not read:
        return Reply(
            f"판독문에는 {name}{particle(name, '이', '가')} 이전과 비교해 어떻게 달라졌는지는 적혀 있지 않습니다. "
            f"판독문: “{said[0].sentence}”"
        )
    wanted = CHANGE_HOLDS[question.direction or "any"]
    stable_asked = question.direction == "stable"
    holds = all(change == "stable" for _, change in read) if stable_asked else read[0][1] in wanted
    lines = [f"{m.term.korean}: {CHANGE_KO[change]}. 판독문: “{m.sentence}”" for m, change in read[:2]]
    return Reply(f"{yes_no(holds, question.negated)}, " + "\n".join(lines))


def _named(text: str) -> tuple[list[Term], list[Term], list[Term]]:
    """(glossary findings, every thing named, places) that ``text`` asks about."""
    # "6개월 전이랑 달라졌어요?", "compared to yesterday?": words of when, not of what (전이 is no metastasis here)
    text = PRIOR_TALK.sub(" ", _WHEN.sub("때", text))
    glossary = asked_terms(text, ("finding",))
    terms = glossary + [
        t
        for t in english_terms(text)
        if asked_about(text, t) and not any(written_pattern(n).search(t.korean) for n in glossary)
    ]
    return glossary, terms, asked_terms(text, ("place",))


def _change_of(mention: Mention) -> str | None:
    """The change the report gives the term of ``mention``: in the clause that names it, else in the clauses
    after it, then before it, that name no finding of their own; None when there is none."""
    sentence = mention.sentence
    match = written_pattern(mention.term).search(sentence)
    if match is None:
        return None
    bounds = [0, *(m.end() for m in _CLAUSE_END.finditer(sentence)), len(sentence)]
    clauses = [sentence[a:b] for a, b in pairwise(bounds)]
    at = next(i for i in range(len(clauses)) if sum(len(x) for x in clauses[: i + 1]) > match.start())
    for order in (range(at, len(clauses)), range(at - 1, -1, -1)):
        for i in order:
            changes = changes_in(clauses[i].lower())
            if changes:
                return "worse" if changes[0] == "increase" else changes[0]
            if i != at and label_report(clauses[i]).details:
                break  # a clause about another finding: its change is not this one's
    return None
