"""The details of a present finding: its side, which side has more, its size and severity."""

from __future__ import annotations

import re
from typing import Any

from korad.chat.answers.appearance import sided_appearance
from korad.chat.answers.facts import claims_of, details_of, evidence, place_ko, sentence_of, status
from korad.chat.answers.heart import ctr_line
from korad.chat.answers.measures import first_size, largest_after, size_change
from korad.chat.answers.normal import is_normal
from korad.chat.answers.normality import normality_answer
from korad.chat.answers.presence import presence_answer
from korad.chat.answers.quotes import graded_sentence
from korad.chat.answers.readings import main_readings
from korad.chat.answers.report_words import side_named
from korad.chat.answers.sides import NOT_LATERAL, side_detail_answer
from korad.chat.answers.wording import YES_NO_LEAD, Reply, as_subject, cite, finding_name, particle, yes_no
from korad.chat.questions import Question
from korad.details import SIDE_KO, Detail, greater_side, severity_ko, size_ko
from korad.findings import Findings, label_report
from korad.glossary import korean_name
from korad.lexicon import SEVERITIES
from korad.sections import reported_text
from korad.text import sentence_spans

LARGE_MM = 30.0
"""Size from which a lesion is called large (a "mass", by the Fleischner Society's glossary)."""
SMALL_MM = 10.0
"""Size under which a lesion is called small (sub-centimetre)."""


def _attribute_targets(findings: Findings, observations: list[str]) -> list[tuple[str, list[Any]]]:
    return [(o, [d for d in details_of(findings, o) if d.status != "negative"]) for o in observations]


def _on_side_asked(
    findings: Findings, targets: list[tuple[str, list[Any]]], question: Question
) -> tuple[list[tuple[str, list[Any]]], list[str]]:
    """The targets' mentions on the one side a question asks ("오른쪽 흉수 얼마나 돼요?": the right one), and a
    line for each finding the report does not put on that side."""
    if question.scope not in ("left", "right"):
        return targets, []
    kept, missing = [], []
    for observation, found in targets:
        here = [d for d in found if d.side in (question.scope, "bilateral")]
        if here:
            kept.append((observation, here))
        elif found:
            where = ", ".join(dict.fromkeys(place_ko(d) for d in found if d.side)) or "좌우가 적히지 않은 곳"
            missing.append(
                f"판독문에 {SIDE_KO[question.scope]} {as_subject(observation, ('은', '는'))} 적혀 있지 않고, "
                f"{where}에 있다고 적혀 있습니다.{cite(sentence_of(findings, found[0]))}"
            )
    return kept, missing


def _per_side(graded: list[Detail]) -> str:
    """Each side's own grade when the two sides are graded apart ("우측 중등량, 좌측 소량"), else ""."""
    by_side = {d.side: d for d in graded if d.side in ("right", "left")}
    if len(by_side) < 2 or len({d.severity for d in by_side.values()}) < 2:
        return ""
    return ", ".join(f"{SIDE_KO[side]} {severity_ko(by_side[side])}" for side in ("right", "left"))


def _not_present(findings: Findings, observations: list[str], question: Question, report: str) -> Reply | None:
    """The answer when none of the asked findings is present (an attribute of nothing)."""
    if not observations and is_normal(findings, None, report):  # "어디가 더 안 좋아요?" on a normal report
        normal = normality_answer(findings, Question(question.text, "normality", (), False, "normal"), report)
        return Reply(YES_NO_LEAD.sub("", normal.text), normal.claims)
    if not observations:
        return Reply("판독문에서 이 질문에 해당하는 소견을 찾지 못했습니다. 어떤 소견에 대해 묻는지 알려 주세요.")
    if any(status(findings, o) in ("positive", "uncertain") for o in observations):
        return None
    presence = Question(question.text, "presence", tuple(observations), False)
    return presence_answer(findings, presence, report)


def side_answer(findings: Findings, observations: list[str], question: Question, report: str) -> Reply:
    """Which side (and where) each asked finding is, from its details."""
    if question.scope == "describe":  # "왼쪽 흉수는요?": that side's finding described
        return side_detail_answer(findings, observations, question, report)
    absent = _not_present(findings, observations, question, report)
    if absent:
        return absent
    lines = []
    for observation, found in _attribute_targets(findings, _sided_readings(findings, observations, question)):
        sided = [d for d in found if d.side or d.location]
        seen_as = [] if any(d.side for d in sided) else sided_appearance(findings, observation)
        if seen_as:  # "폐렴 어느쪽?" on "bilateral opacities, consistent with pneumonia": the opacities' side
            where = ", ".join(dict.fromkeys(place_ko(d) for d in seen_as))
            shown = seen_as[0].observation
            lines.append(
                f"{as_subject(observation, ('은', '는'))} "
                f"{finding_name(shown)}{particle(korean_name(shown), '으로', '로')} "
                f"보이며, 그 음영이 {where}에 있다고 적혀 있습니다.{cite(sentence_of(findings, seen_as[0]))}"
            )
            continue
        said = side_named(evidence(findings, observation) or "") if not sided else ""
        if said:  # "3.2 cm cavitary lesion in the left upper lobe" read with no side: its sentence's side
            quote = cite(evidence(findings, observation))
            lines.append(f"{as_subject(observation, ('은', '는'))} {said}에 있다고 적혀 있습니다.{quote}")
            continue
        if not sided:
            quote = cite(evidence(findings, observation))
            lines.append(f"판독문에는 {finding_name(observation)}의 좌우 위치가 적혀 있지 않습니다.{quote}")
            continue
        where = ", ".join(dict.fromkeys(place_ko(d) for d in sided))
        # each side's own sentence ("left ribs" in the findings, "right 7th rib" in an addendum)
        quote = cite(" / ".join(dict.fromkeys(sentence_of(findings, d) for d in sided[:3])))
        sentence = f"{as_subject(observation, ('은', '는'))} {where}에 있다고 적혀 있습니다.{quote}"
        if question.direction:
            sides = {d.side for d in sided}
            holds = question.direction in sides or ("bilateral" in sides and question.direction != "bilateral")
            if question.direction == "one":  # "한쪽만 있어요?"
                holds = sides in ({"left"}, {"right"})
            elif _ONLY.search(question.text) and question.direction in ("left", "right"):  # "왼쪽뿐이에요?"
                holds = sides == {question.direction}
            sentence = f"{yes_no(holds, question.negated)}, {sentence}"
        lines.append(sentence)
    return Reply("\n".join(lines), claims_of(findings, observations))


_ONLY = re.compile(r"(?:쪽|측|에)\s*(?:만|뿐)|\bonly\b", re.IGNORECASE)
"""One side and no other ("왼쪽뿐이에요?", "오른쪽에만 있어요?"): a finding on both sides is 아니요."""


def _sided_readings(findings: Findings, observations: list[str], question: Question) -> list[str]:
    """The readings of the words a side question names that it is answered for (``main_readings``): "물 어느
    쪽이 더 많아요" is the effusion the report gives a side, not the congestion it does not; with none named
    ("어느 쪽이에요?"), the report's findings that lie on a side (not the heart's size)."""
    if not question.observations:  # the report's findings stand in for an unnamed one: those it places
        placed = [o for o in observations if o not in NOT_LATERAL]
        return placed or observations
    return main_readings(observations, lambda o: any(d.side for d in details_of(findings, o)), question.text)


_MORE_SAID = {True: ("많은지", "많다고"), False: ("심한지", "심하다고")}


def _greater_in(findings: Findings, sided: list[Detail], report: str = "") -> tuple[str, str] | None:
    """The side the report says has more of a finding, with the sentence that says so.

    A comparison written in the report ("right greater than left", "우측이 더 많음"), in the sentence of its
    mention or in any of the report's sentences about it ("양측 하엽 기관지확장증 (Lt. > Rt.), 변화 없음." when
    the mentions were merged into another sentence's), else two mentions of the two sides whose severity or
    size differ ("large right and small left effusions")."""
    for detail in sided:
        sentence = sentence_of(findings, detail)
        side = greater_side(detail.text) or greater_side(sentence)
        if side:
            return side, sentence
    text = reported_text(report)
    for start, end in sentence_spans(text) if sided else ():
        sentence = " ".join(text[start:end].split())
        side = greater_side(sentence)
        observed = side and {d.observation for d in label_report(sentence).details if d.status != "negative"}
        if side and sided[0].observation in (observed or ()):
            return side, sentence
    by_side = {d.side: d for d in sided if d.side in ("left", "right")}
    if len(by_side) == 2:  # "large right pleural effusion. small left pleural effusion."
        amount = {
            side: (d.size_mm or 0, SEVERITIES.index(d.severity) if d.severity else -1) for side, d in by_side.items()
        }
        if amount["left"] != amount["right"]:
            more = max(amount, key=amount.__getitem__)
            return more, " / ".join(dict.fromkeys(sentence_of(findings, by_side[s]) for s in ("right", "left")))
    return None


def worse_side_answer(findings: Findings, observations: list[str], question: Question, report: str) -> Reply:
    """Which side has more of each asked finding ("어느 쪽이 더 많아요?"): only what the report compares."""
    absent = _not_present(findings, observations, question, report)
    if absent:
        return absent
    targets = _attribute_targets(findings, _sided_readings(findings, observations, question))
    if not question.observations:  # "어느 쪽이 더 심해요?" after no finding named: the findings with a side
        targets = [(o, found) for o, found in targets if any(d.side for d in found)] or targets
        # those the report compares side to side answer it; a one-sided finding compares nothing
        targets = [(o, f) for o, f in targets if _greater_in(findings, [d for d in f if d.side], report)] or targets
    amount = "많" in question.text
    lines = []
    for observation, found in targets:
        sided = [d for d in found if d.side]
        quote = cite(sentence_of(findings, sided[0]) if sided else evidence(findings, observation))
        if not sided:
            lines.append(f"판독문에는 {finding_name(observation)}의 좌우 위치가 적혀 있지 않습니다.{quote}")
            continue
        sides = {d.side for d in sided}
        greater = _greater_in(findings, sided, report)
        holds: bool | None = None
        if greater and greater[0] in ("left", "right"):
            side = SIDE_KO[greater[0]]
            holds = question.direction == greater[0]
            line = f"{as_subject(observation, ('은', '는'))} {side}이 더 {_MORE_SAID[amount][1]} 적혀 있습니다." + cite(
                greater[1]
            )
        elif greater:
            line = f"{as_subject(observation, ('은', '는'))} 양쪽이 비슷하다고 적혀 있습니다.{cite(greater[1])}"
            holds = False if question.direction else None
        elif sides in ({"left"}, {"right"}):
            (only,) = sides
            holds = question.direction == only
            line = (
                f"{as_subject(observation, ('은', '는'))} {SIDE_KO[only]}에만 있다고 적혀 있어, 한쪽만 해당합니다"
                f"(비교할 반대쪽 소견이 없습니다).{quote}"
            )
        else:
            line = (
                f"판독문에는 {finding_name(observation)}{particle(korean_name(observation), '이', '가')} 양측에 있다고 "
                f"적혀 있지만, 어느 쪽이 더 {_MORE_SAID[amount][0]}는 나와 있지 않습니다"
                f"(좌우를 비교한 내용이 없습니다).{quote}"
            )
        if question.direction and holds is not None:
            line = f"{yes_no(holds, question.negated)}, {line}"
        lines.append(line)
    return Reply("\n".join(lines), claims_of(findings, observations))


def size_answer(findings: Findings, observations: list[str], question: Question, report: str) -> Reply:
    """How big each asked finding is: its size, else its amount; "큰가요?" is yes from 3 cm, no under 1 cm."""
    absent = _not_present(findings, observations, question, report)
    if absent:
        return absent
    targets, lines = _on_side_asked(findings, _attribute_targets(findings, observations), question)
    if not question.observations and any(d.size_mm for _, found in targets for d in found):
        targets = [(o, found) for o, found in targets if any(d.size_mm for d in found)]  # "몇 cm예요?"
    for observation, found in targets:
        sized = [d for d in found if d.size_mm]
        graded = [d for d in found if d.severity]
        holds: bool | None = None
        if sized:
            largest = max(sized, key=lambda d: d.size_mm)
            said, shown = f"{size_ko(largest.size_mm)} 크기입니다.", largest
            if largest.size_mm >= LARGE_MM:
                holds, said = True, said + " 3 cm 이상으로 큰 편입니다(종괴(mass)로 부르는 크기)."
            elif largest.size_mm < SMALL_MM:
                holds, said = False, said + " 1 cm보다 작은 크기입니다."
            else:
                said += " 1 cm 이상 3 cm 미만의 크기입니다."
        elif graded:
            shown = max(graded, key=lambda d: SEVERITIES.index(d.severity))
            said = f"크기는 수치로 적혀 있지 않고, {severity_ko(shown)}(으)로 적혀 있습니다."
            holds = True if shown.severity == "severe" else False if shown.severity in ("minimal", "mild") else None
        elif largest := largest_after(report, evidence(findings, observation) or ""):  # "The largest ... 3.1 cm"
            sizes = size_change(largest)
            before = f"(이전 {sizes[0]})" if sizes else ""
            said = f"가장 큰 것은 {first_size(largest)}입니다{before}."
            lines.append(f"{finding_name(observation)}: {said}{cite(largest)}")
            continue
        else:
            quote = cite(evidence(findings, observation))
            lines.append(f"판독문에는 {finding_name(observation)}의 크기가 적혀 있지 않습니다.{quote}")
            continue
        if question.direction == "small" and holds is not None:
            holds = not holds
        lead = f"{yes_no(holds, question.negated)}, " if question.direction and holds is not None else ""
        lines.append(f"{lead}{finding_name(observation)}: {said}{cite(sentence_of(findings, shown))}")
    return Reply("\n".join(lines), claims_of(findings, observations))


_SEVERITY_SAID = {
    "minimal": "아주 경미한(아주 적은) 편입니다",
    "mild": "심하지 않은 경미한(적은) 편입니다",
    "moderate": "중간 정도(중등도)입니다",
    "severe": "심한(많은) 편입니다",
}

_GRAVITY_WORDS: tuple[tuple[str, str], ...] = (
    (r"non-?displaced|비전위", "어긋나지 않은(비전위)"),
    (r"(?<!non)(?<!non-)displaced|전위", "뼈가 어긋난(전위된)"),
    (r"\bmultiple\b|\bseveral\b|\d+(?:st|nd|rd|th)?\s*(?:-|through|to|~)\s*\d+|다발성|여러", "여러 개"),
    (r"\bacute\b|급성", "급성"),
    (r"\btension\b|긴장성", "긴장성"),
)
"""Words that tell how bad an ungraded finding is ("acute displaced fractures of the 5th-7th ribs")."""


def _gravity(sentence: str) -> str:
    return ", ".join(dict.fromkeys(k for pattern, k in _GRAVITY_WORDS if re.search(pattern, sentence, re.IGNORECASE)))


def severity_answer(findings: Findings, observations: list[str], question: Question, report: str) -> Reply:
    """How bad each asked finding is; "심한가요?" is yes for severe, no for minimal or mild, neither for moderate.

    Every finding asked about (or, unnamed, every finding the report holds) is weighed: the answer is 아니요
    only when all of them are graded minimal or mild, 네 when one is severe, and states the facts otherwise."""
    absent = _not_present(findings, observations, question, report)
    if absent:
        return absent
    targets, lines = _on_side_asked(findings, _attribute_targets(findings, observations), question)
    verdicts: list[bool | None] = []
    for observation, found in targets:
        graded = [d for d in found if d.severity]
        ctr = ctr_line(report) if observation == "Cardiomegaly" else ""  # "심장 크기는 어느 정도예요?": the CTR
        if not graded and ctr:
            lines.append(f"{finding_name(observation)}: {ctr}")
            verdicts.append(None)
            continue
        if not graded:
            sentence = sentence_of(findings, found[0]) if found else evidence(findings, observation)
            words = _gravity(sentence or "")
            said = (
                f"판독문에 {words}(으)로 적혀 있고, 정도(경미한지, 심한지)는 따로 적혀 있지 않습니다"
                if words
                else ("판독문에는 정도(경미한지, 심한지)가 적혀 있지 않습니다")
            )
            lines.append(f"{finding_name(observation)}: {said}.{cite(sentence)}")
            verdicts.append(None)
            continue
        worst = max(graded, key=lambda d: SEVERITIES.index(d.severity))
        holds = {"minimal": False, "mild": False, "moderate": None, "severe": True}[worst.severity]
        verdicts.append(holds)
        per_side = _per_side(graded)
        if per_side:  # "moderate on the right and small on the left": each side its own amount
            lines.append(
                f"{as_subject(observation, ('은', '는'))} {per_side}{particle(per_side, '으로', '로')} 적혀 있습니다."
                f"{cite(sentence_of(findings, worst))}" + (f" {ctr}" if ctr else "")
            )
            continue
        side = f"{SIDE_KO[question.scope]} " if question.scope in ("left", "right") else ""  # "오른쪽 흉수 얼마나?"
        lines.append(
            f"{side}{as_subject(observation, ('은', '는'))} {_SEVERITY_SAID[worst.severity]}"
            f"(판독문: {severity_ko(worst)}).{cite(graded_sentence(report, worst, sentence_of(findings, worst)))}"
            + (f" {ctr}" if ctr else "")
        )
    holds = True if True in verdicts else False if verdicts and all(v is False for v in verdicts) else None
    if question.direction == "mild" and holds is not None:
        holds = not holds
    lead = f"{yes_no(holds, question.negated)}, " if holds is not None and question.direction else ""
    tail = " 얼마나 심각한지는 증상과 함께 담당 의료진이 판단합니다." if len(lines) > 1 and holds is None else ""
    return Reply(lead + "\n".join(lines) + tail, claims_of(findings, observations))
