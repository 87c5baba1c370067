"""The ``grounded`` backend: answers about a report without any model, from the report's own labels.

It reads the question (``korad.chat.questions``) and answers from the labeler's findings and their
details (side, size, severity, change, device position) and the report's own recommendations,
quoting the report's sentence:

- presence ("기흉이 있나요?", "폐에 물이 찼나요?", "기흉은 없죠?") and normality ("정상인가요?", "이상이 있나요?");
- side, size, severity, change against the prior study, device position, next steps;
- summary ("요약해 주세요") and meaning ("무기폐가 무슨 뜻인가요?", from the Korean glossary).

Every yes/no answer starts with the word ``yes_no`` gives for the question as asked, so "흉수가
없나요?" on a report without effusion is answered "네". Anything else gets a short statement of what
it can answer. The answer's claims go to the grounding check as data (``GroundedBackend.claims``),
never re-read from the prose. It is the default backend, so the Space works with no model.

This module reads the question and dispatches it (``reply``); the answers live in ``korad.chat.answers``,
one module a kind of question.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from korad.chat.answers.attributes import severity_answer, side_answer, size_answer, worse_side_answer
from korad.chat.answers.cause import cause_answer
from korad.chat.answers.certainty import certainty_answer
from korad.chat.answers.change import change_answer
from korad.chat.answers.communication import communicated_answer
from korad.chat.answers.comparison import compared_answer, no_prior
from korad.chat.answers.contagion import contagion_answer
from korad.chat.answers.counts import count_answer, counted_in, finding_count_answer
from korad.chat.answers.devices import position_answer, removal_answer, valve_answer
from korad.chat.answers.explained import explained_answer
from korad.chat.answers.facts import PARENTS, details_of, positive, resolve, status, without
from korad.chat.answers.fitness import fitness_answer
from korad.chat.answers.leads import LEADS_ASKED, leads_answer
from korad.chat.answers.meaning import meaning_answer
from korad.chat.answers.measures import size_told_answer
from korad.chat.answers.named_change import named_change_answer
from korad.chat.answers.next_steps import INSERTION_ASKED, insertion_answer, next_steps_answer
from korad.chat.answers.normal import INCIDENTAL
from korad.chat.answers.normality import normality_answer
from korad.chat.answers.organ import organ_answer
from korad.chat.answers.presence import ctr_answer, presence_answer
from korad.chat.answers.recurrence import RECURRENCE_ASKED, recurrence_answer
from korad.chat.answers.related import related_answer
from korad.chat.answers.report_words import report_word_answer
from korad.chat.answers.side_contents import side_contents_answer
from korad.chat.answers.sides import both_sides_answer, same_side_answer
from korad.chat.answers.summary import summary_answer
from korad.chat.answers.urgency import urgency_answer
from korad.chat.answers.wording import REPORT_NAMES, YES_NO_LEAD, Reply, finding_name, particle, report_names, yes_no
from korad.chat.protocol import ChatBackend, ChatRequest
from korad.chat.questions import (
    ALL_HEALED,
    DEVICES,
    Question,
    ctr_asked,
    is_open,
    read_question,
    reference_of,
    set_aside,
)
from korad.devices import placements
from korad.findings import Findings, Label
from korad.glossary import find_terms, korean_name
from korad.lexicon import SEVERITIES

_PIECE = re.compile(r"\S+\s*")

NO_REPORT = "판독문이 없습니다. 먼저 흉부 X선 판독문을 붙여 넣거나 예시 판독문을 골라 주세요."
CANNOT_ANSWER = (
    "이 질문은 판독문만으로는 답할 수 없습니다. 모델 없이 판독문을 읽는 이 모드에서는 소견이 있는지, 어느 쪽인지, "
    "크기와 정도, 이전과 비교한 변화, 관이나 기구의 위치, 판독문의 권고 사항, 판독문 요약, 정상인지, 용어의 뜻을 "
    "물어볼 수 있습니다."
)


def _context_observations(request: ChatRequest, question: Question, findings: Findings) -> list[str]:
    """The findings a follow-up question is about: named in it, else in the latest earlier question
    that named one, else the report's positive findings."""
    if question.observations:
        return resolve(findings, question.observations)
    for earlier, _ in reversed(request.history):
        named = read_question(earlier).observations
        if named:
            return resolve(findings, named)
    found = positive(findings)
    if question.kind not in ("position", "removal"):  # "심한가요?" is about the findings, not the tubes
        found = [o for o in found if o not in DEVICES] or found
    return sorted(found, key=lambda o: -_weight(findings, o, question.kind))[:3]


def _named_earlier(request: ChatRequest) -> bool:
    """Whether an earlier question of the conversation named a finding (a follow-up is about it)."""
    return any(read_question(earlier).observations for earlier, _ in request.history)


def _weight(findings: Findings, observation: str, kind: str) -> float:
    """How much a finding tells for an unnamed size or severity question ("몇 cm예요?", "심한가요?"): its size,
    its grade; the findings that tell more are answered first (0 for other kinds: the report's order)."""
    details = details_of(findings, observation)
    if kind == "size":
        return max((d.size_mm or 0 for d in details), default=0)
    if kind == "severity":
        return max((SEVERITIES.index(d.severity) + 1 for d in details if d.severity), default=0)
    return 0


def reply(request: ChatRequest) -> Reply:
    """The grounded answer to ``request``; an open question gets its facts without a leading 네/아니요."""
    if not request.report or request.findings is None:
        return Reply(NO_REPORT)
    parts = compound_parts(request.question)
    if parts:  # "응급이에요? 관 넣어야 돼요?": each question answered in turn
        answers = [reply(replace(request, question=part)) for part in parts]
        claims: dict[str, Label] = {}
        for answered in answers:
            claims.update(answered.claims)
        return Reply("\n".join(a.text for a in answers), claims)
    question = read_question(request.question)
    aside = set_aside(request.question)  # "PICC 말고 다른 데는 괜찮아요?": the PICC is not asked about
    if aside:
        request = replace(request, findings=without(request.findings, aside))
    token = REPORT_NAMES.set(report_names(request.findings))
    try:
        answered = _reply(request, question)
    finally:
        REPORT_NAMES.reset(token)
    guessed = question.kind == "count" and question.direction  # "흉관 몇 개예요? 두 개?": a number to confirm
    if is_open(question.text) and question.kind not in ("meaning",) and not guessed and not _asked_first(question):
        answered.text = YES_NO_LEAD.sub("", answered.text)
        answered.text = answered.text[:1].upper() + answered.text[1:]
    return answered


def _asked_first(question: Question) -> bool:
    """Whether a message's first question is a yes/no one of the kind answered, an open one after it ("인공판막
    있어요? 무슨 판막이에요?"): its 네/아니요 stays."""
    first = re.match(r"[^?？]+[?？]", question.text)
    if not first or first.end() >= len(question.text.rstrip()):
        return False
    return not is_open(first.group()) and read_question(first.group()).kind == question.kind


STAND_INS: dict[str, str] = {"Pneumonia": "Consolidation"}
"""A finding a question names -> the finding a report writes for it ("어느 쪽 폐렴이 더 심해요?" on a report
that writes only "Both lower lung consolidation, Rt. > Lt."): a detail question is answered from it, saying so."""
_ATTRIBUTE_KINDS = frozenset({"side", "worse_side", "size", "severity", "change"})


def _stand_in(findings: Findings, observations: list[str]) -> tuple[str, str] | None:
    """(asked, shown) when the only finding asked is absent from the report but its ``STAND_INS`` finding is present."""
    if len(observations) != 1 or status(findings, observations[0]) is not None:
        return None
    shown = STAND_INS.get(observations[0])
    if shown and status(findings, shown) in ("positive", "uncertain"):
        return observations[0], shown
    return None


def _reply(request: ChatRequest, question: Question) -> Reply:
    findings = request.findings
    assert findings is not None
    explained = explained_answer(findings, question, request.report)  # "위험한 거예요?" on "lobectomy 후 변화"
    if explained:
        return explained
    sided = both_sides_answer(findings, question) or same_side_answer(findings, question, reference_of(question.text))
    if sided:  # "양쪽 폐 다 병변 있어요?", "결절이 유방 수술한 쪽에 있는 거예요?"
        return sided
    if question.kind == "meaning":
        return meaning_answer(find_terms(question.text), findings, request.report)
    if question.kind == "next_steps":
        return next_steps_answer(findings, question, request.report)
    if question.kind == "communicated":
        return communicated_answer(request.report, question)
    if question.kind == "compared":
        return compared_answer(request.report, question, findings)
    if question.kind == "cause":
        return cause_answer(findings, question, request.report)
    if ctr_asked(question.text):  # "CTR?": the number first
        return ctr_answer(findings, question, request.report)
    if "Pacemaker" in question.observations and LEADS_ASKED.search(question.text):  # "ICD 선 몇 개?", "어느 리드?"
        leads = leads_answer(findings, question, request.report)
        if leads:
            return leads
    if RECURRENCE_ASKED.search(question.text) and question.kind in ("change", "presence", "other"):
        recurred = recurrence_answer(question, request.report)  # "암 재발했어요?": the report's own sentence
        if recurred:
            return recurred
    if question.kind in ("presence", "other"):
        contagious = contagion_answer(findings, question, request.report)  # "전염되나요?": not told by an X-ray
        if contagious:
            return contagious
        qualified = certainty_answer(findings, question, request.report)
        if qualified:
            return qualified
        valve = valve_answer(findings, question, request.report)  # "인공판막 있어요? 무슨 판막이에요?"
        if valve:
            return valve
    if question.kind in ("change", "size") and question.observations and not any(
        status(findings, o) for o in question.observations
    ):  # "공동 얼마나 줄었어?" on a finding the labeler did not read: the sentence with both sizes
        told = size_told_answer(question, request.report)
        if told:
            return told
    if question.kind == "finding_count":
        return finding_count_answer(findings, question, request.report)
    if question.kind == "urgency":
        return urgency_answer(findings)
    if question.kind == "summary":
        return summary_answer(request.report, findings, brief=question.direction == "brief")
    if not any(status(findings, o) for o in question.observations) and question.kind != "next_steps":
        outside = report_word_answer(request.report, question)
        if outside:
            return outside
    related = related_reply(request.report, question)
    if related:
        return related
    if question.kind == "normality":
        return normality_answer(findings, question, request.report)
    if question.kind == "presence":
        return presence_answer(findings, question, request.report)
    if question.kind == "fitness":
        return fitness_answer(findings, question, request.report)
    if question.kind == "other":  # "심장은요?": what the report writes of that organ
        organ = organ_answer(request.report, question)
        return organ or Reply(related_answer(request.report, question) or CANNOT_ANSWER)
    contents = side_contents_answer(findings, question) if question.kind == "side" else None
    if contents:  # "왼쪽에 뭐가 있어요?": the findings on that side only
        return contents
    observations = _context_observations(request, question, findings)
    stand_in = _stand_in(findings, observations) if question.kind in _ATTRIBUTE_KINDS else None
    if stand_in:
        asked, shown = stand_in
        answered = _reply(request, replace(question, observations=(shown,)))
        note = (
            f"\n(판독문에 {finding_name(asked)}{particle(korean_name(asked), '이라고', '라고')} 적혀 있지는 않아, "
            f"{korean_name(asked)}에서도 보일 수 있는 {finding_name(shown)}에 대해 답했습니다.)"
        )
        return Reply(answered.text + note, answered.claims)
    if question.kind == "position" and INSERTION_ASKED.search(question.text) and not placements(findings.details):
        # "관 넣어야 돼요?" with no tube in the report: whether one is needed, i.e. the report's advice
        return insertion_answer(findings, replace(question, kind="next_steps", observations=()), request.report)
    if question.kind == "position":
        return position_answer(findings, observations, question)
    if question.kind == "removal":
        return removal_answer(findings, list(question.observations), question, request.report)
    if question.kind == "count":
        return count_answer(findings, list(question.observations), question, request.report)
    unnamed_change = question.kind == "change" and not question.observations
    # "다 나은 거예요?" after "심장 괜찮아요?" asks about the whole study, not the heart
    whole = question.direction == "resolved" and ALL_HEALED.search(question.text) is not None
    follows = _named_earlier(request) and not whole
    earlier = tuple(q for q, _ in request.history) if not (whole or _named_earlier(request)) else ()
    named = named_change_answer(request.report, question, earlier) if unnamed_change else None
    if named:  # "bulla 커졌어요?": the change of what it names, not the other findings' changes
        return named
    if question.kind == "change":  # "전보다 늘었어요?" after "흉수 있어요?": the effusion's change, else every change
        asked = observations if question.observations or follows else []
        return change_answer(findings, list(asked), question, request.report)
    handlers = {"side": side_answer, "worse_side": worse_side_answer, "size": size_answer, "severity": severity_answer}
    return handlers[question.kind](findings, observations, question, request.report)


_RELATED_KINDS = frozenset({"side", "normality", "presence", "change", "severity", "size"})


def related_reply(report: str, question: Question) -> Reply | None:
    """A question of a known kind that names no finding of the vocabulary but a thing outside it ("횡격막 어느 쪽이
    올라가 있어요?", "왼쪽 가슴 수술 받은 게 보이나요?"), answered from the report's sentences about it
    (``korad.chat.answers.related``); None when it names none or the report says nothing of it."""
    if question.observations or question.kind not in _RELATED_KINDS:
        return None
    # an injury asked is its findings' to answer, but for its age ("예전에 다친 거예요?"); a body part asked whether
    # normal ("뼈에 이상이 있나요?") is the normality answer's (its findings, old ones said as old)
    kinds = {"change": ("finding", "event", "place"), "normality": ("finding",)}
    topics = kinds.get(question.kind, ("finding", "place"))
    said = related_answer(report, question, topics)
    return Reply(said) if said and "“" in said else None


def answer_question(report: str | None, question: str) -> str:
    """The grounded answer to ``question`` about ``report`` (labels the report)."""
    return reply(ChatRequest.about(report, question)).text


class GroundedBackend(ChatBackend):
    """Answers from the report's findings and the glossary; its claims are the report's own labels."""

    name = "grounded"

    def stream(self, request: ChatRequest) -> Iterator[str]:
        yield from _PIECE.findall(reply(request).text)

    def claims(self, request: ChatRequest, answer: str) -> Findings | None:
        answered = reply(request)
        if answered.text != answer:
            return None  # not this backend's answer (cut short): read it as text
        evidence = {
            o: request.findings.evidence[o]
            for o in answered.claims
            if request.findings and o in request.findings.evidence
        }
        return Findings(labels=dict(answered.claims), evidence=evidence)


_COMPOUND_KINDS = frozenset({"urgency", "next_steps", "position", "removal", "normality", "presence", "change"})


def compound_parts(text: str) -> list[str]:
    """The questions of a message that asks two or more different things, each ending in "?" ("응급이에요?
    관 넣어야 돼요?"); [] for one question, or for a question and its guess ("흉관 몇 개예요? 두 개?")."""
    parts = [p.strip() for p in re.findall(r"[^?？]+[?？]", " ".join((text or "").split()))]
    if len(parts) < 2 or re.sub(r"[^?？]+[?？]", "", text or "").strip():
        return []
    read = [read_question(p) for p in parts]
    if any(q.kind not in _COMPOUND_KINDS or (q.kind == "count") for q in read):
        return []
    if len({(q.kind, q.observations) for q in read}) < len(read):
        return []
    if not any(q.kind in ("urgency", "next_steps") for q in read):
        return []
    return parts


__all__ = [
    "CANNOT_ANSWER",
    "INCIDENTAL",
    "NO_REPORT",
    "PARENTS",
    "GroundedBackend",
    "answer_question",
    "compound_parts",
    "counted_in",
    "no_prior",
    "particle",
    "reply",
    "yes_no",
]
