"""Change against the prior study ("좋아졌나요?", "새로 생긴 건가요?")."""

from __future__ import annotations

import re
from dataclasses import replace

from korad.chat.acuity import AGE_UNKNOWN, FRESH_WORDS, chronic, no_acute_statement
from korad.chat.answers.appearance import appearance_changes, residual_note, something_left
from korad.chat.answers.comparison import no_prior, whole_study_unchanged
from korad.chat.answers.facts import PARENTS, claims_of, details_of, evidence, place_ko, positive, sentence_of, status
from korad.chat.answers.latest import earlier_line, latest_first
from korad.chat.answers.measures import size_change
from korad.chat.answers.nothing_new import kept_sentence, nothing_new_sentence
from korad.chat.answers.presence import INACTIVE, presence_answer
from korad.chat.answers.priors import change_against, prior_asked
from korad.chat.answers.quotes import changed_sentence
from korad.chat.answers.readings import main_readings
from korad.chat.answers.wording import Reply, as_subject, cite, detail_name, finding_name, yes_no
from korad.chat.questions import DEVICES, Question, one_side_asked
from korad.details import SIDE_KO, Detail, change_ko, changes_in
from korad.findings import Findings, label


def _change_words(detail: Detail) -> str:
    """The change in Korean (a device that is gone was removed, not healed)."""
    return change_ko(detail) or ""


CHANGE_HOLDS = {
    "worse": {"new", "worse"},
    "new": {"new"},
    "better": {"better", "resolved"},
    "resolved": {"resolved"},
    "stable": {"stable"},
    "old": {"stable", "worse", "better"},
    "any": {"new", "worse", "better", "resolved"},
}
"""A change question's direction -> the changes of a finding that answer it 네."""


def _main_reading(findings: Findings, changes: list[Detail], observations: list[str], text: str) -> list[Detail]:
    """The changes of the finding a question asks about: an everyday word read as several findings ("물 찬 거":
    an effusion, else edema) is answered for its main reading that has a change; findings the question names
    in the report's words ("흉수와 부종") all stay."""
    if len(set(observations)) < 2:
        return changes
    kept = main_readings(observations, lambda o: any(d in changes for d in details_of(findings, o)), text)
    return [d for d in changes if any(d in details_of(findings, o) for o in kept)]


def change_answer(findings: Findings, observations: list[str], question: Question, report: str) -> Reply:
    """Better or worse than the prior study, from each finding's change (or the report's "no change")."""
    # (a detail with a change counts even under a label that says otherwise: "vascular congestion, worse,
    # without overt edema" is Edema negative, but the congestion worsened)
    present = positive(findings, ("positive", "uncertain")) + [
        d.observation for d in findings.details if d.change == "resolved" or (d.change and d.status != "negative")
    ]
    targets = observations or [o for o in present if o not in DEVICES]  # "좋아졌나요?" is about the findings
    changes = [d for o in dict.fromkeys(targets) for d in details_of(findings, o) if d.change]
    side = one_side_asked(question.text)
    if side and any(d.side == side for d in changes):  # "왼쪽 물은 원래 있던 거예요?": that side's finding
        changes = [d for d in changes if d.side == side]
    wanted = CHANGE_HOLDS[question.direction or "any"]
    changes = _main_reading(findings, changes, observations, question.text)
    earlier: list[Detail] = []
    if question.direction not in ("new", "old"):  # new since the prior study stays new however it went on
        changes, earlier = latest_first(report, changes)  # an addendum's change holds over the body's
    prior = prior_asked(question.text)
    against = {id(d): read for d in changes if prior and (read := change_against(sentence_of(findings, d), prior))}
    others: list[Detail] = []
    if against:  # "이틀 전보다는 좋아졌어요?": the changes the report gives against that study
        others = [d for d in changes if id(d) not in against][:2]
        other_change = {d.observation: against[id(d)][1] for d in changes if id(d) in against}
        changes = [replace(d, change=against[id(d)][0]) for d in changes if id(d) in against]
    changes.sort(key=lambda d: d.change not in wanted)  # what the question asks about first
    claims = claims_of(findings, list(dict.fromkeys(targets)))
    seen_as = None
    if not changes and observations:  # "폐렴 좋아졌어요?" told as "GGO, 이전 대비 호전됨": the opacity's course
        changes, seen_as = appearance_changes(findings, list(dict.fromkeys(targets)))
    nothing_new = nothing_new_sentence(report) if question.direction == "new" and not observations else None
    if nothing_new:
        nothing_new = f"판독문에 새로 생긴 소견은 없다고 적혀 있습니다.{cite(nothing_new)}"
    if changes:
        holds = any(d.change in wanted for d in changes)
        if question.direction == "stable":
            holds = all(d.change == "stable" for d in changes)
        if question.direction == "resolved" and not observations:  # "다 나았어요?": every finding gone, not one
            holds = all(d.change == "resolved" for d in changes if d.observation not in DEVICES)
        if not holds:  # "아니요" first shows what keeps it from holding
            changes.sort(key=lambda d: d.change in wanted)
        if nothing_new and not holds:  # "새로 생긴 거 있어?": the report's "새로운 병변 없음" first
            return Reply(f"{yes_no(False, question.negated)}, {nothing_new}", claims)
        if question.direction == "new" and not holds:  # "어떤 게 새로 생겼어요?" on findings that only grew
            changes_said = "판독문에 새로 생겼다고 적힌 소견은 없습니다. 적힌 변화는 다음과 같습니다.\n"
        else:
            changes_said = ""
        sides_differ = _sides_differ(findings, changes, wanted) if holds and BOTH_ASKED.search(question.text) else ""
        if sides_differ:  # "흉수 양쪽 다 줄었어요?" on "Rt.는 감소, Lt.는 이전과 비슷함": one side only
            holds, changes_said = False, sides_differ
        shown = [(d, said) for d in changes[:4] if (said := changed_sentence(report, d, sentence_of(findings, d)))]
        lines = [
            f"{detail_name(d)}: {_change_said(findings, d)}"
            f"{f' ({where})' if (where := place_ko(d)) else ''}{_from_to(said)}.{cite(said)}"
            for d, said in shown
        ]
        if against and prior:
            changes_said += f"판독문이 {prior.korean}와 비교한 변화입니다.\n"
            told = zip(lines, shown, strict=True)
            lines = [_against_named(line, prior.korean, d, other_change) for line, (d, _) in told]
            lines += [f"그 밖에 적힌 변화 - {_line(findings, d)}" for d in others]
        lines += [
            earlier_line(f"{detail_name(d)}: {_change_words(d)}.{cite(sentence_of(findings, d))}")
            for d in earlier
        ]
        if seen_as:
            lines.append(f"(판독문은 {finding_name(seen_as)}의 경과를 그 소견이 보이는 음영의 변화로 적었습니다.)")
        said = {d.change for d in changes if d.observation not in DEVICES}
        if said & {"better", "resolved"} and question.direction in ("better", "resolved", "any"):  # better is not gone
            left = residual_note(report, {d.observation for d in changes}, {sentence_of(findings, d) for d in changes})
            lines += [left] if left else []
            remains = bool(left) or any(something_left(sentence_of(findings, d)) for d in changes)
            holds = holds and not (remains and question.direction == "resolved")  # "다 나았어요?": some is left
        calm = no_acute_statement(report) if question.direction == "worse" and not holds and not observations else None
        if calm:  # "급성 악화야?" on a stable chronic finding: the report's own "급성 악화 소견 없음"
            lines.append(f"판독문에 급성으로 나빠진 소견은 없다고 적혀 있습니다.{cite(calm)}")
        if question.direction in ("better", "worse") and said & {"better", "resolved"} and said & {"new", "worse"}:
            # "좋아지고 있나요?" when one finding improved and another got worse: neither yes nor no
            return Reply("일부 소견은 좋아졌고 일부 소견은 나빠졌습니다.\n" + "\n".join(lines), claims)
        return Reply(f"{yes_no(holds, question.negated)}, " + changes_said + "\n".join(lines), claims)
    if nothing_new and not changes:  # "새로 생긴 거 있어?" on "No new lesion."
        return Reply(f"{yes_no(False, question.negated)}, {nothing_new}", claims)
    kept = kept_sentence(report) if question.direction == "new" and not observations and not no_prior(report) else None
    if kept:  # "새로 생긴 거예요?" on "Stable elevation of the right hemidiaphragm.": nothing written as new
        said = f"판독문에 새로 생겼다고 적힌 소견은 없고, 이전부터 있던(변화 없는) 소견으로 적혀 있습니다.{cite(kept)}"
        return Reply(f"{yes_no(False, question.negated)}, {said}", claims)
    stable = whole_study_unchanged(report)
    if stable and (not observations or any(status(findings, o) == "positive" for o in observations)):
        holds = question.direction == "stable"
        return Reply(
            f"{yes_no(holds, question.negated)}, 판독문에는 이전 검사와 비교해 변화가 없다고 적혀 있습니다."
            + cite(stable),
            claims,
        )
    if observations and all(status(findings, o) in (None, "negative") for o in observations):
        gone = question.direction == "resolved"  # "결절 없어졌어요?" asks about its absence: 네 when none is seen
        presence = Question(question.text, "presence", tuple(observations), question.negated != gone)
        return presence_answer(findings, presence, report)
    undated = _age_unknown(findings, observations) if question.direction in ("new", "old") else None
    if undated:  # "최근에 생긴 골절이에요?" on "compression deformity of indeterminate age": not known
        asked, sentence = undated
        return Reply(
            f"확실하지 않습니다. 판독문에는 {as_subject(asked)} 언제 생겼는지(시기)는 알 수 없다고 적혀 있습니다."
            + cite(sentence),
            claims,
        )
    healed = [o for o in observations if (o in INACTIVE or chronic(findings, o)) and status(findings, o) == "positive"]
    again = re.search(r"다시|재발|또|새로|최근|이번에|방금|요즘|얼마\s*전", question.text)  # "이번에 부러진 거예요?"
    if healed and question.direction in ("worse", "new") and again:  # "결핵이 다시 생겼나요?" on healed tuberculosis
        quote = cite(evidence(findings, healed[0]))
        return Reply(
            f"{yes_no(False, question.negated)}, 판독문에는 {as_subject(healed[0])} "
            "예전 병의 흔적(오래된 소견)으로 적혀 있고, "
            f"새로 생기거나 나빠졌다는 내용은 없습니다.{quote}",
            claims,
        )
    acute = [
        o for o in observations if status(findings, o) == "positive" and FRESH_WORDS.search(evidence(findings, o) or "")
    ]
    if acute and question.direction == "new" and not healed:  # "이번에 부러진 거예요?" on "acute rib fracture"
        return Reply(
            f"{yes_no(True, question.negated)}, 판독문에 {as_subject(acute[0])} 급성(새로 생긴) 소견으로 적혀 "
            f"있습니다.{cite(evidence(findings, acute[0]))}",
            claims,
        )
    if no_prior(report):
        return Reply(
            "판독문에는 비교할 이전 검사가 없다고 적혀 있어, 이전과 비교한 변화는 적혀 있지 않습니다(이 판독문으로는 "
            "확인할 수 없습니다)." + cite(no_prior(report)),
            claims,
        )
    old = (
        f" 판독문에 {as_subject(healed[0])} 오래된 소견으로 적혀 있습니다.{cite(evidence(findings, healed[0]))}"
        if healed
        else ""
    )  # "흉막반 나빠졌어요?" on calcified plaques with no comparison: no change written, an old finding
    return Reply(
        "판독문에는 이전 검사와 비교한 변화가 적혀 있지 않아, 이 판독문으로는 확인할 수 없습니다."
        + (old or _said_about(findings, observations)),
        claims,
    )


BOTH_ASKED = re.compile(r"(?:양쪽|양측|좌우|둘)\s*(?:다|모두)|both\b", re.IGNORECASE)
"""A question about both sides at once ("흉수 양쪽 다 줄었어요?", "양측 모두 좋아졌나요?")."""


def _sides_differ(findings: Findings, changes: list[Detail], wanted: set[str]) -> str:
    """Why a change asked of both sides holds for one only: its sentence gives each side its own change
    ("Rt.는 감소, Lt.는 이전과 비슷함"), or the finding is on one side; "" when it holds for both."""
    for detail in changes:
        if detail.change not in wanted:
            continue
        if set(changes_in(sentence_of(findings, detail).lower())) - wanted - {"increase"}:
            return "판독문에는 양쪽의 변화가 서로 다르게 적혀 있어, 한쪽만 해당합니다.\n"
        if detail.side in ("left", "right"):
            return f"판독문에는 {SIDE_KO[detail.side]}에 대해서만 적혀 있습니다.\n"
    return ""


def _against_named(line: str, prior: str, detail: Detail, other_change: dict[str, str]) -> str:
    """A change line told against the earlier study named ("폐경화: 입원 당시 검사보다 악화"), not "이전", with the
    change its sentence gives against the other study ("(다른 검사와 비교하면 호전)")."""
    head, _, rest = line.partition(" 판독문:")
    head = head.replace(": 이전보다 ", f": {prior}보다 ", 1).replace(": 이전과 ", f": {prior}와 ", 1)
    other = other_change.get(detail.observation)
    said = _change_words(replace(detail, change=other)).removeprefix("이전보다 ") if other else ""
    return head + (" 판독문:" + rest if rest else "") + (f" (다른 검사와 비교하면 {said})" if said else "")


def _line(findings: Findings, detail: Detail) -> str:
    return f"{finding_name(detail.observation)}: {_change_words(detail)}.{cite(sentence_of(findings, detail))}"


def _age_unknown(findings: Findings, observations: list[str]) -> tuple[str, str] | None:
    """(finding, sentence) when the report says it cannot tell how old a finding asked is (``AGE_UNKNOWN``)."""
    for observation in observations:
        for detail in details_of(findings, observation):
            sentence = sentence_of(findings, detail)
            if detail.status != "negative" and AGE_UNKNOWN.search(sentence or ""):
                return observation, sentence
    return None


def _change_said(findings: Findings, detail: Detail) -> str:
    """The change in Korean; "resolved" said as nearly gone when its sentence says some is left ("nearly resolved
    with minimal residual opacity")."""
    if detail.change == "resolved" and something_left(sentence_of(findings, detail)):
        return "이전보다 호전되어 거의 사라짐(조금 남아 있음)"
    return _change_words(detail)


def _from_to(sentence: str) -> str:
    """", 이전 4.2 cm → 현재 3.1 cm" when the sentence gives a size with its earlier one ("" otherwise)."""
    sizes = size_change(sentence)
    return f", 이전 {sizes[0]} → 현재 {sizes[1]}" if sizes else ""


def _said_about(findings: Findings, observations: list[str]) -> str:
    """What the report does write of the findings asked, quoted ("결절 없어진거에요?" on "nodule seen on the prior
    CT is not clearly seen on this film; X-ray evaluation limited, CT f/u"): no change, but its own words."""
    asked = next((o for o in observations if details_of(findings, o)), None)
    if asked is None:
        return ""
    kinds = {asked} | {d.observation for d in details_of(findings, asked)} | {PARENTS.get(asked, asked)}
    advice = [a for a in findings.recommendations if kinds & set(label(a))]  # "이 결절은 ... CT 추적 권함."
    sentences = list(dict.fromkeys([*(sentence_of(findings, d) for d in details_of(findings, asked)), *advice]))[:3]
    quoted = " ".join(f"“{' '.join(s.split())}”" for s in sentences)
    return f" 판독문이 {finding_name(asked)}에 대해 적은 내용: {quoted}"
