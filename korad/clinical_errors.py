"""Clinical errors of an answer against its report, counted by type (the GREEN idea, read in Korean).

One list of error types for the rule-based count, the ``korad_grounding`` metric module and the judge
rubric that asks for the same counts, so the three can be compared. The count builds on the chat's
grounding check (``korad.chat.grounding``: findings with the opposite polarity, details told
differently) and adds what a metric needs beyond a warning: findings the report does not mention at
all, device positions and recommendations (docs/metrics.md). The chat's warnings are unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from korad.advice import named_steps, recommendations
from korad.chat.grounded import no_prior
from korad.chat.grounding import Contradiction, asserted, asserted_text, check_answer
from korad.chat.questions import read_question
from korad.details import Detail, DetailContradiction
from korad.findings import Findings, label_report
from korad.lexicon import DEVICES, EXTRA_OBSERVATIONS, OBSERVATIONS, PARENTS
from korad.text import sentence_spans, split_spans

ERROR_TYPES = (
    "false_finding",
    "denied_finding",
    "wrong_side",
    "wrong_severity",
    "wrong_size",
    "wrong_change",
    "wrong_device_position",
    "unsupported_recommendation",
)
"""Error types, in the order tables show them. ``false_finding``: the answer states a finding the report
negates or does not mention; ``denied_finding``: it denies one the report states; ``wrong_*``: it states
a detail of a reported finding differently; ``unsupported_recommendation``: it recommends a next step the
report does not."""

ERROR_TYPES_KO = {
    "false_finding": "없는 소견을 있다고 함",
    "denied_finding": "있는 소견을 없다고 함",
    "wrong_side": "좌우가 다름",
    "wrong_severity": "정도가 다름",
    "wrong_size": "크기가 다름",
    "wrong_change": "변화 방향이 다름",
    "wrong_device_position": "기구 위치가 다름",
    "unsupported_recommendation": "판독문에 없는 권고",
}


@dataclass(frozen=True)
class ClinicalError:
    """One error: its ``kind`` (one of ``ERROR_TYPES``), what it is about (an observation or, for a
    recommendation, the kind of step), and the report's ``evidence`` ("" when the report says nothing)."""

    kind: str
    observation: str
    evidence: str


# --- findings the report does not mention ---------------------------------------------------------

_LESIONS = ("Lung Lesion", "Nodule", "Mass", "Granuloma")
_CHILDREN = {
    "Lung Opacity": (
        "Consolidation",
        "Pneumonia",
        "Edema",
        "Atelectasis",
        *_LESIONS,
        "Scarring",
        "Old Tuberculosis",
    ),
    "Lung Lesion": _LESIONS[1:],
    "Enlarged Cardiomediastinum": ("Cardiomegaly",),
}
"""CheXpert's hierarchy, with the extra vocabulary under it: a report that names a child ("calcified
granuloma") has named what the answer calls by the parent ("석회화 병변")."""
_HYPOTHETICAL = re.compile(
    r"수\s*(?:도\s*)?있|(?:으|하|이|다|되|크|심하|많)면|경우|말합니다|말해요|말하며|의미|뜻|(?:이)?란\s|(?:이)?라고\s*(?:합|부르|하는)"
    r"|(?:이)?라는|가능성|(?:것|거)[은는이가]?\s*아(?:니|닙|닌)|(?<![가-힣])이는|보통|일반적으로|흔히"
    r"|\b(?:may|might|could|can|if|when|means?|refers?|called|usually|typically|generally)\b",
    re.IGNORECASE,
)
"""A clause that explains, supposes, generalises or warns ("폐렴은 폐의 감염을 말합니다", "심하면 무기폐가
생길 수 있습니다", "보통 문제가 되지 않습니다", "폐렴이라고 단정한 것은 아닙니다") states no finding of this
patient."""
_CLAUSE_END = re.compile(r"[,;]|(?<=지만)\s|(?<=는데)\s|(?<=으나)\s|\bbut\b", re.IGNORECASE)


def stated(answer: str) -> Findings:
    """What the answer states of this patient: its asserted text (``korad.chat.grounding.asserted_text``)
    without the clauses that explain or suppose."""
    text = asserted_text(answer)
    kept = []
    for a, b in sentence_spans(text):
        clauses = [text[a:b][c:d] for c, d in split_spans(text[a:b], _CLAUSE_END)]
        kept.append(" ".join(c for c in clauses if not _HYPOTHETICAL.search(c)))
    return label_report("\n".join(k for k in kept if k.strip()))


def _mentioned(observation: str, report: Findings) -> bool:
    named = (observation, *_CHILDREN.get(observation, ()))
    return any(o in report.labels for o in named) or any(d.observation in named for d in report.details)


def _unmentioned(said: Findings, report: Findings) -> list[ClinicalError]:
    """Findings the answer states as present that the report does not mention at all."""
    claimed = [o for o, label in said.labels.items() if label == "positive" and o != "No Finding"]
    # Extra observations without a CheXpert label of their own (emphysema, scoliosis ...).
    claimed += [
        d.observation
        for d in said.details
        if d.status == "positive" and d.observation in EXTRA_OBSERVATIONS and d.observation not in PARENTS
    ]
    return [
        ClinicalError("wrong_device_position" if o in DEVICES else "false_finding", o, "")
        for o in dict.fromkeys(claimed)
        if not _mentioned(o, report)
    ]


# --- device positions -----------------------------------------------------------------------------


def _position_errors(claimed: list[Detail], reported: list[Detail]) -> list[ClinicalError]:
    """Devices the answer places differently from the report: "well placed" against a malposition the
    report states anywhere, or "malpositioned" against a report that gives the device a good position.

    A generic "tube" of the answer (``Support Devices``) is compared with the report's only
    positioned device, when it has exactly one.
    """
    placed = [d for d in reported if d.observation in DEVICES and d.position is not None and d.status != "negative"]
    errors = []
    for detail in claimed:
        if detail.observation not in DEVICES or detail.position is None or detail.status == "negative":
            continue
        same = [d for d in placed if d.observation == detail.observation]
        if not same and detail.observation == "Support Devices" and len({d.observation for d in placed}) == 1:
            same = placed
        # A malposition the report states anywhere is what it says of the device.
        said = next((d for d in same if d.position == "malpositioned"), same[0] if same else None)
        if said is not None and said.position != detail.position:
            errors.append(ClinicalError("wrong_device_position", detail.observation, said.text))
    return errors


# --- which side is worse -------------------------------------------------------------------------

_LEFT = r"좌측|왼쪽|좌폐|좌|left|lt\.?|l(?![a-z가-힣])"
_RIGHT = r"우측|오른쪽|우폐|우|right|rt\.?|r(?![a-z가-힣])"
_SIDE_WORD = re.compile(rf"(?P<left>{_LEFT})|(?P<right>{_RIGHT})", re.IGNORECASE)
_MORE_THAN = re.compile(
    rf"(?<![a-z가-힣])(?P<first>{_LEFT}|{_RIGHT})\s*(?:>|greater than|more than|larger than|worse than|exceeding)\s*"
    rf"(?P<second>{_LEFT}|{_RIGHT})(?![a-z])"
    rf"|(?<![가-힣a-z])(?P<first2>{_LEFT}|{_RIGHT})[가-힣\s]{{0,12}}?(?P<second2>{_LEFT}|{_RIGHT})\s*(?:에\s*비해|보다)",
    re.IGNORECASE,
)
_MORE = re.compile(
    rf"(?<![가-힣a-z])(?P<side>{_LEFT}|{_RIGHT})(?:이|가|은|는|쪽이|쪽은|에서|측이)?\s*(?:더|특히|훨씬|좀\s*더)\s*"
    r"(?:많|심|크|넓|두드러|우세|진하|뚜렷)",
    re.IGNORECASE,
)
"""Which side a text calls worse: "Rt. > Lt.", "left larger than right", "우측이 좌측보다 많음",
"왼쪽이 더 심합니다"."""


def _side(word: str) -> str:
    match = _SIDE_WORD.fullmatch(word.strip())
    return "left" if match and match.group("left") else "right"


def worse_side(text: str) -> str | None:
    """The side ``text`` calls worse (more, larger, denser), or None when it compares none."""
    match = _MORE_THAN.search(text)
    if match:
        first = match.group("first") or match.group("first2")
        second = match.group("second") or match.group("second2")
        return _side(first) if _side(first) != _side(second) else None
    match = _MORE.search(text)
    return _side(match.group("side")) if match else None


def _worse_side_errors(answer: str, report_text: str, report: Findings) -> list[ClinicalError]:
    """A worse side other than the report's, or a worse side the report does not name for a finding it
    calls bilateral."""
    reported = worse_side(report_text)
    text = asserted_text(answer)
    errors, last = [], None
    for a, b in sentence_spans(text):
        sentence = text[a:b]
        named = [o for o in label_report(sentence).labels if o != "No Finding"]
        last = named[0] if named else last
        claimed = worse_side(sentence)
        if claimed is None or last is None or claimed == reported:
            continue
        if reported is not None or any(d.observation == last and d.side == "bilateral" for d in report.details):
            errors.append(ClinicalError("wrong_side", last, _evidence(report, last)))
    return errors


def _evidence(report: Findings, observation: str) -> str:
    return report.evidence.get(observation) or next(
        (d.text for d in report.details if d.observation == observation), ""
    )


# --- change without a prior study --------------------------------------------------------------------

def _change_errors(claimed: list[Detail], report_text: str, report: Findings) -> list[ClinicalError]:
    """Changes the answer claims although the report has no prior study (and states no change itself)."""
    statement = no_prior(report_text)
    if statement is None or any(d.change for d in report.details):
        return []
    return [
        ClinicalError("wrong_change", d.observation, statement)
        for d in claimed
        if d.change is not None and d.status != "negative"
    ]


# --- recommendations ------------------------------------------------------------------------------

_IMAGING = frozenset({"ct", "mri", "pet", "ultrasound", "echocardiography", "radiograph", "follow_up", "further_tests"})


def _supported(step: str, report_steps: set[str], report: Findings) -> bool:
    """Whether the report backs the answer's ``step`` (a generic step is backed by any specific one)."""
    if step in report_steps:
        return True
    if step == "further_tests":
        return bool(report_steps)
    if step == "follow_up":
        return bool(report_steps & _IMAGING)
    if step == "device_adjustment":
        return any(d.position == "malpositioned" for d in report.details)
    return False


def _recommendation_errors(answer: str, report: Findings) -> list[ClinicalError]:
    """One error per sentence of the answer that recommends a step the report's advice does not name
    (``observation``: the unsupported kinds of step, joined by commas)."""
    report_steps = {step for sentence in report.recommendations for step in named_steps(sentence)}
    evidence = " ".join(report.recommendations)
    errors = []
    for _, steps in recommendations(asserted_text(answer)):
        unsupported = [step for step in steps if not _supported(step, report_steps, report)]
        if unsupported:
            errors.append(ClinicalError("unsupported_recommendation", ",".join(unsupported), evidence))
    return errors


# --- a bare yes or no -----------------------------------------------------------------------------

_YES = re.compile(r"^\s*(?:(?:네|예|응|맞(?:습니다|아요))(?![가-힣])|yes\b|있(?:습니다|어요))", re.IGNORECASE)
_NO = re.compile(r"^\s*(?:(?:아니(?:요|오|에요|예요)?|아뇨|아닙니다)(?![가-힣])|no\b|없(?:습니다|어요))", re.IGNORECASE)


def answer_to_question(answer: str, question: str | None) -> Findings | None:
    """What a bare yes or no asserts about the finding a yes/no question names, else None.

    "네" to "기흉이 있나요?" asserts a pneumothorax; "네" to "흉수는 없나요?" denies an effusion. An
    answer is bare when it names no finding itself.
    """
    if not question:
        return None
    asked = read_question(question)
    if asked.kind != "presence" or not asked.observations:
        return None
    if any(o != "No Finding" for o in asserted(answer).labels):
        return None
    yes, no = bool(_YES.search(answer)), bool(_NO.search(answer))
    if yes == no:
        return None
    observation = asked.observations[0]
    status = "positive" if yes != asked.negated else "negative"
    label = PARENTS.get(observation, observation)
    labels = {label: status} if label in OBSERVATIONS else {}
    return Findings(labels=labels, details=[Detail(observation, status)])


# --- all of them ----------------------------------------------------------------------------------


def _kind(contradiction: Contradiction | DetailContradiction) -> str:
    if isinstance(contradiction, DetailContradiction):
        return f"wrong_{contradiction.kind}"
    if contradiction.observation in DEVICES:
        return "wrong_device_position"  # a device said to be in place when removed, or removed when in place
    return "false_finding" if contradiction.claimed == "positive" else "denied_finding"


def clinical_errors(
    report: str | None, answer: str, report_findings: Findings | None = None, question: str | None = None
) -> list[ClinicalError]:
    """The clinical errors of ``answer`` against ``report`` (none without a report or an answer).

    ``question`` (optional) reads a bare "네" / "아니요" as asserting or denying the finding asked about.
    """
    if not report or not answer.strip():
        return []
    findings = report_findings or label_report(report)
    bare = answer_to_question(answer, question)
    said = bare or stated(answer)
    grounding = check_answer(report, answer, findings, claims=said)
    errors = [ClinicalError(_kind(c), c.observation, c.evidence) for c in grounding.contradictions]
    errors += _unmentioned(said, findings)
    errors += _change_errors(said.details, report, findings)
    if bare is None:
        errors += _worse_side_errors(answer, report, findings)
    errors += _position_errors(said.details, findings.details)
    errors += _recommendation_errors(answer, findings)
    return errors


def error_counts(errors: list[ClinicalError]) -> dict[str, int]:
    """Counts per error type, every type present (0 when none)."""
    counts = dict.fromkeys(ERROR_TYPES, 0)
    for error in errors:
        counts[error.kind] += 1
    return counts


def grounding_counts(
    answers: Sequence[str],
    reports: Sequence[str],
    questions: Sequence[str | None] | None = None,
    aggregate: bool = True,
) -> dict[str, Any]:
    """Error counts of answers against their reports (the ``korad_grounding`` metric module).

    ``aggregate``: the count of each error type over all answers and ``error_free``, the share of
    answers without any; otherwise, for each key, the list of per-answer values (``error_free`` 1.0 or 0.0).
    Each distinct report is labelled once.
    """
    if len(answers) != len(reports) or (questions is not None and len(questions) != len(answers)):
        raise ValueError(
            f"{len(answers)} answers, {len(reports)} reports"
            + ("" if questions is None else f" and {len(questions)} questions")
            + ": one of each per answer"
        )
    labelled: dict[str, Findings] = {}
    per_answer = []
    for i, (answer, report) in enumerate(zip(answers, reports, strict=True)):
        if report and report not in labelled:
            labelled[report] = label_report(report)
        question = questions[i] if questions is not None else None
        per_answer.append(error_counts(clinical_errors(report, answer, labelled.get(report), question)))
    free = [float(not any(counts.values())) for counts in per_answer]
    if not aggregate:
        return {**{kind: [c[kind] for c in per_answer] for kind in ERROR_TYPES}, "error_free": free}
    return {
        **{kind: sum(c[kind] for c in per_answer) for kind in ERROR_TYPES},
        "error_free": sum(free) / len(free) if free else 1.0,
    }
