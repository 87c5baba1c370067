"""A pacemaker's or ICD's leads: how many, which chamber each ends in, and which of them moved ("ICD 선 몇 개?",
"페이스메이커 선 어디 들어가 있어요?", "빠진 거 어느 리드예요?", "심실 리드도 움직였어?"), from the report's own
sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from korad.chat.answers.facts import claims_of
from korad.chat.answers.wording import Reply, cite, yes_no
from korad.chat.questions import Question, is_open
from korad.findings import Findings
from korad.numbers import number_of, number_words
from korad.sections import reported_text
from korad.text import sentence_spans

LEADS_ASKED = re.compile(r"선(?!생|명|택|행|천|호)|리드|(?<![가-힣])줄|전극|\blead|\bwire", re.IGNORECASE)
"""A question about a device's leads ("ICD 선", "심실 리드", "pacer wires")."""
_LEAD = re.compile(
    r"\bleads?\b(?!\s+to\b)|리드|전극선?|유도선|(?:pacing|pacer|pacemaker|icd|defibrillator)\s+wires?", re.IGNORECASE
)
"""A lead in a report's sentence ("RA lead", "2 leads", "RV 리드"), not "may lead to"."""
CHAMBERS: tuple[tuple[str, str], ...] = (
    (
        "관상정맥동(좌심실)",
        r"coronary\s+sinus|left\s+ventric\w*|(?<![A-Za-z])(?:LV|CS)(?![A-Za-z])|관상\s*정맥동|좌심실",
    ),
    ("우심방", r"right\s+atri\w*|(?<![A-Za-z])RA(?![A-Za-z])|우심방|(?<![좌우])심방|(?<![a-z])atri(?:al|um)"),
    (
        "우심실",
        r"right\s+ventric\w*|(?<![A-Za-z])RV(?![A-Za-z])|우심실|(?<![좌우양])심실"
        r"|(?<!left )(?<![a-z])ventric(?:ular|le)",
    ),
)
"""The chambers a lead ends in: Korean name -> the words for it (report and question)."""
_CHAMBER = "|".join(f"(?:{pattern})" for _, pattern in CHAMBERS)
_NAMED_LEAD = re.compile(
    rf"(?:{_CHAMBER})\s*(?:[\w-]+\s+){{0,2}}?(?:{_LEAD.pattern})|(?:{_LEAD.pattern})\s*\(\s*(?:{_CHAMBER})\s*\)",
    re.IGNORECASE,
)
"""A lead named by its chamber ("right atrial lead", "RV defibrillator lead", "우심실 리드")."""
_MOVED = re.compile(
    r"retract\w*|dislodg\w*|migrat\w*|displac\w*|withdrawn|pulled\s+back|malposit\w*|now\s+(?:projects?|projecting|lies|"
    r"located|positioned|in|at|over)|이탈|빠져|빠짐|빠진|밀려|이동\s*(?:함|됨|되|하|한|된)|위치\s*(?:가\s*)?(?:변화|변경|바뀜|바뀌)",
    re.IGNORECASE,
)
_NOT_MOVED = re.compile(
    r"(?:no|without)\s+(?:\w+\s+){0,4}(?:dislodg|migrat|displac|retract|change)|(?:이탈|이동|변화|변동)\s*(?:은|는)?\s*없",
    re.IGNORECASE,
)
_UNCHANGED = re.compile(
    r"unchanged|stable|\bremains?\b|\bagain\b|no\s+(?:interval\s+)?change|변화\s*(?:는|가)?\s*없|그대로|이전과\s*(?:같|동일|비슷)",
    re.IGNORECASE,
)
_MOVED_ASKED = re.compile(
    r"움직|이동|빠졌|빠진|빠져|밀려|밀렸|이탈|벗어|위치\s*(?:가\s*)?(?:바뀌|바뀐|변)|dislodg|migrat|\bmov(?:e|ed)\b|shift"
    r"|retract|displac",
    re.IGNORECASE,
)
_COUNT_ASKED = re.compile(r"몇\s*(?:개|가닥|줄)|개수|갯수|how\s+many", re.IGNORECASE)
_WHICH = re.compile(r"어느|어떤|무슨|\bwhich\b|\bwhat\s+leads?\b", re.IGNORECASE)
"""Which lead it is ("빠진 거 어느 리드예요?", "Which lead moved?"): an open question, no 네/아니요."""
_WHERE_ASKED = re.compile(r"어디|위치|어느\s*(?:쪽|부위|곳|방)|where", re.IGNORECASE)
"""Where the leads end ("선 어디 들어가 있어요?", "리드 위치는?"), asked as an open question; whether they lie
well ("선 위치 괜찮나요?") is the position answer's."""
_WHERE_EN = re.compile(r"\bwhere\b", re.IGNORECASE)
_KINDS = (
    (re.compile(r"biventricular|\bBiV\b|\bCRT|양심실|three[- ]lead|triple[- ]lead", re.I), 3),
    (re.compile(r"dual[- ]chamber|dual[- ]lead|two[- ]lead|이중\s*(?:방|챔버)|dual", re.I), 2),
    (re.compile(r"single[- ]chamber|single[- ]lead|one[- ]lead|단일\s*(?:방|챔버|리드)", re.I), 1),
)
"""A device's kind that tells how many leads it has ("dual-chamber": 2)."""
_NUMBER = re.compile(
    rf"\b({number_words(1, 3, english=True)})\s+(?:\w+\s+)?leads?\b"
    rf"|({number_words(1, 3, korean=True)})\s*개의?\s*(?:리드|lead|유도선|전극)",
    re.I,
)


@dataclass(frozen=True)
class Lead:
    """One lead as a sentence tells it: its chamber (Korean, None when unnamed), whether it moved ("moved",
    "unchanged" or None: not said) and the sentence."""

    chamber: str | None
    state: str | None
    sentence: str


def _chamber_of(text: str) -> str | None:
    return next((name for name, pattern in CHAMBERS if re.search(pattern, text, re.IGNORECASE)), None)


def _state(part: str) -> str | None:
    if _NOT_MOVED.search(part):
        return "unchanged"
    if _MOVED.search(part):
        return "moved"
    return "unchanged" if _UNCHANGED.search(part) else None


def leads_in(report: str) -> list[Lead]:
    """The leads the report's stated part names, one per mention, in report order: a lead named by its chamber
    ("The right atrial lead ... consistent with retraction") with its own part of the sentence, or leads placed in
    chambers ("2 leads in the right atrium and right ventricle")."""
    text = reported_text(report) if report else ""
    found = []
    for start, end in sentence_spans(text):
        sentence = " ".join(text[start:end].split())
        if not _LEAD.search(sentence):
            continue
        named = list(_NAMED_LEAD.finditer(sentence))
        if named:
            bounds = [0] + [m.start() for m in named[1:]] + [len(sentence)]
            for i, match in enumerate(named):
                part = sentence[bounds[i] : bounds[i + 1]]
                found.append(Lead(_chamber_of(match.group()), _state(part), sentence))
            continue
        after = sentence[_LEAD.search(sentence).start() :]
        chambers = [name for name, pattern in CHAMBERS if re.search(pattern, after, re.IGNORECASE)]
        state = _state(sentence)
        found += [Lead(c, state, sentence) for c in chambers] or [Lead(None, state, sentence)]
    return found


def _count(findings: Findings, leads: list[Lead], report: str) -> tuple[int | None, str]:
    """How many leads the report gives (a number written, a kind, else the chambers its leads are named by),
    with the sentence that says it."""
    sentences = [m.sentence for m in findings.mentions if m.observation == "Pacemaker" and m.sentence]
    sentences += [d.sentence for d in findings.details if d.observation == "Pacemaker" and d.sentence]
    sentences = list(dict.fromkeys([*(" ".join(s.split()) for s in sentences), *(lead.sentence for lead in leads)]))
    for sentence in sentences:
        said = _NUMBER.search(sentence)
        if said:
            return number_of(said[1] or said[2]), sentence
    for sentence in sentences:
        kind = next((n for pattern, n in _KINDS if pattern.search(sentence)), None)
        if kind:
            return kind, sentence
    chambers = list(dict.fromkeys(lead.chamber for lead in leads if lead.chamber))
    if chambers:
        return len(chambers), next(lead.sentence for lead in leads if lead.chamber)
    return None, sentences[0] if sentences else ""


def _quotes(leads: list[Lead]) -> str:
    """The sentences that tell the leads, the first one for each chamber."""
    first = {lead.chamber: lead.sentence for lead in reversed(leads)}
    kept = [lead.sentence for lead in leads if first[lead.chamber] == lead.sentence]
    return "".join(cite(sentence) for sentence in dict.fromkeys(kept))


def leads_answer(findings: Findings, question: Question, report: str) -> Reply | None:
    """The answer about a pacemaker's leads: how many ("선 몇 개?"), where they end ("선 어디?"), which moved ("빠진 거
    어느 리드?") and whether one asked moved ("심실 리드도 움직였어?"); None when it asks none of these ("선
    괜찮아요?": the position answer's) or the report names neither a pacemaker nor a lead."""
    leads = leads_in(report)
    claims = claims_of(findings, ["Pacemaker"])
    has_device = any(d.observation == "Pacemaker" and d.status != "negative" for d in findings.details)
    # "선 위치 괜찮나요?" names the position but asks whether it is fine: the position answer's yes/no
    where = _WHERE_ASKED.search(question.text) and (is_open(question.text) or _WHERE_EN.search(question.text))
    asks = [p for p in (_COUNT_ASKED, _MOVED_ASKED) if p.search(question.text)] + ([where] if where else [])
    if not asks or (not leads and not has_device):
        return None
    chambers = list(dict.fromkeys(lead.chamber for lead in leads if lead.chamber))
    if _COUNT_ASKED.search(question.text):
        number, sentence = _count(findings, leads, report)
        if number is None:
            unsaid = "판독문에 심장박동기가 있다고 적혀 있지만, 선(리드)의 개수는 적혀 있지 않습니다."
            return Reply(f"{unsaid}{cite(sentence) if sentence else ''}", claims)
        where = f" ({', '.join(chambers)}에 끝이 있음)" if chambers else ""
        quotes = _quotes(leads)
        quotes = quotes if cite(sentence) in quotes else cite(sentence) + quotes
        return Reply(f"판독문상 심장박동기의 선(리드)은 {number}개입니다{where}.{quotes}", claims)
    asked = _chamber_of(question.text)
    open_asked = is_open(question.text) or bool(_WHICH.search(question.text))
    if _MOVED_ASKED.search(question.text):
        if asked and not open_asked:  # "심실 리드도 움직였어?": that lead's state
            own = [lead for lead in leads if lead.chamber == asked and lead.state]
            if not own:
                return Reply(f"판독문에는 {asked} 리드가 움직였는지 적혀 있지 않습니다.{_quotes(leads)}", claims)
            moved = any(lead.state == "moved" for lead in own)
            state = "위치가 바뀌었다고(이탈)" if moved else "이전과 변화 없이 그대로라고"
            text = f"{yes_no(moved, question.negated)}, 판독문에 {asked} 리드는 {state} 적혀 있습니다.{_quotes(own)}"
            return Reply(text, claims)
        moved_leads = [lead for lead in leads if lead.state == "moved"]
        if not moved_leads:
            lead_word = yes_no(False, question.negated) + ", " if not open_asked else ""
            return Reply(f"{lead_word}판독문에 위치가 바뀐 리드는 적혀 있지 않습니다.{_quotes(leads)}", claims)
        names = list(dict.fromkeys(lead.chamber or "이름이 적히지 않은" for lead in moved_leads))
        lines = [f"판독문에 위치가 바뀐(빠진) 것은 {', '.join(names)} 리드라고 적혀 있습니다.{_quotes(moved_leads)}"]
        kept = [lead for lead in leads if lead.state == "unchanged" and lead.chamber and lead.chamber not in names]
        if kept:
            still = ", ".join(dict.fromkeys(lead.chamber for lead in kept if lead.chamber))
            lines.append(f"{still} 리드는 이전과 변화 없다고 적혀 있습니다.{_quotes(kept)}")
        lead_word = "" if open_asked else yes_no(True, question.negated) + ", "
        return Reply(lead_word + "\n".join(lines), claims)
    if not chambers:
        return Reply(f"판독문에는 선(리드)이 어느 심장 부위에 있는지 적혀 있지 않습니다.{_quotes(leads)}", claims)
    moved = [lead.chamber for lead in leads if lead.state == "moved" and lead.chamber]
    note = f" 이 중 {', '.join(dict.fromkeys(moved))} 리드는 위치가 바뀌었다고(이탈) 적혀 있습니다." if moved else ""
    return Reply(f"판독문상 선(리드)은 {', '.join(chambers)}에 있습니다.{note}{_quotes(leads)}", claims)
