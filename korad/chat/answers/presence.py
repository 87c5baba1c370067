"""Whether a finding is there ("기흉이 있나요?"), answered as asked, quoting the report."""

from __future__ import annotations

import re
from dataclasses import replace

from korad.chat.acuity import CONGESTION, chronic, is_old, no_acute_statement
from korad.chat.answers.bones import BONE_OF_LABEL, FRACTURES, bone_named, bone_prefix, bone_sentence
from korad.chat.answers.facts import (
    attributes_said,
    claims_of,
    details_of,
    evidence,
    place_ko,
    resolve,
    sentence_around,
    sentence_of,
    status,
)
from korad.chat.answers.heart import CTR_LIMIT, cardiothoracic_ratio, ctr_line
from korad.chat.answers.normal import is_normal
from korad.chat.answers.report_words import (
    MEDIASTINAL_SHIFT,
    WrittenAs,
    denied_at,
    lesion_readings,
    report_word_reading,
    report_words_found,
)
from korad.chat.answers.wording import (
    CONGESTION_MEANING,
    OLD_FRACTURE_MEANING,
    REPORT_NAMES,
    YES_NO_LEAD,
    Reply,
    as_subject,
    cite,
    explanation_of,
    finding_name,
    particle,
    yes_no,
)
from korad.chat.questions import CTR_NAMED, DEVICES, FORMS, POSSIBILITY_ASKED, Question
from korad.details import SIDE_KO, removed
from korad.findings import Findings, hedged
from korad.glossary import korean_name
from korad.sections import reported_text
from korad.text import sentence_spans

ACUTE: frozenset[str] = frozenset({"Pneumothorax", "Pleural Effusion", "Consolidation", "Pneumonia", "Edema"})
"""Acute findings that a normal report ("No acute cardiopulmonary process") excludes where it does not name them."""
IMPLIED_BY_ABSENCE: dict[str, tuple[str, str]] = {
    "Pneumonia": ("Consolidation", ""),
    "Cardiomegaly": ("Enlarged Cardiomediastinum", r"cardi|heart|심장|심음영"),
}
"""A finding -> the finding whose stated absence excludes it, when its sentence matches the pattern
(no consolidation: no pneumonia on the radiograph; a normal cardiomediastinal silhouette: a heart of
normal size)."""
CLEAR_LUNGS = re.compile(
    r"\blungs? (?:are|is|remain) (?:otherwise )?clear|\bclear lungs"
    r"|(?:양\s*)?폐야?[는은가이]?\s*(?:청명|깨끗)"
    r"|폐야(?:에|에는|에서)?\s*(?:특이|특별한|활동성)\s*(?:소견|이상|병변)(?:은|이|는)?\s*(?:없|관찰되지|보이지)",
    re.IGNORECASE,
)
""""Lungs are clear" / "폐야 청명" / "양측 폐야에 특이 소견 없음": no airspace disease, though none is named."""
CLEARED_BY_CLEAR_LUNGS: frozenset[str] = frozenset(
    {"Pneumonia", "Consolidation", "Lung Opacity", "Atelectasis", "Edema"}
)
INACTIVE: frozenset[str] = frozenset({"Old Tuberculosis", "Granuloma", "Scarring"})
"""Findings that are the healed trace of an old disease: asked whether they are active, the answer is no."""
_ACTIVE = re.compile(
    r"활동성|활동\s*중|활동(?:하|해|을|적)|active|전염|옮기나|옮을|옮나|옮아|옮는|재발|재활성|도졌|도진|도지"
    r"|다시\s*(?:생|활동|나빠|심해|걸|번지|퍼)",
    re.IGNORECASE,
)
LESIONS: frozenset[str] = frozenset({"Nodule", "Mass", "Lung Lesion"})
_MALIGNANCY = re.compile(r"암|악성|종양|cancer|malignan|tumou?r", re.IGNORECASE)
"""A question whether a lesion is cancer: a radiograph shows a lesion, never its nature."""
_DIAGNOSIS_FORM = re.compile(r"(?:인가요|인지|이에요|인가|이죠|인거죠|인 거죠)\s*\??\s*$")
"""A question in the form "결핵인가요?" asks about the disease now, not about its healed trace."""

TUBERCULOSIS: frozenset[str] = frozenset({"Tuberculosis", "Old Tuberculosis"})
_NOW = re.compile(
    r"지금|현재|요즘|이번에|최근에?\s*(?:생|걸|다)|(?:걸린|걸려\s*있는|앓고\s*있는)\s*(?:거|것|건|상태)"
    r"|걸렸(?:어|나|니|는)|\b(?:currently|now|acute(?:ly)?)\b",
    re.IGNORECASE,
)
"""A question about the disease or injury as it is now ("지금 결핵 걸린 거예요?", "현재 부러진 상태예요?"): an old,
healed one is not that."""
_TRACE_ASKED = re.compile(r"흔적|자국|흉터|예전|과거|옛날|전에|앓았|걸렸었|걸렸던|scar|old|prior", re.IGNORECASE)
"""A question about the trace of a past disease ("예전 결핵 흔적 지금도 있어요?"): the trace is what is asked."""


def asks_now(question: str) -> bool:
    """Whether ``question`` asks about a disease or injury as it is now, not about its old trace (``_NOW``)."""
    return bool(_NOW.search(question)) and not _TRACE_ASKED.search(question)


def _granuloma_only(findings: Findings) -> bool:
    """Whether every lesion the report states is a granuloma (healed inflammation, benign by definition)."""
    lesions = [
        d.observation
        for d in findings.details
        if d.status == "positive" and d.observation in ("Nodule", "Mass", "Lung Lesion", "Granuloma")
    ]
    return bool(lesions) and set(lesions) == {"Granuloma"}


_BENIGN = re.compile(r"\bbenign\b|양성\s*(?:병변|결절|가능성|으로|일)|likely (?:a )?granuloma", re.IGNORECASE)
"""A report's reading of a lesion as benign ("likely benign", "양성 가능성 높음")."""
_CANCER_WORDS = r"(?:malignan\w*|neoplas\w*|carcinoma|cancer|metasta\w*|lymphoma)"
_SUSPECTED_MALIGNANCY = re.compile(
    r"(?:malignan\w*|neoplas\w*|carcinoma|cancer|metasta\w*|lymphoma|악성|폐암|전이|종양)[^.\n]{0,25}"
    r"(?:의심|가능성|배제|suspect\w*|possib\w*|likely|cannot be excluded|not excluded)"
    r"|(?:suspicious|concerning|worrisome|worrying)\s+for\s+(?:a\s+)?"
    + _CANCER_WORDS
    + r"|(?:possible|probable|likely|r/o|rule out)\s+(?:[a-z]+\s+){0,2}"
    + _CANCER_WORDS,
    re.IGNORECASE,
)
"""The report's suspicion of a malignancy ("malignancy 의심", "concerning for neoplasm", "폐암 가능성")."""

_NO_NEW = re.compile(
    r"\bno (?:new|additional|other new|newly (?:developed|appearing))\b"
    r"|새로\s*(?:생긴|운|이\s*생긴|나타난)?[^.\n]{0,25}(?:없|않)"
    r"|신규\s*(?:병변|소견)?[^.\n]{0,15}(?:없|않)",
    re.IGNORECASE,
)
"""A negation of new findings only ("No new consolidation", "새로 생긴 병변 없음"): an old one may be there."""


_EFFUSION_KINDS = tuple(
    (name, re.compile(asked, re.IGNORECASE), re.compile(written, re.IGNORECASE))
    for name, asked, written in (
        (
            "피가 고인 것(혈흉)",
            r"(?<![가-힣])피(?=\s*(?:가|는|도)?\s*(?:고|찼|찬|차))|혈흉|ha?emothorax",
            r"ha?emothora\w*|혈흉|hemorrhagic|혈성",
        ),
        (
            "악성(암에 의한 것)",
            r"악성|(?<![가-힣])암(?:[이때으]|$)|malignan",
            r"malignan\w*|악성|암성|전이성|metasta\w*",
        ),
        ("고름이 찬 것(농흉)", r"농흉|고름|empyema", r"empyema|농흉|infected|감염성|parapneumonic|부폐렴"),
        ("결핵성", r"결핵", r"tubercul\w*|결핵성"),
    )
)
"""Kinds of pleural fluid a question may ask about: (Korean name, asked, written in the report)."""


def _kind_weighed(observation: str, asked: str, report: str) -> tuple[str, str] | None:
    """The kind of an effusion a question asks about that the report only weighs ("possibly hemothorax",
    "malignant effusion 가능성"): (its Korean name, the report's sentence), else None."""
    if observation != "Pleural Effusion" or not report:
        return None
    for name, kind_asked, kind_written in _EFFUSION_KINDS:
        written = kind_asked.search(asked) and kind_written.search(reported_text(report))
        if written:
            sentence = sentence_around(report, written)
            return (name, sentence) if hedged(sentence) else None
    return None


def presence_line(findings: Findings, observation: str, question: Question, report: str = "") -> str:
    """Whether the report states ``observation``, answered as asked, quoting its sentence.

    An acute finding that a normal report does not name is answered as absent, saying so (and why).
    """
    said = status(findings, observation)
    congestion = observation == "Edema" and "Edema" in (REPORT_NAMES.get() or {})
    if congestion and said == "negative":  # "congestion, no overt edema": Edema negative, the congestion there
        said = "positive"
    if said is None:
        basis, pattern = IMPLIED_BY_ABSENCE.get(observation, ("", ""))
        if (
            basis
            and status(findings, basis) == "negative"
            and re.search(pattern, evidence(findings, basis) or "", re.I)
        ):
            new = "새로 생긴 " if _NO_NEW.search(evidence(findings, basis) or "") else ""
            return (
                f"{yes_no(False, question.negated)}, 판독문에 {finding_name(observation)}에 대한 "
                f"직접적인 언급은 없지만, "
                f"{new}{as_subject(basis)} 없다고 적혀 있습니다.{cite(evidence(findings, basis))}"
            )
        if observation in DEVICES:  # reports list the tubes, lines and devices they see
            return (
                f"{yes_no(False, question.negated)}, 판독문에는 {as_subject(observation)} 있다고 적혀 있지 않습니다. "
                "판독문은 보이는 관이나 기구를 적기 때문에, 이 사진에는 없는 것으로 보입니다."
            )
        clear = CLEAR_LUNGS.search(reported_text(report)) if report else None
        nothing_acute = no_acute_statement(report)
        if observation in ACUTE and nothing_acute:
            return (
                f"{yes_no(False, question.negated)}, 판독문에 {finding_name(observation)}에 대한 "
                f"직접적인 언급은 없지만, "
                f"급성 이상 소견이 없다고 적혀 있습니다.{cite(nothing_acute)}"
            )
        if observation in TUBERCULOSIS:
            trace = next(
                (o for o in ("Old Tuberculosis", "Granuloma", "Scarring") if status(findings, o) == "positive"), None
            )
            if trace or nothing_acute or clear:
                said_trace = (
                    f" 판독문의 {finding_name(trace)}은(는) 예전 감염(결핵 등)이 나은 흔적으로,"
                    " 활동성 결핵을 뜻하지 않습니다."
                    f"{cite(evidence(findings, trace))}"
                    if trace
                    else cite(nothing_acute or (clear and sentence_around(report, clear)))
                )
                return (
                    f"{yes_no(False, question.negated)}, 판독문에는 활동성 결핵을 시사하는 소견이 적혀 있지 않습니다."
                    f"{said_trace} 결핵 여부는 증상과 객담 검사 등으로 담당 의료진이 판단합니다."
                )
        others = lesion_readings(report) if observation in LESIONS and _MALIGNANCY.search(question.text) else []
        if others:  # "암인가요?" on "hilar lymphadenopathy, sarcoidosis suspected"
            return (
                "확실하지 않습니다. 판독문에 종괴나 결절은 적혀 있지 않지만, 다음 내용이 적혀 있습니다: "
                + " ".join(f"{word.korean}: “{sentence}”" for word, sentence in others)
                + " 암인지 아닌지는 X선 판독문만으로 알 수 없고 추가 검사로 확인합니다. 담당 의료진과 상의하세요."
            )
        if observation in LESIONS and (nothing_acute or clear or findings.labels.get("No Finding") == "positive"):
            basis = nothing_acute or (clear and sentence_around(report, clear)) or evidence(findings, "No Finding")
            normal = " 이상 소견이 없다고 적혀 있습니다." if is_normal(findings, None, report) else ""
            if not _MALIGNANCY.search(question.text):  # "결절 있어요?": not named, and the report says why
                said = (
                    "이상 소견이 없다고 적혀 있습니다."
                    if normal
                    else "급성 이상 소견이 없다고 적혀 있습니다."
                    if nothing_acute
                    else "폐가 깨끗하다고 적혀 있습니다."
                    if clear
                    else "다음과 같이 적혀 있습니다."
                )
                return f"판독문에는 {as_subject(observation)} 따로 적혀 있지 않고, {said}{cite(basis)}"
            return (
                f"{yes_no(False, question.negated)}, 판독문에는 X선에서 종괴나 결절이 보인다는 내용이 없습니다."
                f"{normal}{cite(basis)} 다만 흉부 X선만으로 모든 병을 배제할 수는 없으니, "
                "증상이 있으면 담당 의료진과 상의하세요."
            )
        if observation == "Pneumonia" and status(findings, "Consolidation") in ("positive", "uncertain"):
            return (
                f"확실하지 않습니다. 판독문에 폐렴이라고 적혀 있지는 않지만, 폐렴에서도 보일 수 있는 "
                f"{as_subject('Consolidation')} 있다고 적혀 있습니다{attributes_said(findings, 'Consolidation')}."
                f"{cite(evidence(findings, 'Consolidation'))} 폐렴인지는 증상과 검사 결과를 함께 보고 담당 의료진이 "
                "판단합니다."
            )
        if observation in CLEARED_BY_CLEAR_LUNGS and clear:
            return (
                f"{yes_no(False, question.negated)}, 판독문에 {finding_name(observation)}에 대한 "
                f"직접적인 언급은 없지만, "
                f"폐가 깨끗하다고 적혀 있습니다.{cite(sentence_around(report, clear))}"
            )
        if (
            observation in ACUTE
            and findings.labels.get("No Finding") == "positive"
            and is_normal(findings, None, report)
        ):
            return (
                f"{yes_no(False, question.negated)}, 판독문에 {finding_name(observation)}에 대한 "
                f"직접적인 언급은 없지만, "
                "급성 이상 소견이 없는 정상 소견으로 적혀 있습니다."
            )
    quote = cite(evidence(findings, observation))
    if congestion:  # quote the congestion (the label may rest on "no overt edema" or "r/o edema" beside it)
        quote = cite(next(sentence_of(findings, d) for d in details_of(findings, "Edema") if d.status != "negative"))
    kind = _kind_weighed(observation, question.text, report) if said == "positive" else None
    if kind:
        # "피 고였어요?" on "effusion, possibly hemothorax", "악성 흉수야?" on "malignant effusion 가능성": the fluid
        # is there (the hedge weighs what it is), the kind asked is only possible
        name, sentence = kind
        return (
            f"확실하지 않습니다. 판독문에 {as_subject(observation)} 있다고 적혀 있지만"
            f"{attributes_said(findings, observation)}, {name}인지는 가능성으로만 적혀 있습니다.{cite(sentence)}"
        )
    now = asks_now(question.text)
    asks_active = _ACTIVE.search(question.text) or (
        observation == "Old Tuberculosis" and (_DIAGNOSIS_FORM.search(question.text) or now)
    )
    if said == "positive" and observation in LESIONS and _MALIGNANCY.search(question.text):
        in_sentence = _BENIGN.search(evidence(findings, observation) or "")
        elsewhere = None if in_sentence or not report else _BENIGN.search(reported_text(report))
        reading = " 판독문은 양성(benign)일 가능성이 높다고 적었습니다." if in_sentence or elsewhere else ""
        if elsewhere:
            reading += cite(sentence_around(report, elsewhere))
        suspected = _SUSPECTED_MALIGNANCY.search(reported_text(report)) if report and not reading else None
        if suspected:
            around = sentence_around(report, suspected)
            same = " ".join(around.split()) == " ".join((evidence(findings, observation) or "").split())
            reading = " 판독문은 악성(암)일 가능성을 의심한다고 적었습니다." + ("" if same else cite(around))
        if not suspected and _granuloma_only(findings):
            return (
                f"{yes_no(False, question.negated)}, 판독문은 이 병변을 육아종(granuloma)으로 적었습니다"
                f"{attributes_said(findings, observation)}. 육아종은 대개 과거의 염증(감염)이 남긴 흔적으로, 암을 "
                f"뜻하는 소견이 아닙니다.{quote} 담당 의료진과 상의하세요."
            )
        return (
            f"확실하지 않습니다. 판독문에 {as_subject(observation)} 있다고 적혀 있지만"
            f"{attributes_said(findings, observation)}, 암인지는 X선 판독문만으로 알 수 없고 CT나 조직 검사 등으로 "
            f"확인합니다.{quote}{reading} 담당 의료진과 상의하세요."
        )
    if said in ("positive", "uncertain") and observation == "Edema" and "Edema" in (REPORT_NAMES.get() or {}):
        if CONGESTION.search(question.text) or re.search(r"피가?\s*몰", question.text):  # "폐에 피가 몰렸나요?"
            lead = yes_no(True, question.negated)
            return f"{lead}, 판독문에 {as_subject(observation)} 있다고 적혀 있습니다.{quote} {CONGESTION_MEANING}"
        # (congestion alone is possible edema: whether the congestion itself is hedged is in its words)
        congested = [d for d in details_of(findings, "Edema") if d.status != "negative"]
        hedged_congestion = said == "uncertain" and all(hedged(d.sentence or d.text) for d in congested)
        said_so = "있을 가능성이 있다고" if hedged_congestion else "있다고"
        denied = next((d for d in findings.details if d.observation == "Edema" and d.status == "negative"), None)
        # Congestion may come before edema: "no" only where the report rules edema out ("no frank edema").
        lead = f"{yes_no(False, question.negated)}, " if denied else "확실하지 않습니다. "
        if denied:
            quote = cite(
                " / ".join(dict.fromkeys([evidence(findings, observation) or "", sentence_of(findings, denied)]))
            )
        # "no overt edema" is said in as many words: the edema is not there
        ruled_out = "은 없다고 적혀 있고, 대신" if denied else "이 아니라"
        return (
            f"{lead}판독문에는 폐에 물이 찬 폐부종(pulmonary edema){ruled_out} "
            f"{as_subject(observation)} {said_so} 적혀 있습니다{attributes_said(findings, observation)}.{quote} "
            "폐울혈은 폐의 혈관에 피가 몰려 있다는 뜻으로, 심장에 부담이 있을 때 보입니다."
            + ("" if denied else " 폐부종이 있는지 없는지는 따로 적혀 있지 않습니다.")
        )
    if said == "positive" and observation in FRACTURES and chronic(findings, observation):
        bone = bone_prefix(evidence(findings, observation) or "")
        return (  # "지금 부러진 거예요?" on a healed fracture: not now
            f"{yes_no(not now, question.negated)}, 판독문에는 오래된(치유된) "
            f"{bone}{as_subject(observation)} 있다고 적혀 있습니다"
            f"{attributes_said(findings, observation)}."
            f"{quote} {OLD_FRACTURE_MEANING} 새로 생긴(급성) 골절은 적혀 있지 않습니다."
        )
    if said == "positive" and observation in INACTIVE and asks_active:
        return (
            f"{yes_no(False, question.negated)}, 판독문에 {as_subject(observation)} 있다고 적혀 있지만, "
            f"이는 예전 병의 흔적으로 활동성 병변을 뜻하지 않습니다.{quote}"
        )
    if said == "positive":
        meaning = explanation_of(observation)
        bone = bone_prefix(evidence(findings, observation) or "") if observation in FRACTURES else ""
        return (
            f"{yes_no(True, question.negated)}, 판독문에 {bone}{as_subject(observation)} 있다고 적혀 있습니다."
            + attributes_said(findings, observation)
            + quote
            + (f" {meaning}" if meaning else "")
        )
    if said == "negative":
        taken_out = next((d for d in details_of(findings, observation) if removed(d)), None)
        if taken_out is not None:
            return (
                f"{yes_no(False, question.negated)}, 판독문에 {as_subject(taken_out.observation)} 제거되었다고 적혀 "
                f"있습니다.{cite(sentence_of(findings, taken_out))}"
            )
        if _NO_NEW.search(evidence(findings, observation) or ""):  # "No new consolidation": an old one may be there
            return (
                f"{yes_no(False, question.negated)}, 판독문에는 새로 생긴 {as_subject(observation)} "
                "없다고 적혀 있습니다."
                f"{quote} 이전부터 있던 것이 있는지는 따로 적혀 있지 않습니다."
            )
        return f"{yes_no(False, question.negated)}, 판독문에는 {as_subject(observation)} 없다고 적혀 있습니다.{quote}"
    if said == "uncertain":
        possible = [d for d in details_of(findings, observation) if d.status == "uncertain"]
        where = ", ".join(dict.fromkeys(w for d in possible if (w := place_ko(d))))
        # "세균 감염일 수도 있나요?": a possibility asked is answered 네 where the report weighs it
        lead = (
            f"{yes_no(True, question.negated)}, 가능성이 있다고 적혀 있습니다."
            if POSSIBILITY_ASKED.search(question.text)
            else "확실하지 않습니다."
        )
        return (
            f"{lead} 판독문은 {f'{where}에 ' if where else ''}{_possibility(observation, quote)}.{quote} "
            "추가 검사나 담당 의료진의 설명이 필요할 수 있습니다."
        )
    return f"판독문에 {finding_name(observation)}에 대한 언급이 없어, 이 판독문으로는 확인할 수 없습니다."


def _possibility(observation: str, quote: str) -> str:
    """How the report weighs an uncertain finding: borderline, else a possibility."""
    if re.search(r"borderline|경계", quote, re.I):
        return f"{as_subject(observation)} 경계선(borderline) 수준이라고 적었습니다"
    return f"{finding_name(observation)}의 가능성을 언급합니다"


LOOKALIKES: dict[str, str] = {"Emphysema": "피하기종"}
"""A finding -> the ``REPORT_WORDS`` finding whose name sounds like it (폐기종 / 피하기종): asked about the
first on a report that names only the second, the answer says which one the report means."""


def _lookalike(findings: Findings, observation: str, report: str) -> str:
    korean = LOOKALIKES.get(observation)
    if not korean or status(findings, observation) is not None:
        return ""
    said = next(((w, sentence) for w, sentence in report_words_found(report) if w.korean == korean), None)
    if said is None:
        return ""
    word, sentence = said
    return (
        f" 다만 판독문에는 이름이 비슷한 {word.korean}{particle(word.korean, '이', '가')} 적혀 있습니다"
        f"(판독문: “{sentence}”). {word.explanation} {korean_name(observation)}과는 다른 소견입니다."
    )


_AIR_ELSEWHERE: tuple[tuple[WrittenAs, str], ...] = (
    (WrittenAs(observation="Pneumomediastinum"), "종격동 기종(양쪽 폐 사이 가운데 공간의 공기)"),
    (WrittenAs(observation="Subcutaneous Emphysema"), "피하기종(피부 밑의 공기)"),
    (WrittenAs(r"pneumopericardi\w*|심낭\s*(?:기종|공기)"), "심낭 기종(심장을 싼 막 안의 공기)"),
    (WrittenAs(observation="Pneumoperitoneum"), "복강 내 공기(배 안의 공기)"),
)
"""Air outside the lungs that a pneumothorax question may be after ("기흉 있어요?" with pneumomediastinum)."""


def _air_elsewhere(observation: str, report: str) -> str:
    """For a pneumothorax the report denies or does not name: the air it names elsewhere, quoted ("" for none)."""
    if observation != "Pneumothorax" or not report:
        return ""
    text, named = reported_text(report), {}
    for pattern, korean in _AIR_ELSEWHERE:
        for start, end in sentence_spans(text):
            sentence = " ".join(text[start:end].split())
            found = pattern.search(sentence)
            if not found:
                continue
            if denied_at(sentence, found):
                continue
            named.setdefault(sentence, []).append(korean)
            break
    if not named:
        return ""
    said = "; ".join(f"{', '.join(names)} (판독문: “{sentence}”)" for sentence, names in named.items())
    # not "기흉과는 다른": the answer names no pneumothorax it does not mean (the grounding check reads it)
    return f" 다만 판독문에는 이와 다른 소견인, 폐 밖의 다른 곳의 공기가 적혀 있습니다: {said}."


def _bone_fracture(findings: Findings, bone: str, question: Question, report: str = "") -> Reply | None:
    """The answer about a fracture of ``bone`` ("쇄골"), from the fractures whose sentence names it; a bone the
    report could not judge or only suspects ("흉골은 평가 제한적", "r/o scapula fracture") is not certain; when
    none is said but another bone's fracture is written, says so and names it; None when no fracture is written."""
    fractures = [d for d in findings.details if d.observation in FRACTURES and d.status != "negative"]
    hits = [d for d in fractures if bone_named(sentence_of(findings, d)) == bone]
    text = reported_text(report) if report else ""
    unsure = bone_sentence([" ".join(text[s:e].split()) for s, e in sentence_spans(text)], bone) if not hits else None
    if unsure:
        how, sentence = unsure
        said = (
            f"판독문에는 {bone} 골절 여부를 이 검사로는 평가하기 어렵다고(평가 제한) 적혀 있습니다."
            if how == "not_assessed"
            else f"판독문은 {bone} 골절의 가능성(의심)을 언급하지만 확정하지는 않았습니다."
        )
        return Reply(f"확실하지 않습니다. {said}{cite(sentence)} 추가 검사나 담당 의료진의 설명이 필요할 수 있습니다.")
    if not fractures:
        return None
    if not hits:
        others = "; ".join(
            dict.fromkeys(
                f"{bone_named(sentence_of(findings, d)) or '뼈'} 골절: “{sentence_of(findings, d)}”" for d in fractures
            )
        )
        return Reply(
            f"{yes_no(False, question.negated)}, 판독문에 {bone} 골절은 적혀 있지 않습니다. 다른 뼈에 대해서는 다음과 "
            f"같이 적혀 있습니다: {others}",
            claims_of(findings, [d.observation for d in fractures]),
        )
    lines = []
    for detail in hits:
        sentence = sentence_of(findings, detail)
        side = SIDE_KO.get(detail.side or "")
        where = f"{side} " if side else ""
        if detail.status == "uncertain":
            lines.append(f"확실하지 않습니다. 판독문은 {where}{bone} 골절의 가능성을 언급합니다.{cite(sentence)}")
        elif is_old(detail.observation, sentence):
            lines.append(
                f"{yes_no(not asks_now(question.text), question.negated)}, 판독문에는 {where}{bone}의 오래된(치유된) "
                "골절이 있다고 적혀 "
                f"있습니다.{cite(sentence)} {OLD_FRACTURE_MEANING}"
            )
        else:
            said = f"판독문에 {where}{bone} 골절이 있다고 적혀 있습니다."
            lines.append(f"{yes_no(True, question.negated)}, {said}{cite(sentence)}")
    return Reply("\n".join(dict.fromkeys(lines)), claims_of(findings, [d.observation for d in hits]))


def presence_answer(findings: Findings, question: Question, report: str = "") -> Reply:
    """Whether each asked finding is there; a bone named in the question ("갈비뼈", "척추") is answered for
    that bone first, never with another bone's fracture alone."""
    observations = resolve(findings, question.observations)
    lines = []
    main = question.observations[0] if question.observations else None
    if main in FORMS and status(findings, main) is None:  # "긴장성 기흉이에요?" where only a pneumothorax is
        answered = _form_unsaid(findings, question, main, report)
        if answered:
            return answered
    bone = bone_named(question.text) if main in FRACTURES else ""
    if bone and bone not in BONE_OF_LABEL.values():  # "쇄골 부러졌어요?": that bone's fracture, never a rib's for it
        answered = _bone_fracture(findings, bone, question, report)
        if answered:
            return answered
    broken = [d for d in findings.details if d.observation in FRACTURES and d.status != "negative"]
    bones = list(dict.fromkeys(bone_named(sentence_of(findings, d)) for d in broken))
    if main in FRACTURES and not bone and len(bones) > 1 and all(bones):  # "뼈 부러졌어요?": each bone's
        answers = [_bone_fracture(findings, b, question) for b in bones]
        texts = [a.text for a in answers if a]
        return Reply(
            "\n".join(texts[:1] + [YES_NO_LEAD.sub("", t) for t in texts[1:]]),
            claims_of(findings, [d.observation for d in broken]),
        )
    if (
        main in BONE_OF_LABEL
        and status(findings, main) is None
        and any(status(findings, o) is not None for o in observations)
        and not any(bone_named(evidence(findings, o) or "") == BONE_OF_LABEL[main] for o in observations)
    ):
        lines.append(
            f"판독문에는 {finding_name(main)}에 대한 언급이 없습니다. "
            "다만 다른 뼈에 대해서는 다음과 같이 적혀 있습니다:"
        )
    for observation in observations:
        ctr = ctr_line(report) if observation == "Cardiomegaly" else ""
        found = cardiothoracic_ratio(report) if ctr else None
        if ctr and found and status(findings, observation) is None:
            lines.append(f"{yes_no(found[0] > CTR_LIMIT, question.negated)}, {ctr}")
            continue
        if observation == "Cardiomegaly" and not ctr and CTR_NAMED.search(question.text):
            ctr = "판독문에 CTR(심흉곽비) 수치는 적혀 있지 않습니다."
        lines.append(
            presence_line(findings, observation, question, report)
            + (f" {ctr}" if ctr else "")
            + _lookalike(findings, observation, report)
            + (_air_elsewhere(observation, report) if status(findings, observation) != "positive" else "")
        )
    if lines and lines[0].endswith("적혀 있습니다:"):  # other bones: facts, not the answer to the bone asked
        lines[1:] = [YES_NO_LEAD.sub("", line) for line in lines[1:]]
    return Reply("\n".join(lines), claims_of(findings, observations))


def _form_unsaid(findings: Findings, question: Question, form: str, report: str) -> Reply | None:
    """A specific form asked ("긴장성 기흉", "흡인성 폐렴") where the report names only the finding: the form is not
    written; a pneumothorax's mediastinal shift, when the report tells it, says whether it acts as a tension one."""
    finding = FORMS[form]
    if status(findings, finding) in (None, "negative"):
        return None  # no pneumothorax at all: the finding's own answer says so
    unsaid = f"판독문에 {finding_name(form)}에 대한 언급은 없습니다."
    line = YES_NO_LEAD.sub("", presence_line(findings, finding, replace(question, observations=(finding,)), report))
    claims = claims_of(findings, [finding])
    shift = (
        report_word_reading(MEDIASTINAL_SHIFT, reported_text(report))
        if form == "Tension Pneumothorax" and report
        else None
    )
    if shift and shift[1] == "denied":
        said = "긴장성 기흉에서 보이는 종격동 이동(심장과 가운데 구조물이 반대쪽으로 밀림)은 없다고 적혀 있습니다."
        lead = yes_no(False, question.negated)
        return Reply(f"{lead}, {unsaid} {said}{cite(shift[0])}\n{line}", claims)
    if shift:
        said = "다만 종격동 이동이 있다고 적혀 있어, 담당 의료진의 즉각적인 확인이 필요할 수 있습니다."
        return Reply(f"확실하지 않습니다. {unsaid} {said}{cite(shift[0])}\n{line}", claims)
    return Reply(f"{unsaid} {line}", claims)


def ctr_answer(findings: Findings, question: Question, report: str) -> Reply:
    """The value asked by "CTR?" / "심흉곽비는?": the report's ratio and what it means, else what it says of the
    heart's size (that answer says the ratio is not written)."""
    line = ctr_line(report)
    if line:
        return Reply(line, claims_of(findings, ["Cardiomegaly"]))
    return presence_answer(findings, replace(question, kind="presence", observations=("Cardiomegaly",)), report)
