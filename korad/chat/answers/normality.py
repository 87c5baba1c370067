"""Whether the study, the lungs or a body part is normal ("정상인가요?", "흉막에 이상이 있나요?")."""

from __future__ import annotations

import re

from korad.chat.acuity import leaves_normal, no_acute_statement, not_acute, workup_advised
from korad.chat.answers.bones import FRACTURES
from korad.chat.answers.facts import PARENTS, claims_of, evidence, positive, status
from korad.chat.answers.normal import (
    WITHIN_NORMAL,
    abnormal_findings,
    benign_findings,
    chronic_findings,
    chronic_note,
    finding_names,
    is_normal,
    misplaced_devices,
    misplaced_said,
    old_words,
    possible_said,
)
from korad.chat.answers.report_words import MILD_WORDS, SPINE_WORD, report_words_found
from korad.chat.answers.sides import lungs_clear_sentence, side_view_answer
from korad.chat.answers.urgency import acute_answer
from korad.chat.answers.wording import Reply, cite, finding_name, particle, yes_no
from korad.chat.questions import DEVICES, Question
from korad.findings import Findings

ORGANS: tuple[tuple[str, str, frozenset[str]], ...] = (
    (r"흉막|늑막", "흉막", frozenset({"Pleural Effusion", "Pleural Other", "Pneumothorax"})),
    (r"뼈|척추|허리|갈비|늑골|쇄골", "뼈", FRACTURES | {"Scoliosis"}),
    (r"대동맥|혈관", "대동맥", frozenset({"Aortic Atherosclerosis", "Aortic Tortuosity"})),
    (r"횡격막", "횡격막", frozenset({"Hiatal Hernia"})),
)
"""A body part named in a normality question ("흉막에 이상이 있나요?") -> its Korean name and the findings
there: what it asks about, old or new."""


def organ_answer(findings: Findings, question: Question, organ: str, kinds: frozenset[str], report: str) -> Reply:
    """ "흉막에 이상이 있나요?" / "뼈는 괜찮나요?": the findings of that part only, old ones said as old; a part
    the report says nothing of is said to be not written."""
    present = [o for o in positive(findings, ("positive", "uncertain")) if o in kinds or PARENTS.get(o) in kinds]
    denied = [o for o, said in findings.labels.items() if said == "negative" and o in kinds]
    benign = [o for o in present if leaves_normal(findings, o, report)]
    shown = [o for o in present if o not in benign]
    claims = claims_of(findings, present + denied)
    spine = [s for w, s in report_words_found(report) if w.korean == SPINE_WORD.korean] if organ == "뼈" else []
    if spine and not shown:  # degenerative change of the spine: mild leaves the bones normal (docs/chat.md)
        mild = bool(MILD_WORDS.search(spine[0]))
        lead = yes_no(not mild if question.direction == "abnormal" else mild, question.negated)
        verdict = " 나이에 따른 흔한 변화로 정상으로 보는 범위입니다." if mild else ""
        return Reply(
            f"{lead}, 판독문에는 뼈의 이상으로 {SPINE_WORD.korean}만 적혀 있습니다."
            f"{cite(spine[0])} {SPINE_WORD.explanation}{verdict}",
            claims,
        )
    if not present and not denied:
        return Reply(f"판독문에는 {organ}에 대한 내용이 적혀 있지 않아, 이 판독문으로는 확인할 수 없습니다.", claims)
    holds = bool(shown)  # something is there: "이상이 있다" holds
    lead = yes_no(holds if question.direction == "abnormal" else not holds, question.negated)
    if not shown:
        names = ", ".join(finding_name(o) for o in denied)
        text = f"{lead}, 판독문에 {organ}의 이상은 적혀 있지 않습니다."
        if denied:
            quote = cite(evidence(findings, denied[0]))
            text += f" {names}{particle(names, '은', '는')} 없다고 적혀 있습니다.{quote}"
        if benign:
            names = finding_names(findings, benign)
            text += f" {names}{particle(names, '은', '는')} 정상으로 보는 범위의 소견입니다."
        return Reply(text, claims)
    uncertain = [o for o in shown if status(findings, o) == "uncertain"]
    names = finding_names(findings, [o for o in shown if o not in uncertain])
    parts = [f"판독문에 {names} 소견이 있습니다.{cite(evidence(findings, shown[0]))}"] if names else []
    if uncertain:
        parts.append(possible_said(uncertain))
    if all(not_acute(findings, o) for o in shown):
        parts.append("모두 오래되었거나 만성적인 소견으로, 새로 생긴 문제는 아닙니다.")
    lead = lead if names else "확실하지 않습니다"
    return Reply(f"{lead}, " + " ".join(parts) + " 자세한 의미는 담당 의료진과 상의하세요.", claims)


_NO_ACUTE_WRITTEN = "급성(새로 생긴) 이상은 적혀 있지 않습니다."


def _only_old_answer(
    findings: Findings, question: Question, chronic_found: list[str], nothing_acute: str | None
) -> str:
    """A study that is not normal only for old or chronic findings: both said, as asked (docs/chat.md)."""
    names = finding_names(findings, chronic_found, old=False)
    old = old_words(chronic_found)
    said = f"(“{' '.join(nothing_acute.split())}”)" if nothing_acute else ""
    if question.direction == "abnormal":
        acute = f"급성(새로 생긴) 이상은 없다고 적혀 있습니다{said}." if said else _NO_ACUTE_WRITTEN
        return (
            f"{yes_no(True, question.negated)}, 다만 급성 이상은 아닙니다: {old} 소견으로 {names}"
            f"{particle(names, '이', '가')} 적혀 있습니다. {acute}"
        )
    acute = f"급성(새로 생긴) 이상은 없다고 적혀 있고{said}" if said else "급성(새로 생긴) 이상은 적혀 있지 않고"
    return f"{yes_no(False, question.negated)}, 완전히 정상은 아닙니다. {acute}, {old} {names} 소견이 있습니다."


def _normal_words(question: Question, scope: str | None) -> str:
    """A normal study said with the words a patient looks for: 정상 and 급성 이상 없음 (docs/chat.md)."""
    if scope == "lungs":
        return "폐는 정상 소견입니다. 폐에 급성 이상이나 특별한 이상 소견은 없습니다."
    if question.direction == "abnormal":  # "이상이 있나요?" → "아니요, ... 이상 소견은 없습니다"
        return "판독문상 특별한 이상 소견은 없습니다. 정상 소견이며, 급성 이상 소견도 없습니다."
    return "판독문상 정상 소견입니다. 급성 이상이나 특별한 이상 소견은 없습니다."


def normality_answer(findings: Findings, question: Question, report: str = "") -> Reply:
    """Whether the report (or the lungs) is normal, answered as asked ("정상인가요?" / "이상이 있나요?").

    Findings that leave a study normal (calcified granuloma, minimal apical pleural thickening ...) are named
    after a normal answer; old and chronic ones (old healed fracture, atherosclerosis, emphysema ...) make the
    study not normal, and the answer says both: nothing acute, and the old finding (docs/chat.md)."""
    scope = question.scope
    if scope == "acute":
        return acute_answer(findings, question, report)
    if scope in ("left", "right"):  # "왼쪽은 괜찮아요?": that side only
        return side_view_answer(findings, question, report)
    organ = next(((name, kinds) for pattern, name, kinds in ORGANS if re.search(pattern, question.text)), None)
    if organ:  # "흉막에 이상이 있나요?" asks whether anything is there, old or new, in that part
        return organ_answer(findings, question, *organ, report)
    nothing_acute = no_acute_statement(report)
    if scope == "lungs":  # "폐는 괜찮아요?": the report's "Lungs are clear" says it best
        nothing_acute = lungs_clear_sentence(report) or nothing_acute
    chronic_found = chronic_findings(findings, scope, report)
    benign = benign_findings(findings, scope, report)
    normal = is_normal(findings, scope, report)
    lead = yes_no(normal if question.direction == "normal" else not normal, question.negated)
    found = abnormal_findings(findings, ("positive",), scope, report)
    uncertain = abnormal_findings(findings, ("uncertain",), scope, report)
    misplaced = misplaced_devices(findings, scope)
    workup = [] if scope == "lungs" else workup_advised(findings)
    claims = claims_of(findings, found + uncertain + chronic_found)
    if normal:
        devices = positive(findings) if scope is None else []
        extra = " 다만 삽입된 관이나 의료기구가 보입니다." if any(o in DEVICES for o in devices) else ""
        if "No Finding" in findings.labels and scope is None:
            claims["No Finding"] = findings.labels["No Finding"]
        claims.update(claims_of(findings, benign))
        if benign or nothing_acute:
            names = finding_names(findings, benign)
            note = f" 다만 {names}{particle(names, '이', '가')} 적혀 있으며, {WITHIN_NORMAL}" if benign else ""
            return Reply(f"{lead}, {_normal_words(question, scope)}{cite(nothing_acute)}{note}{extra}", claims)
        return Reply(f"{lead}, {_normal_words(question, scope)}{extra}", claims)
    if chronic_found and not found and not uncertain and not misplaced:
        text = _only_old_answer(findings, question, chronic_found, nothing_acute)
        if benign:  # "a calcified granuloma" beside an old fracture: named, as within normal
            names = finding_names(findings, benign)
            text += f" 그 밖의 {names}{particle(names, '은', '는')} 정상으로 보는 범위의 소견입니다."
        claims.update(claims_of(findings, benign))
        if workup:
            text += f" 판독문은 추가 검사를 권고합니다.{cite(workup[0])}"
        return Reply(text + " 자세한 의미는 담당 의료진과 상의하세요.", claims)
    # A work-up advised: not normal ("정상인가요?" 아니요), but what it will find is not known ("이상이 있나요?").
    settled_lead = found or misplaced or chronic_found or (workup and question.direction == "normal")
    if not found and not misplaced and not uncertain and workup:  # nothing named but a work-up is advised
        lead = lead if settled_lead else "확실하지 않습니다"
        return Reply(
            f"{lead}, 판독문에 뚜렷한 이상 소견은 적혀 있지 않지만 추가 검사를 권고합니다.{cite(workup[0])}"
            " 자세한 의미는 담당 의료진과 상의하세요.",
            claims,
        )
    if not settled_lead:
        lead = "확실하지 않습니다. 뚜렷한 이상 소견은 없지만"  # only possibilities: neither yes nor no
    parts = []
    if found:
        parts.append(f"판독문에 {', '.join(finding_name(o) for o in found)} 소견이 있습니다.")
    if uncertain:
        parts.append(possible_said(uncertain))
    if misplaced:
        parts.append(misplaced_said(misplaced))
    if nothing_acute:
        parts.append(f"판독문은 급성 이상은 없다고 적었습니다.{cite(nothing_acute)}")
    if workup:
        parts.append(f"판독문은 추가 검사를 권고합니다.{cite(workup[0])}")
    return Reply(
        f"{lead}, "
        + " ".join(parts)
        + chronic_note(findings, chronic_found)
        + " 자세한 의미는 담당 의료진과 상의하세요.",
        claims,
    )
