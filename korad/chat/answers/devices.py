"""Tubes, lines and devices: where they are, whether they are in place, whether they were taken out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from korad.chat.answers.facts import claims_of, sentence_of
from korad.chat.answers.wording import Reply, as_subject, cite, finding_name, particle, yes_no
from korad.chat.questions import DEVICES, Question, one_side_asked
from korad.details import POSITION_KO, SIDE_KO, Detail, line_kinds, line_kinds_of, removed
from korad.devices import Placement, kind_of_site, name_ko, placements
from korad.findings import Findings, Label
from korad.glossary import korean_name
from korad.numbers import number_of, number_words
from korad.sections import reported_text
from korad.text import sentence_spans

KEPT_DEVICES = frozenset({"Sternotomy Wires", "Surgical Clips", "Pacemaker", "Loop Recorder", "Stent"})
"""Hardware left in for good: not among the tubes and lines a "관 뺐어요?" asks about."""
_ALL_REMOVED = re.compile(
    r"(?<![가-힣])(?:다|모두|전부|싹|모든|전부\s*다)\s*(?:[가-힣]+\s+)?(?:뺐|빼|뺀|뽑|제거|발거|없)"
)
"""A question whether every device was taken out ("관 다 뺐어요?", "튜브 모두 제거됐나요?")."""


def _drain_subject(drain: Drain) -> str:
    """A drain as a subject ("종격동 배액관(mediastinal drain)이")."""
    return f"{drain.name}{particle(drain.name.split('(')[0], '이', '가')}"


def _sided_subject(detail: Detail) -> str:
    """The device as a subject, with its side when it has one ("좌측 흉관(chest tube)이")."""
    side = SIDE_KO.get(detail.side or "") if detail.observation in _SIDED_DEVICES else None
    return f"{side} {as_subject(detail.observation)}" if side else as_subject(detail.observation)


_NAMED_KIND = re.compile(r"introducer|인트로듀서|cordis|코디스|sheath", re.IGNORECASE)
"""A device's own kind a question may name within its type ("introducer는 아직 있어?": not the CVC beside it)."""
_KIND_BY_PLACE = (
    (re.compile(r"(?<![가-힣])목|neck", re.IGNORECASE), "internal jugular"),  # "왼쪽 목에 있던 관"
    (re.compile(r"(?<![가-힣])팔|\barm\b", re.IGNORECASE), "picc"),
    (re.compile(r"쇄골\s*(?:밑|아래|안쪽)|collar\s*bone|clavicle", re.IGNORECASE), "subclavian"),  # "쇄골 밑에 넣은 관"
    (re.compile(r"사타구니|허벅지|서혜부|groin|thigh", re.IGNORECASE), "femoral"),
)
"""Where a patient says a line went in -> its kind (``korad.details.line_kinds``)."""


def _kind_asked(devices: list[Detail], text: str) -> list[Detail]:
    """The devices of the kind a question names, when it names one the report has ("IJ", "PICC", "목에 있던",
    "introducer"); else all of them."""
    kinds = line_kinds(text) | {kind for pattern, kind in _KIND_BY_PLACE if pattern.search(text)}
    named = _NAMED_KIND.search(text)
    chosen = [
        d
        for d in devices
        if (kinds and line_kinds_of(d) & kinds) or (named and _NAMED_KIND.search(d.text or ""))
    ]
    return chosen or devices


def removal_answer(findings: Findings, observations: list[str], question: Question, report: str = "") -> Reply:
    """Whether the devices asked about were taken out ("관을 뺐나요?"), from the removed devices' details; asked the
    other way round ("아직 있어요?", ``Question.direction`` "still"), whether they are still in."""
    named = [o for o in observations if o in DEVICES and o != "Support Devices"]
    devices = [d for d in findings.details if d.observation in DEVICES]
    if named:
        devices = [d for d in devices if d.observation in named]
    side = one_side_asked(question.text)
    if side and any(d.side == side for d in devices):  # "왼쪽 흉관 뺐어요?": that one
        devices = [d for d in devices if d.side == side]
    devices = _kind_asked(devices, question.text)
    taken_out = [d for d in devices if removed(d)]
    gone = {(d.observation, d.sentence) for d in taken_out}  # "기관내관 발관 상태": the tube named is the one out
    still = [
        d
        for d in devices
        if d.status == "positive"
        and (named or d.observation not in KEPT_DEVICES)
        and (d.observation, d.sentence) not in gone
    ]
    still = list({(d.observation, d.side): d for d in reversed(still)}.values())[::-1]  # once per device
    claims = claims_of(findings, named or ["Support Devices"])
    if still and _ALL_REMOVED.search(question.text):  # "관 다 뺐어요?" while a line remains: not all of them
        lines = [
            f"{as_subject(d.observation)} 아직 있다고 적혀 있습니다.{cite(sentence_of(findings, d))}" for d in still
        ]
        lines += [f"{as_subject(d.observation)} 제거되었습니다.{cite(sentence_of(findings, d))}" for d in taken_out]
        return Reply(f"{yes_no(False, question.negated)}, 모두 제거된 것은 아닙니다. " + "\n".join(lines), claims)
    drains = drains_in(report) if DRAINS_ASKED.search(question.text) else []  # "배액관 아직 있어?": mediastinal too
    kept = [f"{_sided_subject(d)} 아직 있다고 적혀 있습니다.{cite(sentence_of(findings, d))}" for d in still]
    kept += [f"{_drain_subject(d)} 아직 있다고 적혀 있습니다.{cite(d.sentence)}" for d in drains if not d.removed]
    out = [f"{_sided_subject(d)} 제거되었다고 적혀 있습니다.{cite(sentence_of(findings, d))}" for d in taken_out]
    out += [f"{_drain_subject(d)} 제거되었다고 적혀 있습니다.{cite(d.sentence)}" for d in drains if d.removed]
    if question.direction == "still":  # "흉관 아직 있어요?" on "이전의 흉관은 현재 보이지 않음": not there now
        unseen = [d for d in devices if d.status == "negative" and not removed(d) and d not in taken_out]
        said = "보이지 않는다고(없다고) 적혀 있습니다."
        out += [f"{_sided_subject(d)} {said}{cite(sentence_of(findings, d))}" for d in unseen]
    if question.direction == "still" and (kept or out):  # "아직 있어요?": yes when one is still in
        lines = kept + [f"다만 {line}" for line in out] if kept else out
        return Reply(f"{yes_no(bool(kept), question.negated)}, 판독문에 " + "\n".join(lines), claims)
    if out:
        lines = out + [f"다만 {line}" for line in kept]
        return Reply(f"{yes_no(True, question.negated)}, 판독문에 " + "\n".join(lines), claims)
    if kept:
        return Reply(f"{yes_no(False, question.negated)}, 판독문에는 " + "\n".join(kept), claims)
    what = finding_name(named[0]) if named else "관이나 기구"
    if question.direction == "still":  # neither there nor taken out
        return Reply(f"판독문에 {what}에 대한 언급이 없어, 이 판독문으로는 확인할 수 없습니다.", claims)
    taken = particle(korean_name(named[0]) if named else what, "을", "를")
    return Reply(f"판독문에 {what}{taken} 제거했다는 언급이 없어, 이 판독문으로는 확인할 수 없습니다.", claims)


def position_answer(findings: Findings, observations: list[str], question: Question) -> Reply:
    """Where the devices asked about are and whether they are in place, from the report's own words.

    A named device ("콧줄", "ETT", "Swan-Ganz") is answered about that device only; when the report
    does not name it, the answer says so (and which devices it does name) and never answers for
    another. Each device gets its place, what is wrong and the report's correction with its amount
    (``korad.devices``). An open question ("ETT tip 위치는?") gets no 네/아니요.
    """
    devices = placements(findings.details, findings.recommendations)
    if not question.observations and _AMOUNT_ASKED.search(question.text):  # "몇 cm 빼야 돼요?": tubes and lines
        observations = [o for o in observations if o not in KEPT_DEVICES]
        devices = [p for p in devices if p.observation not in KEPT_DEVICES and _adjustable(p)]
        if not devices:  # sternal wires, a valve: nothing to pull back or push in
            return Reply("판독문에 위치를 조정할 관이나 줄(튜브, 카테터)은 적혀 있지 않습니다.")
    named = [o for o in observations if o in DEVICES and o != "Support Devices"]
    if any(p.observation != "Support Devices" and p.position for p in devices):
        # "other lines and tubes in appropriate position" after the devices placed one by one says no more
        devices = [p for p in devices if p.observation != "Support Devices" or p.position == "malpositioned"]
    found = _narrowed([p for p in devices if p.observation in named] if named else devices, question.text)
    claims = claims_of(findings, named or ["Support Devices"])
    unnamed = [p for p in devices if p.observation == "Support Devices" and kind_of_site(p.site) in named]
    if not found and unnamed:  # "XXXX tube tip in the stomach": the tube whose tip is there
        found = unnamed
        note = f"(판독문은 관의 종류를 적지 않았지만, 끝 위치로 보아 {finding_name(named[0])}에 대한 내용입니다.)"
        answered = _placed_answer(found, question, claims, devices)
        return Reply(answered.text + "\n" + note, claims)
    if not found:
        return Reply(_device_not_named(findings, named, devices), claims)
    answered = _placed_answer(found, question, claims, devices)
    other_kind = _other_kind_note(found, question.text)
    if question.scope == "summary":  # "튜브들 상태 정리해줘": the devices taken out are part of the state
        out = [d for d in findings.details if removed(d) and (not named or d.observation in named)]
        other_kind += "".join(f"\n{_sided_name(d)}: 제거됨.{cite(sentence_of(findings, d))}" for d in out)
    if question.scope == "use":  # "콧줄로 밥 줘도 돼요?": the position decides, the team confirms
        lead = answered.text.split(",", 1)[0]
        other_kind += {"아니요": USE_NOT_YET, "네": USE_CONFIRM}.get(lead, USE_UNKNOWN)
    return Reply(answered.text + other_kind, claims) if other_kind else answered


USE_NOT_YET = (
    "\n위치가 바로잡히고 다시 확인될 때까지는 이 관으로 음식이나 약을 넣지 않아야 합니다. 담당 의료진과 상의하세요."
)
USE_CONFIRM = "\n판독문상 위치는 적절합니다. 실제 사용 여부는 담당 의료진이 확인하고 결정합니다."
USE_UNKNOWN = "\n판독문만으로는 위치가 적절한지 알 수 없으니, 사용 전에 담당 의료진이 위치를 확인해야 합니다."


def _sided_name(detail: Detail) -> str:
    """The device's name with its side when it has one ("좌측 중심정맥관(central line)")."""
    side = SIDE_KO.get(detail.side or "") if detail.observation in _SIDED_DEVICES else None
    return f"{side} {finding_name(detail.observation)}" if side else finding_name(detail.observation)


def _other_kind_note(found: list[Placement], question: str) -> str:
    """A note when the question names a kind of line ("PICC는요?") the report does not write, and the answer is
    about the line of another kind it does write (a right IJ line): said, never passed off as the one asked."""
    asked = line_kinds(question)
    if not asked or not found or any(p.kinds & asked for p in found) or not any(p.kinds for p in found):
        return ""
    if any(line_kinds(sentence) & asked for p in found for sentence in p.sentences):  # "IJ Permcath": dialysis
        return ""
    kinds = ", ".join(_LINE_KINDS_KO[k] for k in sorted(asked) if k in _LINE_KINDS_KO)
    return f"\n(판독문에는 {kinds}에 대한 언급이 없어, 판독문에 적힌 관에 대해 답했습니다.)"


def _placed_answer(
    found: list[Placement], question: Question, claims: dict[str, Label], devices: list[Placement]
) -> Reply:
    """The position answer about the devices ``found`` (``position_answer``)."""
    placed = sorted((p for p in found if p.position), key=lambda p: p.position == "appropriate")
    lines = [f"{device_name(p)}: {p.describe_ko()}{cite(p.sentences[0])}" for p in placed]
    lines += [
        f"{device_name(p)}: {p.describe_ko()}{cite(p.sentences[0])}"
        if p.site or p.route or p.unchanged or p.unseen
        else f"{finding_name(p.observation)}: {SIDE_KO[p.side]}에 있다고 적혀 있습니다.{cite(p.sentences[0])}"
        if p.observation in KEPT_DEVICES and p.side in SIDE_KO  # "클립은 어디에 있어요?": hardware has a place, no tip
        else f"판독문에 {finding_name(p.observation)}의 위치에 대한 평가는 적혀 있지 않습니다.{cite(p.sentences[0])}"
        for p in found
        if not p.position
    ]
    if _AMOUNT_ASKED.search(question.text):  # "ETT 얼마나 빼야 해요?": the amount, or that none is written
        lines += [_amount_note(p) for p in placed if _amount_note(p)]
        lines += [  # "흉관 몇 cm 빼요?" on a tube the report places without a verdict: no correction written
            f"판독문에 {finding_name(p.observation)}의 위치를 조정하라는 권고는 적혀 있지 않습니다."
            for p in found
            if not p.position and p.observation not in KEPT_DEVICES
        ]
    lines += _misplaced_others(devices, found)
    unseen = [p for p in found if p.unseen and not p.position]
    if unseen and not placed and question.direction != "where":
        return Reply(_tip_unseen_answer(unseen, lines), claims)
    if not placed or question.direction == "where":  # no verdict to give, or an open question
        return Reply("\n".join(lines), claims)
    if question.direction == "misplaced":  # "너무 깊나요?" on a tube that is too high: 아니요, and why
        holds = any(p.position == "malpositioned" and not _other_way(p, question.text) for p in placed)
    else:
        holds = all(p.position == "appropriate" for p in placed)
    return Reply(f"{yes_no(holds, question.negated)}, " + "\n".join(lines), claims)


_TUBE_WORDS = re.compile(r"tube|line|catheter|drain|cannula|sheath|관|튜브|카테터|라인", re.IGNORECASE)


def _adjustable(placement: Placement) -> bool:
    """A tube or line that can be pulled back or pushed in (not a valve or other hardware named generically)."""
    return placement.observation != "Support Devices" or any(_TUBE_WORDS.search(s) for s in placement.sentences)


def _tip_unseen_answer(unseen: list[Placement], lines: list[str]) -> str:
    """"콧줄 잘 들어갔나요?" on a tube whose course the report gives but whose tip the film does not show ("tip not
    visualized", "끝은 보이지 않음") and which it does not judge: where its tip lies is not confirmed, so no 네."""
    names = ", ".join(dict.fromkeys(device_name(p) for p in unseen))
    return (
        f"확실하지 않습니다. 판독문에 {names}의 끝이 사진에서 보이지 않는다고 적혀 있어, 끝이 제자리에 있는지는 "
        "이 사진으로 확인되지 않습니다.\n" + "\n".join(lines)
    )


_AMOUNT_ASKED = re.compile(r"얼마나|몇\s*(?:cm|센티|센치|mm)|how (?:much|far)", re.IGNORECASE)


def _amount_note(placement: Placement) -> str:
    """What an amount question learns beyond the placement: no correction advised, or one without its amount."""
    if placement.position == "appropriate":
        return f"판독문은 {finding_name(placement.observation)}의 위치 조정을 권고하지 않습니다."
    if placement.correction is None or not re.search(r"\d", placement.correction):
        name = korean_name(placement.observation)
        return f"판독문에 {name}{particle(name, '을', '를')} 얼마나(몇 cm) 조정해야 하는지는 적혀 있지 않습니다."
    return ""


def _misplaced_others(devices: list[Placement], answered: list[Placement]) -> list[str]:
    """A note on the devices the question did not ask about that are badly out of place: always named."""
    return [
        f"(참고: 질문하신 것은 아니지만, {device_name(p)}"
        f"{particle(korean_name(p.observation), '은', '는')} {p.describe_ko()}{cite(p.sentences[0])})"
        for p in devices
        if p.urgent and p not in answered
    ]


def _other_way(placement: Placement, question: str) -> bool:
    """Whether the device is out of place the other way than the question supposes (too high, asked too deep)."""
    problem = placement.problem or ""
    pull, push = re.search(r"빼|당겨|후퇴", question), re.search(r"(?<!다시 )(?<!다시)넣어|밀어|전진", question)
    if placement.correction and (pull or push) and not (pull and push):  # "ETT 당겨야 돼요?" on one to advance
        return bool((pull and "더 넣도록" in placement.correction) or (push and "빼도록" in placement.correction))
    deep_asked, high_asked = re.search(r"깊|낮", question), re.search(r"얕|높", question)
    if deep_asked and not high_asked:
        return "얕" in problem
    return bool(high_asked and not deep_asked and "깊" in problem)


def device_name(placement: Placement) -> str:
    """The device's name, with its side when the report gives one ("좌측 중심정맥관(central line)")."""
    side = SIDE_KO.get(placement.side or "") if placement.observation in _SIDED_DEVICES else None
    name = f"{side} {name_ko(placement.observation)}" if side else name_ko(placement.observation)
    kinds = [ko for kind, ko in _LINE_KINDS_KO.items() if kind in placement.kinds]
    return name.replace("(central line)", f"(central line, {' · '.join(kinds)})") if kinds else name


_LINE_KINDS_KO = {
    "picc": "팔로 넣은 PICC",
    "port": "피하 이식 포트",
    "dialysis": "투석용",
    "internal jugular": "내경정맥(IJ)",
    "subclavian": "쇄골하정맥",
    "femoral": "대퇴정맥",
}
"""The kind of a central line in Korean, named with it ("우측 중심정맥관(central line, 팔로 넣은 PICC)")."""

_SIDED_DEVICES = frozenset({"Central Line", "Chest Tube", "Pacemaker"})
"""Devices put in on one side (a tube down the midline takes its side word from where its tip went)."""

_DEVICE_KINDS = re.compile(
    r"\b(?:picc|ij|internal jugular|subclavian|femoral|dialysis|cordis|introducer|dobhoff|[no]gt?)\b"
    r"|쇄골\s*하|내경\s*정맥|대퇴|투석|말초\s*삽입",
    re.IGNORECASE,
)
"""Words that tell one line or tube of a type from another ("PICC" among the central lines)."""


def _narrowed(found: list[Placement], question: str) -> list[Placement]:
    """The devices of ``found`` the question singles out by kind ("PICC 끝이 어디 있어요?" with a PICC and
    an IJ line: the PICC), else all of them."""
    for match in _DEVICE_KINDS.finditer(question):
        word = re.compile(re.escape(match.group()).replace("\\ ", r"\s*"), re.IGNORECASE)
        kind = [p for p in found if any(word.search(s) for s in p.sentences)]
        if 0 < len(kind) < len(found):
            return kind
    asked = line_kinds(question)  # "내경정맥 카테터" asks for the line the report calls "IJ"
    kind = [p for p in found if p.kinds & asked]
    return kind if 0 < len(kind) < len(found) else found


def _device_not_named(findings: Findings, named: list[str], devices: list[Placement]) -> str:
    """The answer when the report does not place the device asked about: removed, not named, or no device at all."""
    if not named:
        return "판독문에 관이나 의료기구에 대한 언급이 없어, 이 판독문으로는 위치를 확인할 수 없습니다."
    taken_out = next((d for d in findings.details if d.observation in named and removed(d)), None)
    if taken_out is not None:
        quote = cite(sentence_of(findings, taken_out))
        return f"판독문에 {as_subject(taken_out.observation)} 제거되었다고 적혀 있습니다.{quote}"
    text = f"판독문에 {finding_name(named[0])}에 대한 언급이 없어, 이 판독문으로는 그 위치를 확인할 수 없습니다."
    generic = next((p for p in devices if p.observation == "Support Devices" and p.position), None)
    others = list(dict.fromkeys(korean_name(p.observation) for p in devices if p.observation != "Support Devices"))
    if generic is not None:
        text += f" 판독문은 관과 기구 전체에 대해 '{POSITION_KO[generic.position]}'이라고만 적고 있습니다."
        text += cite(generic.sentences[0])
    elif others:
        text += f" 판독문에 적힌 관이나 기구는 {', '.join(others)}입니다."
    return text


_VALVE_ASKED = re.compile(r"판막|valve|\b[MAT]VR\b|TAVI|승모\s*판|대동맥\s*판|삼첨\s*판", re.IGNORECASE)
_VALVE_SAID = re.compile(
    r"(?:prosthetic|mechanical|bioprosthetic|artificial|tissue|porcine|bovine|transcatheter)\s+(?:[\w-]+\s+){0,2}valve"
    r"|valve\s+(?:replacement|prosthes[ie]s)|\b[MAT]VR\b|TAVI|annuloplasty|인공\s*판막|기계\s*판막|조직\s*판막|생체\s*판막"
    r"|(?:판막|대동맥판|승모판|삼첨판)\s*(?:치환|교체)",
    re.IGNORECASE,
)
"""A replaced heart valve in a report's sentence ("mechanical mitral valve prosthesis", "s/p AVR", "인공 승모판")."""
VALVE_PLACES: tuple[tuple[str, str], ...] = (
    ("승모판(mitral valve)", r"mitral|승모\s*판|\bMVR\b"),
    ("대동맥판(aortic valve)", r"aortic|대동맥\s*판|\bAVR\b|TAVR|TAVI"),
    ("삼첨판(tricuspid valve)", r"tricuspid|삼첨\s*판|\bTVR\b"),
    ("폐동맥판(pulmonary valve)", r"pulmon\w*\s+valve|폐동맥\s*판"),
)
"""Which valve was replaced: its Korean name -> the words for it (report and question)."""
VALVE_KINDS: tuple[tuple[str, str], ...] = (
    ("기계판막(mechanical)", r"mechanical|기계"),
    ("조직판막(bioprosthetic)", r"bioprosthe\w*|tissue|porcine|bovine|조직|생체"),
    ("카테터로 넣은(transcatheter) 판막", r"transcatheter|TAVR|TAVI|경피적|경도관"),
    ("판막륜 성형 고리(annuloplasty ring)", r"annuloplasty|성형\s*고리"),
)
"""What kind of valve: its Korean name -> the report's words."""


def valve_answer(findings: Findings, question: Question, report: str) -> Reply | None:
    """A replaced heart valve asked ("인공판막 있어요? 무슨 판막이에요?", "대동맥판막 수술한 거예요?"): whether the
    report names one, which valve and what kind, with its sentence; a valve other than the one asked is said
    to be that one. None when the question asks no valve or the report names none."""
    if not _VALVE_ASKED.search(question.text) or any(o not in DEVICES for o in question.observations):
        return None  # "판막 석회화 있어요?" asks a finding
    text = reported_text(report) if report else ""
    said = [" ".join(text[s:e].split()) for s, e in sentence_spans(text)]
    sentence = next((s for s in said if _VALVE_SAID.search(s)), None)
    if sentence is None:
        return None
    places = [name for name, words in VALVE_PLACES if re.search(words, sentence, re.IGNORECASE)]
    kinds = [name for name, words in VALVE_KINDS if re.search(words, sentence, re.IGNORECASE)]
    what = " ".join([*kinds[:1], *places]) or "종류가 적히지 않은"
    asked = [name for name, words in VALVE_PLACES if re.search(words, question.text, re.IGNORECASE)]
    claims = claims_of(findings, ["Support Devices"])
    if asked and places and not set(asked) & set(places):  # "대동맥판막이에요?" on a mitral prosthesis
        return Reply(
            f"{yes_no(False, question.negated)}, 판독문에 적힌 인공판막은 {asked[0].split('(')[0]}이 아니라 "
            f"{what} 인공판막입니다.{cite(sentence)}",
            claims,
        )
    return Reply(
        f"{yes_no(True, question.negated)}, 판독문에 인공판막이 있다고 적혀 있습니다: {what} 인공판막."
        f"{cite(sentence)} 손상된 심장 판막을 바꿔 넣은 것으로, 수술(또는 시술) 후 흉부 X선에 보이는 것이 정상입니다.",
        claims,
    )


DRAINS: tuple[tuple[str, str], ...] = (
    ("종격동 배액관(mediastinal drain)", r"mediastinal|retrosternal|substernal|종격동"),
    ("심낭 배액관(pericardial drain)", r"pericardial|subxiphoid|심낭"),
    (
        "수술 부위 배액관(surgical drain)",
        r"jackson[- ]pratt|\bJP\b|blake|hemovac|surgical|subcutaneous|피하|수술\s*부위",
    ),
)
"""Drains other than a chest tube a report names after surgery: Korean name -> the words of their place."""
_DRAIN_PLACES = "|".join(f"(?:{words})" for _, words in DRAINS)
_DRAIN = re.compile(
    rf"(?:\b({number_words(1, 5, english=True)})\s+)?(?:{_DRAIN_PLACES})\s+"
    r"(?:drains?|drainage\s+(?:tubes?|catheters?))\b"
    rf"|(?:{_DRAIN_PLACES})\s*(?:배액관|drains?|배액\s*튜브)"
    rf"(?:\s*({number_words(1, 5, korean=True, alone=True)})\s*개)?",
    re.IGNORECASE,
)
DRAINS_ASKED = re.compile(r"배액|drain|종격동|심낭|mediastinal|pericardial", re.IGNORECASE)
_GONE = re.compile(r"remov|discontinu|pulled|제거|발거", re.IGNORECASE)
_GONE_BEFORE = re.compile(r"(?:removal|discontinuation)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


@dataclass(frozen=True)
class Drain:
    """A drain beside the chest tubes a report names ("Two mediastinal drains"): its Korean name, how many (``least``:
    only at least that many, "drains"), its sentence, and whether the sentence says it was taken out."""

    name: str
    count: int
    least: bool
    sentence: str
    removed: bool


def drains_in(report: str) -> list[Drain]:
    """The drains beside chest tubes the report names ("Two mediastinal drains", "종격동 배액관 2개", "Mediastinal
    drains have been removed"), once a sentence each."""
    text = reported_text(report) if report else ""
    found: dict[tuple[str, str], Drain] = {}
    for start, end in sentence_spans(text):
        sentence = " ".join(text[start:end].split())
        for match in _DRAIN.finditer(sentence):
            after, before = sentence[match.end() : match.end() + 40], sentence[: match.start()]
            gone = bool(_GONE.search(after) or _GONE_BEFORE.search(before))
            name = next(ko for ko, words in DRAINS if re.search(words, match.group(), re.IGNORECASE))
            number = number_of(match[1] or match[2] or "")
            plural = re.search(r"drains\b|tubes\b|catheters\b", match.group(), re.IGNORECASE) is not None
            count, least = number or (2 if plural else 1), number is None and plural
            found.setdefault((name, sentence), Drain(name, count, least, sentence, gone))
    return list(found.values())
