"""One side of the chest asked ("왼쪽은 괜찮아요?", "왼쪽 흉수는요?") and the report's "lungs are clear"."""

from __future__ import annotations

import re

from korad.chat.answers.facts import claims_of, details_of, place_ko, sentence_of
from korad.chat.answers.normal import WITHIN_NORMAL, benign_findings
from korad.chat.answers.wording import Reply, cite, finding_name, particle, yes_no
from korad.chat.questions import DEVICES, Question
from korad.details import SIDE_KO, Detail, describe_ko, removed
from korad.findings import Findings
from korad.glossary import korean_name
from korad.sections import reported_text

_SIDE_WORD = {
    "left": r"(?<![A-Za-z])(?:left|lt)(?![A-Za-z])|좌측|좌폐|왼쪽|좌\s*(?:폐|흉)",
    "right": r"(?<![A-Za-z])(?:right|rt)(?![A-Za-z])|우측|우폐|오른쪽|우\s*(?:폐|흉)",
}
_SIDE_CLEAR = re.compile(
    r"\bclear\b|no\s+(?:active|acute|focal|abnormal)|unremarkable|\bnormal\b|특이\s*(?:소견|사항)?\s*(?:없|무)"
    r"|이상\s*(?:소견)?\s*(?:없|무)|깨끗|정상|병변\s*(?:없|무)",
    re.IGNORECASE,
)
NOT_LATERAL = frozenset(
    {"Cardiomegaly", "Enlarged Cardiomediastinum", "Hiatal Hernia", "Scoliosis", "Vertebral Fracture", "No Finding"}
)
"""Findings that are on no side of the chest (the heart, the spine): not what "왼쪽은 괜찮아요?" asks."""


def _side_sentence(report: str, side: str) -> str:
    """The report's sentence that says ``side`` (its lung) is clear ("Rt. lung clear.", "Lt. 폐야 특이소견 없음.")."""
    for sentence in re.split(r"\n|(?<!\b[LlRr]t\.)(?<=\.)\s+", reported_text(report)):
        named = re.search(_SIDE_WORD[side], sentence, re.IGNORECASE)
        other = re.search(_SIDE_WORD["right" if side == "left" else "left"], sentence, re.IGNORECASE)
        if named and not other and _SIDE_CLEAR.search(sentence[named.end() :]):
            return sentence.strip()
    return ""


def _on_side(findings: Findings, side: str) -> dict[str, list[Detail]]:
    """The report's present findings on ``side`` (or both sides), devices and removed ones left out."""
    found: dict[str, list[Detail]] = {}
    for detail in findings.details:
        if detail.status not in ("positive", "uncertain") or detail.observation in DEVICES | NOT_LATERAL:
            continue
        if detail.side in (side, "bilateral") and not removed(detail):
            found.setdefault(detail.observation, []).append(detail)
    return found


def _side_line(findings: Findings, observation: str, details: list[Detail]) -> str:
    """ "흉수(pleural effusion): 좌측 · 소량 · 이전과 변화 없음 (quote)"."""
    said = describe_ko(details[0]) or place_ko(details[0])
    return f"{finding_name(observation)}: {said}.{cite(sentence_of(findings, details[0]))}"


def side_view_answer(findings: Findings, question: Question, report: str) -> Reply:
    """One side of the chest asked: its findings, or that the report writes none there (with its "clear").

    ``question.scope`` is the side; ``direction`` "normal" ("왼쪽은 괜찮아요?"), "abnormal" ("오른쪽에 이상 있어요?")
    or None for an open ask ("오른쪽 폐는 어때요?", "우측은요?"), answered with no 네/아니요. A finding on the other
    side never makes this side not fine; it is named after, as the other side's."""
    side = question.scope or "left"
    other = "right" if side == "left" else "left"
    here = _on_side(findings, side)
    benign = set(benign_findings(findings, None, report))
    abnormal = {o: d for o, d in here.items() if o not in benign}
    there = {o: d for o, d in _on_side(findings, other).items() if o not in here and o not in benign}
    ko, other_ko = SIDE_KO[side], SIDE_KO[other]
    lead = ""
    if question.direction:
        holds = not abnormal if question.direction == "normal" else bool(abnormal)
        lead = f"{yes_no(holds, question.negated)}, "
    clear = _side_sentence(report, side)
    both_only = bool(abnormal) and all(all(d.side == "bilateral" for d in ds) for ds in abnormal.values())
    if clear and both_only and not question.direction:
        # "오른쪽 폐는요?" on "Rt. 폐는 활동성 병변 없음" and bilateral emphysema: what the report says of that side
        names = ", ".join(finding_name(o) for o in abnormal)
        lines = [f"판독문은 {ko} 폐에 대해 따로 이상이 없다고 적고 있습니다.{cite(clear)}"]
        lines.append(f"{names}{particle(names, '은', '는')} {ko}만이 아니라 양쪽 폐 모두에 적힌 소견입니다.")
        lines += [_side_line(findings, o, d) for o, d in abnormal.items()]
    elif abnormal:
        names = ", ".join(finding_name(o) for o in abnormal)
        lines = [f"{lead}{ko}에는 {names} 소견이 있다고 적혀 있습니다."]
        lines += [_side_line(findings, o, d) for o, d in abnormal.items()]
        if clear and both_only:  # the side's own statement, after the findings of both sides
            lines.append(f"다만 판독문은 {ko} 폐에 대해 따로 이상이 없다고 적고 있습니다.{cite(clear)}")
    else:
        if clear:
            lines = [f"{lead}{ko} 폐에는 이상이 없다고 적혀 있습니다.{cite(clear)}"]
        else:
            lines = [f"{lead}판독문에 {ko}의 이상 소견은 적혀 있지 않습니다."]
        kept = [o for o in here if o in benign]
        if kept:
            names = ", ".join(finding_name(o) for o in kept)
            lines.append(f"{ko}의 {names}{particle(names, '은', '는')} {WITHIN_NORMAL}")
    if there:
        names = ", ".join(finding_name(o) for o in there)
        lines.append(f"반대쪽({other_ko})에는 {names} 소견이 있습니다.")
    return Reply("\n".join(lines), claims_of(findings, list(abnormal) + list(there)))


def side_detail_answer(findings: Findings, observations: list[str], question: Question, report: str) -> Reply:
    """A finding asked for one side as a topic ("왼쪽 흉수는요?", "우측 기흉은 어때요?"): its amount, place and
    change on that side, quoted, with no 네/아니요; when it is only on the other side, that is said."""
    side = question.direction or "left"
    ko = SIDE_KO.get(side, side)
    lines = []
    for observation in observations:
        details = [
            d
            for d in findings.details
            if d.observation == observation and d.status in ("positive", "uncertain") and not removed(d)
        ]
        here = [d for d in details if d.side in (side, "bilateral")]
        if here:
            lines.append(_side_line(findings, observation, here))
        elif details and any(d.side for d in details):
            where = ", ".join(dict.fromkeys(place_ko(d) for d in details if d.side))
            lines.append(
                f"판독문에 {ko} {finding_name(observation)}{particle(korean_name(observation), '은', '는')} "
                "적혀 있지 않고, "
                f"{where}에 있다고 적혀 있습니다.{cite(sentence_of(findings, details[0]))}"
            )
        elif details:
            lines.append(
                f"판독문에 {finding_name(observation)}의 좌우는 적혀 있지 않습니다."
                f"{cite(sentence_of(findings, details[0]))}"
            )
        else:
            topic = particle(korean_name(observation), "은", "는")
            lines.append(f"판독문에 {ko} {finding_name(observation)}{topic} 적혀 있지 않습니다.")
    return Reply("\n".join(lines), claims_of(findings, observations))


_LUNGS_CLEAR = re.compile(
    r"\b(?:both\s+)?lungs?\b[^.\n]{0,25}?\b(?:are|is|remain|appear)?\s*"
    r"(?:clear|unremarkable|well[- ]expanded and clear)"
    r"|\bclear\s+lungs\b"
    r"|(?:양측\s*)?폐(?:야|실질)?[은는에]?\s*(?:깨끗|특이\s*(?:소견|사항)\s*(?:없|무)|이상\s*(?:소견\s*)?(?:없|무))",
    re.IGNORECASE,
)


def lungs_clear_sentence(report: str) -> str:
    """The report's sentence that calls the lungs clear ("The lungs are clear.", "양측 폐야 특이소견 없음."), or ""."""
    for sentence in re.split(r"\n|(?<!\b[LlRr]t\.)(?<=\.)\s+", reported_text(report)):
        sided = re.search(_SIDE_WORD["left"] + "|" + _SIDE_WORD["right"], sentence, re.IGNORECASE)
        if _LUNGS_CLEAR.search(sentence) and not sided:
            return sentence.strip()
    return ""


_GENERIC_LESION = re.compile(r"병변|이상|문제|소견|음영|뭔가|무언가|lesion", re.IGNORECASE)
_NAMED_LESION = re.compile(r"결절|종괴|혹|덩어리|nodule|mass|종양|암", re.IGNORECASE)


def both_sides_answer(findings: Findings, question: Question) -> Reply | None:
    """ "양쪽 폐 다 병변 있어요?" / "한쪽만 그런 거예요?" with no finding named but a lesion in general: the sides of
    all the report's present findings, each quoted; None when a finding is named or no side is asked."""
    if question.kind != "side" or question.direction not in ("bilateral", "one"):
        return None
    if set(question.observations) - {"Lung Lesion"} or not _GENERIC_LESION.search(question.text):
        return None
    if _NAMED_LESION.search(question.text):
        return None
    left, right = _on_side(findings, "left"), _on_side(findings, "right")
    if not left and not right:
        return None
    both = bool(left) and bool(right)
    lines = []
    for found in (left, right):
        for observation, details in found.items():
            lines.append(f"- {_side_line(findings, observation, details)}")
    lines = list(dict.fromkeys(lines))
    holds = both if question.direction == "bilateral" else not both
    said = (
        "양쪽 모두에 소견이 적혀 있습니다"
        if both
        else f"{SIDE_KO['left' if left else 'right']}에만 소견이 적혀 있습니다"
    )
    return Reply(
        f"{yes_no(holds, question.negated)}, 판독문에는 {said}:\n" + "\n".join(lines),
        claims_of(findings, list({**left, **right})),
    )


_SAME_SIDE = re.compile(
    r"(?:한|했던|받은|있는|있던|생긴|된|난|다친|넣은)\s*쪽(?:에|이|과|하고|이랑|으로|인)|같은\s*쪽|반대\s*(?:쪽|편)"
)
"""A question whether two things are on the same side ("결절이 유방 수술한 쪽에 있는 거예요?", "흉수가 수술한 쪽이랑
같은 쪽이에요?", "기흉이 관 넣은 쪽에 생긴 거예요?")."""


def _sides_of(findings: Findings, observation: str) -> set[str]:
    """The sides of a finding's present mentions (a device type's for "any device")."""
    return {d.side for d in details_of(findings, observation) if d.status != "negative" and d.side and not removed(d)}


def same_side_answer(findings: Findings, question: Question, reference: list[str]) -> Reply | None:
    """Whether the finding asked is on the side of ``reference`` (the thing named just before "쪽"): 네 on the same
    side, 아니요 on the other, each side quoted; None when either side is not written."""
    if not _SAME_SIDE.search(question.text) or not reference:
        return None
    subject = [o for o in question.observations if o not in reference and _sides_of(findings, o)]
    placed = [o for o in reference if _sides_of(findings, o)]
    if not subject or not placed:
        return None
    asked, there = subject[0], placed[0]
    asked_sides, there_sides = _sides_of(findings, asked), _sides_of(findings, there)
    same = bool(asked_sides & there_sides) or "bilateral" in asked_sides | there_sides
    opposite = re.search(r"반대", question.text) is not None
    sided = [d for o in (asked, there) for d in details_of(findings, o) if d.side and d.status != "negative"]
    quotes = " ".join(dict.fromkeys(f"“{' '.join(sentence_of(findings, d).split())}”" for d in sided))
    names = ", ".join(
        f"{finding_name(o)}{particle(korean_name(o), '은', '는')} {'·'.join(SIDE_KO[s] for s in sorted(sides))}"
        for o, sides in ((asked, asked_sides), (there, there_sides))
    )
    verdict = "같은 쪽입니다" if same else "서로 반대쪽입니다"
    return Reply(
        f"{yes_no(same != opposite, question.negated)}, 판독문에 {names}에 있다고 적혀 있어 {verdict}. "
        f"판독문: {quotes}",
        claims_of(findings, [asked, there]),
    )
