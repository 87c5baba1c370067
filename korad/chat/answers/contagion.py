"""Whether a disease the report names is contagious ("전염되나요?", "다른 사람한테 옮아요?").

A chest radiograph shows what a lesion looks like (old and healed, or possible tuberculosis), never whether
someone is infectious: that is told by sputum tests and the clinical picture. So the answer says what the
report says of its appearance, quoted, and never a flat 네 or 아니요 to contagion.
"""

from __future__ import annotations

import re

from korad.chat.acuity import FRESH_WORDS, OLD_WORDS, no_acute_statement
from korad.chat.answers.facts import attributes_said, evidence, status
from korad.chat.answers.wording import Reply, as_subject, cite, finding_name
from korad.chat.questions import Question
from korad.findings import Findings

CONTAGION_ASKED = re.compile(
    r"전염|옮기|옮을|옮나|옮아|옮는|옮겨|옮길|감염\s*(?:시키|될|되나|돼|이\s*되)|contagious|infectious|transmissib",
    re.IGNORECASE,
)
"""A question whether a disease passes to other people ("가족한테 옮나요?", "is it contagious?")."""
_INFECTIOUS = ("Tuberculosis", "Old Tuberculosis", "Granuloma", "Scarring", "Pneumonia")
"""Findings a contagion question may be about: tuberculosis and its healed traces, pneumonia."""
_OLD_TRACES = frozenset({"Old Tuberculosis", "Granuloma", "Scarring"})


def contagion_answer(findings: Findings, question: Question, report: str) -> Reply | None:
    """"전염되나요?" on a report that names tuberculosis, its healed trace or pneumonia: what the report says of
    its appearance, and that contagion is not told by the radiograph; None when the question does not ask
    about contagion or the report names none of these."""
    if not CONTAGION_ASKED.search(question.text):
        return None
    shown = [o for o in _INFECTIOUS if status(findings, o) in ("positive", "uncertain")]
    if not shown:
        return None
    by_sentence: dict[str, list[str]] = {}  # "Old healed TB with fibrotic scarring": one quote for both
    for observation in shown:
        by_sentence.setdefault(evidence(findings, observation) or "", []).append(observation)
    lines = []
    for sentence, named in by_sentence.items():
        stated = [o for o in named if status(findings, o) == "positive"]
        weighed = [o for o in named if o not in stated]
        said = f"{_subject(stated)} 있다고" if stated else ""
        if weighed:
            possible = f"{', '.join(finding_name(o) for o in weighed)}의 가능성이 있다고"
            said = f"{said[:-2]}고, {possible}" if said else f"{_subject(weighed)} 있을 가능성이 있다고"
        lines.append(f"{said} 적혀 있습니다{attributes_said(findings, named[0])}.{cite(sentence)}")
    if all(o in _OLD_TRACES or _old_said(evidence(findings, o) or "") for o in shown):
        appearance = " 사진에서 보이는 모양은 예전 병이 나은 오래된(비활동성) 흔적이라는 뜻입니다."
        quiet = no_acute_statement(report)
        if quiet:
            appearance += f" 활동성(새로 생긴) 병변은 없다고도 적혀 있습니다.{cite(quiet)}"
    elif status(findings, "Tuberculosis") == "uncertain":
        appearance = " 판독문은 결핵의 가능성을 언급할 뿐 확정하지 않았습니다."
    else:
        appearance = ""
    return Reply(
        "확실하지 않습니다. 판독문에는 "
        + " ".join(lines)
        + appearance
        + " 다만 다른 사람에게 전염되는지는 흉부 X선만으로 판단할 수 없고, 객담 검사 등 검사와 진찰로 "
        "확인합니다. 담당 의료진과 상의하세요."
    )


def _subject(observations: list[str]) -> str:
    """The findings named as one subject ("진구성 결핵(old tuberculosis), 반흔(scarring)이")."""
    return ", ".join([*(finding_name(o) for o in observations[:-1]), as_subject(observations[-1])])


def _old_said(sentence: str) -> bool:
    """Whether the sentence calls its finding old ("sequelae of prior granulomatous infection", "진구성")."""
    return bool(OLD_WORDS.search(sentence)) and not FRESH_WORDS.search(sentence)
