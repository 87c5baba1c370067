"""Change against the prior study ("좋아졌나요?", "새로 생긴 건가요?")."""

from __future__ import annotations

import re

from korad.chat.acuity import FRESH_WORDS, chronic
from korad.chat.answers.comparison import no_prior, whole_study_unchanged
from korad.chat.answers.facts import claims_of, details_of, evidence, place_ko, positive, sentence_of, status
from korad.chat.answers.presence import INACTIVE, presence_answer
from korad.chat.answers.wording import Reply, as_subject, cite, finding_name, yes_no
from korad.chat.questions import DEVICES, Question, one_side_asked
from korad.details import Detail, change_ko
from korad.findings import Findings, label
from korad.glossary import find_terms


def _change_words(detail: Detail) -> str:
    """The change in Korean (a device that is gone was removed, not healed)."""
    return change_ko(detail) or ""


_CHANGE_HOLDS = {
    "worse": {"new", "worse"},
    "new": {"new"},
    "better": {"better", "resolved"},
    "resolved": {"resolved"},
    "stable": {"stable"},
    "old": {"stable", "worse", "better"},
    "any": {"new", "worse", "better", "resolved"},
}


def _main_reading(findings: Findings, changes: list[Detail], observations: list[str], text: str) -> list[Detail]:
    """The changes of the finding a question asks about: an everyday word read as several findings ("물 찬 거":
    an effusion, else edema) is answered for its main reading that has a change; findings the question names
    in the report's words ("흉수와 부종") all stay."""
    if len(set(observations)) < 2:
        return changes
    main = next((o for o in observations if any(d in changes for d in details_of(findings, o))), None)
    if main is None:
        return changes
    named = set(label(text)) | {t.observation for t in find_terms(text)}
    kept = {main} | {o for o in observations if o in named}
    return [d for d in changes if any(d in details_of(findings, o) for o in kept)]


def change_answer(findings: Findings, observations: list[str], question: Question, report: str) -> Reply:
    """Better or worse than the prior study, from each finding's change (or the report's "no change")."""
    present = positive(findings, ("positive", "uncertain")) + [
        d.observation for d in findings.details if d.change == "resolved"
    ]
    targets = observations or [o for o in present if o not in DEVICES]  # "좋아졌나요?" is about the findings
    changes = [d for o in dict.fromkeys(targets) for d in details_of(findings, o) if d.change]
    side = one_side_asked(question.text)
    if side and any(d.side == side for d in changes):  # "왼쪽 물은 원래 있던 거예요?": that side's finding
        changes = [d for d in changes if d.side == side]
    wanted = _CHANGE_HOLDS[question.direction or "any"]
    changes = _main_reading(findings, changes, observations, question.text)
    changes.sort(key=lambda d: d.change not in wanted)  # what the question asks about first
    claims = claims_of(findings, list(dict.fromkeys(targets)))
    if changes:
        holds = any(d.change in wanted for d in changes)
        if question.direction == "stable":
            holds = all(d.change == "stable" for d in changes)
        lines = [
            f"{finding_name(d.observation)}: {_change_words(d)}{f' ({where})' if (where := place_ko(d)) else ''}."
            f"{cite(sentence_of(findings, d))}"
            for d in changes[:4]
        ]
        said = {d.change for d in changes if d.observation not in DEVICES}
        if question.direction in ("better", "worse") and said & {"better", "resolved"} and said & {"new", "worse"}:
            # "좋아지고 있나요?" when one finding improved and another got worse: neither yes nor no
            return Reply("일부 소견은 좋아졌고 일부 소견은 나빠졌습니다.\n" + "\n".join(lines), claims)
        return Reply(f"{yes_no(holds, question.negated)}, " + "\n".join(lines), claims)
    stable = whole_study_unchanged(report)
    if stable and (not observations or any(status(findings, o) == "positive" for o in observations)):
        holds = question.direction == "stable"
        return Reply(
            f"{yes_no(holds, question.negated)}, 판독문에는 이전 검사와 비교해 변화가 없다고 적혀 있습니다."
            + cite(stable),
            claims,
        )
    if observations and all(status(findings, o) in (None, "negative") for o in observations):
        presence = Question(question.text, "presence", tuple(observations), question.negated)
        return presence_answer(findings, presence, report)
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
        "판독문에는 이전 검사와 비교한 변화가 적혀 있지 않아, 이 판독문으로는 확인할 수 없습니다." + old, claims
    )
