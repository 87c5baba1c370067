"""A Korean glossary of chest X-ray report terms, in plain Korean for patients.

``KOREAN_NAMES`` gives the Korean term clinicians write for each of the 14 CheXpert observations and
for each name of the extra vocabulary of the details (emphysema, nodule, devices ...).
``TERMS`` explains those observations and the words that reports use most, each with the Korean
and English forms a question may use; ``find_terms`` finds them in a question. The grounded chat
backend answers "X가 무슨 뜻인가요?" from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from korad.text import HANGUL_RE

KOREAN_NAMES: dict[str, str] = {
    "No Finding": "특이 소견 없음",
    "Enlarged Cardiomediastinum": "종격동 확장",
    "Cardiomegaly": "심비대",
    "Lung Opacity": "폐 음영 증가",
    "Lung Lesion": "폐 결절 또는 종괴",
    "Edema": "폐부종",
    "Consolidation": "폐경화",
    "Pneumonia": "폐렴",
    "Atelectasis": "무기폐",
    "Pneumothorax": "기흉",
    "Pleural Effusion": "흉수",
    "Pleural Other": "흉막 비후",
    "Fracture": "골절",
    "Support Devices": "삽입된 의료기구",
    # The extra vocabulary of the details (korad.lexicon.EXTRA_OBSERVATIONS, docs/findings.md).
    "Emphysema": "폐기종",
    "Granuloma": "육아종",
    "Nodule": "결절",
    "Mass": "종괴",
    "Rib Fracture": "늑골 골절",
    "Vertebral Fracture": "척추 골절",
    "Scoliosis": "척추측만증",
    "Hiatal Hernia": "열공 탈장",
    "Scarring": "반흔",
    "Hyperinflation": "과팽창",
    "Old Tuberculosis": "진구성 결핵",
    "Tuberculosis": "결핵",
    "Aortic Atherosclerosis": "대동맥 죽상경화",
    "Aortic Tortuosity": "대동맥 사행",
    "Interstitial Lung Disease": "간질성 폐질환",
    "Aspiration": "흡인",
    "Tension Pneumothorax": "긴장성 기흉",
    "Subcutaneous Emphysema": "피하 기종",
    "Pneumomediastinum": "종격동 기종",
    "Pneumoperitoneum": "복강 내 유리 공기(기복증)",
    "Bronchiectasis": "기관지 확장증",
    "Cavity": "공동",
    "Lymphadenopathy": "림프절 비대",
    "Mastectomy": "유방 절제술",
    "Axillary Surgery": "겨드랑이 수술 흔적",
    "Endotracheal Tube": "기관내관",
    "Central Line": "중심정맥관",
    "Nasogastric Tube": "비위관",
    "Chest Tube": "흉관",
    "Tracheostomy Tube": "기관절개관",
    "Pulmonary Artery Catheter": "폐동맥 카테터",
    "Cardiac Assist Device": "심장 보조 장치",
    "Pacemaker": "심장박동기",
    "Sternotomy Wires": "흉골 봉합 철사",
    "Surgical Clips": "수술 클립",
    "Loop Recorder": "삽입형 심전도 기록기",
    "Stent": "스텐트",
}
"""Observation -> the Korean term: the 14 CheXpert observations, then the extra vocabulary; each is
recognised by the findings labeler."""


def korean_name(observation: str) -> str:
    """The Korean term of an observation (its English name if it has none)."""
    return KOREAN_NAMES.get(observation, observation)


@dataclass(frozen=True)
class Term:
    """One glossary entry: the Korean term, its English form, a plain-Korean explanation."""

    korean: str
    english: str
    explanation: str
    aliases: tuple[str, ...] = ()
    """Other spellings a question may use (Korean or English, regular expressions)."""
    observation: str | None = None
    """The CheXpert observation this term is, if it is one."""
    written: tuple[str, ...] = ()
    """How a report writes it, when not by its names (regular expressions); given, the aliases stay question
    words ("멍" asks about a hematoma, a report writes "hematoma", "혈종")."""
    topic: str = ""
    """What it names, for the answer drawn from the report's sentences (``korad.chat.answers.related``):
    "finding" (there or not: a metastasis, a hematoma), "place" (a part of the chest: its sentences are told, no
    yes or no),
    "test" (a test or procedure a report may advise: CT, a biopsy, drainage), "event" (an injury: old or recent),
    "symptom" (told with the report's findings that bear on it, its ``related`` words), "drug" (told);
    "" for the other words (abbreviations, views)."""
    related: tuple[str, ...] = ()
    """Report words that bear on it without naming it ("viral pneumonia" for COVID-19), regular expressions."""
    everyday: bool = False
    """An everyday word of the body (목, 배, 등) that many sentences name without asking about the report ("배
    고파요"): its sentences are told where the report writes them, its absence is not said."""


def _observation(observation: str, explanation: str, english: str, *aliases: str) -> Term:
    return Term(KOREAN_NAMES[observation], english, explanation, aliases, observation)


_SURGERY_TRACES = (
    r"sternotomy",
    r"흉골\s*(?:봉합|절개)",
    r"(?:봉합|흉골)\s*(?:철사|와이어)",
    r"(?:mediastinal |surgical )clips?",
)
"""What a heart operation leaves on a radiograph: asked "CABG 했어요?" on a report that names only these, they bear
on it without naming it."""

TERMS: tuple[Term, ...] = (
    _observation(
        "No Finding",
        "사진에서 특별한 이상이 보이지 않는다는 뜻입니다. 폐, 심장, 흉막 등이 정상 범위로 보인다는 말입니다.",
        "no finding",
        r"특이\s*소견\s*없음",
        r"no acute cardiopulmonary (?:process|abnormality)",
        r"급성\s*심폐\s*(?:이상|질환)",
    ),
    _observation(
        "Enlarged Cardiomediastinum",
        "양쪽 폐 사이의 가운데 부분(종격동)과 심장 그림자가 넓어 보인다는 뜻입니다. 심장, 큰 혈관, 림프절 등이 "
        "커졌을 때 보일 수 있어 원인 확인이 필요할 수 있습니다.",
        "enlarged cardiomediastinum",
        r"종격동\s*(?:확장|확대|비대)",
        r"widened mediastinum",
        r"mediastinal widening",
    ),
    _observation(
        "Cardiomegaly",
        "심장 크기가 보통보다 커 보인다는 뜻입니다. 심장에 부담이 있을 때 나타날 수 있으며, 심장 초음파 같은 "
        "추가 검사로 확인하기도 합니다.",
        "cardiomegaly",
        r"심장\s*비대",
        r"심장\s*(?:확대|확장)",
        r"enlarged heart",
    ),
    _observation(
        "Lung Opacity",
        "폐의 일부가 사진에서 평소보다 하얗게(뿌옇게) 보인다는 뜻입니다. 염증, 물, 폐가 쪼그라든 부분 등 여러 "
        "원인으로 생길 수 있어 다른 소견과 함께 해석합니다.",
        "lung opacity",
        r"음영",
        r"opacit(?:y|ies)",
        r"혼탁",
    ),
    _observation(
        "Lung Lesion",
        "폐에 동그란 덩어리나 점 같은 것이 보인다는 뜻입니다. 작은 것은 결절, 큰 것(약 3cm 이상)은 종괴라고 하며, "
        "양성인 경우가 많지만 CT 등으로 추가 확인이 필요할 수 있습니다.",
        "lung lesion",
        r"결절",
        r"종괴",
        r"nodules?",
        r"mass(?:es)?",
        r"병변",
    ),
    _observation(
        "Edema",
        "폐에 물이 차 있다는 뜻입니다. 심장 기능이 떨어지거나 몸에 수분이 많을 때 흔히 생깁니다.",
        "pulmonary edema",
        r"폐\s*부종",
        r"부종",
        r"edema",
    ),
    _observation(
        "Consolidation",
        "폐 속 공기가 있어야 할 자리가 염증이나 액체로 채워져 단단하고 하얗게 보인다는 뜻입니다. 폐의 염증에서 "
        "흔히 보입니다.",
        "consolidation",
        r"폐\s*경화",
        r"경화",
        r"consolidation",
    ),
    _observation(
        "Pneumonia",
        "폐에 세균이나 바이러스 등으로 염증이 생긴 상태입니다. 사진 소견과 함께 증상과 혈액 검사로 진단합니다.",
        "pneumonia",
        r"폐렴",
        r"pneumonia",
        r"pna",
    ),
    _observation(
        "Atelectasis",
        "폐의 일부가 쪼그라들어 공기가 덜 들어간 상태입니다. 얕은 호흡, 가래, 수술 후에 흔하며 대개 "
        "가벼운 경우가 많습니다.",
        "atelectasis",
        r"무기폐",
        r"atelectasis",
    ),
    _observation(
        "Pneumothorax",
        "폐와 가슴벽 사이에 공기가 새어 들어가 폐가 눌린 상태입니다. 숨이 차거나 가슴이 아플 수 있고, 크기에 따라 "
        "응급 처치가 필요할 수 있습니다.",
        "pneumothorax",
        r"기흉",
        r"pneumothorax",
        r"ptx",
    ),
    _observation(
        "Pleural Effusion",
        "폐를 둘러싼 막(흉막) 사이에 물이 고여 있다는 뜻입니다. 심부전, 염증 등 여러 원인으로 생기며 양이 "
        "많으면 물을 빼기도 합니다.",
        "pleural effusion",
        r"흉수",
        r"(?:흉막|늑막)\s*삼출",
        r"(?:pleural )?effusion",
    ),
    _observation(
        "Pleural Other",
        "폐를 둘러싼 막(흉막)이 두꺼워지거나 굳은 자국, 석회화가 생겼다는 뜻입니다. 예전 염증의 흔적인 경우가 "
        "많습니다.",
        "pleural thickening",
        r"(?:흉막|늑막)\s*(?:비후|석회화|유착)",
        r"pleural (?:thickening|plaques?)",
    ),
    _observation(
        "Fracture",
        "뼈(주로 갈비뼈, 쇄골, 척추)가 부러졌거나 금이 갔다는 뜻입니다. 오래된 골절이 보이는 경우도 있습니다.",
        "fracture",
        r"골절",
        r"fractures?",
    ),
    _observation(
        "Support Devices",
        "치료를 위해 몸에 넣은 관이나 기구(기관내관, 중심정맥관, 비위관, 심장박동기 등)가 사진에 보인다는 뜻입니다. "
        "판독문은 그 위치가 적절한지를 적습니다.",
        "support devices",
        r"(?:삽입된\s*)?의료\s*기구",
        r"support devices?",
    ),
    Term(
        "흉막",
        "pleura",
        "폐를 감싸고 있는 얇은 막입니다. 폐를 싸는 막과 가슴벽 안쪽의 막 두 겹으로 되어 있습니다.",
        (r"늑막", r"pleura"),
    ),
    Term(
        "종격동",
        "mediastinum",
        "양쪽 폐 사이의 가운데 공간입니다. 심장, 큰 혈관, 기관, 식도 등이 있습니다.",
        (r"mediastinum", r"종격"),
        written=(r"mediastin\w*", r"종격동?"),
    ),
    # words of chronic lung disease and chest injury that a report writes and a patient asks the meaning of
    Term(
        "방사선 섬유화",
        "radiation fibrosis",
        "방사선 치료를 받은 부위의 폐가 치료 뒤 딱딱하게 변하고 오그라든 것으로, 상처가 아문 자국과 같은 "
        "변화입니다. 치료 범위를 따라 경계가 곧게 보이는 것이 특징이며, 대개 치료 후 예상되는 변화입니다.",
        (r"방사선\s*(?:치료\s*후\s*)?(?:폐\s*)?섬유화", r"radiation(?:-induced)?\s+(?:fibrosis|fibrotic)"),
    ),
    Term(
        "벌집모양",
        "honeycombing",
        "폐가 딱딱하게 변하는 병이 오래 진행되어, 폐 가장자리에 작은 공기주머니(낭)들이 벌집처럼 모여 보이는 "
        "것입니다. 그 병이 많이 진행되었다는 뜻이며, 정확한 평가는 CT로 합니다.",
        (r"벌집\s*(?:모양|양상|폐|형태)?", r"honeycomb\w*"),
    ),
    Term(
        "동요흉",
        "flail chest",
        "여러 개의 갈비뼈가 각각 두 군데 이상 부러져, 그 부분의 가슴벽이 숨 쉴 때 나머지 가슴과 반대로(역설적으로) "
        "움직이는 상태입니다. 숨쉬기가 힘들어질 수 있는 심한 가슴 손상입니다.",
        (r"동요\s*흉", r"flail(?:\s+(?:chest|segment))?"),
    ),
    Term(
        "폐문",
        "hilum",
        "폐의 안쪽 가운데에서 기관지와 혈관이 폐로 드나드는 부분입니다.",
        (r"hil(?:um|a|ar)", r"폐문부"),
        topic="place",
    ),
    Term(
        "늑골횡격막각",
        "costophrenic angle",
        "가슴 사진에서 갈비뼈와 횡격막이 만나는 아래쪽 뾰족한 모서리입니다. 이 각이 무뎌지면 흉막 사이에 물이 조금 "
        "고였을 수 있습니다.",
        (r"costophrenic angles?", r"cp angles?", r"cpa", r"늑횡격막각", r"늑골\s*횡격막\s*각"),
    ),
    Term(
        "횡격막",
        "diaphragm",
        "가슴과 배를 나누는 얇은 근육으로, 숨 쉴 때 오르내립니다.",
        (r"diaphragms?", r"hemidiaphragms?", r"횡경막", r"가로막"),
        topic="place",
    ),
    Term(
        "심장 음영",
        "cardiac silhouette",
        "사진에 비친 심장의 윤곽(그림자)입니다. 그 크기로 심장이 커졌는지를 봅니다.",
        (r"cardiac silhouette", r"심장\s*(?:윤곽|그림자)", r"심음영"),
    ),
    Term(
        "심흉곽비",
        "cardiothoracic ratio",
        "가슴 폭에 대한 심장 폭의 비율입니다. 보통 0.5(50%)를 넘으면 심장이 커졌다고 봅니다.",
        (r"cardiothoracic ratio", r"ctr"),
    ),
    Term(
        "침윤",
        "infiltrate",
        "폐 조직 안에 염증 세포나 액체가 스며들어 뿌옇게 보이는 것입니다.",
        (r"infiltrates?", r"infiltration"),
    ),
    _observation(
        "Emphysema",
        "폐의 작은 공기주머니(폐포)가 망가져 폐가 과하게 부풀어 있는 상태로, 흡연과 관련이 많습니다. 만성 폐쇄성 "
        "폐질환(COPD)의 한 형태입니다.",
        "emphysema",
        r"만성\s*폐쇄성\s*폐\s*질환",
        r"copd",
    ),
    _observation(
        "Hyperinflation",
        "폐가 보통보다 공기로 더 부풀어 보인다는 뜻입니다. 폐기종이나 천식에서 보일 수 있습니다.",
        "hyperinflation",
        r"hyperinflat(?:ion|ed)",
        r"과다\s*팽창",
    ),
    _observation(
        "Granuloma",
        "예전 염증이 나은 뒤 남은 작은 자국 덩어리로, 칼슘이 쌓여(석회화) 하얗게 보이기도 합니다. 대부분 치료가 "
        "필요 없습니다.",
        "granuloma",
        r"granulomas?",
        r"calcified granulomas?",
    ),
    _observation(
        "Nodule",
        "폐에 생긴 3cm보다 작은 동그란 점 같은 그림자입니다. 대부분 암이 아닌 양성이지만, 크기와 모양에 따라 CT나 "
        "추적 검사로 확인합니다.",
        "nodule",
        r"nodules?",
    ),
    _observation(
        "Mass",
        "폐에 생긴 3cm 이상의 덩어리입니다. 원인을 알기 위해 CT나 조직 검사 같은 추가 검사가 필요한 경우가 많습니다.",
        "mass",
        r"mass(?:es)?",
    ),
    _observation(
        "Rib Fracture",
        "갈비뼈(늑골)가 부러졌거나 금이 간 것입니다. 오래되어 이미 붙은 흔적인 경우도 있습니다.",
        "rib fracture",
        r"rib fractures?",
        r"갈비뼈\s*골절",
    ),
    _observation(
        "Vertebral Fracture",
        "척추뼈가 눌려 납작해졌거나 부러진 것입니다. 골다공증이 있는 분에게 흔하며, 오래된 것인지 확인이 필요할 수 "
        "있습니다.",
        "vertebral fracture",
        r"(?:vertebral|compression) fractures?",
        r"압박\s*골절",
    ),
    _observation(
        "Scoliosis",
        "척추가 옆으로 휘어 있는 상태입니다. 대개 오래된 것으로 폐나 심장의 판독에는 큰 영향을 주지 않습니다.",
        "scoliosis",
        r"측만증?",
    ),
    _observation(
        "Hiatal Hernia",
        "위의 일부가 횡격막의 구멍(식도가 지나는 곳)을 통해 가슴 쪽으로 올라와 있는 상태입니다. 흔한 소견으로 "
        "속쓰림과 관련될 수 있습니다.",
        "hiatal hernia",
        r"hiatus hernia",
        r"열공\s*탈장",
    ),
    _observation(
        "Scarring",
        "예전 염증이나 손상이 나은 뒤 폐나 흉막에 남은 자국(상처가 아문 흔적)입니다. 대개 치료가 필요 없습니다.",
        "scarring",
        r"scarr?(?:ing)?",
        r"흉터",
        r"섬유화",
        r"fibrosis",
        r"fibrotic",
    ),
    _observation(
        "Interstitial Lung Disease",
        "폐의 공기주머니(폐포) 사이를 받치는 조직(간질, 사이질)이 붓거나 딱딱하게 굳어지는 병들을 "
        "통틀어 부르는 말입니다. 사진에서는 폐에 그물 모양의 무늬로 보이며, 정확한 진단에는 고해상도 CT(HRCT) 같은 "
        "추가 검사가 필요합니다.",
        "interstitial lung disease",
        r"ILD",
        r"간질성\s*폐\s*질환",
        r"사이질\s*폐\s*질환",
        r"간질성\s*폐\s*섬유화",
    ),
    _observation(
        "Aspiration",
        "음식물, 침, 위 내용물 등이 기도를 통해 폐로 잘못 넘어간 것입니다. 그로 인해 폐가 상한 것을 흡인성 "
        "폐 손상이라고 하며, 주로 폐의 아래쪽(특히 오른쪽)에 생깁니다.",
        "aspiration",
        r"흡인성?\s*폐렴",
        r"흡인",
        r"aspiration pneumonia",
    ),
    _observation(
        "Tension Pneumothorax",
        "폐 밖으로 새어 나온 공기가 빠져나가지 못하고 계속 쌓여 폐와 심장, 큰 혈관을 반대쪽으로 밀어내는 "
        "상태입니다. 즉시 공기를 빼는 응급 처치가 필요한 상태이며, 판독문은 종격동이 밀렸는지(mediastinal "
        "shift)로 이를 적습니다.",
        "tension pneumothorax",
        r"긴장성\s*기흉",
        r"긴장성",
    ),
    _observation(
        "Subcutaneous Emphysema",
        "피부 밑(피하 조직)에 공기가 들어가 있는 상태입니다. 폐에서 공기가 샐 때나 가슴에 관을 넣은 뒤, "
        "수술 뒤에 생길 수 있으며 대개 저절로 흡수됩니다.",
        "subcutaneous emphysema",
        r"피하\s*기종",
        r"피하\s*공기",
        r"subcutaneous air",
    ),
    _observation(
        "Pneumomediastinum",
        "양쪽 폐 사이의 가운데 공간(종격동)에 공기가 들어가 있는 상태입니다. 기도나 식도의 손상, 심한 기침 등으로 "
        "생길 수 있어 원인 확인이 필요할 수 있습니다.",
        "pneumomediastinum",
        r"종격동\s*기종",
        r"기종격증?",
    ),
    _observation(
        "Pneumoperitoneum",
        "배 안(복강)에 있으면 안 되는 공기가 횡격막 아래에 보이는 상태입니다. 위나 장에 구멍이 났을 때 생길 수 있어 "
        "즉시 확인이 필요한 응급 소견이며, 배 수술 직후에는 수술 뒤 남은 공기일 수도 있습니다.",
        "pneumoperitoneum",
        r"기복증",
        r"복강\s*내\s*(?:유리\s*)?공기",
        r"(?:(?<![가-힣])배|뱃속|복부|복강)\s*(?:에|에는|속에?|안에?|의|내)?\s*(?:유리\s*)?(?:공기|가스|바람)",
        r"횡격막\s*(?:밑|아래)(?:에|의|쪽)?\s*(?:공기|가스)",
        r"free air",
    ),
    _observation(
        "Bronchiectasis",
        "기관지(공기가 지나는 관)가 늘어나 넓어진 상태입니다. 오래전 앓은 병의 결과인 경우가 많고, 가래가 잘 고여 "
        "같은 병이 반복될 수 있습니다.",
        "bronchiectasis",
        r"기관지\s*확장증?",
    ),
    _observation(
        "Cavity",
        "폐 안에 속이 비어 공기가 찬 구멍(공동)이 생긴 것입니다. 오래된 병이나 고름 주머니 등 여러 원인에서 "
        "보일 수 있어 원인 확인이 필요합니다.",
        "cavity",
        r"공동",
        r"cavitary",
        r"cavitation",
    ),
    _observation(
        "Lymphadenopathy",
        "림프절(면역 세포가 모인 작은 콩 모양 기관)이 커져 있는 상태입니다. 몸의 방어 반응이나 다른 병 등 "
        "여러 원인으로 생길 수 있습니다.",
        "lymphadenopathy",
        r"림프절\s*(?:비대|종대|커짐)",
        r"adenopathy",
    ),
    _observation(
        "Mastectomy",
        "유방을 수술로 떼어낸 상태입니다. 사진에서는 그쪽 가슴의 연부 조직이 얇게 보입니다.",
        "mastectomy",
        r"유방\s*(?:전\s*)?절제술?",
    ),
    _observation(
        "Axillary Surgery",
        "겨드랑이(액와부)를 수술한 흔적입니다. 유방암 수술 때 겨드랑이 림프절을 떼어낸 자리에 남은 금속 클립 등이 "
        "사진에 보이는 경우가 많으며, 대개 문제가 되지 않습니다.",
        "axillary surgery",
        r"겨드랑이\s*수술(?:\s*(?:흔적|자국))?",
        r"액와부?\s*(?:수술|림프절\s*절제|곽청)",
        r"axillary (?:dissection|clips?)",
    ),
    _observation(
        "Old Tuberculosis",
        "예전에 앓았던 결핵이 나은 뒤 폐에 남은 흔적입니다. 지금 결핵이 활동 중이라는 뜻은 아니며, 이전 사진과 "
        "비교해 달라진 점이 없는지 봅니다.",
        "old tuberculosis",
        r"old (?:tb|tuberculosis)",
        r"결핵\s*(?:후유증|흔적)",
        r"비활동성\s*결핵",
    ),
    _observation(
        "Tuberculosis",
        "결핵균이 폐에 들어와 생기는 병입니다. X선 사진만으로는 확진할 수 없고, 가래(객담) 검사 등으로 확인합니다.",
        "tuberculosis",
        r"활동성\s*결핵",
        r"active (?:tb|tuberculosis)",
    ),
    _observation(
        "Aortic Atherosclerosis",
        "대동맥(심장에서 나오는 큰 혈관) 벽에 칼슘이 쌓여 하얗게 보이는 것으로, 나이가 들면서 흔히 생기는 혈관 "
        "노화의 흔적입니다.",
        "aortic atherosclerosis",
        r"대동맥\s*(?:석회화|경화)",
        r"aortic (?:calcification|atherosclerosis)",
    ),
    _observation(
        "Aortic Tortuosity",
        "대동맥이 나이가 들면서 늘어나 구불구불하게 보이는 것입니다. 대개 흔한 노화 소견으로 치료가 필요 없습니다.",
        "aortic tortuosity",
        r"대동맥\s*(?:굴곡|만곡)",
        r"tortuous aorta",
    ),
    _observation(
        "Endotracheal Tube",
        "인공호흡을 위해 입이나 코를 통해 기관(숨길)에 넣은 관입니다. 판독문은 관 끝이 기관이 갈라지는 곳보다 "
        "적당히 위에 있는지를 봅니다.",
        "endotracheal tube",
        r"et tube",
        r"ett",
        r"기관\s*내\s*(?:관|튜브)",
        r"기관\s*삽관",
    ),
    _observation(
        "Central Line",
        "약이나 수액을 넣기 위해 목, 가슴, 팔의 큰 정맥을 통해 심장 가까이까지 넣은 관입니다. PICC는 팔로 넣은 "
        "중심정맥관이며, 관 끝은 보통 심장 바로 위의 큰 정맥(상대정맥)에 있어야 합니다.",
        "central venous catheter",
        r"central (?:venous )?(?:line|catheter)",
        r"picc",
        r"cvc",
        r"말초\s*삽입(?:형)?\s*중심\s*정맥관",
        r"중심\s*정맥\s*(?:관|카테터|도관)",
    ),
    _observation(
        "Nasogastric Tube",
        "코나 입을 통해 위까지 넣은 관으로, 영양을 공급하거나 위 내용물을 빼낼 때 씁니다. 관 끝이 위 안에 있어야 "
        "합니다.",
        "nasogastric tube",
        r"ng tube",
        r"og tube",
        r"ngt",
        r"dobhoff",
        r"feeding tube",
        r"비위관",
        r"영양관",
        r"콧줄",
        r"엘튜브",
        r"l-tube",
    ),
    _observation(
        "Chest Tube",
        "흉막 사이에 고인 공기나 물을 빼내기 위해 가슴벽을 통해 넣은 관입니다.",
        "chest tube",
        r"chest tubes?",
        r"흉관",
        r"흉강\s*(?:튜브|배액관)",
    ),
    _observation(
        "Tracheostomy Tube",
        "목 앞쪽에 구멍을 내어 기관(숨길)에 직접 넣은 관으로, 오래 인공호흡이 필요하거나 가래를 빼낼 때 씁니다.",
        "tracheostomy tube",
        r"tracheostomy",
        r"trach",
        r"기관\s*절개\s*(?:관|튜브)?",
    ),
    _observation(
        "Pulmonary Artery Catheter",
        "목이나 가슴의 큰 정맥으로 넣어 심장을 지나 폐동맥까지 보낸 가는 관(스완-간츠 카테터)으로, 심장과 폐혈관의 "
        "압력을 잽니다. 관 끝은 폐동맥의 중심 쪽(근위부)에 있어야 하며 너무 깊이 들어가면 조정합니다.",
        "pulmonary artery catheter",
        r"swan[- ]?ganz",
        r"pa catheter",
        r"스완\s*[-]?\s*(?:간츠|간즈)",
        r"폐동맥\s*카테터",
    ),
    _observation(
        "Cardiac Assist Device",
        "약해진 심장을 기계로 돕는 장치입니다. 대동맥내 풍선 펌프(IABP), 임펠라(Impella), 에크모(ECMO) 관, "
        "좌심실 보조 장치(LVAD) 등이 있습니다.",
        "cardiac assist device",
        r"iabp",
        r"impella",
        r"ecmo",
        r"lvad",
        r"에크모",
        r"임펠라",
        r"대동맥\s*내\s*풍선\s*펌프",
    ),
    _observation(
        "Pacemaker",
        "심장이 일정하게 뛰도록 전기 신호를 보내는 기계로, 가슴 피부 밑에 넣고 선을 심장까지 연결합니다. "
        "제세동기(ICD)는 위험한 부정맥 때 전기 충격을 줍니다.",
        "pacemaker",
        r"pacemakers?",
        r"pacer",
        r"인공\s*심(?:장)?\s*박동기",
        r"심\s*박동기",
    ),
    _observation(
        "Sternotomy Wires",
        "심장 수술 때 가슴 한가운데 뼈(흉골)를 열었다가 다시 묶은 철사입니다. 수술 뒤 계속 남아 있는 것이 정상입니다.",
        "sternotomy wires",
        r"sternotomy",
        r"흉골\s*(?:철사|와이어)",
    ),
    _observation(
        "Surgical Clips",
        "수술 때 혈관 등을 묶으려고 남겨 둔 작은 금속 클립입니다. 몸에 해롭지 않아 그대로 둡니다.",
        "surgical clips",
        r"clips?",
        r"클립",
    ),
    _observation(
        "Loop Recorder",
        "가슴 피부 밑에 넣어 두고 심장 리듬을 오랫동안 기록하는 작은 기계(루프 기록기)입니다. 심장에 선을 연결하지 "
        "않으며, 심장박동기와 달리 심장을 뛰게 하지는 않습니다.",
        "loop recorder",
        r"loop recorder",
        r"implantable cardiac monitor",
        r"\bilr\b",
        r"루프\s*(?:기록기|레코더)",
        r"심전도\s*기록기",
    ),
    _observation(
        "Stent",
        "좁아지거나 막힌 관(식도, 기도, 혈관, 담도 등)을 넓혀 두려고 넣은 그물 모양의 금속 또는 플라스틱 관입니다.",
        "stent",
        r"stents?",
        r"스텐트",
    ),
    # Kinds of device a question names by their own name ("케모포트가 뭐예요?"): each is its device type.
    Term(
        "케모포트",
        "implanted port",
        "가슴 피부 밑에 심어 둔 작은 주입구(포트)에 연결된 중심정맥관입니다. 항암제나 수액을 여러 번 넣을 때 "
        "바늘로 포트만 찌르면 되도록 만든 것으로, 관 끝은 상대정맥이나 그 아래 우심방 입구에 있어야 합니다.",
        (r"(?:케모|캐모)\s*포트", r"port[- ]?a[- ]?cath", r"chemo\s*port", r"mediport", r"(?:chest|power) port"),
        "Central Line",
    ),
    Term(
        "삽입형 제세동기",
        "implantable cardioverter-defibrillator, ICD",
        "위험한 부정맥이 생기면 전기 충격을 주어 심장 리듬을 되돌리는 기계로, 가슴 피부 밑에 넣고 선(리드)을 "
        "심장까지 연결합니다. 심박동기 기능을 함께 하는 경우가 많습니다.",
        (r"a?icd", r"crt-?d", r"(?:삽입형\s*)?(?:심장\s*)?제세동기"),
        "Pacemaker",
    ),
    Term(
        "대동맥내 풍선 펌프",
        "intra-aortic balloon pump, IABP",
        "다리 동맥으로 넣어 가슴 속 대동맥에 둔 풍선으로, 심장 박동에 맞춰 부풀었다 줄어들며 약해진 심장을 돕습니다. "
        "끝은 대동맥궁(aortic knob) 바로 아래에 있어야 합니다.",
        (r"iabp", r"intra-?aortic balloon(?: pump)?", r"대동맥\s*내\s*풍선\s*펌프", r"풍선\s*펌프"),
        "Cardiac Assist Device",
    ),
    Term(
        "에크모",
        "ECMO",
        "큰 정맥에 넣은 관(캐뉼라)으로 피를 몸 밖 기계로 보내 산소를 넣고 다시 몸으로 돌려보내는 장치로, 심장이나 "
        "폐가 제 역할을 못 할 때 씁니다.",
        (r"ecmo", r"에크모"),
        "Cardiac Assist Device",
    ),
    Term(
        "임펠라",
        "Impella",
        "대동맥판을 지나 좌심실에 걸쳐 넣는 작은 펌프 관으로, 좌심실의 피를 대동맥으로 밀어내 심장을 돕습니다.",
        (r"impella", r"임펠라"),
        "Cardiac Assist Device",
    ),
    Term(
        "좌심실 보조 장치",
        "LVAD",
        "좌심실에 연결해 피를 대동맥으로 보내 주는 이식형 펌프로, 심한 심부전에서 심장을 대신 돕습니다.",
        (r"lvad", r"(?:left )?ventricular assist device", r"(?:좌심실|심실)\s*보조\s*(?:장치|기구)"),
        "Cardiac Assist Device",
    ),
    Term(
        "돕호프 영양관",
        "Dobhoff tube",
        "코로 넣는 가늘고 끝에 추가 달린 영양관으로, 끝이 위나 십이지장에 있게 넣어 영양을 공급합니다.",
        (r"dobhoff", r"dht"),
        "Nasogastric Tube",
    ),
    Term(
        "돼지꼬리 카테터",
        "pigtail catheter",
        "끝이 돼지꼬리처럼 둥글게 말린 가는 배액관으로, 가슴 속에 고인 물이나 공기를 빼낼 때 가슴벽을 통해 "
        "넣습니다. 끝이 말려 있는 것은 원래 모양입니다.",
        (r"pig\s*tail(?: catheter)?", r"돼지\s*꼬리"),
        "Chest Tube",
    ),
    # Abbreviations and diagnoses that reports use and people ask about ("NTM이 뭐예요?", "s/p MVR 무슨 뜻?")
    Term(
        "경피적 배액관",
        "percutaneous catheter drainage, PCD",
        "피부를 통해 가는 관(카테터)을 넣어 몸속에 고인 물이나 고름을 빼내는 시술, 또는 그 관입니다. 가슴 속에 "
        "넣으면 흉관과 같은 일을 합니다.",
        (r"pcd", r"percutaneous (?:catheter )?drainage", r"경피적?\s*(?:카테터\s*)?배액(?:술|관)?"),
        "Chest Tube",
    ),
    Term(
        "비결핵항산균",
        "nontuberculous mycobacteria, NTM",
        "결핵균과 같은 무리(항산균)이지만 결핵균은 아닌 균으로, 흙이나 물에 흔히 있습니다. 폐에 들어가 오래가는 "
        "병(비결핵항산균 폐질환)을 일으킬 수 있지만, 결핵과 달리 사람 사이에 거의 옮지 않습니다. 가래 검사로 "
        "확인합니다.",
        (
            r"ntm",
            r"non-?tuberculous mycobacteri\w*",
            r"비\s*결핵\s*(?:성\s*)?항산균",
            r"mycobacterium avium(?: complex)?",
        ),
    ),
    Term(
        "승모판 치환술",
        "mitral valve replacement, MVR",
        "심장의 왼쪽 심방과 심실 사이에 있는 판막(승모판)을 인공 판막으로 바꾸는 수술입니다. 사진에 인공 판막이나 "
        "흉골 봉합 철사가 보일 수 있습니다.",
        (r"mvr", r"mitral valve (?:replacement|prosthesis)", r"승모판\s*(?:막\s*)?(?:치환|교체)(?:술)?"),
        topic="finding",
        related=(*_SURGERY_TRACES, r"(?:mitral )?(?:valve prosthes\w*|prosthetic (?:mitral )?valve)"),
    ),
    Term(
        "대동맥판 치환술",
        "aortic valve replacement, AVR",
        "심장에서 대동맥으로 피가 나가는 곳의 판막(대동맥판)을 인공 판막으로 바꾸는 수술입니다. 가슴을 열지 않고 "
        "혈관을 통해 넣는 방법(TAVI, TAVR)도 있습니다.",
        (
            r"avr",
            r"tavr",
            r"tavi",
            r"aortic valve (?:replacement|prosthesis)",
            r"대동맥\s*판막?\s*(?:치환|교체)(?:술)?",
        ),
        topic="finding",
        related=(*_SURGERY_TRACES, r"(?:aortic )?(?:valve prosthes\w*|prosthetic (?:aortic )?valve)"),
    ),
    Term(
        "삼첨판 치환술",
        "tricuspid valve replacement, TVR",
        "심장의 오른쪽 심방과 심실 사이에 있는 판막(삼첨판)을 인공 판막으로 바꾸는 수술입니다.",
        (r"tvr", r"tricuspid valve (?:replacement|prosthesis)", r"삼첨판\s*(?:막\s*)?(?:치환|교체)(?:술)?"),
        topic="finding",
        related=_SURGERY_TRACES,
    ),
    Term(
        "관상동맥 우회술",
        "coronary artery bypass graft, CABG",
        "심장 근육에 피를 보내는 혈관(관상동맥)이 좁아졌을 때 다른 혈관을 이어 피가 돌아가는 새 길을 만드는 "
        "수술입니다. 가슴뼈를 열고 하므로 사진에 흉골 봉합 철사나 수술 클립이 보입니다.",
        (
            r"cabg",
            r"coronary (?:artery )?bypass(?: graft\w*| surgery)?",
            r"관상\s*동맥\s*우회\s*(?:로\s*)?(?:이식\s*)?술?",
        ),
        topic="finding",
        related=_SURGERY_TRACES,
    ),
    Term(
        "수술(시술) 후 상태",
        "status post, s/p",
        "'~을 받은 뒤(~ 후 상태)'라는 뜻의 약어입니다. 예를 들어 's/p MVR'은 승모판 치환술을 받은 뒤라는 뜻입니다.",
        (r"s/p", r"status post", r"post[- ]op(?:erative)?"),
    ),
    Term(
        "림프종",
        "lymphoma",
        "림프구(면역 세포)에서 생기는 혈액암의 한 종류입니다. 가슴에서는 양쪽 폐 사이나 폐 안쪽의 림프절이 커져 "
        "보일 수 있으며, 조직 검사로 진단합니다.",
        (r"lymphomas?", r"임파종"),
    ),
    Term(
        "사르코이드증",
        "sarcoidosis",
        "몸 여러 곳(특히 폐와 가슴 속 림프절)에 작은 염증 덩어리(육아종)가 생기는 병으로, 암이 아닙니다. 원인은 "
        "확실하지 않으며 저절로 좋아지기도 합니다.",
        (r"sarcoid\w*", r"사르코이드\w*", r"유육종증?"),
    ),
    Term(
        "울혈성 심부전",
        "congestive heart failure, CHF",
        "심장이 피를 충분히 내보내지 못해 폐나 몸에 물이 고이는 상태입니다. 흉부 사진에서는 심장이 커 보이거나 "
        "폐와 가슴 속에 물이 고인 모습이 보일 수 있습니다.",
        (r"chf", r"(?:congestive )?heart failure", r"(?:울혈성\s*)?심부전"),
    ),
    Term(
        "배제 필요",
        "rule out, r/o",
        "'~인지 확인해 보아야 한다(배제해야 한다)'는 뜻의 약어입니다. 그 병이 있다는 뜻이 아니라, 가능성이 있어 "
        "확인이 필요하다는 뜻입니다.",
        (r"r/o", r"rule[- ]out"),
    ),
    Term(
        "감별 진단",
        "differential diagnosis, DDx",
        "비슷하게 보이는 여러 병 가운데 어느 것인지 가려야 한다는 뜻입니다. 'A vs B'(A 대 B)도 A와 B 가운데 "
        "어느 것인지 아직 확실하지 않다는 뜻입니다.",
        (r"d\.?dx", r"differential(?: diagnosis)?", r"감별\s*진단", r"vs\.?", r"versus"),
    ),
    Term(
        "추적 검사",
        "follow-up, f/u",
        "시간을 두고 같은 검사를 다시 해서 달라졌는지 지켜보는 것입니다. 'f/u CT'는 나중에 CT를 다시 찍어 "
        "비교하자는 뜻입니다.",
        (r"f/u", r"follow[- ]?up"),
    ),
    Term(
        "~에 부합함",
        "consistent with, c/w",
        "'~로 보인다(~와 맞는 모습이다)'는 뜻의 약어입니다. 판독의가 그 진단으로 읽었다는 뜻입니다.",
        (r"c/w", r"consistent with", r"compatible with"),
    ),
    Term(
        "이전 검사 이후의 변화",
        "interval change",
        "지난번 검사와 이번 검사 사이에 달라진 것을 말합니다. 'no interval change'는 지난번과 달라진 것이 없다는 "
        "뜻입니다.",
        (r"interval (?:change|increase|decrease|improvement|development)", r"(?:no )?interval change"),
    ),
    Term(
        "간유리 음영",
        "ground-glass opacity, GGO",
        "폐의 일부가 간유리(불투명 유리)처럼 살짝 뿌옇게 보이지만 그 안의 혈관은 보이는 상태입니다. 염증, 출혈, "
        "부종 등 여러 원인으로 생기며, 오래 남으면 CT로 지켜봅니다.",
        (r"ggo", r"ground[- ]glass(?: opacit\w*| attenuation)?", r"간\s*유리\s*(?:음영|결절)?", r"젖빛\s*유리"),
        "Lung Opacity",
    ),
    *(
        Term(korean, english, f"{explanation} 오른쪽 폐는 상엽, 중엽, 하엽, 왼쪽 폐는 상엽과 하엽으로 나뉩니다.")
        for korean, english, explanation in (
            ("우상엽", "RUL", "오른쪽 폐의 위쪽 엽(right upper lobe)을 줄여 쓴 말입니다."),
            ("우중엽", "RML", "오른쪽 폐의 가운데 엽(right middle lobe)을 줄여 쓴 말입니다."),
            ("우하엽", "RLL", "오른쪽 폐의 아래쪽 엽(right lower lobe)을 줄여 쓴 말입니다."),
            ("좌상엽", "LUL", "왼쪽 폐의 위쪽 엽(left upper lobe)을 줄여 쓴 말입니다."),
            ("좌하엽", "LLL", "왼쪽 폐의 아래쪽 엽(left lower lobe)을 줄여 쓴 말입니다."),
            ("설엽", "lingula", "왼쪽 폐 상엽의 아래쪽, 혀 모양의 부분(오른쪽 폐의 중엽에 해당)입니다."),
        )
    ),
    Term(
        "석회화",
        "calcification",
        "조직에 칼슘이 쌓여 하얗게 보이는 것입니다. 대개 예전 염증이 남긴 흔적으로 해롭지 않은 경우가 많습니다.",
        (r"calcifi(?:cation|cations|ed)",),
    ),
    Term(
        "후전면 촬영",
        "PA view",
        "등 쪽에서 가슴 쪽으로 X선을 통과시켜 서서 찍는 표준 가슴 사진입니다. AP(전후면) 사진은 누워서나 병상에서 "
        "찍으며, 심장이 실제보다 커 보일 수 있습니다.",
        (r"\bpa\b", r"\bap\b", r"posteroanterior", r"anteroposterior", r"portable", r"전후면"),
    ),
    Term(
        "양측",
        "bilateral",
        "양쪽(오른쪽과 왼쪽 모두)이라는 뜻입니다. 우측은 오른쪽, 좌측은 왼쪽입니다.",
        (r"bilateral", r"우측", r"좌측"),
    ),
    Term(
        "폐울혈",
        "pulmonary vascular congestion",
        "폐의 혈관에 피가 몰려 있다는 뜻입니다. 심장에 부담이 있을 때 보이며, 폐에 물이 찬 폐부종보다 앞 단계이거나 "
        "가벼운 상태입니다.",
        (r"(?:폐\s*)?(?:혈관\s*)?울혈", r"(?:pulmonary |vascular |venous )*congestion"),
        "Edema",
    ),
    Term(
        "급성 심폐 이상 없음",
        "no acute cardiopulmonary process",
        "심장과 폐에 새로 생긴 급한 문제가 보이지 않는다는 뜻입니다.",
        (r"no acute cardiopulmonary (?:process|abnormality)", r"급성\s*심폐\s*(?:이상|질환)"),
    ),
    # Words patients ask about that lie outside the labeler's vocabulary: answered from the report's own sentences
    # that name them (korad.chat.answers.related), with the forms a report writes them in.
    Term(
        "전이",
        "metastasis",
        "암이 처음 생긴 곳에서 다른 곳(폐, 뼈, 림프절 등)으로 퍼진 것을 말합니다. 흉부 X선으로는 의심만 할 수 있고, "
        "CT나 조직 검사로 확인합니다.",
        (
            r"metasta\w*",
            r"전이",
            r"암[이가은는]?\s*(?:폐|뼈|다른\s*(?:곳|데))?[가-힣]{0,2}\s*퍼",
            # "뼈로도 퍼졌을 수 있다는 말이에요?": a spread to an organ is a metastasis
            r"(?:뼈|골|폐|간|뇌|림프절|척추|갈비뼈|늑골|다른\s*(?:곳|데))(?:으로|로|에|까지)(?:도|는|만)?\s*퍼",
        ),
        written=(r"metasta\w*", r"전이\w*"),
        topic="finding",
    ),
    Term(
        "혈종",
        "hematoma",
        "몸 안에 피가 고여 뭉쳐 있는 것으로, 피부 밑에 생기면 멍처럼 보입니다. 시술이나 다친 뒤에 생길 수 있습니다.",
        (r"ha?ematomas?", r"(?<![가-힣])(?:피\s*)?멍", r"피멍"),
        written=(r"ha?ematoma\w*", r"혈종"),
        topic="finding",
    ),
    Term(
        "출혈",
        "hemorrhage",
        "혈관 밖으로 피가 나온 것입니다. 폐 안의 출혈은 사진에서 뿌옇게 보일 수 있습니다.",
        (r"ha?emorrhag\w*", r"bleed\w*", r"피[가는도]?\s*(?:났|나요|난|나나|나는|나온|나와|나오|흘|고였|고인)"),
        written=(r"ha?emorrhag\w*", r"bleed\w*", r"ha?emothora\w*", r"출혈", r"혈흉"),
        topic="finding",
        related=(r"ha?ematoma\w*", r"혈종"),
    ),
    Term(
        "타박상",
        "contusion",
        "부딪혀서 생긴 멍으로, 폐에 생기면(폐 타박상) 다친 부분이 뿌옇게 보입니다. 대개 며칠 사이에 좋아집니다.",
        (r"contusions?", r"타박", r"(?<![가-힣])(?:피\s*)?멍"),
        written=(r"contusion\w*", r"타박\w*"),
        topic="finding",
    ),
    Term(
        "외상",
        "trauma",
        "부딪히거나 넘어지는 등 밖에서 받은 힘으로 다친 것입니다. 흉부 X선에서는 뼈나 폐, 가슴벽에 다친 흔적이 "
        "보일 수 있습니다.",
        (r"trauma\w*", r"injur\w*", r"다쳤|다친|다치|부딪|넘어(?:졌|진)|사고|외상"),
        written=(r"trauma\w*", r"injur\w*", r"fractur\w*", r"골절", r"contusion\w*", r"타박", r"외상"),
        topic="event",
    ),
    Term(
        "식도",
        "esophagus",
        "목에서 위까지 음식이 내려가는 관으로, 가슴 가운데(종격동)를 지나갑니다.",
        (r"o?esophag\w*",),
        topic="place",
    ),
    Term(
        "식도 파열",
        "esophageal rupture (Boerhaave)",
        "식도 벽이 찢어지거나 구멍이 난 상태로, 심한 구토 뒤에 생기기도 합니다(부르하버 증후군). 공기가 가슴 가운데로 "
        "새어 나오며 응급 치료가 필요해, CT 등으로 확인합니다.",
        (r"boerhaave", r"식도[가-힣\s]{0,4}(?:터|파열|찢|천공|구멍|뚫)", r"o?esophageal (?:rupture|perforation|tear)"),
        written=(
            r"boerhaave",
            r"o?esophageal (?:rupture|perforation|tear|injury)",
            r"(?:rupture|perforation|tear) of the o?esophagus",
            r"식도\s*(?:파열|천공)",
        ),
        topic="finding",
    ),
    Term(
        "횡격막 거상",
        "elevated hemidiaphragm",
        "횡격막 한쪽이 보통보다 올라가 있다는 뜻입니다. 그쪽 폐의 부피가 줄었거나, 수술 뒤, 횡격막 신경의 문제 등으로 "
        "생기며 오래전부터 있는 경우도 많습니다.",
        (
            r"(?:횡격막|횡경막|가로막)[가-힣\s]{0,6}(?:올라|높|거상|상승)",
            r"elevat\w* (?:(?:left|right) )?(?:hemi)?diaphragm",
        ),
        written=(
            r"elevat\w*\s+(?:of\s+)?(?:the\s+)?(?:(?:left|right|lt\.?|rt\.?)\s+)?(?:hemi-?)?diaphragm",
            r"(?:hemi-?)?diaphragm\w*\s+(?:is\s+|remains\s+)?(?:\w+\s+)?elevat",
            r"(?:hemi-?)?diaphragm\w*\s*(?:의\s*)?(?:거상|상승)",  # mixed: "Lt. hemidiaphragm 거상"
            r"횡격막\s*(?:의\s*)?(?:거상|상승|높)",
        ),
        topic="finding",
    ),
    Term(
        "수술 흔적",
        "post-operative change",
        "예전에 받은 수술의 흔적(봉합 철사, 클립, 잘라 낸 자리 등)이 사진에 보인다는 뜻입니다.",
        (r"수술(?![비실장료])", r"surgery", r"operation", r"절제", r"(?:잘라|떼어)\s*(?:낸|냈|내)"),
        written=(
            r"post-?\s?operative",
            r"post-?\s?surgical",
            r"surgical(?! emphysema)",
            r"sternotomy",
            r"thoracotomy",
            r"lobectomy",
            r"pneumonectomy",
            r"(?:wedge )?resection",
            r"mastectomy",
            r"lumpectomy",
            r"cabg",
            r"coronary (?:artery )?bypass",
            r"valve replacement",
            r"(?:surgical )?clips?",
            r"수술",
            r"절제",
            r"흉골\s*(?:봉합|절개)",
            r"(?:봉합|흉골)\s*(?:철사|와이어)",
            r"클립",
        ),
        topic="finding",
    ),
    Term(
        "코로나19",
        "COVID-19",
        "코로나바이러스(SARS-CoV-2)가 일으키는 병입니다. 흉부 X선만으로는 다른 바이러스나 세균에 의한 것과 "
        "구별할 수 없고, "
        "바이러스 검사(PCR 등)로 확인합니다.",
        (r"코로나", r"covid\w*", r"sars-?cov\w*"),
        written=(r"covid\w*", r"corona\s*virus", r"sars-?cov\w*", r"코로나"),
        topic="finding",
        related=(r"viral", r"바이러스"),
    ),
    Term(
        "골감소증",
        "osteopenia",
        "뼈의 칼슘(밀도)이 줄어 사진에서 뼈가 옅게 보인다는 뜻으로, 나이가 들면서 흔합니다. 심하면 골다공증이라고 "
        "하며, 골밀도 검사로 확인합니다.",
        (r"osteopeni\w*", r"osteoporo\w*", r"골\s*(?:감소|다공)", r"뼈[가-힣]{0,2}\s*(?:약|얇|삭)"),
        written=(r"osteopeni\w*", r"osteoporo\w*", r"demineraliz\w*", r"골\s*(?:감소|다공)"),
        topic="finding",
    ),
    Term(
        "폐고혈압",
        "pulmonary hypertension",
        "폐동맥의 혈압이 높아진 상태로, 사진에서는 폐동맥이 굵어 보일 수 있습니다. 심장 초음파 등으로 확인합니다.",
        (r"폐\s*(?:동맥\s*)?고혈압", r"pulmonary (?:arterial )?hypertension", r"\bPAH\b"),
        written=(r"pulmonary (?:arterial |artery )?hypertension", r"\bPAH\b", r"폐\s*(?:동맥\s*)?고혈압"),
        topic="finding",
    ),
    Term(
        "괴사성 폐렴",
        "necrotizing pneumonia",
        "폐 조직 일부가 죽고(괴사) 녹아 구멍이 생길 수 있는 심한 세균 질환입니다. CT와 가래 검사 등으로 확인합니다.",
        (r"괴사성\s*폐렴", r"necroti[sz]ing pneumonia"),
        written=(r"necroti[sz]ing pneumonia", r"괴사성\s*폐렴"),
        topic="finding",
    ),
    Term(
        "대동맥",
        "aorta",
        "심장에서 온몸으로 피를 내보내는 가장 큰 동맥으로, 가슴 사진에서 심장 위쪽과 왼쪽에 보입니다.",
        (r"(?<![가-힣])대동맥(?!\s*(?:내|판|풍선|궁\s*아래))", r"aort(?:a|ic)"),
        written=(r"\baort(?:a|ic)\b", r"(?<![가-힣])대동맥(?!\s*(?:내|판))"),
        topic="place",
    ),
    Term(
        "폐동맥",
        "pulmonary artery",
        "심장에서 폐로 피를 보내는 굵은 혈관으로, 가슴 사진에서 양쪽 폐문(폐의 안쪽 가운데)에 보입니다.",
        (r"폐동맥(?!\s*(?:카테터|관|고혈압))", r"pulmonary arter(?:y|ies)"),
        written=(r"pulmonary arter(?:y|ies|ial)(?!\s*(?:catheter|hypertension))", r"폐동맥(?!\s*(?:카테터|고혈압))"),
        topic="place",
    ),
    Term(
        "심장 뒤",
        "retrocardiac",
        "가슴 사진에서 심장 그림자 뒤쪽(아래 폐와 식도, 위의 윗부분이 겹쳐 보이는 곳)입니다.",
        (r"심장\s*(?:뒤|뒷|뒤쪽|후방|너머)", r"retrocardiac", r"behind the heart"),
        written=(r"retrocardiac", r"behind the heart", r"심장\s*(?:뒤|후방)", r"심후부"),
        topic="place",
    ),
    Term(
        "폐첨부",
        "lung apex",
        "폐의 가장 위쪽 끝부분(쇄골 뒤쪽)입니다. 예전 결핵의 흔적이나 흉막이 두꺼워진 곳이 흔히 보이는 자리입니다.",
        (r"폐\s*(?:꼭대기|맨\s*위|윗\s*끝|첨부|첨단)", r"\bapex\b", r"apical"),
        written=(r"(?<![a-z])(?:bi)?apic(?:es|al)\b", r"\bapex\b", r"폐\s*첨부", r"폐첨", r"첨부"),
        topic="place",
    ),
    Term(
        "횡격막 아래",
        "below the diaphragm",
        "가슴과 배를 나누는 횡격막의 아래쪽, 즉 배의 윗부분(간, 위, 비장이 있는 곳)입니다.",
        (r"(?:횡격막|횡경막|가로막)\s*(?:아래|밑)", r"subdiaphragm\w*", r"below the (?:hemi)?diaphragm"),
        written=(
            r"sub-?diaphragm\w*",
            r"(?:below|beneath|under) the (?:right |left )?(?:hemi-?)?diaphragm\w*",
            r"횡격막\s*(?:아래|하방|하부)",
        ),
        topic="place",
    ),
    Term(
        "대동맥 손상",
        "aortic injury",
        "다쳤을 때 대동맥이 찢어지거나 손상된 것으로, 생명이 위험할 수 있어 CT로 확인합니다. 흉부 X선에서는 가슴 "
        "가운데 공간의 폭으로 의심합니다.",
        (r"대동맥[가-힣\s]{0,4}(?:손상|파열|찢|터)", r"aortic (?:injury|rupture|transection|dissection)"),
        written=(r"aortic (?:injury|rupture|transection|dissection)", r"대동맥\s*(?:손상|파열|박리)"),
        topic="finding",
        related=(
            r"mediastin\w*\s+(?:is\s+|are\s+)?(?:not\s+)?widen\w*",
            r"widen\w*\s+(?:of\s+the\s+)?mediastin\w*",
            r"종격동\s*(?:확장|확대|넓)",
        ),
    ),
    Term(
        "심장 초음파",
        "echocardiography",
        "초음파로 심장의 크기, 움직임, 판막, 심장 주위의 물을 보는 검사로, 폐동맥 압력도 짐작할 수 있습니다.",
        (r"심장?\s*초음파", r"echo\w*", r"에코"),
        written=(r"echocardiogra\w*", r"\becho\b", r"심장?\s*초음파"),
        topic="test",
    ),
    Term(
        "폐 용적",
        "lung volumes",
        "사진을 찍을 때 폐에 들어 있던 공기의 양(폐의 크기)입니다. 숨을 충분히 들이마시지 못하고 찍으면 폐 용적이 "
        "작게(낮게) 보이며, 그 자체로 병을 뜻하지는 않습니다.",
        (
            r"폐[가-힣]{0,2}\s*(?:용적|부피|용량)",
            r"폐[가-힣]{0,2}\s*(?:작(?:게|아\s*보|다|아진|아졌)|줄어(?:든|들었|들|졌)|쪼그라)",
            r"들이마",
            r"흡기",
            r"숨[을를]?\s*(?:덜|충분히|얕게|깊게)",
        ),
        written=(
            r"lung volumes?",
            r"inspiratory|inspiration",
            r"흡기",
            r"폐\s*(?:용적|용량)",
            r"volume loss|loss of volume",
        ),
        topic="place",
    ),
    Term(
        "촬영 상태",
        "technique",
        "사진이 찍힌 조건(자세, 몸이 돌아간 정도, 숨을 들이마신 정도, 누워서 찍었는지)입니다. 조건이 좋지 않으면 "
        "일부 소견을 판단하기 어려울 수 있습니다.",
        (
            r"사진[이가은는]?\s*(?:흐릿|흐리|흔들)",
            r"(?:잘|제대로)\s*찍",
            r"화질",
            r"촬영\s*(?:상태|조건)",
        ),
        written=(
            r"rotat\w*",
            r"limited by",
            r"suboptimal",
            r"under-?penetrat\w*",
            r"motion",
            r"technique",
            r"(?:촬영|자세)\s*(?:불량|제한)",
            r"흡기\s*(?:불량|부족)",
        ),
        topic="place",
    ),
    Term(
        "뼈",
        "bone",
        "가슴 사진에 함께 보이는 뼈(갈비뼈, 척추, 빗장뼈, 어깨뼈, 가슴뼈)입니다.",
        (r"(?<![가-힣])뼈(?!대)", r"골(?=로|에|까지)", r"bones?", r"osseous"),
        written=(
            r"bon(?:e|es|y)",
            r"osseous",
            r"skelet\w*",
            r"vertebra\w*",
            r"\bribs?\b",
            r"골(?!절)",
            r"척추",
            r"늑골",
        ),
        topic="place",
    ),
    Term(
        "갑상선",
        "thyroid",
        "목 앞쪽에 있는 호르몬 기관입니다. 커지면(갑상선종) 사진에서 기관을 옆으로 미는 모습이 보일 수 있습니다.",
        (r"갑상(?:선|샘)", r"thyroid", r"goiter"),
        written=(r"thyroid", r"goiter|goitre", r"갑상(?:선|샘)"),
        topic="place",
    ),
    Term(
        "기관",
        "trachea",
        "목에서 가슴으로 공기가 내려가는 굵은 숨길로, 아래에서 양쪽 기관지로 나뉩니다.",
        (r"trachea\w*", r"숨길", r"(?<![가-힣])기관(?!\s*(?:내|삽관|튜브|절개|지))(?=[이가은는도에의]|\s|$)"),
        written=(r"trachea\w*", r"(?<![가-힣])기관(?!\s*(?:내|삽관|튜브|절개|지|분기))"),
        topic="place",
    ),
    Term(
        "농흉",
        "empyema",
        "폐를 둘러싼 막 사이에 고름이 고인 상태로, 관을 넣어 빼내는 치료가 필요할 수 있습니다. CT나 바늘로 뽑은 "
        "액체의 검사로 확인합니다.",
        (r"empyema", r"농흉", r"고름"),
        written=(r"empyema\w*", r"농흉"),
        topic="finding",
    ),
    Term(
        "폐농양",
        "lung abscess",
        "폐 안에 고름 주머니가 생긴 상태로, 안에 공기와 물이 함께 보이기도 합니다.",
        (r"abscess\w*", r"농양"),
        written=(r"abscess\w*", r"농양"),
        topic="finding",
    ),
    Term(
        "기관지염",
        "bronchitis",
        "기관지에 염증이 생긴 상태로, 사진에서는 기관지 벽이 두꺼워 보이기도 하지만 정상으로 보이는 경우가 많습니다.",
        (r"bronchitis", r"기관지\s*염"),
        written=(r"bronchitis", r"기관지\s*염"),
        topic="finding",
        related=(
            r"peribronchial (?:thickening|cuffing)",
            r"bronchial wall thickening",
            r"airway (?:inflammation|disease)",
            r"기관지\s*벽\s*(?:비후|두꺼)",
        ),
    ),
    Term(
        "천식",
        "asthma",
        "기관지가 예민해져 좁아지며 숨이 차고 쌕쌕거리는 병으로, 흉부 X선은 정상이거나 폐가 부풀어 보이는 정도이고 "
        "폐기능 검사로 진단합니다.",
        (r"asthma\w*", r"천식"),
        written=(r"asthma\w*", r"천식"),
        topic="finding",
        related=(r"reactive airway", r"hyperinflat\w*", r"과팽창"),
    ),
    Term(
        "심낭 삼출",
        "pericardial effusion",
        "심장을 싸고 있는 막(심낭) 안에 물이 고인 상태로, 사진에서는 심장 그림자가 커 보일 수 있어 심장 초음파로 "
        "확인합니다.",
        (r"pericardial effusion", r"심낭", r"심장\s*(?:막|주위|주변|둘레)"),
        # "심낭에 소량의 물", "심장 주위로 물이 고여": fluid around the heart in plain words
        written=(
            r"pericardial (?:effusion|fluid)",
            r"심낭\s*(?:삼출|액|내\s*액체)",
            r"(?:심낭|심장\s*(?:주위|주변|둘레))\s*(?:에|내|안|으로|로)?\s*(?:에는\s*)?(?:[가-힣]+의\s*)?(?:물|액체)",
        ),
        topic="finding",
    ),
    Term(
        "기관지 벽 비후",
        "bronchial wall thickening",
        "기관지 벽이 두꺼워 보인다는 뜻으로, 천식이나 기관지염처럼 기관지에 염증이 있을 때 흔히 보입니다.",
        (r"기관지[가-힣\s]{0,4}(?:벽|두꺼|두껍|비후)", r"peribronchial", r"bronchial wall"),
        written=(
            r"peri-?bronchial (?:wall )?(?:thickening|cuffing)",
            r"bronchial wall thickening",
            r"(?:thickening|thickened) (?:of )?(?:the )?bronch\w* walls?",
            r"기관지\s*(?:벽\s*)?(?:비후|두꺼|두껍)",
        ),
        topic="finding",
    ),
    # Symptoms: a report names them in its indication or in an advice ("객혈의 원인 감별을 위해 CT 권유"); the findings
    # that may bear on them are their ``related`` words (quoted as what bears on them, never as their cause).
    Term(
        "객혈",
        "hemoptysis",
        "기침할 때 피나 피 섞인 가래가 나오는 증상입니다.",
        (
            r"객혈|각혈|hemoptysis",
            r"피[가를]?\s*(?:토|뱉)",
            r"(?:가래|기침)[가-힣\s]{0,6}피|피\s*(?:섞|가래)",
            r"피[가는도]?\s*(?:나는|나와|나오|났|난)",
        ),
        written=(r"ha?emoptys\w*", r"객혈", r"각혈"),
        topic="symptom",
        related=(
            r"bronchiect\w*",
            r"기관지\s*확장",
            r"\bmass(?:es)?\b",
            r"종괴",
            r"cavit\w*",
            r"(?<![가-힣])공동",
            r"tubercul\w*",
            r"결핵",
            r"ha?emorrhag\w*",
            r"출혈",
            r"aspergill\w*|mycetoma",
            r"arteriovenous malformation|\bAVM\b",
        ),
    ),
    Term(
        "기침",
        "cough",
        "기도에 자극이나 염증이 있을 때 나오는 증상입니다.",
        (r"기침|가래|cough\w*|sputum",),
        written=(r"cough\w*", r"기침"),
        topic="symptom",
        related=(
            r"pneumon\w*",
            r"폐렴",
            r"consolidat\w*",
            r"폐?\s*경화",
            r"infect\w*",
            r"감염",
            r"bronchi(?:tis|ect\w*)",
            r"peri-?bronchial",
            r"기관지",
            r"aspirat\w*",
            r"흡인",
            r"\bmass(?:es)?\b",
            r"종괴",
        ),
    ),
    Term(
        "호흡곤란",
        "dyspnea",
        "숨이 차거나 숨쉬기 힘든 증상입니다.",
        (r"숨[이가]?\s*(?:차|찬|막|가빠|가쁘)|숨참|호흡\s*곤란|dyspn\w*|short(?:ness)? of breath|\bSOB\b",),
        written=(r"dyspn\w*", r"shortness of breath", r"호흡\s*곤란"),
        topic="symptom",
        related=(
            r"pneumothora\w*",
            r"기흉",
            r"effusion",
            r"흉수",
            r"o?edema",
            r"폐부종",
            r"consolidat\w*",
            r"pneumon\w*",
            r"폐렴",
            r"atelecta\w*",
            r"무기폐",
            r"embol\w*",
            r"색전",
        ),
    ),
    Term(
        "발열",
        "fever",
        "몸의 온도가 올라가는 증상입니다.",
        (r"열[이가]?\s*(?:나|난|났|있|올라)|발열|고열|fever\w*|febrile",),
        written=(r"fever\w*", r"febrile", r"발열", r"고열"),
        topic="symptom",
        related=(
            r"pneumon\w*",
            r"폐렴",
            r"consolidat\w*",
            r"infect\w*",
            r"감염",
            r"empyema",
            r"농흉",
            r"abscess",
            r"농양",
        ),
    ),
    Term(
        "부기",
        "swelling",
        "몸의 일부가 부어오른 것입니다.",
        (r"부어|부었|붓|부은|부음|부종감|swell\w*",),
        written=(r"swell\w*", r"(?<!폐)부종(?!\s*\()", r"종창"),
        topic="symptom",
        related=(
            r"subcutaneous (?:emphysema|air|gas)",
            r"피하\s*기종",
            r"soft[- ]tissue",
            r"연부\s*조직",
            r"ha?ematoma\w*",
            r"혈종",
        ),
    ),
    # Drugs a question may ask a finding to come from; a report names them as a setting ("In the setting of
    # immunotherapy"); their sentences are told, no yes or no.
    Term(
        "면역항암제",
        "immunotherapy",
        "몸의 면역 세포가 암을 공격하도록 돕는 항암 치료입니다. 드물게 폐에 염증(폐장염)을 일으킬 수 있습니다.",
        (r"면역\s*(?:항암|치료)", r"immuno-?therap\w*", r"checkpoint"),
        written=(
            r"immuno-?therap\w*",
            r"checkpoint inhibitor\w*",
            r"pembrolizumab|nivolumab|atezolizumab|durvalumab|ipilimumab",
            r"면역\s*(?:항암|치료)",
        ),
        topic="drug",
    ),
    Term(
        "항암화학요법",
        "chemotherapy",
        "암세포를 죽이거나 자라지 못하게 하는 약입니다.",
        (r"(?<!면역)(?<!면역\s)항암", r"chemo\w*"),
        written=(r"chemo\w*", r"(?<!면역)(?<!면역\s)항암"),
        topic="drug",
    ),
    Term(
        "스테로이드",
        "steroid",
        "염증을 가라앉히는 약입니다.",
        (r"스테로이드", r"steroid\w*", r"prednisolone|prednisone|methylprednisolone"),
        written=(r"steroid\w*", r"prednisolone|prednisone|methylprednisolone", r"스테로이드"),
        topic="drug",
    ),
    Term(
        "약물 부작용",
        "drug reaction",
        "치료에 쓴 약 때문에 생긴 원치 않는 변화입니다. 폐에 생기면 약물에 의한 폐장염(pneumonitis)이라고 합니다.",
        (r"부작용", r"side[- ]effects?", r"drug[- ](?:related|induced|reaction|toxicity)", r"약[가-힣]{0,2}\s*때문"),
        written=(
            r"(?:drug|medication|immunotherapy|immune|chemotherapy|checkpoint inhibitor)"
            r"[- ](?:related|induced|associated)",
            r"drug (?:reaction|toxicity)",
            r"(?:pulmonary |lung )?toxicity",
            r"약물\s*(?:유발|관련|독성|성|에\s*의한)",
            r"약제\s*(?:유발|관련|독성|성|에\s*의한)",
            r"부작용",
        ),
        topic="finding",
    ),
    # Parts of the body a patient names: their sentences are told.
    Term(
        "쇄골",
        "clavicle",
        "목 아래 양쪽에 가로로 놓인 뼈(빗장뼈)로, 가슴 사진의 위쪽에 보입니다.",
        (r"쇄골", r"빗장\s*뼈", r"clavic\w*", r"collar\s*bone"),
        written=(r"clavic\w*", r"쇄골", r"빗장\s*뼈"),
        topic="place",
    ),
    Term(
        "목(경부)",
        "neck",
        "머리와 가슴 사이 부분입니다. 가슴 사진의 맨 위쪽에 일부가 보입니다.",
        (r"(?<![가-힣])목(?=[이가은는도에의을]|\s|쪽|부|$)(?!\s*(?:적|표))", r"\bneck\b", r"cervical"),
        written=(r"\bneck\b", r"\bcervical\b(?!\s+spine)", r"(?<![가-힣])경부", r"(?<![가-힣])목(?=[에의]|\s|부)"),
        topic="place",
        everyday=True,
    ),
    Term(
        "배(복부)",
        "abdomen",
        "가슴 아래, 횡격막 밑의 부분입니다. 가슴 사진에는 배의 윗부분이 조금 보입니다.",
        (r"(?<![가-힣])배(?=[가에는도쪽를]|\s|$)(?!\s*(?:액|관))", r"\babdom\w*", r"복부"),
        written=(r"\babdom\w*", r"(?<![가-힣])(?:상)?복부", r"(?<![가-힣])복강"),
        topic="place",
        everyday=True,
    ),
    Term(
        "등(척추 부위)",
        "back",
        "몸의 뒤쪽입니다. 가슴 사진에는 등뼈(척추)와 어깨뼈가 보입니다.",
        (r"(?<![가-힣])등(?=[이에쪽뼈]|\s*(?:이|가)?\s*(?:아파|아프|통증))", r"back pain"),
        written=(r"(?:thoracic )?spine", r"vertebra\w*", r"척추", r"흉추", r"등뼈", r"posterior (?:chest )?wall"),
        topic="place",
        everyday=True,
    ),
    # Tests and procedures a report may advise ("HRCT 찍어야 돼요?" asks about that test only)
    Term(
        "CT",
        "computed tomography",
        "X선으로 몸을 단면으로 찍는 검사로, 흉부 X선보다 자세히 봅니다. 고해상도 CT(HRCT)는 폐의 미세한 구조를 "
        "보는 CT입니다.",
        (r"(?:HR|LD)?CT", r"씨티", r"high[- ]resolution CT", r"고해상도\s*(?:CT|씨티)?"),
        written=(r"(?:HR|LD)?CT", r"computed tomography", r"씨티"),
        topic="test",
    ),
    Term(
        "MRI",
        "magnetic resonance imaging",
        "자기장으로 몸속을 찍는 검사입니다.",
        (r"MRI", r"엠알"),
        written=(r"MRI", r"magnetic resonance"),
        topic="test",
    ),
    Term(
        "조직 검사",
        "biopsy",
        "의심되는 부위의 조직을 조금 떼어 현미경으로 보는 검사로, 무슨 병인지 확정합니다.",
        (r"biops\w*", r"조직\s*검사", r"생검", r"바늘[가-힣\s]{0,3}(?:찌|찔|꽂|넣|검사)"),
        written=(r"biops\w*", r"조직\s*검사", r"생검", r"needle aspiration", r"\bFNA\b", r"\bPCNB\b"),
        topic="test",
    ),
    Term(
        "기관지 내시경",
        "bronchoscopy",
        "가는 내시경을 기관지 안으로 넣어 직접 보고 가래나 조직을 얻는 검사입니다.",
        (r"bronchoscop\w*", r"내시경"),
        written=(r"bronchoscop\w*", r"내시경"),
        topic="test",
    ),
    Term(
        "흉수 천자(배액)",
        "thoracentesis, drainage",
        "바늘이나 관을 가슴 속에 넣어 폐 바깥에 고인 물이나 고름을 빼내는 시술입니다.",
        (r"(?:물|흉수|고름|농)[을를은이]?\s*(?:좀\s*)?빼", r"천자", r"thoracentes\w*", r"drainage"),
        written=(r"thoracentes\w*", r"drainage", r"\bdrain(?!ed)\w*", r"천자", r"배액(?!관)", r"\btap\b"),
        topic="test",
    ),
    Term(
        "소견",
        "findings",
        "판독의가 사진에서 본 것을 적은 부분입니다. '결론(impression)'은 그중 중요한 것을 요약한 부분입니다.",
        (r"findings?", r"impression", r"결론", r"판독\s*소견"),
    ),
)
"""The glossary: the 14 observations first, then report terms and the extra vocabulary."""


def _term_pattern(text: str) -> str:
    """A regular expression for a plain term or an alias (English words get word boundaries)."""
    if HANGUL_RE.search(text):
        return text
    return rf"(?<![a-z]){text}(?![a-z])"


@cache
def _patterns() -> list[tuple[re.Pattern[str], Term]]:
    patterns = []
    for term in TERMS:
        for form in (re.escape(term.korean), re.escape(term.english), *term.aliases):
            patterns.append((re.compile(_term_pattern(form), re.IGNORECASE), term))
    return patterns


@cache
def written_pattern(term: Term) -> re.Pattern[str]:
    """How a report writes ``term``: its names and ``Term.written`` (its aliases when it gives none)."""
    forms = tuple(re.escape(f) for f in (term.korean, term.english)) + (term.written or term.aliases)
    return re.compile("|".join(_term_pattern(form) for form in forms), re.IGNORECASE)


def named_terms(text: str, topics: tuple[str, ...]) -> list[Term]:
    """Every term of one of ``topics`` that ``text`` names by a name or an alias (overlaps kept: "멍" names a
    hematoma and a contusion), in the glossary's order."""
    named = {id(term) for pattern, term in _patterns() if term.topic in topics and pattern.search(text)}
    return [term for term in TERMS if id(term) in named]


def find_terms(text: str) -> list[Term]:
    """The glossary terms named in ``text``, in order of appearance; the longest match wins a place."""
    matches: list[tuple[int, int, Term]] = []
    for pattern, term in _patterns():
        matches.extend((m.start(), -(m.end() - m.start()), term) for m in pattern.finditer(text))
    found: list[Term] = []
    covered_until = -1
    for start, negative_length, term in sorted(matches, key=lambda m: (m[0], m[1])):
        if start < covered_until:
            continue
        covered_until = start - negative_length
        if term not in found:
            found.append(term)
    return found


def explanation(observation: str) -> str:
    """The plain-Korean explanation of an observation (one of the 14 or of the extra vocabulary)."""
    return next(term.explanation for term in TERMS if term.observation == observation)
