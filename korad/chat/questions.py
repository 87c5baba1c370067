"""What a Korean question about a report asks: its kind, the findings it names, and its polarity.

``read_question("결절이 큰가요?")`` -> ``Question(kind="size", observations=("Nodule", ...), ...)``.

Findings are found three ways: the labeler's own mentions (the report vocabulary, English and
Korean: "기흉", "effusion"), the glossary's terms, and the everyday paraphrases people use instead
of the medical word (``PARAPHRASES``: "폐에 물이 찼나요" is a pleural effusion). The polarity is read
from the end of the question: "흉수가 없나요?" asks about an absence, so "네" means "there is none".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from korad import lexicon
from korad.findings import label_report
from korad.glossary import find_terms
from korad.numbers import number_of

Kind = Literal[
    "meaning",
    "next_steps",
    "removal",
    "count",
    "urgency",
    "position",
    "side",
    "worse_side",
    "size",
    "severity",
    "change",
    "summary",
    "presence",
    "normality",
    "fitness",
    "cause",
    "communicated",
    "compared",
    "finding_count",
    "other",
]

PARAPHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # the round-2 vocabulary in everyday words (before the pneumothorax's "공기가 찼"): "피부 밑에 공기가 찼나요?"
    (r"피부\s*(?:밑|아래)[가-힣\s]{0,4}(?:공기|바람)|(?<![가-힣])피하", ("Subcutaneous Emphysema",)),
    (r"종격동[가-힣\s]{0,4}(?:공기|바람)", ("Pneumomediastinum",)),
    (r"림프절|임파선|림프샘|임파절", ("Lymphadenopathy",)),
    (r"기관지[가-힣\s]{0,3}(?:늘어|넓어|확장|커)", ("Bronchiectasis",)),
    (r"유방[가-힣\s]{0,4}(?:수술|절제|떼|잘라)", ("Mastectomy", "Axillary Surgery")),
    (r"겨드랑이|액와", ("Axillary Surgery", "Lymphadenopathy")),
    (r"사레|(?:음식물?|(?<!기)침|토한\s*(?:것|게)|구토물|위\s*내용물)[가-힣\s]{0,6}(?:폐|기도|기관)", ("Aspiration",)),
    (r"(?:특발성\s*)?폐\s*섬유증|간질성|(?<![A-Za-z])(?:ILD|IPF)(?![A-Za-z])", ("Interstitial Lung Disease",)),
    (
        r"물이?\s*(?:(?:다시|또|더|아직|얼마나|많이|조금)\s*)?(?:찼|찬|차\s*있|차있|고였|고여|고인|들어\s*찼|있|남)|물\s*고임|물이\s*차"
        # "왼쪽 물은 ...", "물 어느쪽이 더 많아요"; "물 뺀 다음에 기흉 생겼어요?" names the drainage, not the fluid
        r"|(?<![가-힣])물(?:[은이가도]|은요|이요)?(?=\s|[?？.]|$)(?!\s*(?:빼|뺀|뺐|뽑|(?:좀\s*)?(?:마시|마셔|먹)))"
        r"|물[이은]?\s*(?:(?:아직|좀|너무|더|많이)\s*)?(?:많|적|조금|얼마나)"  # "물이 많아요?": how much fluid
        r"|물[은이가도]?\s*(?:없|안\s*(?:찼|차|고였|고여))",
        ("Pleural Effusion", "Edema"),
    ),
    (
        r"(?:폐|허파)[가-힣\s]{0,6}?(?:쪼그라|쭈그러|찌그러|줄어들었|펴지지|안\s*펴|덜\s*펴|접혔|오그라)|쪼그라|쭈그러",
        ("Atelectasis",),
    ),
    (  # "폐가 다시 펴졌나요?": a collapsed lung re-expanded, after atelectasis or a pneumothorax
        r"(?:폐|허파)[가-힣]{0,2}\s*(?:다시|잘)\s*(?:펴|부풀)",
        ("Atelectasis", "Pneumothorax"),
    ),
    (
        r"(?:바람|공기)[이가은는도]?\s*(?:(?:다시|또|더|아직|많이|조금)\s*)?(?:안\s*)?(?:샜|샌|새|빠졌|들어|든|찼|찬|차\s*있|차있|고였|고여)"
        r"|폐에\s*구멍|(?<!식도)(?<!식도\s)(?<!식도에\s)(?<!식도에)구멍이?\s*(?:났|뚫)|(?:폐|허파)[가-힣]{0,2}\s*(?:터졌|터진|터지)",
        ("Pneumothorax",),
    ),
    (r"피가?\s*(?:(?:다시|또|더|아직)\s*)?(?:찼|찬|차\s*있|차있|고였|고여|고인)|피\s*고임", ("Pleural Effusion",)),
    # a cancer or tumour is read as the report's mass first ("암 크기 줄었어요?" on a known mass and a new nodule)
    (r"종양|(?<![가-힣])암(?:\b|[이인일은도])|악성", ("Mass", "Nodule", "Lung Lesion")),
    (r"혹|덩어리|멍울|몽우리", ("Nodule", "Mass", "Lung Lesion")),
    (
        r"(?<![가-힣])점[이은도]?\s*(?:하나\s*)?(?:있|보|생)|동그란\s*(?:게|것|거|그림자|점)|콩알",
        ("Nodule", "Lung Lesion"),
    ),
    (r"염증|감염|세균|바이러스|폐렴기", ("Pneumonia", "Consolidation")),
    (
        r"심장[이가은는도]?\s*(?:(?:이|예)?전(?:보다|에\s*비해|이랑\s*비교해)\s*|지난\s*번보다\s*|저번보다\s*)?"
        r"(?:(?:많이|좀|조금|약간|너무|더|점점|계속|안|얼마나|어느\s*정도)\s*)?(?:커|크|컸|비대|부었|늘어|작아|줄었|줄어)"
        r"|심장[이가은는도]?\s*(?:(?:이|예|그\s*)?전에도)\s*(?:커|크|컸|비대)",
        ("Cardiomegaly",),
    ),
    (r"심장\s*크기|심장(?:[이가은는도]|에는|엔)?\s*(?:괜찮|정상|이상|문제)", ("Cardiomegaly",)),
    # the heart asked against the prior with no predicate ("심장 전보다?", "심장은 작년이랑 비교하면?"): its size
    (r"심장[이가은는도]?\s*,?\s*(?:[^\s?？]+\s*)?(?:보다|비교(?:해서|하면)?|대비)\s*[?？]*\s*$", ("Cardiomegaly",)),
    (r"(?<![A-Za-z])CTR(?![A-Za-z])|심흉곽비|심장\s*흉곽\s*비|cardiothoracic", ("Cardiomegaly",)),
    (r"뼈[는은가이도]?\s*(?:괜찮|정상|이상|문제)", ("Fracture", "Rib Fracture", "Vertebral Fracture")),
    (
        r"뼈[가-힣]{0,2}\s*(?:부러|금|골절|다쳤)|금이?\s*(?:갔|간)|부러(?:졌|진)",
        ("Fracture", "Rib Fracture", "Vertebral Fracture"),
    ),
    (r"갈비뼈|늑골", ("Rib Fracture",)),
    (r"척추[가-힣]{0,2}\s*(?:부러|골절|금|주저앉|내려앉|압박)", ("Vertebral Fracture",)),
    (r"척추[가-힣]{0,2}\s*(?:휘|휜|굽|틀어|틀어진)|척추\s*측만|허리가\s*(?:휘|휜)|등이\s*(?:휘|휜|굽)", ("Scoliosis",)),
    (r"폐[가-힣]{0,2}\s*(?:부었|붓|부종)|부었|붓기", ("Edema",)),
    (r"폐기종|폐가\s*(?:늘어|부풀|과팽창)|담배\s*때문|COPD|만성\s*폐쇄성", ("Emphysema", "Hyperinflation")),
    (r"결핵|전염|옮기나|옮을|옮나|옮아|옮는", ("Tuberculosis", "Old Tuberculosis")),  # "다른 사람에게 옮기나요?"
    (r"흉터|상처\s*자국|섬유화|굳은\s*자국|(?:폐|허파)[가-힣\s]{0,3}상처", ("Scarring",)),
    # "폐가 굳었나요?": 경화 (consolidation) is "hardening"; a scar is hard too
    (r"(?:폐|허파)[가-힣]{0,2}\s*(?:굳|딱딱|단단)", ("Consolidation", "Scarring")),
    (r"피가?\s*몰(?:렸|려|린)|혈관\s*울혈|울혈", ("Edema",)),
    (r"탈장|위가?\s*(?:올라|밀려)", ("Hiatal Hernia",)),
    (r"석회|돌\s*같은|칼슘", ("Granuloma",)),
    (r"혈관이?\s*(?:굳|딱딱|좁)|동맥\s*경화|죽상", ("Aortic Atherosclerosis",)),
    (r"대동맥이?\s*(?:구불|꼬불|휘|늘어)", ("Aortic Tortuosity",)),
    (r"흉막[이가은는]?\s*(?:두꺼|두껍|비후)", ("Pleural Other",)),
    (r"하얗|하얀|하얘|허옇|허연|희뿌|뿌옇|뿌연|그림자|얼룩|음영", ("Lung Opacity",)),
    (r"가운데가?\s*넓|종격동[이가은는]?\s*(?:넓|커)", ("Enlarged Cardiomediastinum",)),
    (r"기관\s*절개|목\s*(?:관|튜브)|trach", ("Tracheostomy Tube",)),
    (r"엔지\s*(?:튜브|관)|엔지티|오지\s*튜브", ("Nasogastric Tube",)),
    (
        r"이티\s*(?:튜브|관)|이티티|호흡\s*관|숨\s*관|입(?:에|으로)\s*(?:있는|넣은|꽂은|들어간)\s*(?:관|튜브)",
        ("Endotracheal Tube",),
    ),
    (
        r"기관\s*(?:내\s*)?(?:삽관|튜브)|기관\s*내\s*관|숨\s*쉬는\s*(?:관|튜브)|인공\s*호흡|E-?T\s*-?tube|\bETT?\b|endotracheal",
        ("Endotracheal Tube",),
    ),
    (
        r"콧줄|코\s*(?:줄|관|튜브)|(?<![가-힣])위\s*(?:관|튜브)|비위관|영양관|L-?tube|[NO]G\s*-?tube|\b[NO]GT\b|\b[NO]G\b"
        r"|feeding\s*tube|enteric\s*tube|dobhoff|\bDHT\b",
        ("Nasogastric Tube",),
    ),
    (
        r"가슴\s*(?:관|튜브)|흉관|배액관|chest\s*tube|pig\s*tail|(?<![A-Za-z])PCD(?![A-Za-z])|경피적?\s*(?:배액|배농)"
        r"|\bdrains?\b(?!\s+(?:the|it|this|that|them|fluid|effusion))",
        ("Chest Tube",),
    ),
    (r"스완|swan|폐동맥\s*(?:카테터|관)|\bPA\s*(?:catheter|line|cath)", ("Pulmonary Artery Catheter",)),
    (
        r"중심\s*정맥|(?:케모|캐모)\s*포트|(?<![가-힣])포트|\bport\b|PICC|C-?line|central\s*line|\bCVC\b|\bIJ\b|쇄골\s*하"
        r"|혈관\s*(?:관|주사)|introducer|인트로듀서|\bcordis\b|코디스|\bsheath\b",
        ("Central Line",),
    ),
    (r"IABP|풍선\s*펌프|impella|임펠라|ECMO|에크모|LVAD|심장\s*보조", ("Cardiac Assist Device",)),
    (
        r"(?:심|심장\s*)?박동기|(?:심박|박동)\s*조율기|페이스\s*메이커|pacemaker|제세동기|ICD|리드"
        r"|\b(?:RA|RV|LV|CS|atrial|ventricular|pacer|pacing|defibrillator)\s+leads?\b|\b(?:which|many|the|its)\s+leads?\b"
        r"|\bleads?\b(?=\s+(?:moved|move|migrated|dislodged|retracted|positions?|tips?|intact|in\s+place))",
        ("Pacemaker",),
    ),
    (r"루프\s*(?:기록기|레코더)|심전도\s*기록기|loop\s*recorder|\bILR\b", ("Loop Recorder",)),
    (r"스텐트|stent", ("Stent",)),
    (r"철사|와이어|\bwires?\b", ("Sternotomy Wires",)),
    (
        r"수술\s*(?:한|했던|받은)?\s*(?:흔적|자국)|가슴\s*(?:뼈|수술)[가-힣\s]{0,6}철사|철사|와이어",
        ("Sternotomy Wires", "Surgical Clips"),
    ),
    (
        r"(?<!혈)(?<!기)(?:관|튜브|(?<!한\s)(?<!한)줄|라인|카테터|기구|장치|기계)들?[이가은는을를의도]?(?:\s|$|\?)"
        r"|(?<![가-힣])(?:선|줄|라인)들(?![가-힣])|(?<![가-힣])선들?[이가은는을를도](?=\s)",
        ("Support Devices",),
    ),
)
"""Everyday Korean phrasing -> the findings it asks about (the first ones are the main reading)."""
_PARAPHRASES = tuple((re.compile(pattern, re.IGNORECASE), names) for pattern, names in PARAPHRASES)

DEVICES: frozenset[str] = frozenset(lexicon.DEVICES)
"""Support Devices and every device type of the extra vocabulary."""
"""Observations that are devices (asked about by position, not by yes/no of a disease)."""

DRUG_ASKED = re.compile(
    r"(?:[가-힣]{1,6}제|약|스테로이드|인슐린|항응고|혈전|산소)[을를이가은는도]?\s*(?:(?:더|좀|계속|그만|다시)\s*)?"
    r"(?:(?:먹|복용|써|쓰|쓸|맞|투여|바꿔|바꾸|늘려|늘리|줄여|줄이|끊|중단)(?:어야|아야|야|도|을까|는\s*게|어도|해야))"
)
"""A question whether to take, raise, lower or stop a drug ("이뇨제 더 써야 돼?", "스테로이드 줄여도 돼요?",
"항응고제 끊어야 하나요?"): a treatment decision, the care team's."""
POSSIBILITY_ASKED = re.compile(
    r"(?:[일을할될있았었졌됐했]|[가-힣]ㄹ)\s*수(?:도)?\s*(?:있|있다)|수\s*있다는|가능성|의심|possib|suspect",
    re.IGNORECASE,
)
"""A question whether something is possible ("세균 감염일 수도 있나요?", "뼈로도 퍼졌을 수 있다는 말이에요?",
"전이 가능성 있어요?"): a finding the report weighs as possible answers it "네"."""

_MEANING = re.compile(
    r"뜻|의미|무슨\s*말(?:이|인)|무엇인가요|무엇인지|뭔가요|뭔지|뭐예요|뭐에요|뭐야|무엇이에요|이란\??$|란\??$|어떤\s*(?:병|질환|상태)"
    r"|\bmean|\bwhat (?:is|are|does)\b",
    re.IGNORECASE,
)
_NEXT = re.compile(
    r"(?:추가|더|다시|또)\s*(?:검사|촬영|찍)(?!은|었|던|한|했|된)|추적|검사[를을]?\s*(?:더|받아야|해야|받을)|받아야|해야\s*(?:하|되|할)"
    r"|어떻게\s*(?:해야|하면|하나요|할까)|뭘\s*해야|무엇을\s*해야|다음\s*(?:단계|검사|진료)|권고|권유|추천|치료(?![가이는의]?\s*(?:효과|에\s*(?:잘\s*)?반응)|\s*(?:하기\s*|받기\s*|시작\s*)?(?:전|후|중)(?![가-힣]))[가를]?"
    r"|(?:수술|입원|시술)[을를이가은는]?\s*(?:해야|받아야|받을|필요|하나요|할까|안\s*해도)|다시\s*(?:찍|촬영|검사)(?!은|었|던|한|했|된)"
    r"|(?:추가로|따로|더)\s*(?:할|해야\s*할|받아야\s*할|받을)\s*(?:게|것|거|일)"
    r"|후속\s*(?:조치|검사|진료|치료|관리)"
    # "다음 엑스레이 언제 찍어요?", "추가로 무슨 검사 해요?": the follow-up the report advises
    r"|언제\s*(?:다시\s*)?(?:찍|촬영|검사|확인)|다음\s*(?:엑스레이|x-?ray|사진|촬영)|(?:무슨|어떤)\s*검사"
    r"|약[을를이은]?\s*(?:끊|그만|줄|바꾸|바꿔|계속)"  # "약 끊어도 돼?": a treatment question
    r"|어디\s*(?:로|에)?\s*가\s*(?:봐|야|보)|(?:무슨|어느|어떤)\s*과|(?:물|흉수|공기|고름)[을를은]?\s*빼(?!고(?:\s|$))"
    r"|(?<![A-Za-z])(?:HR|LD)?CT(?![A-Za-z])|씨티|MRI|(?:찍|촬영)[가-힣]{0,2}야\s*(?:돼|되|하|해|할)|병원에?\s*(?:가|와)|follow|다시\s*(?:와|오|방문|내원)|(?:다른|정밀|재)\s*검사|재검|재촬영(?!한|했|된|에서|상|\s*결과)"
    # everyday words: "뭐 해야 해요?", "이제 어떻게 해요?", "다음엔 뭐 하죠?", "항생제 먹어야 돼요?"
    r"|해야\s*(?:해|돼|됩|합)|(?:뭐|뭘|무엇을?)\s*(?:해야|하면|하죠|하나요|할까)|어떻게\s*(?:해요|하죠)|어떡해"
    r"|이제\s*(?:뭐|뭘|어떻게|어쩌)|다음(?:에는?|엔|으로)?\s*(?:뭐|뭘|무엇|어떻게)"
    r"|(?:항생제|약)[을를이가도]?\s*(?:(?:먹|복용|써|쓰|맞|투여|바꿔|늘려|끊)[가-힣]{0,2}야|필요)|(?:먹|복용)(?:어|해)야"
    # a named drug ("이뇨제 더 써야 돼?"), a test the report may name ("심초음파 하라고 나와 있어?")
    r"|"
    + DRUG_ASKED.pattern
    + r"|(?:하|받|찍|해\s*보)(?:으?라고|래|으?라는)\s*(?:나와|적혀|써|쓰여|되어|돼|했|하|권)",
    re.IGNORECASE,
)
TREATMENT = re.compile(
    r"수술|입원|치료|약[을를이은]?\s*(?:먹|복용|써|끊|그만|줄|바꾸|바꿔|계속)|항생제|퇴원|시술|격리|재활|산소|"
    + DRUG_ASKED.pattern
)
"""Questions about treatment: decided by the care team, not by the report (its advice is still quoted)."""
_CORRECTION_AMOUNT = re.compile(
    r"몇\s*(?:cm|센티|센치|mm|미리|밀리)?\s*(?:정도\s*)?(?:더\s*)?(?:빼|넣|당기|당겨|밀|전진|후퇴)"
    r"|얼마나\s*(?:더\s*)?(?:빼|넣|당기|당겨|밀어|전진|후퇴)",
    re.IGNORECASE,
)
"""The amount of a device correction asked ("ETT 몇 센티 빼요?", "몇 cm 더 넣어요?"), not a device's size."""
_POSITION = re.compile(
    r"위치|제대로|잘\s*(?:들어|있|놓|꽂)|끝[이가은는]?\s*(?:어디|잘)|어디|\btip\b|팁|깊|얕|빼야|당겨야|넣어야|전진"
    r"|(?:위|위장|stomach)\s*(?:에|로|까지|안에|속에|안으로)\s*(?:잘\s*)?들어|제\s*자리|확인|\bposition|placement|얼마나\s*(?:더\s*)?(?:빼|넣|당기|당겨|밀|전진|후퇴)"
    r"|" + _CORRECTION_AMOUNT.pattern,
    re.IGNORECASE,
)
_BARE_MEASURE = re.compile(
    r"(?:(?<![A-Za-z])CTR|심흉곽비|(?<![가-힣])(?:정도|깊이|크기|위치|수치))\s*[은는이가]?\s*(?:요)?\s*[?？]*\s*$",
    re.IGNORECASE,
)
"""A measure asked by its name alone ("CTR?", "심흉곽비는?", "울혈 정도", "ETT 깊이?"): its value, no yes or no."""
_OPEN = re.compile(
    _BARE_MEASURE.pattern + r"|"
    r"어디|어느|얼마|몇|누구|누가|어떻|어떤|어때|무엇|무슨|뭐(?!\s+(?:더|또|좀)\s)|뭘|뭔|왜|언제|알려|확인(?!\s*(?:됐|되었|된|했|했나|되나))"
    r"|(?:위치|tip|팁|끝)[은는이가요]?\s*[?？.]*\s*$|[은는]\s*[?？]?\s*$|(?:하면|보면)요?\s*[?？]*\s*$|(?:크기|사이즈|양|정도|위치)[은는]요\s*[?？]*\s*$",
    re.IGNORECASE,
)
"""An open question: where, what, how much ("ETT tip 위치는?", "PICC 끝이 어디 있어요?", "NG tube 위치 확인",
"어디가 더 안 좋아요?") or a bare topic ("심장 크기는?", "새로 생긴 소견은?"); answered with facts, never a
leading 네/아니요."""


CTR_NAMED = re.compile(r"(?<![A-Za-z])CTR(?![A-Za-z])|심흉곽비|심장\s*흉곽\s*비|cardiothoracic", re.IGNORECASE)
"""The cardiothoracic ratio named in a question ("CTR", "심흉곽비"), never CT."""


def ctr_asked(text: str) -> bool:
    """Whether ``text`` asks the value of the cardiothoracic ratio ("CTR?", "CTR 몇이에요?", "심흉곽비는?");
    "CTR 정상이에요?" is a yes/no question of the heart's size."""
    return bool(CTR_NAMED.search(text)) and is_open(text)


def is_open(text: str) -> bool:
    """Whether ``text`` is an open question (``_OPEN``), not a yes/no one; a question that ends on a yes/no
    clause after an open one ("부종 어때요, 더 심해졌어요?") is a yes/no one."""
    if _ALTERNATIVES.search(text) or _ALTERNATIVES_EN.search(text):  # "늘었어요 줄었어요?": which of two, no 네/아니요
        return True
    if _BARE_COMPARISON.search(text):  # "작년 거랑 비교해서?", "심장 크기 전보다?": how it compares, told
        return True
    clauses = [c for c in re.split(r"[?？,.!]+|(?<=요)\s+", text) if c.strip()]
    return bool(_OPEN.search(clauses[-1] if clauses else text))


_ALTERNATIVES = re.compile(
    r"(?:었|았|졌|였|했|됐)(?:어요|어|나요|니|습니까)\s*[?？]?\s*(?:아니면\s*)?\S*(?:었|았|졌|였|했|됐)(?:어요|어|나요|니|습니까)"
    r"\s*[?？]*\s*$|아니면"
    # "폐부종인가요 울혈인가요?", "결절이에요 종괴예요?": which of two names
    r"|(?:인가요|이에요|예요|에요|일까요|인지)\s*[?？,]?\s*(?!아니|아닌)\S+(?:인가요|이에요|예요|에요|일까요)\s*[?？]*\s*$"
    # "많이 나빠진 거야 조금 나빠진 거야?", "왼쪽이야 오른쪽이야?", "new야 old야?" ("폐렴이야 아니야?" asks yes or no)
    r"|(?:이야|(?<![해돼되봐와워줘])야|이냐|(?<![가-힣])냐|거냐|건가)\s*[?？,]?\s*(?!아니|아닌)\S+"
    r"(?:이야|(?<![해돼되봐와워줘])야|이냐|거냐|건가)\s*[?？]*\s*$"
    # two clauses of a few words each, with no "?" between ("많이 나빠진 거예요 조금 나빠진 거예요?", "많이 커졌어,
    # 조금 커졌어?")
    r"|(?<![가-힣])(?P<stem>[가-힣]{1,4})(?:었|았|졌|였|했|됐)(?:어요|어|나요|니)\s*,?\s+(?:[^\s?？]+\s+){1,3}"
    r"(?P=stem)(?:었|았|졌|였|했|됐)(?:어요|어|나요|니)\s*[?？]*\s*$"  # the same verb, two degrees
    r"|(?:이야|(?<![해돼되봐와워줘])야|인가요|이에요|예요|에요|일까요|이냐|거냐|건가)\s*,?\s+(?!아니|아닌)(?:[^\s?？]+\s+){1,3}"
    r"(?!아니|아닌)[^\s?？]+(?:이야|(?<![해돼되봐와워줘])야|인가요|이에요|예요|에요|일까요|이냐|거냐|건가)\s*[?？]*\s*$"
    # "빼야 돼요 더 넣어야 돼요?", "ETT 빼야돼 넣어야돼?": which of two things to do
    r"|야\s*(?:돼|되|해|합니까)\w*\s*[?？,]?\s*(?:아니면\s*)?(?:더\s*)?\S+야\s*(?:돼|되|해|합니까)\w*\s*[?？]*\s*$"
)
"""A question between two answers ("늘었어요 줄었어요?", "좋아졌어 나빠졌어?", "새로 생긴 거예요 아니면 원래
있던 거예요?", "많이 나빠진 거야 조금 나빠진 거야?", "왼쪽이야 오른쪽이야?"); "폐렴이야 아니야?" is a yes/no one."""
_ALTERNATIVE_WORDS = (
    r"new|old|recent|chronic|acute|left|right|both|better|worse|improved|worsened|worsening|improving|bigger|smaller"
    r"|larger|big|small|large|mild|moderate|severe|increased|decreased|same|different|stable|benign|malignant"
    r"|higher|lower|up|down|in|out"
)
_ALTERNATIVES_EN = re.compile(
    rf"\b(?:{_ALTERNATIVE_WORDS})(?:\s+one)?\s*,?\s+or\s+(?:the\s+|is\s+it\s+|was\s+it\s+)?(?:{_ALTERNATIVE_WORDS})\b"
    r"|^\W*(?:so\s+)?(?:is|was|are|were)\s+(?:it|this|that|they|these)\b[^?]*\bor\b(?!\s+not\b)",
    re.IGNORECASE,
)
"""The same in English: "new or old?", "left or right?", "is it pneumonia or edema?" ("... or not?" is yes/no)."""
_BARE_COMPARISON = re.compile(
    r"(?:비교(?:해서|하면|하여|해\s*보면|하자면)?|대비|보다|에\s*비(?:해서?|하면))\s*(?:요|는요|은요)?\s*[?？]*\s*$"
    r"|^\W*(?:and\s+|so\s+)?(?:compared|vs\.?|versus|relative)\b(?![^?]*\b(?:is|are|was|were|has|have|did|does)\b)"
    r"[^?,가-힣]{0,40}\?\s*$",  # "compared to yesterday 좋아졌나요?" has its predicate
    re.IGNORECASE,
)
"""A comparison asked without its predicate ("작년 거랑 비교해서?", "심장 크기 전보다?", "compared with last year?"):
what the change is, told as facts."""
_MISPLACED = re.compile(r"이상|문제|잘못|깊|얕|높|낮|꼬|말려|빠졌|빠진")
"""A device question about a problem ("너무 깊나요?", "위치 이상 있나요?"): "네" means it is out of place."""
_FINE = re.compile(r"(?:이상|문제)\s*(?:이|가|은|는)?\s*(?:없|\s*무)|괜찮|적절(?:한가|해|하나|합니까)")
"""... unless it asks that there is none ("위치 이상 없나요?", "문제 없죠?"): "네" means it is in place."""


_DEVICE_TOPIC = re.compile(r"[은는]요\s*[?？]*\s*$")
"""A device asked as a bare topic ("OG tube는요?", "PICC은요?"): where it is and whether it is in place, told
as facts (a finding asked so, "폐렴은요?", is a yes/no question of its presence)."""


def _position_question(text: str, devices: tuple[str, ...], negated: bool) -> Question:
    """A device position question: open ("where"), about a problem ("misplaced") or whether it is in place."""
    if _OPEN.search(text) or _DEVICE_TOPIC.search(text):
        return Question(text, "position", devices, False, "where")
    if _FINE.search(text):
        return Question(text, "position", devices, False)
    if negated:  # "너무 깊지 않나요?", "잘 안 들어갔나요?": a guess to confirm, answered with the facts alone
        return Question(text, "position", devices, False, "where")
    if _MISPLACED.search(text) or _CORRECTION_ASKED.search(text):  # "빼야 돼요?": 네 when it must be moved
        return Question(text, "position", devices, False, "misplaced")
    return Question(text, "position", devices, False)


USE_ASKED = re.compile(
    r"(?:써|사용해|이용해|연결해|주입해|투여해|투약해|공급해|시작해|꽂아)도|(?:쓸|사용할|이용할)\s*수\s*있"
    r"|(?:사용|이용|투약|주입|피딩|feeding|급식)\s*(?:이|은|는)?\s*가능"
    r"|(?:밥|식사|음식|영양|유동식|경관식|약|수액|피딩|feeding|물|우유|항생제|항암제|주사)[을를은는이가도]?\s*"
    r"(?:줘|주어|먹여|넣어|달아|맞아|맞혀|해|시작해|드려)도"
    r"|(?<=[가-힣A-Za-z])(?:으로|로)\s+[^?？]{0,20}?(?:줘|주어|먹여|넣어|달아|맞아|맞혀|시작해|드려|연결해)도"
    r"|(?:ok|okay|safe)\s+to\s+(?:use|feed|start)|can\s+(?:we|i|you)\s+(?:use|feed|start)",
    re.IGNORECASE,
)
"""A question whether a device may be used ("콧줄로 밥 줘도 돼요?", "이 라인 써도 돼요?", "can we use the PICC?"):
its position answers it (a malpositioned tube: 아니요, with the report's advice)."""
_CORRECTION_ASKED = re.compile(
    r"(?:빼|당겨|넣어|밀어|조정해|바꿔|옮겨|재삽입해|재위치시켜|전진시켜|후퇴시켜)야|(?:다시|재)\s*(?:넣|삽입|위치)"
)
"""A question whether the device must be moved ("ETT 당겨야 돼요?", "콧줄 다시 넣어야 돼요?")."""
_SIDE = re.compile(
    r"어느\s*(?:쪽|부위|부분|곳|위치)|어느쪽|어디|어떤\s*(?:쪽|부위)|왼쪽|오른쪽|양쪽|한쪽|좌측|우측|양측|좌우"
)
_REMOVAL = re.compile(
    r"뺐|빼었|빼\s*냈|빼\s*버렸|뽑아?\s*버렸|뽑았|뽑혔|(?<!나)빠졌|떼었|뗐|없앴|발관|발거"
    r"|(?:뺀|뽑은|뗀)\s*(?:거|것|건|상태)"  # "관 다 뺀 거예요?"
    r"|제거\s*(?:됐|되었|되어|된|됨|했|하였|함|한|돼)"
    r"|remov|extubat",
    re.IGNORECASE,
)
"""A question whether a device was taken out ("관을 뺐나요?", "튜브 제거됐나요?", "발관했나요?")."""
_STILL = re.compile(
    r"아직\s*(?:도\s*)?(?:[가-힣]+\s+)?(?:있|남아|꽂혀|박혀|들어가|달려|유지)|그대로\s*(?:있|꽂혀|남아)|여전히\s*(?:있|꽂혀)"
    r"|\bstill\s+(?:there|in(?:\s+place)?|present|in\s+situ)\b|\b(?:is|are)\s+(?:the\s+)?[\w\s-]{0,30}?\bstill\s+in\b",
    re.IGNORECASE,
)
"""A question whether a device is still in ("중심정맥관 아직 있어요?", "introducer는 아직 있어?", "Is the drain still
in?"): the removal asked the other way round."""
_DEVICE_SUMMARY = re.compile(
    r"정리|요약|상태\s*(?:좀\s*)?(?:를\s*|을\s*)?(?:알려|어때|어떄|어떤|말해|설명|정리|봐|보여)|상태(?:는|가)\s*(?:어때|어떤|어떻)"
    r"|summar|status|overview|rundown",
    re.IGNORECASE,
)
"""A question that asks the devices' state as a whole ("튜브들 상태 정리해줘", "lines and tubes status?")."""
_ORGAN_TOO = re.compile(
    r"(?<![가-힣])폐(?!동맥)|심장(?!\s*(?:박동|보조))|(?<![가-힣])뼈|\blungs?\b|\bheart\b|전체|모든\s*소견", re.I
)
"""A summary asked of more than the devices ("흉관이랑 폐 상태 정리해줘"): the report's summary, not the devices'."""
_COUNT = re.compile(
    r"몇\s*(?:개|가지|군데|줄|가닥|종류)|개수|갯수|how many|(?<![가-힣\d])(?:[1-9]|한|두|세|네|다섯)\s*(?:개|가닥)",
    re.IGNORECASE,
)
_COUNT_GUESS = re.compile(r"(?<![가-힣\d])([1-9]|한|두|세|네|다섯)\s*(?:개|가닥)")
"""A question how many devices there are ("흉관 몇 개?", "관이 몇 개 들어가 있어요?")."""
_ADVISED = re.compile(r"해야|필요|할까|하나요|권|예정")
_MORE = re.compile(
    r"더\s*(?:많|심|크|커|큰|넓|두껍|두꺼|진하|나쁘|나빠|뚜렷|하얗)|우세|(?:많이|심하게)\s*(?:있|보이)"
    r"|어느\s*쪽[이가은는]?\s*(?:많|심하|심해|심한)"  # "물은 어느 쪽이 많아?": which side has more
)
"""A comparison between the sides ("어느 쪽이 더 많아요?", "오른쪽이 더 심한가요?")."""
_BECAME = re.compile(r"졌|늘었|늘어났|증가|악화|진행|생겼|줄었|감소")
"""A change over time ("왼쪽이 더 심해졌나요?" compares with the prior study, not the sides)."""
_URGENT = re.compile(
    r"응급|위급|급한|급해|급하|큰일|당장|응급실|바로\s*(?:병원|연락)|위험한\s*(?:거|건|상황|상태)|위험해요|위험한가요"
    r"|심각한\s*(?:거|건|상황|상태)|심각해요|심각한가요"
)
"""Whether the report calls for prompt care ("응급인가요?", "큰일인가요?", "위험한 건가요?")."""
_ACUTE_ASKED = re.compile(
    r"(?:급성|급한|급하게\s*볼|당장\s*급한)\s*(?:\S{0,3}\s*)?(?:이상|문제|소견|병변|질환|변화)|급한\s*(?:건|거|것|게)"
    r"|새로\s*(?:생긴|나타난)\s*(?:이상|문제)|급성\s*(?:악화|감염)|acute\s+(?:exacerbation|process|flare)"
    r"|활동성\s*(?:병|병변|질환|소견|이상|문제)|active\s*(?:disease|lesion)"  # "활동성 병 없죠?": "No active disease"
)
_EXACERBATION = re.compile(r"급성\s*악화|acute\s+exacerbation", re.IGNORECASE)
"""An acute exacerbation of a (chronic) disease asked ("IPF 급성 악화예요?", "COPD acute exacerbation?")."""
"""A question about acute abnormalities ("급한 이상은 없나요?", "급성 소견 있나요?"): answered from the
report's "nothing acute" statement and its acute findings, not its old ones."""
_ACTIVE_ASKED = re.compile(r"활동성\s*(?:병|병변|질환|소견|이상|문제)|active\s*(?:disease|lesion)", re.IGNORECASE)
"""Active disease asked ("활동성 병 없죠?", "활동성 병변 있어요?"): the report's "No active disease" answers it."""
_SIDE_NAMED = (
    ("one", re.compile(r"한\s*쪽(?:에)?(?:만|뿐)|한\s*군데(?:에)?만|편측")),  # "한쪽만 있어요?": one side only
    ("bilateral", re.compile(r"양쪽|양측|좌우\s*모두|둘\s*다|\bbilateral\b|\bboth\b", re.IGNORECASE)),
    ("left", re.compile(r"왼쪽|좌측|좌폐|왼|(?<![가-힣])좌(?=\s)|\bleft\b|\blt\b", re.IGNORECASE)),
    ("right", re.compile(r"오른쪽|우측|우폐|오른|(?<![가-힣])우(?=\s)|\bright\b|\brt\b", re.IGNORECASE)),
)
"""The sides a question names ("왼쪽 흉관", "Rt. 흉수", "양쪽 다", "한쪽만"), one side only and both sides first."""
_SIZE = re.compile(
    r"크기|얼마나\s*(?:커|크|큰|작)|몇\s*(?:mm|cm|센티|센치|밀리|미리)|큰가요|큰\s*편|크나요|큰지|커요\?|작은가요|작나요|작은\s*편"
    r"|사이즈|(?i:how\s+(?:big|large)|what\s+size)"
)
_BIG = re.compile(r"큰가요|큰\s*편|크나요|큰지|큰\s*거|커요")
_SMALL = re.compile(r"작은가요|작나요|작은\s*편|작은지")
_AMOUNT = re.compile(r"(?<![가-힣])양[은이]\s*(?:요\s*)?[?？]|(?<![가-힣])양[은이]?\s*(?:얼마|어느|어떤|어때)")
"""A question about the amount of a finding ("흉수 양은요?", "물 양이 얼마나 돼요?"): its grade, no yes or no."""
_SEVERITY = re.compile(
    _AMOUNT.pattern
    + r"|많아\s*[?？]*\s*$|많[니냐]|심해\s*[?？]*\s*$|심하[니냐]"
    + r"|심한|심하나요|심해요|심각|얼마나|정도|많이|많나요|많은가요|많아요|위험|경미|가벼운|괜찮은\s*정도"
)
_MUCH = re.compile(r"많이|크게|훨씬|심하게")
_HOW = re.compile(r"얼마나|어느\s*정도|어떤\s*정도|몇|" + _AMOUNT.pattern + "|" + _BARE_MEASURE.pattern)
_MILD = re.compile(r"경미|가벼운|가볍|괜찮은\s*정도|적은가요|조금")
_COMPARE = re.compile(r"예전|이전|지난\s*번|지난번|전보다|전에\s*비해|전과|저번|비교|과거|경과")
_DONE = r"(?:했|하였|되었|됐|된|한|하고)"
_WORSE = re.compile(
    rf"악화|심해졌|심해진|나빠졌|나빠진|커졌|커진|늘었|늘어났|늘어난|증가{_DONE}|진행{_DONE}|더\s*(?:생겼|많아|심|찼|고였)|많아졌"
    r"|다시\s*(?:찼|생겼|생긴|나타|재발)|재발"
    # going on now ("나빠지고 있나요?", "커지는 중인가요?")
    r"|나빠지|심해지|커지|늘고|늘어나|많아지|악화\s*(?:되|중)|증가\s*(?:하|되|중)|진행\s*(?:되|하|중)"
    r"|(?:퍼|번)(?:졌|진|지)"  # "염증이 퍼졌나요?": spread
)
_BETTER = re.compile(
    rf"좋아졌|좋아진|나아졌|나아진|나았|호전|줄었|줄어들|줄어든|감소{_DONE}|작아졌|작아진|회복"
    r"|(?:다시|잘)\s*(?:펴졌|펴진|부풀었)"  # a collapsed lung that has re-expanded ("폐가 다시 펴졌나요?")
    # going on now ("좋아지고 있나요?", "호전되는 중인가요?")
    r"|좋아지|나아지|괜찮아지|낫고|낫는|차도|경과가?\s*(?:좋|괜찮)"
    # the treatment working is the finding getting better ("약 효과가 있는 거예요?", "항생제가 듣고 있나요?")
    r"|효과[가는도]?\s*(?:있|좋|봤|보이|나타|난)|(?:약|약물|항생제|치료)[이가은는도]?\s*(?:잘\s*)?(?:듣|들었|먹히|먹혀)"
    r"|치료에\s*(?:잘\s*)?반응|줄어들|줄고|작아지|가라앉|호전\s*(?:되|중|추세)|회복\s*(?:되|중)|감소\s*(?:하|되|중)"
)
ALL_HEALED = re.compile(
    r"(?:다|모두|전부|완전히)\s*(?:다\s*)?(?:나았|나은|낫|좋아졌|좋아진|회복)|완치|all\s+(?:better|clear|gone|healed)"
)
"""A question about the whole study getting well ("다 나은 거예요?", "완치된 거죠?"): never a follow-up of the finding
asked before, whose healing would be a false 네 while something else is still there."""
_RESOLVED = re.compile(
    r"없어졌|없어진|사라졌|사라진|다\s*(?:나았|나은|낫)|완전히\s*(?:다\s*)?(?:나았|나은|낫|좋아|회복)|완치|소실"
    r"|(?:물|피|흉수|삼출)[가-힣\s]{0,8}(?<!나)빠(?:졌|진|지었)"  # fluid that has drained ("물 찬 거 빠졌나요?")
)
_STABLE = re.compile(r"그대로|변화[가는]?\s*없|변함\s*없|비슷|똑같|달라지지\s*않|(?:과|와|이랑|랑|하고)\s*같")
_CHANGED = re.compile(r"변화|변했|달라졌|달라진|바뀌")
_NEW = re.compile(
    r"새로(?:이)?\s*(?:생|나타|보|부러|나온|발견|찼|커|늘)|새로운|신규|새\s*(?:병변|소견|골절)"
    r"|(?:전에|이전에|예전에|지난번에)도?\s*없던"  # "전에 없던 게 생겼나요?"
    # "이번에 부러진 거예요?", "최근에 다친 거야?": recent is new
    r"|(?:최근|이번|방금|얼마\s*전|요즘)에?\s*(?:[가-힣]+\s+)?(?:생|나타|부러|다친|다쳤|다치|발견|금이)"
)
_OLD = re.compile(
    r"원래\s*있던|원래부터|전에도\s*있던|예전부터|이전부터|전부터\s*있|(?:이|예|그\s*)?전에도(?!\s*없)"
    # "RT 하기 전 사진에도 있었어요?", "입원 때 찍은 사진에도 보였나요?": there on an earlier study
    r"|(?:전|때|당시)\s*(?:찍은\s*)?(?:사진|검사|촬영|엑스레이|x-?ray|영상|필름)에(?:도|서도)\s*(?:있|보)"
)
_SUMMARY = re.compile(
    r"(?:뭐|무엇|무슨\s*(?:게|것|거))[가이]?\s*(?:보이|보여|보인|있어|있나|있는지|나왔)|요약|정리|결론|종합|전체적|결과(?:가|는)?\s*(?:어떤|어때|뭐|무엇)|어떻게\s*나왔|설명해|summar|무슨\s*내용|뭐라고",
    re.IGNORECASE,
)
_BRIEF = re.compile(
    r"한\s*(?:줄|마디|문장|단어)|짧게|간단(?:히|하게)|간략(?:히|하게)|핵심만|결론만|\bin\s+(?:one|a)\s+(?:line|sentence|word)\b"
    r"|\bbottom\s+line\b|\bbriefly\b|\bshort\s+version\b|\btl;?dr\b",
    re.IGNORECASE,
)
"""A summary asked in brief ("한 줄로", "결론만", "in one line"): the conclusion alone."""
_CONCLUSION_ASKED = re.compile(
    r"결론|요약|핵심|한\s*(?:줄|마디|문장)로|\bbottom\s+line\b|\b(?:the|your)\s+(?:impression|conclusion)\b"
    r"|\bin\s+(?:one|a)\s+(?:line|sentence)\b|\bsummar",
    re.IGNORECASE,
)
"""The report's conclusion asked ("결론이 뭐야?", "한 줄로 요약해줘", "What's the bottom line?")."""
_ABNORMAL = re.compile(
    r"이상\s*(?:소견)?\s*(?:이|은|는)?\s*있|문제\s*(?:가|는)?\s*있|안\s*좋|나쁜|나빠요|심각한\s*(?:거|게|건)|비정상"
)
_NORMAL = re.compile(
    r"정상|이상\s*(?:소견)?\s*(?:이|은|는)?\s*없|문제\s*(?:가|는)?\s*없|괜찮|깨끗|별\s*(?:일|문제)\s*없|이상\s*무|\bnormal\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"(?:없|않|아니|아닌|아닌가|안\s*보이|안\s*보여|안\s*생겼)[가-힣\s]{0,8}[?？.!~]*\s*$|(?:없|아니)(?:죠|지요|죵|겠죠)"
    r"|(?<![가-힣])안\s*(?!좋|돼|되)[가-힣]{1,4}(?:죠|지요|겠죠|나요|았나요|었나요)[?？.!~]*\s*$"
)
"""A question about an absence, also as a tag question ("흉수는 없죠?", "물은 안 찼죠?", "폐렴은 아니죠?")."""
_FITNESS = re.compile(
    r"수술\s*(?:을|를)?\s*(?:해도|받아도|하기에|하는\s*데|할\s*수\s*있|받을\s*수\s*있|가능)"
    r"|수술\s*(?:후|뒤|이후|하고\s*나서|받고\s*나서|한\s*뒤|한\s*후)[가-힣\s]{0,12}(?:괜찮|상태|문제|잘|정상|어때|어떤)"
    r"|시술\s*(?:후|뒤)[가-힣\s]{0,12}(?:괜찮|상태|문제|잘)"
)
"""A question about the patient's fitness or recovery ("수술해도 괜찮을까요?", "수술 후 괜찮은 상태인가요?"):
answered with the acute findings or their absence, the decision left to the care team."""
ACTIVITY_ASKED = re.compile(
    r"(?:비행기|운동|출근|등교|일|운전|여행|등산|수영|샤워|목욕|헬스|골프|달리기)[을를은는도]?\s*(?:[가-힣]+\s+)?"
    r"(?:해도|타도|가도|다녀도|나가도|해\s*봐도|시작해도)\s*(?:돼|되|괜찮|될까|문제)"
)
"""A question whether an activity is allowed ("이 결과로 비행기 타도 돼요?", "운동해도 괜찮아요?")."""
CLEARANCE_ASKED = re.compile(
    r"(?:통과|합격|불합격|탈락|적합|부적합)\s*(?:[이가은는]\s*)?(?:가능|될|되|돼|할|했|인가|이에요|인가요|일까|이야|예요|에요|여부)"
    r"|(?:입사|취업|채용|입대|군대|병역|비자|이민|유학|보험\s*가입|신체\s*검사|신검)[가-힣\s]{0,12}"
    r"(?:가능|괜찮|돼요|되나요|될까|돼\?|문제|통과|합격|할\s*수|받을\s*수)"
    + "|"
    + ACTIVITY_ASKED.pattern
)
"""A question whether a screening is passed or a person cleared ("입사 건강검진인데 통과 가능해요?", "입대 신검 문제
없을까요?", "비자 검진 괜찮아요?"): a decision of the examining doctor, told with the report's facts."""
_OFF_TOPIC = re.compile(
    r"주식|코인|비트코인|로또|날씨|맛집|여행|영화|드라마|노래|게임|연애|부동산|환율|주가|레시피|요리|번역해|코드\s*짜|숙제"
)
"""Requests that have nothing to do with a report ("주식 추천해 주세요")."""
_ANCHOR = re.compile(
    r"검사|촬영|사진|판독|결과|소견|폐|심장|뼈|흉|엑스레이|X-?ray|병|치료|수술|시술|입원|의사|진료|약|관|튜브|증상",
    re.IGNORECASE,
)
"""Words that tie a question to the report or the patient's care."""
_HISTORY_NEGATION_GUARD = re.compile(r"없어졌|없어진|사라|없던|없었던|않던|않았던")


@dataclass(frozen=True)
class Question:
    """A question as the grounded backend reads it."""

    text: str
    kind: Kind
    observations: tuple[str, ...] = ()
    """The findings asked about, main reading first (may be empty)."""
    negated: bool = False
    """The question asks about an absence ("흉수가 없나요?"): "네" then means "there is none"."""
    direction: str | None = None
    """size: "big" | "small"; severity: "severe" | "mild" (None: "how big / how bad", no yes or no);
    change: "worse" | "better" | "resolved" | "stable" | "new" | "old" (there before) | "any";
    count: the number the question proposes ("관 세 개 맞아요?": "3"), or None for "how many";
    normality: "normal" | "abnormal";
    position: "where" for an open question or a guess to confirm (no yes or no), "misplaced" for "is it out
    of place?", None for "is it in place?";
    side, worse_side: the side named ("left", "right", "bilateral") or None;
    removal: "still" when it asks whether the device is still in ("아직 있어요?"), None for "was it taken out?"."""
    scope: str | None = None
    """normality: "lungs" when the question asks about the lungs only ("폐는 괜찮은가요?"), "acute" when it asks
    about acute (new) abnormalities only ("급한 이상은 없나요?", "급성 소견 있나요?"); position: "summary" when it asks
    the devices' state as a whole ("튜브들 상태 정리해줘": the ones taken out too), "use" when it asks whether the
    device may be used ("콧줄로 밥 줘도 돼요?")."""


_DEVICE_CIRCUMSTANCE = re.compile(
    r"(?:넣|삽입|꽂|빼|뽑|제거|교체|잡)[가-힣]{0,3}?\s*(?:다가|는\s*(?:중|동안|바람에)|고\s*나서|[은한]\s*(?:후|뒤|다음)|(?:후|뒤)에)"
    r"|(?:뺀|뽑은|넣은|꽂은|잡은|바꾼|발관|발거|제거|삽입|교체)\s*(?:후|뒤|다음|이후)"
    r"|(?:빼|뽑|넣|꽂|제거하|삽입하)고\s+(?=\S+\s*(?:생겼|생긴|났|있))"
)
"""A device named as when something happened ("관 넣다가", "흉관 빼고 나서", "삽입한 후"), not as what is asked."""


_AFTER_DEVICE = re.compile(
    _DEVICE_CIRCUMSTANCE.pattern + r"|(?:뺐|뽑았|넣었|꽂았|제거했|삽입했|바꿨|교체했|발관했)(?:는데|고\s*나서|으니)"
)
"""A device named as what was done before the question ("흉관 뺐는데 괜찮아요?", "관 넣고 나서 괜찮나요?")."""


_ENLARGEMENTS = frozenset({"Lymphadenopathy", "Bronchiectasis"})
"""Findings that are an enlargement: "커졌나요?", "늘어났나요?" ask whether they are there, as for the heart."""
FORMS: dict[str, str] = {"Aspiration": "Pneumonia", "Tension Pneumothorax": "Pneumothorax"}
"""A specific form of a finding -> the finding: named together, the form is the main reading."""
_AIR_ELSEWHERE = re.compile(
    r"피부\s*(?:밑|아래)|(?<![가-힣])피하|종격동|(?<![가-힣])배\s*(?:에|속|안)|뱃속|복부|복강|횡격막\s*(?:밑|아래)",
    re.IGNORECASE,
)
_PNEUMOTHORAX_NAMED = re.compile(r"기흉|pneumothorax|(?<![A-Za-z])PTX(?![A-Za-z])", re.IGNORECASE)
_AROUND_HEART = re.compile(r"심낭|심장\s*(?:을\s*싼\s*막|막|주위|주변|둘레)|pericardi", re.IGNORECASE)
_PLEURA_NAMED = re.compile(r"흉수|흉막|늑막|pleura|effusion", re.IGNORECASE)


def asked_observations(question: str) -> list[str]:
    """The findings a question names, main reading first: paraphrases, the labeler's mentions, glossary terms."""
    found: list[tuple[int, str]] = []
    for pattern, names in _PARAPHRASES:
        match = pattern.search(question)
        if match:
            found.extend((match.start(), name) for name in names)
    findings = label_report(question)
    for mention in findings.mentions:
        position = question.find(mention.text)
        found.append((position if position >= 0 else len(question), mention.observation))
    for detail in findings.details:
        position = question.find(detail.text)
        found.append((position if position >= 0 else len(question), detail.observation))
    for term in find_terms(question):
        if term.observation and term.observation != "No Finding":
            found.append((len(question), term.observation))
    ordered = [name for _, name in sorted(found, key=lambda item: item[0])]
    names = list(dict.fromkeys(ordered))
    for form, finding in FORMS.items():  # "흡인성 폐렴": the aspiration is asked, the pneumonia is its kind
        if form in names and finding in names and names.index(finding) < names.index(form):
            names.remove(form)
            names.insert(names.index(finding), form)
    if _AIR_ELSEWHERE.search(question) and not _PNEUMOTHORAX_NAMED.search(question) and "Pneumothorax" in names:
        names.remove("Pneumothorax")  # "피부 밑에 공기가 찼나요?" asks about air under the skin, not a pneumothorax
    if _AROUND_HEART.search(question) and not _PLEURA_NAMED.search(question):
        # "심낭에 물이 찼나요?": fluid around the heart (the glossary's 심낭 삼출), not in the pleura or the lungs
        names = [n for n in names if n not in ("Pleural Effusion", "Edema")]
    circumstance = _DEVICE_CIRCUMSTANCE.search(question)
    if circumstance and any(n not in DEVICES for n in names):
        # "관 넣다가 바람이 샜나요?": the device is when it happened; the finding after it is what is asked.
        names = [n for n in names if n not in DEVICES]
    if len(names) > 1 and "Support Devices" in names and any(n in DEVICES for n in names if n != "Support Devices"):
        names.remove("Support Devices")  # a named device is the better reading than "a device"
        names.append("Support Devices")
    return names


_BEFORE_SIDE = re.compile(r"(?:한|했던|받은|있는|있던|생긴|된|난|다친|넣은)\s*쪽|같은\s*쪽|반대\s*(?:쪽|편)")


def reference_of(text: str) -> list[str]:
    """The findings named just before "쪽" ("결절이 유방 수술한 쪽에 있어요?" -> the mastectomy): the side compared
    with."""
    found = _BEFORE_SIDE.search(text)
    if not found:
        return []
    before = text[: found.start()]
    clause = re.split(r"[이가은는]\s|[,?]", before)[-1] if re.search(r"[이가은는]\s", before) else before
    return asked_observations(clause)


def asks_normal(text: str) -> bool:
    """Whether a question about a finding asks whether it is normal ("심장 크기는 정상인가요?", "척추는 괜찮아요?"):
    then "네" means the finding is absent."""
    return bool(_NORMAL.search(text)) and not _ABNORMAL.search(text)


def _negated(text: str) -> bool:
    return bool(_NEGATED.search(text)) and not _HISTORY_NEGATION_GUARD.search(text)


def asks_absence(text: str) -> bool:
    """Whether ``text`` asks that something is not there ("재발은 없죠?", "흉수 없나요?"): "네" then means none."""
    return _negated(normalise_question(text))


_LUNGS = re.compile(r"(?<![가-힣])(?:폐|허파|양쪽\s*폐|폐\s*상태)(?:는|가|도|의|랑|에|만|\s)")


def _scope(text: str) -> str | None:
    return "lungs" if _LUNGS.search(text) else None


_SIDE_MODIFIER = re.compile(
    r"(?:왼쪽|오른쪽|양쪽|좌측|우측|양측)\s*(?:폐|가슴|흉부|폐\s*(?:윗|아래|위)쪽)?\s*(?:에\s*(?:있는|생긴|보이는|보인|난)|의)"
    r"\s+\S+?[은는이가](?=\s)"
)
"""A side that only says which finding is meant ("오른쪽 폐에 있는 혹은 암인가요?", "왼쪽의 물이 늘었나요?"):
the question asks something else of it, not its side."""


def _side_asked(text: str) -> str:
    """``text`` without the sides that only name the finding (``_SIDE_MODIFIER``), for the side checks."""
    return _SIDE_MODIFIER.sub(" ", text)


def _named_side(text: str) -> str | None:
    return next((side for side, pattern in _SIDE_NAMED if pattern.search(text)), None)


def one_side_asked(text: str) -> str | None:
    """The one side a question names ("왼쪽 물은 원래 있던 거예요?", "left chest tube 뺐어요?" -> "left"); None when
    it names none, both, or each of them."""
    named = [side for side, pattern in _SIDE_NAMED if pattern.search(text)]
    return named[0] if named in (["left"], ["right"]) else None


_TRACE = re.compile(
    r"흔적|자국|앓았|걸렸었|걸렸던|앓은\s*적|걸린\s*적|있었던\s*(?:거|것|병)|과거력"
    r"|(?:수술|시술|치료)\s*(?:을|를)?\s*(?:받은|받았던|한|했던)\s*(?:거|것|적|게)|(?:수술|시술)\s*(?:받았|했었)"
)
"""A question about a past illness or operation ("예전에 결핵 앓았던 흔적이 있나요?", "전에 수술 받은 거 보여요?"): its
trace now, not a change."""


def _change_direction(text: str) -> str | None:
    if _TRACE.search(text) and not (_NEW.search(text) or _WORSE.search(text) or _BETTER.search(text)):
        return None
    if _OLD.search(text):
        return "old"
    if _NEW.search(text):
        return "new"
    if _STABLE.search(text):
        return "stable"
    if _RESOLVED.search(text):
        return "resolved"
    if _BETTER.search(text):
        return "better"
    if _WORSE.search(text):
        return "worse"
    if _CHANGED.search(text) or _COMPARE.search(text) or _BARE_COMPARISON.search(text):  # "compared with last year?"
        return "any"
    return None


_NONE_ASKED = re.compile(r"(?:이상|문제|별\s*(?:일|문제))\s*(?:소견)?\s*(?:[이가은는])?\s*(?:없|\s*무)")
"""A question that asks that there is no problem with a finding ("심장 문제는 없죠?", "뼈는 이상 없나요?")."""


def _absence_asked(text: str, negated: bool) -> bool:
    """Whether a presence question asks about the finding's absence: "흉수가 없나요?", "심장 크기는 정상인가요?";
    "심장 문제는 없죠?" asks it once, though it is both negated and normal-asking."""
    if negated and _NONE_ASKED.search(text):
        return True
    return negated != asks_normal(text)


_COMMUNICATED_ASKED = re.compile(
    r"(?:연락|통보|전달|보고|공유|노티|noti)\s*(?:은|이|는|가|도)?\s*(?:됐|되었|된|됬|했|하였|해\s*줬|받았|드렸|갔)"
    r"|알렸|알려\s*(?:줬|주었|졌|드렸|줬나|준)|전화\s*(?:했|하였|됐|드렸|갔)|(?:notified|communicated|called|paged)\b"
    r"|(?:통화|얘기|이야기|말씀?)\s*(?:가|는|이|을|를|도)?\s*(?:됐|되었|된|했|하였|하셨|해\s*줬|드렸|나눴)"
    r"|(?:누구|누가|어느\s*분)[가-힣]{0,3}\s*(?:알|보고|연락|통보|전달|얘기|이야기|말|통화|노티)"
    r"|(?:콜|call)\s*(?:했|됐|하셨)|(?:의사|주치의|담당의?|선생님|의료진|교수님)[가-힣]{0,3}\s*(?:알고\s*(?:있|계)|아(?:나요|세요|시나요|셔)|알아\s*(?:요|\?|$))"
    r"|\b(?:was|were|has|have)\s+(?:the\s+)?(?:doctor|physician|team|clinician|nurse)s?\s+(?:been\s+)?(?:told|informed|paged|notified|called)\b",
    re.IGNORECASE,
)
"""A question whether the findings were passed to the care team ("담당의한테 연락은 됐어요?", "주치의한테 알렸어?",
"결과 전달됐나요?")."""
_COMPARED_ASKED = re.compile(
    r"(?:비교|대조)\s*(?:가|는|를|을|도)?\s*(?:됐|되었|된\s*(?:거|건|것)|했|하였|해\s*봤|해봤|돼\s*있|되어\s*있|한\s*(?:거|건|것))"
    r"|(?:이전|예전|과거|지난|옛날)\s*(?:사진|검사|영상|필름|기록)[이가은는도]?\s*(?:있|없)"
    r"|비교(?:한|된|했던)?\s*(?:사진|검사|영상|날짜)"
    # "Was this compared with an old film?", "Did they compare it to the last one?", "Any prior films?"
    r"|\b(?:was|were|is|has|have)\s+(?:it|this|that|the\s+(?:study|film|x-?ray|exam|image|report))\s+(?:been\s+)?compared\b"
    r"|\b(?:did|do)\s+(?:they|you|the\s+(?:radiologist|doctor|reader))\s+compare\b"
    r"|\b(?:any|a|an)\s+(?:prior|previous|old|older|earlier)\s+(?:studies|study|films?|x-?rays?|exams?|images?|cxrs?)\b"
    r"(?![^?]*\b(?:show|shows|showed|has|have|had|with)\b)",
    re.IGNORECASE,
)
"""A question whether the study was compared with a prior one ("이전 사진이랑 비교됐어?", "이전 검사 있어요?")."""
_CAUSE = re.compile(
    r"때문|탓(?:이|인|일)|원인|(?:으로|로)\s*인한|(?:으로|로)\s*인해"
    r"|(?:에서|으로|(?<!새)로)\s*(?:오는|온|생긴|나는)\s*(?:거|건|것|걸)"  # "새로 생긴 거" is new, not a cause
)
_SYMPTOM = re.compile(
    r"아프|아픈|아파|통증|숨[이가]?\s*(?:차|찬|가빠|막)|숨찬|숨참|호흡\s*곤란|기침|가래|열[이가]?\s*(?:나|난|있)|발열|답답|어지러|피곤"
    r"|두근|부었|붓|증상|이거|이것|이게|그거|그게|(?<![A-Za-z])(?:dyspnea|SOB|pain|cough|fever|sputum)(?![A-Za-z])",
    re.IGNORECASE,
)
"""A question about the cause of a symptom ("가슴 아픈 게 심장 때문이에요?", "숨찬 게 이거 때문인가요?"): a radiograph
shows findings, never what causes a symptom."""


def _normality_question(text: str, negated: bool, scope: str | None) -> Question:
    """A normality question in its direction: "이상이 있나요?" abnormal; "이상이 없나요?" / "정상인가요?" normal."""
    if _ABNORMAL.search(text) and not re.search(r"정상", text):
        return Question(text, "normality", (), negated, "abnormal", scope)
    # "이상이 없나요?" asks whether it is normal: the normal reading, not negated.
    return Question(text, "normality", (), False, "normal", scope)


_TYPOS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), fixed)
    for pattern, fixed in (
        (r"뺏(?=[어나니냐죠지는던을음다])", "뺐"),  # "콧줄 뺏어요?": 뺐
        (r"졋", "졌"),  # "좋아졋어?", "나빠졋나요?", "커졋어", "빠졋어요": 졌 (졋 is no word of its own)
        (r"(?<=[가-힣])엇(?=[어나니냐죠지는던다])", "었"),  # "있엇나요?", "좋아지엇어": 었
        (r"됬", "됐"),  # "제거됬어요?": 됐
        (r"햇(?=[어나니냐죠지는던다])", "했"),  # "발관햇어요?": 했
        (r"(?<=[가-힣])되요(?![가-힣])", "돼요"),  # "제거 되요?": 돼요
        (r"(?<=[나아어해지죠까세예에])여(?=\s*[?？!.~]*\s*$|\s*[?？!.~]+)", "요"),  # "있나여?", "괜찮아여": 요
        (r"몇(?=[개군가대번])", "몇 "),  # "몇개", "몇군데": 몇 개
        (r"([?？!])[?？!]+", r"\1"),  # "있어요??": one mark
    )
)
"""Spellings real users type for the standard ones (a typo must never change what is asked)."""


def normalise_question(text: str) -> str:
    """``text`` with its whitespace folded and its common typos spelled out (``_TYPOS``), read once at the root."""
    text = " ".join((text or "").split())
    for pattern, fixed in _TYPOS:
        text = pattern.sub(fixed, text)
    return text


_ONE_SIDE = re.compile(
    r"(?<![가-힣])(?:왼쪽|오른쪽|좌측|우측|좌폐|우폐|왼|오른)(?:\s*(?:폐|허파|가슴|편))?\s*(?:[은는이가도에의]|에는|엔|쪽은|쪽)?"
)
_ENGLISH_SIDE = re.compile(r"(?<![A-Za-z])(?:left|right|lt|rt)(?![A-Za-z])", re.IGNORECASE)
_TOPIC_END = re.compile(
    r"[은는]요?\s*[?？]*\s*$|어때|어떤가요|어떻습니까|어떻게\s*(?:돼|되|나와)|상태[는가]?\s*(?:요|어때)?"
    # "What about the left lung?", "And the right side?", "How does the right lung look?"
    r"|\b(?:what|how)\s+about\b|^\W*and\s+(?:the\s+|his\s+|her\s+)?(?:left|right)\b"
    r"|\bhow\s+(?:is|are|does|do)\s+(?:the\s+)?(?:left|right)\b",
    re.IGNORECASE,
)
"""An elliptical or open ask of a topic ("왼쪽 흉수는요?", "우측은요?", "오른쪽 폐는 어때요?")."""


def _one_side_question(text: str, observations: tuple[str, ...], negated: bool) -> Question | None:
    """A question restricted to one side of the chest: "왼쪽은 괜찮아요?", "오른쪽 폐는 어때요?", "우측은요?"
    (normality of that side, scope "left"/"right"), "왼쪽 흉수는요?" (that side's finding described: kind "side",
    scope "describe"). None when the side is asked otherwise ("어느 쪽이에요?", "왼쪽이 더 많아요?", a change)."""
    named = _named_side(_side_asked(text))
    english = _ENGLISH_SIDE.search(text)
    if named is None and english:  # "Lt. 폐는 괜찮나요?", "left lung 괜찮아요?"
        named = "left" if english[0][0] in "lL" else "right"
    if named not in ("left", "right") or re.search(r"(?<![가-힣])더\s|어느|어디|양쪽|양측|둘\s*다|both", text):
        return None
    if _change_direction(text) not in (None,) or not (_ONE_SIDE.search(text) or english):
        return None
    devices = [o for o in observations if o in DEVICES]
    if devices:
        return None
    if observations:
        if _TOPIC_END.search(text):
            return Question(text, "side", observations, False, named, "describe")
        return None
    if _ABNORMAL.search(text) and not re.search(r"정상", text):
        return Question(text, "normality", (), negated, "abnormal", named)
    if _NORMAL.search(text) or (negated and re.search(r"없", text)):  # "왼쪽엔 없죠?": nothing there
        return Question(text, "normality", (), False, "normal", named)
    if _TOPIC_END.search(text):
        return Question(text, "normality", (), False, None, named)
    return None


_EXCEPT = re.compile(
    r"^[^?？]{1,40}?\s*(?:말고|제외하고|빼면|이외에|외에)(?:는|도|요)?\s+(?=\S)"
    r"|^(?:apart from|aside from|besides|other than|except(?: for)?)\s+[^,?？]{1,40},\s*",
    re.IGNORECASE,
)
"""A thing named only to set it aside ("PICC 말고 폐는 괜찮아?", "심장 제외하고 다른 데는요?"): the rest is asked."""


def set_aside(text: str) -> tuple[str, ...]:
    """The devices a question sets aside ("PICC 말고 다른 데는 괜찮아요?" -> the central line), not asked about."""
    aside = _EXCEPT.match(normalise_question(text))
    return tuple(o for o in asked_observations(aside.group()) if o in DEVICES) if aside else ()


def read_question(text: str) -> Question:
    """What ``text`` asks (see the module docstring)."""
    text = normalise_question(text)
    aside = _EXCEPT.match(text)
    rest = text[aside.end() :] if aside else ""
    # "결핵 외에 다른 병일 수도 있어요?" asks another diagnosis than the one named: the whole question stays
    if re.search(r"[가-힣A-Za-z]", rest) and not re.match(r"(?:다른|또|뭐)(?!\s*(?:데|곳|부위|쪽|부분))", rest):
        text = rest
    observations = tuple(asked_observations(text))
    negated = _negated(text)
    if not observations and _OFF_TOPIC.search(text) and not _ANCHOR.search(text):
        return Question(text, "other")
    if _FITNESS.search(text) or CLEARANCE_ASKED.search(text):
        return Question(text, "fitness", observations, negated)
    if _COMMUNICATED_ASKED.search(text):
        return Question(text, "communicated", (), negated)
    if _CAUSE.search(text) and _SYMPTOM.search(text):
        return Question(text, "cause", tuple(o for o in observations if o not in DEVICES))
    heart = bool(observations) and observations[0] in ("Cardiomegaly", "Enlarged Cardiomediastinum")
    if _CONCLUSION_ASKED.search(text) and not observations and not re.search(r"뜻|의미|\bmean", text, re.I):
        # "결론이 뭐야 한 줄로", "What's the bottom line?": the report's conclusion, not the word's meaning
        brief = _BRIEF.search(text)
        return Question(text, "summary", (), False, "brief" if brief else None)
    if _MEANING.search(text) and find_terms(text) and not _COMPARE.search(text):
        return Question(text, "meaning", observations)
    devices = [o for o in observations if o in DEVICES]
    if devices == list(observations) and _AFTER_DEVICE.search(text) and _SYMPTOM.search(text):
        # "중심정맥관 넣은 뒤로 숨이 차요, 사진에 뭐 있어요?": the procedure is when; what is new since is asked
        if _ABNORMAL.search(text) or _NORMAL.search(text):  # "괜찮아요?", "이상 있어요?": in their direction
            return _normality_question(text, negated, "acute")
        return Question(text, "normality", (), False, "abnormal", "acute")  # "사진에 뭐 있어요?"
    if devices == list(observations) and _AFTER_DEVICE.search(text) and _NORMAL.search(text):
        # "흉관 뺐는데 괜찮아요?": the removal is when; whether all is well now is what is asked
        return Question(text, "normality", (), False, "normal", _scope(text))
    if devices and _COUNT.search(text):  # "흉관 몇 개?"; "관 세 개 맞아요?", "두개?": a number to confirm
        guess = _COUNT_GUESS.search(text)
        return Question(text, "count", tuple(devices), negated, guess and str(number_of(guess[1])))
    if devices and _REMOVAL.search(text) and not _ADVISED.search(text):
        return Question(text, "removal", tuple(devices), negated)
    only_devices = bool(devices) and devices == list(observations)  # "흉관 쪽에 기흉 아직 있어요?": the pneumothorax
    if only_devices and _STILL.search(text) and not _ADVISED.search(text):
        return Question(text, "removal", tuple(devices), negated, "still")
    if only_devices and _DEVICE_SUMMARY.search(text) and not _ORGAN_TOO.search(text):  # "튜브들 상태 정리해줘"
        return Question(text, "position", tuple(devices), False, "where", "summary")
    if _ACTIVE_ASKED.search(text) and set(observations) <= {"Lung Lesion"}:  # "활동성 병변 있어요?": no lesion asked
        return Question(text, "normality", (), False, "normal" if negated else "abnormal", "acute")
    if _ACUTE_ASKED.search(text) and (not observations or _EXACERBATION.search(text)):
        # "급성 소견 있나요?" / "급한 이상은 없나요?"; "COPD 급성 악화예요?": whether anything acute is on the disease
        return Question(text, "normality", (), False, "normal" if negated else "abnormal", "acute")
    if _URGENT.search(text) and not observations:  # "기흉이 심각한가요?" asks its severity
        return Question(text, "urgency")
    if devices and USE_ASKED.search(text):  # "콧줄로 밥 줘도 돼요?": answered from where the tube lies
        return Question(text, "position", tuple(devices), False, None, "use")
    if devices and (_POSITION.search(text) or _NORMAL.search(text) or _DEVICE_TOPIC.search(text)):
        return _position_question(text, tuple(devices), negated)
    if not observations and _CORRECTION_AMOUNT.search(text):  # "몇 cm 더 넣어요?" after a device was named
        return Question(text, "position", (), False, "where")
    advice = _NEXT.search(text)
    if advice and re.fullmatch(r"추천|권유|권고", advice.group()) and not _ANCHOR.search(text) and not observations:
        return Question(text, "other")  # "주식 추천해 주세요" asks for no report's advice
    if advice and not _SUMMARY.search(text):
        return Question(text, "next_steps", observations)
    sided = _side_asked(text)
    one_side = _one_side_question(text, observations, negated)
    if one_side:
        return one_side
    if _SIDE.search(sided) and _MORE.search(text) and not (_COMPARE.search(text) or _BECAME.search(text)):
        named = _named_side(sided)
        return Question(text, "worse_side", observations, negated, None if named in ("bilateral", "one") else named)
    direction = _change_direction(text)
    if direction in (None, "any") and _COMPARED_ASKED.search(text):
        return Question(text, "compared", (), negated)
    which_rib = re.search(r"(?:어느|어떤)\s*(?:갈비뼈|늑골)|which\s+ribs?", text, re.I)  # "어느 갈비뼈가 부러졌어요?"
    if (
        _COUNT.search(text) or which_rib or re.search(r"몇\s*(?:번(?:째|\s*(?:늑골|갈비))|대\s*(?:부러|골절|금))", text)
    ) and (observations and not devices):
        # "갈비뼈 몇 개 부러졌어?", "몇 번째 갈비뼈예요?"
        return Question(text, "finding_count", observations, negated)
    compared = bool(_COMPARE.search(text) or _CHANGED.search(text))
    widened = bool(observations) and observations[0] in _ENLARGEMENTS  # "림프절이 커졌나요?" is the finding itself
    worse = re.search(r"악화|심해|나빠|증가|진행|많아|더\s*커|점점|계속", text)
    enlarged = (heart or widened) and not compared and not worse
    if direction == "worse" and _MUCH.search(text) and not compared:  # "많이 커졌나요?" asks how big it is now
        return Question(text, "severity", observations, negated, "severe")
    if direction and not (direction == "worse" and enlarged):  # "심장이 커졌나요?" asks presence
        # "새로 생긴 폐렴은 없나요?" asks about an absence; "변화가 없나요?" names the direction itself.
        return Question(text, "change", observations, negated and direction == "new", direction)
    if _SIDE.search(sided) and (observations or re.search(r"쪽|어디|부위|부분|곳", sided)):
        named = _named_side(sided)
        if named in ("left", "right") and observations and _HOW.search(text) and not re.search(r"어느|어디", text):
            # "오른쪽 흉수 얼마나 돼요?": that side's amount (scope: the side)
            return Question(text, "size" if _SIZE.search(text) else "severity", observations, negated, None, named)
        if named or re.search(r"어느|어디|어떤\s*(?:쪽|부위)", text):
            return Question(text, "side", observations, negated, named)
    how = bool(_HOW.search(text))  # "얼마나 커요?" asks for the size, not for a yes or no
    if _SIZE.search(text) and not heart:
        size = None if how else "big" if _BIG.search(text) else "small" if _SMALL.search(text) else None
        return Question(text, "size", observations, negated, size)
    if _SEVERITY.search(text) and not (heart and not re.search(r"심한|심각|정도|얼마나|많이\s*(?:커|크|큰)", text)):
        severity = None if how else "mild" if _MILD.search(text) else "severe"
        return Question(text, "severity", observations, negated, severity)
    if _SUMMARY.search(text) and not observations:
        return Question(text, "summary")
    if observations:
        # "심장 크기는 정상인가요?" / "폐는 깨끗한가요?" ask about the absence of the finding.
        return Question(text, "presence", observations, _absence_asked(text, negated))
    if _ABNORMAL.search(text) or _NORMAL.search(text):
        return _normality_question(text, negated, _scope(text))
    if _SUMMARY.search(text):
        return Question(text, "summary")
    return Question(text, "other", (), negated)  # "멍은 없죠?": answered from the report's sentences, as asked
