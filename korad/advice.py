"""What a text recommends: the kinds of next step (CT, follow-up imaging, biopsy ...) it advises.

``recommended_steps(text)`` reads a report's advice sentences or a model's answer (English, Korean or
mixed) and returns the kinds of step each recommending sentence names. A sentence recommends when it
says a step is needed, advised or to be done ("추적 CT를 권합니다", "CT 검사가 필요합니다",
"follow-up CT is recommended", "받아 보세요"); a step said to be unneeded ("추가 검사는 필요하지
않습니다"), a step left to the doctor ("CT가 필요한지는 담당 의사가 판단합니다") or a possibility
("CT를 찍을 수도 있습니다") is no recommendation. Asking one's doctor, a specialist or the care team
is no step of its own (the steps such a sentence names are what to talk about), nor is "clinical
correlation" or a comparison with older images; a sentence that tells what the report advises
("보고서는 CT를 권하고 있습니다") relays it. Used by ``korad.clinical_errors`` to find an answer's
``unsupported_recommendation`` (docs/metrics.md).
"""

from __future__ import annotations

import re

from korad.text import sentence_spans

STEPS: dict[str, tuple[str, ...]] = {
    "ct": (r"(?<![a-z])ct(?![a-z])", r"씨티", r"컴퓨터\s*단층", r"(?<![a-z])cta(?![a-z])", r"hrct"),
    "mri": (r"(?<![a-z])mri(?![a-z])", r"자기\s*공명"),
    "pet": (r"(?<![a-z])pet(?![a-z])", r"펫\s*(?:검사|ct)"),
    "echocardiography": (r"echocardiog\w*", r"(?<![a-z])echo(?![a-z])", r"심초음파", r"심장\s*초음파"),
    "ultrasound": (r"ultrasound", r"sonograph\w*", r"(?<!심)(?<!심장\s)초음파"),
    "radiograph": (
        r"radiograph\w*",
        r"x-?ray",
        r"(?<![a-z])cxr(?![a-z])",
        r"chest (?:film|x)",
        r"pa and lateral",
        r"흉부\s*(?:x|엑스|사진|촬영|방사선)",
        r"엑스레이",
        r"x선",
    ),
    "follow_up": (
        r"follow[- ]?up",
        r"short[- ]interval",
        r"repeat (?:imaging|study|film|radiograph|ct|chest)",
        r"추적",
        r"재검",
        r"재촬영",
        r"다시\s*(?:찍|촬영)",
        r"(?:사진|영상)[을를]?\s*(?:다시|또)",
        r"경과\s*관찰",
    ),
    "further_tests": (
        r"further (?:evaluation|assessment|imaging|workup|characteri[sz]ation)",
        r"additional imaging",
        r"추가\s*(?:검사|촬영|평가|영상)",
        r"정밀\s*검사",
        r"다른\s*검사",
        r"더\s*(?:자세한|정밀한)\s*검사",
    ),
    "bronchoscopy": (r"bronchoscop\w*", r"기관지\s*내시경"),
    "biopsy": (r"biops\w*", r"조직\s*검사", r"생검", r"세포\s*검사"),
    "drainage": (r"thoracentesis", r"drainage", r"천자", r"배액"),
    "device_adjustment": (
        r"withdraw\w*",
        r"retract\w*",
        r"advanc(?:e|ed|ing|ement)(?![a-z])",
        r"reposition\w*",
        r"adjust\w*",
        r"pull(?:ed|ing)? back",
        r"위치\s*(?:를|을)?\s*(?:조정|교정|재조정)",
        r"(?:빼|당겨|넣어|전진시켜|후퇴시켜)(?:야|\s*주)",
        r"(?:후퇴|전진|재조정|재위치)",
        r"(?:관|튜브|카테터|라인)\s*(?:교체|제거)",
    ),
    "device_placement": (
        r"(?:tube|line|catheter|drain) (?:placement|insertion)",
        r"(?:placement|insertion) of",
        r"(?:관|튜브|카테터|라인|배액관)\s*(?:삽입|거치|유치)",
        r"삽입",
        r"재삽관",
        r"교체",
        r"reinsert\w*",
        r"reintubat\w*",
        r"replace(?:d|ment)?(?![a-z])",
    ),
    "laboratory": (
        r"(?<![a-z])lab(?:s|oratory)?(?![a-z])",
        r"culture",
        r"sputum",
        r"blood test",
        r"혈액\s*검사",
        r"객담",
        r"가래\s*검사",
        r"배양",
        r"결핵\s*검사",
        r"피검사",
    ),
    "treatment": (
        r"antibiotic\w*",
        r"diuretic\w*",
        r"surgery",
        r"surgical",
        r"operation",
        r"treatment",
        r"hospitali[sz]",
        r"항생제",
        r"이뇨제",
        r"수술",
        r"치료",
        r"약을?\s*(?:드|복용|먹)",
        r"시술",
        r"입원",
    ),
}
"""Kind of next step -> the words that name it. Latin words are bounded by non-letters, not ``\\b``:
in "CT를" a Hangul syllable is a word character."""
_STEPS = {kind: re.compile("|".join(patterns), re.IGNORECASE) for kind, patterns in STEPS.items()}

_RECOMMENDS = re.compile(
    r"recommend\w*|advis\w*|suggest\w*|should|must|need(?:s|ed)?(?![a-z])|warrant\w*|consider\w*|please|is indicated"
    r"|필요|권(?:합|하|장|고|유|해)|추천|요망|요함|바랍|바람|좋(?:습|겠|아요|을)|세요|십시오"
    r"|받아\s*보|해\s*보|[가-힣]야\s*(?:합|해|하|한다|할|됩|돼|될)|고려|시행하|[가-힣]면\s*(?:됩니다|돼요|된다)",
    re.IGNORECASE,
)
"""Words of a sentence that advises a step."""
_NOT_RECOMMENDED = re.compile(
    r"필요(?:하지|치)\s*않|필요\s*(?:가|는)?\s*없|필요[가는]?\s*없|않아도|안\s*(?:해도|받아도|찍어도)|권하지\s*않|하지\s*마"
    r"|not (?:needed|necessary|required|recommended|indicated|warranted)|no (?:further|additional|need)|unnecessary"
    r"|필요한지|필요할지|필요\s*여부|할지|받을지|찍을지|(?:의사|의료진|선생님|주치의)[가-힣\s]{0,12}(?:판단|결정|정할)"
    r"|수\s*(?:도\s*)?있(?:습|어|을)|may be|might|could be|if (?:needed|necessary)|권(?:고|장|유)[가는]?\s*없",
    re.IGNORECASE,
)
"""A step said to be unneeded, left to the doctor's decision, or only possible."""
_REPORTED = re.compile(
    r"보고서|판독문|판독\s*(?:에서|결과)|(?:권고|권장|권유|추천)(?:되었|됐|되어\s*있|하고\s*있)|권하고\s*있|the report"
    r"|radiologist",
    re.IGNORECASE,
)
"""A sentence that tells what the report advises relays it: the answer recommends nothing of its own."""
_CONSULT = re.compile(
    r"상의|상담|문의|여쭤|물어|진료를?\s*받|consult|discuss|ask (?:your|the)|talk (?:to|with)", re.IGNORECASE
)
"""Advice to ask one's doctor: the steps it names are topics of that talk, not recommendations."""


def recommended_steps(text: str) -> list[str]:
    """The kinds of step (``STEPS``) that the recommending sentences of ``text`` name, in order, once each."""
    return list(dict.fromkeys(step for _, steps in recommendations(text) for step in steps))


def recommendations(text: str) -> list[tuple[str, list[str]]]:
    """Each sentence of ``text`` that recommends a step of its own, with the kinds of step it names."""
    found = []
    for start, end in sentence_spans(text):
        sentence = text[start:end].strip()
        steps = named_steps(sentence) if _advises(sentence) else []
        if steps:
            found.append((sentence, steps))
    return found


def _advises(sentence: str) -> bool:
    return bool(
        _RECOMMENDS.search(sentence)
        and not _NOT_RECOMMENDED.search(sentence)
        and not _CONSULT.search(sentence)
        and not _REPORTED.search(sentence)
    )


def named_steps(text: str) -> list[str]:
    """The kinds of step ``text`` names, whatever it says of them (a report's advice sentences)."""
    return [kind for kind, pattern in _STEPS.items() if pattern.search(text)]
