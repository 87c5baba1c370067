"""Terms and cues of the findings labeler, in English and Korean (regular expressions).

Mentions name an observation outright ("pneumothorax", "기흉"). Attribute mentions name something that
is only a finding with a descriptor ("heart size" + "normal" / "enlarged", "심장 크기" + "정상").
Cues decide a mention's polarity: English cues mostly precede the finding ("no pneumothorax"),
Korean ones follow it ("기흉은 보이지 않음"); a few work both ways ("atelectasis versus pneumonia").
"""

from __future__ import annotations

OBSERVATIONS = (
    "No Finding",
    "Enlarged Cardiomediastinum",
    "Cardiomegaly",
    "Lung Opacity",
    "Lung Lesion",
    "Edema",
    "Consolidation",
    "Pneumonia",
    "Atelectasis",
    "Pneumothorax",
    "Pleural Effusion",
    "Pleural Other",
    "Fracture",
    "Support Devices",
)
"""The 14 CheXpert observations, in CheXpert's order."""

DEVICE_TYPES = (
    "Endotracheal Tube",
    "Central Line",
    "Nasogastric Tube",
    "Chest Tube",
    "Tracheostomy Tube",
    "Pulmonary Artery Catheter",
    "Cardiac Assist Device",
    "Pacemaker",
    "Sternotomy Wires",
    "Surgical Clips",
    "Loop Recorder",
    "Stent",
)
"""The device types of the extra vocabulary (docs/findings.md)."""

EXTRA_OBSERVATIONS = (
    "Emphysema",
    "Granuloma",
    "Nodule",
    "Mass",
    "Rib Fracture",
    "Vertebral Fracture",
    "Scoliosis",
    "Hiatal Hernia",
    "Scarring",
    "Hyperinflation",
    "Old Tuberculosis",
    "Tuberculosis",
    "Aortic Atherosclerosis",
    "Aortic Tortuosity",
    "Interstitial Lung Disease",
    "Aspiration",
    "Tension Pneumothorax",
    "Subcutaneous Emphysema",
    "Pneumomediastinum",
    "Pneumoperitoneum",
    "Bronchiectasis",
    "Cavity",
    "Lymphadenopathy",
    "Mastectomy",
    "Axillary Surgery",
    *DEVICE_TYPES,
)
"""Findings beyond the 14 that people ask about, and device types (docs/findings.md)."""

DEVICES = ("Support Devices", *DEVICE_TYPES)
"""Observations that are devices: only these have a ``position``."""

PARENTS: dict[str, str] = {
    "Nodule": "Lung Lesion",
    "Mass": "Lung Lesion",
    "Rib Fracture": "Fracture",
    "Vertebral Fracture": "Fracture",
    "Scarring": "Lung Opacity",
    **dict.fromkeys(DEVICE_TYPES, "Support Devices"),
}
"""Extra observation -> the CheXpert observation it is labelled as (the others are not labelled)."""

# Tortuous and calcified aorta in one phrase: both observations.
_AORTA_BOTH = (
    r"(?:the )?(?:aorta is |aortic )?(?:tortuous|tortuosity|unfold(?:ed|ing))(?: (?:thoracic |descending )?aorta)?"
    r" (?:with|and) (?:atherosclerotic |mural )?calcifications?",
    r"aorta(?:의)?\s*(?:tortuosity|unfolding)\s*(?:및|and|과|와)\s*calcifications?",
    r"대동맥(?:궁)?(?:의|에)?\s*(?:굴곡|사행|만곡)\s*(?:과|및|와)\s*석회화",
    r"(?:the )?aorta (?:is|appears) (?:tortuous|unfolded) and (?:calcified|atherosclerotic)",
    # "대동맥 석회화 및 굴곡", "aortic calcification and tortuosity": the other order
    # (written out in full: at one position the longer pattern wins over "대동맥 석회화" alone)
    r"대동맥(?:궁)?(?:의|에|에는)?\s*(?:죽상\s*)?석회화(?:증)?\s*(?:과|및|와|,)\s*(?:굴곡|사행|만곡|구불)(?:증|함)?",
    r"(?:the )?(?:aortic|aortic arch|aortic knob|aorta의?) ?(?:atherosclerotic )?calcifications?,? (?:and|및) "
    r"(?:tortuosity|unfolding|ectasia)(?: of the (?:thoracic )?aorta)?",
    r"(?:calcified|atherosclerotic) and (?:tortuous|unfolded) (?:thoracic )?aorta",
    r"tortuous,? (?:and )?(?:calcified|atherosclerotic) (?:thoracic )?aorta",
)

# Extra observation -> patterns that mention it (same conventions as MENTIONS).
_NOT_ADVISED = r"(?!\s*(?:을|를)?\s*(?:요망|요함|필요|권|고려|예정|바람|바랍|해야|하시|할\s*것|하기))"
"""After a Korean action noun (제거, 삽입): the action is done, not advised ("흉관 제거 고려")."""

_NOT_ON_EARLIER = (
    r"(?:이전|(?<![가-힣])전|당시)\s*(?:검사|study|사진|영상|촬영|cxr|x-?ray|film)(?:에서|상)?(?:는|에는|에서는)?"
    r"\s*(?:없던|없었던|없었음|없었으나|없었고|없었다|보이지\s*않던|보이지\s*않았)"
)
"""Not on an earlier study ("이전 사진에는 없던", "RT 전 사진에는 없었음", "입원 당시 CXR에서는 보이지 않았음"): the
finding is there now, and new."""
# A device taken out ("the ET tube has been removed", "흉관 제거 후", "발관됨"): not there now, its
# change is "resolved" (docs/findings.md). Extubation names the tube and its removal at once.
EXTUBATION: tuple[str, ...] = (r"(?:self[- ])?extubat(?:ed|ion)", r"발관", r"자가\s*발관")
REMOVAL: tuple[str, ...] = (
    r"(?:has |have )?(?:been )?removed",
    r"(?:interval )?removal",
    r"(?:has |have )?(?:been )?discontinued",
    r"(?:has |have )?(?:been )?pulled(?! back)",
    *EXTUBATION,
    rf"제거{_NOT_ADVISED}",
    rf"발거{_NOT_ADVISED}",
)

# "aspiration pneumonia", "흡인성 폐렴": one mention of two observations, so that "atelectasis vs aspiration
# pneumonia" weighs both (a pattern listed under two observations names both).
_ASPIRATION_PNEUMONIA = (r"aspiration pneumonias?", r"흡인(?:성)?\s*폐렴")
# "left axillary surgical clips", "액와부 클립": the clips (a device) and the axillary operation they mark, one mention
_AXILLARY_CLIPS = (
    r"(?:surgical )?clips? (?:of|in|at|within) the (?:(?:left|right|bilateral) )?axill(?:a|ae|ary regions?)",
    r"(?:(?:left|right|bilateral) )?axillary (?:(?:surgical|dissection|lymph node dissection) )?clips?",
    r"(?:겨드랑이|액와)(?:부)?(?:의)?\s*(?:(?:수술|림프절\s*(?:절제|곽청)(?:술)?)\s*(?:후\s*)?)?클립",
)

EXTRA_MENTIONS: dict[str, tuple[str, ...]] = {
    "Emphysema": (
        r"(?<!subcutaneous )(?<!soft tissue )(?<!soft-tissue )emphysema(?:tous)?(?: changes?)?",
        r"copd",
        r"chronic obstructive (?:pulmonary|lung) disease",
        r"폐\s*기종",
        r"기종성\s*변화",
        r"만성\s*폐쇄성\s*폐\s*질환",
    ),
    "Granuloma": (
        r"(?:calcified )?granulomas?(?:ta)?",
        r"granulomatous (?:disease|changes?|calcifications?)",
        r"calcified (?:pulmonary |lung )?nodul(?:e|es)",
        r"calcified nodular (?:opacit(?:y|ies)|densit(?:y|ies))",
        r"(?:석회화(?:된)?\s*)?육아종",
        r"석회화(?:된)?\s*결절",
    ),
    "Nodule": (
        r"nodul(?:e|es|ar)",
        r"nodular (?:opacit(?:y|ies)|densit(?:y|ies))",
        r"결절",
        r"결절(?:성)?\s*음영",
    ),
    "Mass": (
        r"mass(?:es)?",
        r"mass[- ]like (?:lesions?|opacit(?:y|ies)|densit(?:y|ies)|consolidation)",
        r"종괴",
        r"종괴(?:성|\s*양)?\s*(?:병변|음영)",
        # A tumour the report knows is there ("known lung cancer"); "폐암 가능성" only weighs a diagnosis.
        r"known (?:primary )?(?:lung |pulmonary |bronchogenic )?(?:cancer|carcinoma|malignancy|neoplasm|tumou?r)s?",
        r"(?:기존|알려진)\s*(?:의\s*)?(?:폐암|종양)",
    ),
    "Rib Fracture": (
        r"rib fractures?",
        r"ribs? (?:healed |old |acute |displaced |nondisplaced |non-displaced |remote )?fractures?",
        r"ribs?의\s*(?:healed\s*|old\s*|acute\s*|remote\s*)?fractures?",
        r"fractured ribs?",
        r"fractures? of the (?:[\w-]+ ){0,6}ribs?",
        r"(?:늑골|갈비뼈|ribs?)\s*(?:의\s*)?골절",  # "Lt. 4th rib 골절"
        r"ribs?\s*(?:fxs?|fx\.)(?![a-z])",  # "rt 7th rib fx 의심": the abbreviation clinicians write
        # "6, 7번 늑골에 진구성 골절", "5th rib에 old fracture": the rib, then its fracture
        r"(?:늑골|갈비뼈|ribs?)\s*(?:에서|에|의)\s*(?:(?:진구성|오래된|급성|새로운|새로|치유된|비전위성?|전위된|다발성|미세|"
        r"healed|old|acute|new|remote|nondisplaced|displaced)\s*(?:의\s*)?)?(?:골절|fractures?)",
    ),
    "Vertebral Fracture": (
        r"(?:vertebral|vertebral body|compression|spinal|spine|burst|wedge) (?:compression )?fractures?",
        r"compression deformit(?:y|ies)",
        r"(?:척추(?:체)?\s*)?압박\s*골절",
        r"척추(?:체)?\s*골절",
    ),
    "Scoliosis": (
        r"(?:dextro|levo)?scoliosis",
        r"(?:dextro|levo)?scoliotic(?: curvature)?",
        r"(?:척추\s*)?측만(?:증)?",
    ),
    "Hiatal Hernia": (
        r"hiatal hernias?",
        r"hiatus hernias?",
        r"(?:식도\s*)?열공\s*(?:성\s*)?탈장",
    ),
    "Scarring": (
        r"(?:(?:parenchymal|apical|linear|pleural-parenchymal|pleuroparenchymal|fibrotic|fibrocalcific|fibronodular) )*"
        r"scar(?:ring|s)?",
        r"(?:pulmonary |interstitial )?fibro(?:sis|tic changes?|tic)",
        r"반흔(?:성)?",
        r"섬유화",
        r"섬유성\s*(?:변화|반흔)",
        # "섬유성 병변", "섬유석회화 병변", "fibrocalcific changes": a scar (old TB leaves them), no tumour
        r"섬유(?:성|화)?\s*(?:석회화(?:성)?\s*)?(?:병변|음영|결절성\s*병변)",
        r"섬유\s*석회화(?:성)?(?:\s*(?:변화|병변))?",
        r"fibro-?(?:calcific|nodular) (?:changes?|lesions?|opacit(?:y|ies)|densit(?:y|ies))",
        r"흉터",
    ),
    "Hyperinflation": (
        r"hyperinflat(?:ion|ed)",
        r"hyperexpan(?:ded|sion)",
        r"(?:과|과다)\s*팽창",
        r"과팽창",
        # flat diaphragms are how hyperinflated lungs show
        r"(?:flattening of the|flattened|flat) (?:hemi)?diaphragms?",
        r"(?:hemi)?diaphragms? (?:are |is )?flattened",
        r"횡격막(?:의)?\s*(?:편평|평탄)(?:화|해)?",
    ),
    "Old Tuberculosis": (
        r"(?:old|prior|previous|healed|inactive|remote|treated) (?:pulmonary )?(?:tuberculosis|tbc|tb)",
        r"(?:post[- ]?tuberculous|tuberculous) (?:sequelae|changes?|scarring)",
        r"(?:tuberculosis|tbc|tb) sequelae",
        r"sequelae of (?:prior |previous |old )?(?:tuberculosis|tbc|tb)",
        r"(?:진구성|비활동성|오래된|과거)\s*(?:폐\s*)?결핵",
        r"(?:old|inactive|healed)\s*(?:tbc|tb|tuberculosis)(?=[가-힣])",
        r"(?:(?:폐\s*)?결핵|tuberculosis|tbc|tb)\s*(?:후유증|흔적|반흔)",
        r"결핵\s*후\s*변화",
        # "결핵을 앓은 후 남은 변화", "결핵 치료 후 생긴 반흔": the trace a past infection left
        r"결핵(?:을|에)?\s*(?:앓은|앓았던|걸렸던|치료한|치료받은|치료)\s*(?:후|뒤)(?:에)?\s*(?:남은|생긴|남아\s*있는)?\s*"
        r"(?:변화|흔적|반흔|소견|병변)",
    ),
    # Tuberculosis as a disease now (active, or weighed in a differential); its healed trace is above.
    "Tuberculosis": (
        r"(?:active |pulmonary |miliary |reactivation |post-?primary |cavitary )*(?:tuberculosis|tbc|tb)"
        r"(?![a-z])(?!\s*(?:sequelae|후유증|흔적|반흔|후\s*변화|clinic|클리닉|외래))",  # "TB clinic" is a place
        r"tuberculous (?:infection|pneumonia|pleurisy|effusion)",
        r"(?:활동성\s*)?(?:폐\s*)?결핵(?:성)?(?!\s*(?:후유증|흔적|반흔|후\s*변화|클리닉|clinic|외래|센터|검진))"
        r"(?!(?:을|에)?\s*(?:앓은|앓았던|걸렸던|치료한|치료받은|치료)\s*(?:후|뒤))",
    ),
    "Aortic Atherosclerosis": (
        r"(?:aortic|aortic arch|aortic knob) (?:atherosclerosis|atherosclerotic (?:calcifications?|disease)|"
        r"calcifications?)",
        r"(?:calcified )?atherosclero(?:sis|tic (?:calcifications?|changes?|disease|plaques?))"
        r"(?: (?:of|in) the (?:thoracic )?aort\w*(?: arch| knob)?)?",
        r"calcifi(?:ed|cations?)(?: of the| in the)? (?:thoracic )?aort(?:a|ic arch|ic knob|ic knuckle)",
        # "The aortic knob is calcified", "the aorta is mildly calcified"
        r"(?:the )?aort(?:a|ic arch|ic knob|ic knuckle) (?:is|appears) (?:\w+ )?calcified",
        r"대동맥(?:궁)?\s*(?:의|에|에는)?\s*(?:죽상\s*)?(?:경화|석회화)(?:증)?",
        r"aort(?:a|ic arch|ic knob)(?:의|에)?\s*calcifications?",
        *_AORTA_BOTH,
        r"죽상\s*(?:동맥)?\s*경화(?:증)?",
    ),
    "Aortic Tortuosity": (
        r"(?:aortic|aorta) (?:tortuosity|unfolding|ectasia)",
        r"tortuous(?: and (?:ectatic|unfolded))? (?:thoracic |descending )?aorta",
        r"tortuosity of the (?:thoracic |descending )?aorta",
        r"unfold(?:ed|ing)(?: of the)? (?:thoracic )?aorta",
        r"대동맥(?:궁)?\s*(?:의\s*|이\s*)?(?:사행|굴곡|만곡|구불)",
        r"aorta(?:의)?\s*(?:tortuosity|unfolding)",
        r"(?:the )?aorta is (?:mildly |slightly )?(?:tortuous|unfolded)",
        *_AORTA_BOTH,
        r"구불구불한\s*대동맥",
    ),
    "Interstitial Lung Disease": (
        r"(?:fibrotic |chronic |underlying |known )?interstitial lung diseases?",
        r"ild",
        r"(?:usual|nonspecific|non-specific) interstitial pneumonia",
        r"uip",
        r"nsip",
        r"(?:간질성|사이질|간질)\s*폐\s*(?:질환|질병)",
        r"간질성\s*폐\s*섬유화(?:증)?",
        r"(?:idiopathic pulmonary fibrosis|ipf)(?![a-z])",
        r"(?:특발성\s*)?폐\s*섬유증",
        r"간질성(?=\s*폐렴)",  # "간질성 폐렴": the pneumonia stays a mention of its own
    ),
    "Aspiration": (
        r"(?<!needle )(?<!fine-needle )aspiration(?! of (?:the )?(?:effusion|fluid|pleural))(?! pneumonia)"
        r"(?: pneumonitis)?",
        r"aspirated (?:material|contents?|foreign body|food)",
        # ("흉수 흡인 후", "세침 흡인": drawing fluid or cells out, not breathing something in)
        r"(?<!흉수 )(?<!흉수)(?<!세침 )(?<!세침)(?<!바늘 )(?<!천자 )"
        r"흡인(?!성?\s*(?:기|요망|요함|필요|시행|검사|생검|천자|폐렴|술|후))(?:성)?(?:\s*폐장염)?",
        *_ASPIRATION_PNEUMONIA,
    ),
    # "No tension", "without tension physiology", "긴장성 기흉": the pneumothorax stays a mention of its own
    "Tension Pneumothorax": (
        r"tension(?: physiology| component)?(?! band)",
        r"긴장성",
    ),
    "Subcutaneous Emphysema": (
        r"(?:subcutaneous|soft[- ]tissue|subcutaneous soft tissue) (?:emphysema|air|gas)",
        r"subcutaneous emphysema",
        r"피하\s*(?:기종|공기|기포|폐기종)",
    ),
    "Pneumomediastinum": (
        r"pneumomediastinum",
        r"mediastinal (?:emphysema|air|gas)",
        r"종격동\s*(?:내\s*)?(?:기종|공기|기포)",
        r"기종격(?:증)?",
    ),
    "Pneumoperitoneum": (
        r"pneumoperitoneum",
        r"(?:intraperitoneal )?free (?:intraperitoneal |intra-abdominal |subdiaphragmatic )?(?:air|gas)",
        r"(?:air|gas) (?:under|beneath|below) the (?:right |left |bilateral )?(?:hemi-?)?diaphragms?",
        r"subdiaphragmatic (?:free )?(?:air|gas)",
        r"복강\s*내\s*(?:유리\s*)?(?:공기|가스)|(?:유리|자유)\s*공기|횡격막\s*(?:아래|하방|하부)(?:에|의)?\s*(?:유리\s*)?(?:공기|가스)|기복증",
    ),
    "Bronchiectasis": (
        r"(?:traction |cylindrical |cystic |varicose )?bronchiectasis",
        r"bronchiectatic(?: changes?)?",
        r"(?:견인성\s*)?기관지\s*확장(?:증|증성\s*변화)?(?!\s*제)",
    ),
    "Cavity": (
        r"(?:thick|thin)[- ]walled cavit(?:y|ies)",
        r"cavit(?:y|ies|ation)",
        # "cavitary lesion", "공동성 병변": the lesion stays a mention of its own
        r"cavita(?:ry|ting)",
        r"공동(?:성)?(?=\s*(?:병변|음영))",
        r"공동\s*형성",
        # "공동의 크기 감소", "잔존 공동 있음", "공동 벽 두께 얇아짐": the cavity, its size, its wall
        r"공동(?=\s*(?:이|을|은|가|의|[.,]|$)|\s+(?:있|보이|보임|크기|벽|내부|소실|감소|증가))",
    ),
    "Lymphadenopathy": (
        r"(?:hilar|mediastinal|axillary|paratracheal|subcarinal|supraclavicular) lymphadenopathy",
        r"(?:lymph)?adenopathy",
        r"(?:enlarged|prominent|bulky) (?:(?:right|left|bilateral) )?(?:hilar |mediastinal |axillary |paratracheal "
        r"|subcarinal )?lymph nodes?",
        r"(?:(?:폐문|겨드랑이|액와)(?:부)?\s*)?림프절\s*(?:비대|종대|腫大|커짐|병증|확대)",
        r"(?:임파선|lymph\s*nodes?|ln)\s*(?:의\s*)?(?:비대|종대|커짐|확대|enlargement)",  # "LN 종대", "lymph node 비대"
        r"lymph node enlargement",
    ),
    "Mastectomy": (
        r"(?:(?:left|right|bilateral) )?(?:radical |modified radical |simple )?mastectom(?:y|ies)",
        r"(?:(?:좌측|우측|양측)\s*)?유방\s*(?:전\s*)?절제(?:술)?",
    ),
    # The trace of an axillary operation (lymph node dissection, its clips): a side is asked ("겨드랑이
    # 수술 흔적은 어느 쪽?"). Clips elsewhere stay Surgical Clips.
    "Axillary Surgery": (
        r"(?:post-?surgical|post-?operative|surgical) changes? "
        r"(?:of|in|at|within) the (?:(?:left|right|bilateral) )?axill(?:a|ae|ary regions?|ary region)",
        r"(?:(?:left|right|bilateral) )?axillary (?:lymph )?(?:node )?dissection",
        r"(?:겨드랑이|액와)(?:부)?\s*(?:림프절\s*)?(?:수술|절제|곽청)(?:술)?(?:\s*(?:후|흔적|변화))?",
        *_AXILLARY_CLIPS,
    ),
    "Endotracheal Tube": (
        r"(?:endotracheal|et|e\.t\.|oro-?tracheal|naso-?tracheal) tubes?",
        # "ET and NG tubes", "endotracheal and enteric tubes": the tube word is shared
        r"(?:endotracheal|et)(?= and (?:the )?(?:ng|og|nasogastric|orogastric|enteric|feeding) tubes)",
        *EXTUBATION,
        r"e-?tubes?",
        r"etts?",
        r"기관\s*내\s*(?:관|튜브|삽관(?:\s*튜브)?)",
        r"기관\s*(?:삽관\s*)?튜브",
        r"기관\s*삽관(?:\s*튜브)?",
    ),
    "Central Line": (
        r"(?:central venous|central|picc|ij|internal jugular|subclavian|femoral|hickman|tunneled|tunnelled|dialysis|"
        r"hemodialysis|hd|triple[- ]lumen|double[- ]lumen|quinton|trialysis|venous) (?:venous )?(?:lines?|catheters?)",
        r"piccs?(?: lines?)?",
        r"c-?lines?",
        r"cvcs?",
        r"cvls?",
        # "R IJ tip at SVC", "left IJ CVC", "right IJ introducer": the internal jugular line by its vein.
        r"ij(?: (?:cvc|cvl|line|catheter|introducer|sheath|cordis))?",
        # a venous introducer (Cordis) sheath, also named alone ("introducer는 제거됨", "the introducer remains")
        r"(?:introducer|cordis)(?: sheaths?)?",
        r"인트로듀서",
        r"(?:말초\s*삽입(?:형)?\s*)?중심\s*정맥\s*(?:관|카테터|도관|라인)",
        r"(?:쇄골\s*하|내경\s*정맥|대퇴\s*정맥)\s*(?:정맥\s*)?(?:카테터|도관|라인)",
        # an implanted port is a central line with a reservoir under the skin ("right chest port")
        r"(?:(?:right|left|rt\.?|lt\.?)[- ]sided |(?:right|left) )?"
        r"(?:chest (?:wall )?|subcutaneous |implant(?:ed|able) |infusion |venous |power ?)"
        r"ports?(?:[- ]a[- ]cath)?(?: catheter| device)?",
        r"port[- ]?a[- ]?cath(?:eter)?s?",  # "Port-A-Cath", "Port-A catheter"
        r"mediports?",
        r"perm-?caths?",
        r"(?:chemo|infuse)[- ]?ports?",  # "Rt. chemoport insertion state"
        r"(?:케모|캐모)\s*포트",
        r"(?:피하|정맥|항암)\s*(?:이식\s*)?포트",
        r"(?<![가-힣])포트(?=\s*(?:은|는|이|가|의|끝|tip|팁|삽입|위치|카테터))",  # "포트 끝은 ...", "포트 삽입 상태"
    ),
    "Nasogastric Tube": (
        r"(?:nasogastric|ng|orogastric|og|feeding|enteric|enteric feeding|dobhoff|nasoenteric|nasojejunal|nj|"
        r"nasoduodenal|levin|salem sump|sump|gastric|small[- ]bore feeding|weighted feeding|post-?pyloric) tubes?",
        r"ngts?",
        r"ogts?",
        r"dhts?",
        r"dobhoffs?",
        r"(?:경)?비위관",
        r"(?:경구|구강)\s*위관",
        r"콧줄",
        r"(?:경관\s*)?영양관",
        r"l-tube",
        r"엘\s*튜브",
    ),
    "Chest Tube": (
        r"(?:chest|thoracostomy|pleural|pigtail) (?:tubes?|drains?|catheters?)",
        r"pig ?tails?",
        r"흉관",
        r"흉강\s*(?:튜브|배액관|삽관)",
        r"흉막강?\s*배액관",
        # "Rt. PCD 삽입 상태": a percutaneous drainage catheter, read with the chest tubes (docs/findings.md)
        r"(?<![a-z])pcd(?![a-z])",
        r"percutaneous (?:catheter )?drainage(?: catheter)?",
        r"경피적\s*(?:카테터\s*)?배액관",
    ),
    "Tracheostomy Tube": (
        r"(?:tracheostomy|tracheotomy|trach) (?:tubes?|cannulas?)",
        r"tracheostomy",
        r"trach",
        r"기관\s*절개\s*(?:관|튜브|술)?",
    ),
    "Pulmonary Artery Catheter": (
        # "Swan-Ganz catheter via Rt. IJ", "PA catheter through a left subclavian introducer": the vein is the
        # catheter's way in, not a central line of its own (one catheter, one device)
        r"(?:swan[- ]?ganz|pulmonary artery|pa|스완\s*-?\s*(?:간츠|간즈))(?: (?:catheters?|lines?)|\s*카테터)?"
        r" (?:via|through|from|by way of) (?:the |a |an )?"
        r"(?:(?:right|left|rt\.?|lt\.?|r|l)[- ]?)?(?:ij|internal jugular|subclavian|femoral|ij vein)"
        r"(?: vein| venous)?(?: (?:approach|access|introducer|sheath|cordis)(?: sheath)?)?",
        r"swan[- ]?ganz(?: (?:catheters?|lines?))?",
        r"(?:pulmonary artery|pa) (?:catheters?|lines?)",
        r"스완\s*[-]?\s*(?:간츠|간즈)(?:\s*카테터)?",
        r"폐동맥\s*(?:카테터|도관)",
    ),
    "Cardiac Assist Device": (
        r"iabps?",
        r"intra-?aortic balloon(?: pump)?",
        r"(?:aortic )?balloon pump",
        r"impella(?: device| catheter)?",
        r"ecmo(?: cannulae?| cannulas| catheters?| circuit)?",
        r"lvads?",
        r"(?:left )?ventricular assist device",
        r"대동맥\s*내\s*풍선\s*(?:펌프)?",
        r"에크모(?:\s*캐뉼라)?",
        r"임펠라",
        r"(?:좌심실|심실|심장)\s*보조\s*(?:장치|기구)",
    ),
    "Pacemaker": (
        r"(?:dual[- ]chamber |single[- ]chamber |biventricular |left[- ]sided |right[- ]sided )?"
        r"(?:pacemakers?|pacers?)(?: (?:device|generator|leads?|wires?))?",
        r"(?:aicd|icd|defibrillator|crt-?d|crt-?p)(?: (?:device|generator|leads?))?",
        r"(?:pacing|epicardial|transvenous|temporary pacing) (?:wires|leads)",
        r"(?:인공\s*)?심(?:장)?\s*박동기(?:\s*(?:리드|도선))?",
        # a lead named by its chamber ("RV lead", "우심방 리드")
        r"(?:right atrial|right ventricular|ra|rv|lv|atrial|ventricular|coronary sinus) (?:pacing |pacer |icd )?leads?",
        r"(?:우심방|우심실|좌심실|심방|심실|관상\s*정맥동)\s*(?:리드|도선)",
        r"(?:삽입형\s*)?(?:심장\s*)?제세동기",
    ),
    "Sternotomy Wires": (
        # "One of the sternal wires is fractured", "흉골 철사 골절": a broken wire, not a broken bone
        r"(?:(?:median )?sternotomy|sternal) (?:wires?|sutures?|cerclage)(?: (?:is|are|appears?|appears to be))? "
        r"(?:fractured|broken|disrupted)",
        r"(?:fractured|broken|disrupted) (?:(?:median )?sternotomy |sternal )(?:wires?|sutures?|cerclage)",
        r"흉골\s*(?:와이어|철사|봉합사)(?:는|은|가|이|의)?\s*(?:일부\s*)?(?:골절|끊어짐|끊김|파손)",
        r"(?:median )?sternotomy(?: wires?| sutures?| changes?)?",
        r"sternal (?:wires|sutures|cerclage)",
        r"흉골\s*(?:절개(?:술)?|봉합)\s*(?:후\s*)?(?:와이어|철사|철선|봉합사)?",
        r"흉골\s*(?:고정\s*|봉합\s*)?(?:와이어|철사)",
    ),
    "Surgical Clips": (
        *_AXILLARY_CLIPS,
        r"(?:surgical|vascular|metallic|cholecystectomy) clips?",
        r"clips?",
        r"(?:수술\s*)?클립",
    ),
    "Loop Recorder": (
        r"(?:implant(?:ed|able) )?(?:cardiac |ecg )?loop recorders?",
        r"implant(?:ed|able) cardiac monitors?",
        r"ilrs?",
        r"(?:reveal )?linq(?: device)?",
        r"(?:삽입형\s*)?(?:루프\s*)?(?:심전도\s*)?(?:기록기|레코더)",
    ),
    "Stent": (
        r"(?:esophageal|oesophageal|tracheal|bronchial|airway|biliary|svc|vascular|coronary|aortic|endovascular|"
        r"metallic|duodenal|ureteral) (?:artery )?(?:stents?|stent[- ]grafts?)",
        r"stents?",
        r"(?:식도|기관|기관지|기도|담도|관상\s*동맥|혈관|대동맥|상대정맥)?\s*스텐트",
    ),
}

_NOT_A_DEPARTMENT = r"(?!\s*(?:내과|외과|의학과|클리닉|clinic|외래|센터|병동|관리|검진))"
"""A disease word that names a clinic, not a finding: "감염내과", "혈액종양내과", "폐암센터" (a referring
department in the header of a Korean report)."""
_NOT_A_SERVICE = r"(?! diseases? (?:clinic|service|consult|team|department|fellow|physician|specialist))"
""""Infectious Disease(s) clinic/consult": a service that ordered the study, not an infection seen."""

CONGESTION = (
    r"(?:pulmonary|vascular|venous) (?:vascular |venous )?congestion",
    r"(?:pulmonary )?vascular (?:engorgement|redistribution)",
    r"cephali[sz]ation(?: of (?:the )?(?:pulmonary )?vascula(?:ture|r markings))?",
    r"(?<!울혈성)(?:폐\s*)?(?:혈관\s*)?울혈(?!성)",
    r"(?:(?:상엽|폐)\s*)?(?:혈류|혈관)\s*(?:의\s*)?재분포",
)
"""Pulmonary vascular congestion and its signs (cephalization, redistribution, 폐울혈): `Edema`, but alone only
`uncertain` (CheXpert's reading; the MIMIC-CXR edema scale grades congestion below interstitial and alveolar
edema); explicit edema in the report decides (docs/findings.md)."""

# "Focal airspace disease" is an opacity and a consolidation (both observations).
_AIRSPACE = (r"(?:focal )?air[- ]?space (?:disease|process)",)

# Observation -> patterns that mention it. English patterns get word boundaries; Korean ones do
# not (particles attach to the noun: "기흉은", "흉수가"). A pattern may belong to several
# observations (hydropneumothorax).
MENTIONS: dict[str, tuple[str, ...]] = {
    "Enlarged Cardiomediastinum": (
        r"enlarged cardiomediastin\w*",
        r"(?:widened|widening of the|enlarged|enlargement of the) (?:superior )?mediastin\w*",
        r"mediastin(?:al|um) (?:widening|enlargement)",
        r"cardiomediastinal enlargement",
        r"종격동\s*(?:음영\s*)?(?:확장|확대|비대|증대|넓어짐)",
    ),
    "Cardiomegaly": (
        r"cardiomegaly",
        r"cardiac enlargement",
        r"heart enlargement",
        r"enlarged (?:cardiac silhouette|heart|cardiac shadow)",
        r"enlargement of the (?:cardiac silhouette|heart)",
        r"심(?:장)?\s*비대",
        r"심(?:장)?\s*(?:음영\s*)?(?:확대|확장)",
        r"심흉곽비\s*(?:의\s*)?증가",
    ),
    "Lung Opacity": (
        r"opacit(?:y|ies)",
        r"opacification",
        r"ggos?",
        r"(?:coarse |increased |prominent )?(?:interstitial|reticular|reticulonodular) "
        r"(?:markings?|opacit(?:y|ies)|pattern|changes?|prominence|thickening|abnormalit(?:y|ies))",
        r"간질성\s*(?:변화|음영|침윤|병변|폐\s*음영|음영\s*증가)",  # interstitial changes (not 간질성 폐질환)
        r"reticulation",
        r"결절성\s*(?:침윤|경화)",
        r"ground[- ]glass(?: opacit(?:y|ies)| attenuation| densit(?:y|ies))?",
        r"간유리\s*음영",
        r"infiltrat(?:e|es|ion|ive)",
        r"haziness",
        r"air[- ]?space opacit(?:y|ies)",
        *_AIRSPACE,
        r"densit(?:y|ies)",
        r"(?<!심장 )(?<!심장)(?<!심)(?<!종격동 )(?<!종격동)(?<!폐문 )(?<!폐문)(?<!유방 )(?<!유방)(?<!유두 )(?<!유두)"
        r"(?<!혈관 )(?<!혈관)(?<!경화 )(?<!경화)음영",  # ("경화 음영": the consolidation's own shadow)
        r"침윤",
        r"혼탁",
    ),
    "Lung Lesion": (
        # "No acute lesion", "활동성 병변 없음": a normal study told in general words, no finding named.
        # "No active lung lesion" too: it says nothing of a calcified nodule beside it
        r"(?<!active )(?<!acute )(?<!active lung )(?<!acute lung )(?<!active pulmonary )lesions?",
        r"tumou?rs?",
        r"neoplasms?",
        r"carcinoma",
        r"malignancy",
        rf"종양{_NOT_A_DEPARTMENT}",
        rf"폐암{_NOT_A_DEPARTMENT}",
        r"(?<!활동성)(?<!활동성 )(?<!급성)(?<!급성 )(?<!뚜렷한)(?<!뚜렷한 )(?<!흉막 )(?<!흉막)(?<!늑막 )(?<!늑막)병변",
    ),
    "Edema": (
        r"edema",
        r"oedema",
        # the signs and the syndrome of fluid in the lungs (CheXpert reads them as edema)
        r"(?:congestive )?heart failure",
        r"chf",
        r"(?:pulmonary )?vascular indistinctness",
        r"indistinct(?:ness of the)? (?:pulmonary )?vascula(?:ture|r markings)",
        r"kerley(?:[- ]b)?(?: lines?)?",
        r"울혈성\s*심부전",  # (a bare "심부전" names the disease, often as a cause: "심부전 등 여러 원인")
        r"폐\s*부종",
        r"간질(?:성)?\s*부종",
        *CONGESTION,
    ),
    "Consolidation": (
        *_AIRSPACE,
        r"consolidat(?:ion|ions|ive|ed)",
        r"(?<!동맥)경화(?!증)",
    ),
    "Pneumonia": (
        *_ASPIRATION_PNEUMONIA,
        r"(?:broncho)?pneumonias?",
        r"pneumonic",
        r"(?:lung |pulmonary )?abscess(?:es)?",  # an infection walled off in the lung
        r"폐\s*농양",
        r"infections?",
        rf"infectious{_NOT_A_SERVICE}",
        r"폐렴",
        rf"감염{_NOT_A_DEPARTMENT}",
    ),
    "Atelectasis": (
        r"atelecta(?:sis|ses|tic)",
        r"(?:lobar |segmental |subsegmental )?collapsed?",
        # A lobe that re-expanded was collapsed: the atelectasis is better ("re-expansion" is a change word).
        r"re-?expan(?:sion|ded) of the (?:(?:right|left|rt\.?|lt\.?) )?(?:(?:upper|middle|lower) )?lobe",
        r"(?:lobar|(?:upper|middle|lower) lobe) re-?expansion",
        r"무기폐",
        r"허탈",
    ),
    "Pneumothorax": (
        r"(?:hydro)?pneumothora(?:x|ces)",
        r"ptx",
        r"기흉",
    ),
    "Pleural Effusion": (
        r"hydropneumothorax",
        r"(?<!pericardial )effusions?",
        r"pleural fluid",
        # "small amount of fluid in the left pleural space", "fluid in the minor fissure"
        r"fluid (?:in|within) the (?:(?:right|left|bilateral) )?(?:pleural (?:space|cavit(?:y|ies))"
        r"|(?:minor |major |horizontal |oblique )?fissures?|hemithora(?:x|ces))",
        r"hydrothorax",
        r"empyemas?",  # a collection of pus in the pleural space
        r"농흉",
        r"hemothorax",
        r"(?:costophrenic|cp|cpa) angle blunting",
        r"cpa blunting",
        r"blunting of the (?:left |right |bilateral )?(?:costophrenic|cp) angles?",
        r"혈흉",
        r"(?:흉막|늑막)\s*삼출(?:액)?",
        r"흉수(?!술)(?!\s*(?:흡인|천자|배액)(?:술)?\s*(?:후|시행|을|를|\())",  # ("흉수 흡인 후": the procedure)
        r"(?:흉막|늑막)액",
    ),
    "Pleural Other": (
        r"pleural (?:thickening|scarring|plaques?|calcifications?)",
        r"fibrothorax",
        r"(?:minor |major )?fissur(?:e|al) thickening",
        r"apical (?:pleural )?caps?",
        r"엽간열\s*비후",
        r"(?:흉막|늑막)\s*(?:비후|석회화|반|유착)",
    ),
    "Fracture": (
        r"fractur(?:e|es|ed)",
        r"(?:osseous|bony|skeletal) (?:abnormalit(?:y|ies)|injur(?:y|ies))",
        r"골절",
    ),
    "Support Devices": (
        r"(?:drainage|drain) tubes?",
        r"tubes?",
        r"(?:midline|arterial) (?:lines?|catheters?)",
        r"lines and tubes",
        r"tubes and lines",
        r"(?<!with )(?<!with its )(?<!with the )catheters?",  # ("port with catheter tip in the SVC": the port's)
        r"stents?",
        r"port-a-cath",
        r"(?:chest wall|chest|power) port",
        r"support devices?",
        r"(?:[a-z0-9-]+ )?hardware",
        r"(?:prosthetic|mechanical|bioprosthetic|artificial) (?:aortic |mitral |heart )?valves?",
        r"(?:aortic |mitral )?valve (?:replacement|prosthesis)",
        r"(?:인공\s*)?(?:심장\s*)?(?:판막|대동맥판|승모판)\s*치환(?:술)?",  # a replaced valve is a prosthesis seen
        r"(?:척추|흉추|요추|경추)\s*(?:고정술|유합술|고정\s*기구|나사)",  # spinal fusion: its hardware is seen
        r"(?:금속\s*)?고정물",
        r"고정\s*기구",
        r"인공\s*(?:심장\s*)?(?:승모|대동맥|삼첨|폐동맥)?\s*판막",
        r"카테터",
        r"배액관",
        r"튜브",
        # "관 위치는 이전과 변화 없음", "관들은 모두 적절한 위치": the tubes all together
        r"(?<![가-힣])관(?:들)?(?=\s*(?:위치|모두|전부))",
        r"(?<![가-힣])관들",
        r"스텐트",
        r"(?:삽입된\s*)?의료\s*기구",
        r"(?:shoulder|humeral|hip|joint) (?:prosthesis|arthroplasty|replacement)",
        r"인공\s*(?:어깨\s*|고\s*)?관절",
        r"ivc filter",
        r"a-line",
    ),
    **EXTRA_MENTIONS,
}

# Observation -> patterns that are a finding only with a descriptor of size or normality.
ATTRIBUTE_MENTIONS: dict[str, tuple[str, ...]] = {
    "Enlarged Cardiomediastinum": (
        r"cardiomediastinal(?: and hilar)? (?:silhouettes?|contours?|size)",
        r"(?:cardiac|heart) and mediastinal (?:silhouettes?|contours?)",
        r"(?:hilar and )?mediastinal(?: and hilar)? (?:silhouettes?|contours?|width)",
        r"mediastinum",
        r"(?:심장\s*)?종격동\s*(?:음영|윤곽|폭|경계)?",
    ),
    "Cardiomegaly": (
        # A normal cardiomediastinal silhouette is a normal heart size too.
        r"cardiomediastinal(?: and hilar)? (?:silhouettes?|contours?|size)",
        r"(?:cardiac|heart) and mediastinal (?:silhouettes?|contours?)",
        r"heart size",
        r"cardiac (?:silhouette|size|contours?|shadow)",
        r"heart(?! failure)",
        r"심장(?=\s*(?:및|과|와)\s*종격동)",
        r"심장\s*(?:[:：]\s*)?(?:크기|음영|윤곽)",  # "심장: 크기 정상"
        r"심장(?=\s*[:：])",
        r"심음영",
        r"심흉곽비",
        r"ctr",  # "CTR 0.48": a ratio up to 0.5 is a normal heart size, above it an enlarged one
        r"c/t ratio",
        r"cardio-?thoracic ratio",
    ),
    "Pleural Effusion": (
        r"(?:costophrenic|cp) (?:angles?|sulc(?:us|i))",
        r"cpas?",
        r"(?:늑골\s*|늑\s*)?횡격막\s*각",
    ),
}

LESIONS = ("Lung Opacity", "Consolidation")
"""What a report sees before it interprets it: a diagnosis drawn from a lesion takes its details."""

# Descriptors that turn an attribute mention into a label. Checked in this order at each place.
DESCRIPTORS: dict[str, tuple[str, ...]] = {
    "uncertain": (
        r"(?:(?:at )?(?:the )?upper limits? of )?normal to (?:mildly |slightly |minimally )?"
        r"(?:enlarged|increased|prominent)",
        r"borderline",
        r"mildly prominent",
        r"prominent",
        r"경계성",
        r"경계\s*(?:수준|범위)",
    ),
    "negative": (
        r"(?<![\d.])0?\.(?:[0-4]\d*|50*)(?!\.?\d)(?!\s*(?:cm|mm|센[티치]|㎝))",  # a cardiothoracic ratio up to 0.5
        r"(?<![\d.])(?:[1-4]\d|50)(?:\.\d+)?\s*%",
        r"not (?:significantly )?(?:enlarged|widened|blunted)",
        r"sharp(?:ly)?",
        r"예리",
        r"within normal (?:limits|range)",
        r"wnl",
        r"top[- ]normal",
        r"upper limits? of normal",
        r"normal",
        r"unremarkable",
        r"확대되지\s*않",
        r"커지지\s*않",
        r"증가(?:하|되)지\s*(?:는|도|은)?\s*않",
        r"정상",
        r"특이\s*(?:소견|사항)\s*없",
        r"이상\s*(?:소견\s*)?없",
    ),
    "positive": (
        # a cardiothoracic ratio above 0.5
        r"(?<![\d.])0?\.(?:5\d*[1-9]\d*|[6-9]\d*)(?!\.?\d)(?!\s*(?:cm|mm|센[티치]|㎝))",
        r"(?<![\d.])(?:5[1-9]|[6-9]\d)(?:\.\d+)?\s*%",
        r"blunt\w*",
        r"둔화",
        r"둔해",
        r"무(?:뎌|딤|디)",  # "늑골횡격막각 무딤"
        r"enlarg\w*",
        r"increased",
        r"widen\w*",
        r"large",
        r"확대",
        r"증가",
        r"비대",
        r"커(?:져|짐|졌)",
        r"확장",
        r"넓어",
    ),
}

# Cues: (polarity, direction) -> patterns. "pre" cues govern the mentions after them in the
# clause, "post" cues the mentions before them, "both" either, "between" only the two mentions
# next to them ("atelectasis versus pneumonia"). Polarity "positive" marks an affirmation that
# overrides a negation further away ("No effusion and there is ...", "흉수가 있음").
# "폐렴을 시사하는 소견은 보이지 않음", "결핵을 의심할 만한 소견은 없음": a suggestion that is denied is
# no hedge; the negation after it decides.
_NOT_DENIED = (
    r"(?!(?:하는|할\s*만한|할|되는|될\s*만한|(?=\s*(?:소견|음영|병변)))\s*(?:소견|음영|병변|이상)?\s*(?:은|는|이|가)?\s*"
    r"(?:보이지\s*않|없|관찰되지\s*않|확인되지\s*않))"
    r"(?!(?:하|되)지\s*(?:는|도|은)?\s*않)"  # "폐렴이 의심되지는 않음", "결핵을 시사하지 않음": not suspected
)
_CHANGE_DENIED = (
    r"(?:증가|악화|진행|커지|늘어|감소|호전|줄어|개선)(?:하|되)?\s*(?:지\s*(?:는|도|은)?\s*않|(?:소견|양상)?\s*(?:은|는|이|가)?\s*없)"
)
"""A change denied ("흉수는 증가하지 않았음", "심비대 악화 없음", "증가 소견 없음"): the finding is there, as it was."""
_NOT_CHANGED = r"(?!(?:하|되)?\s*(?:지\s*(?:는|도|은)?\s*않|(?:소견|양상)?\s*(?:은|는|이|가)?\s*없))"
"""After "증가", "감소": not when the change is denied (``_CHANGE_DENIED`` reads it)."""

CUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("positive", "pre"): (
        r"no (?:significant |appreciable |substantial |definite |major |interval )*(?:interval )?"
        r"(?:change|increase|decrease) in(?: the)?(?: size of)?(?: the)?",
        r"(?:near(?:ly)?[- ]complete(?:ly)?|almost complete|partial|incomplete|interval partial) resolution of",
        r"there (?:is|are|has been|have been)",
        r"(?:re)?demonstrat(?:es|ed|ing)",
    ),
    ("uncertain", "pre"): (
        r"(?:may|might|could|likely|probably) (?:reflect|represent|indicate|be due to|be related to|correspond to)",
        r"differential(?: diagnosis| diagnoses| considerations?)? (?:includes?|would include|is|are)",
        r"possible(?!\s*(?:[.,;]|$))",
        r"possibly",
        r"probable(?!\s*(?:[.,;]|$))",
        r"probably",
        r"likely(?!\s*(?:[.,;]|$))",
        r"suspicious for",
        r"suspected(?!\s*(?:[.,;]|$))",
        r"suspect",
        r"concerning for",
        r"concern for",
        r"suggestive of",
        r"suggest(?:s|ing)?",
        r"questionable(?!\s*(?:[.,;]|$))",
        r"question of",
        # "unlikely pneumonia", "less likely edema": a diagnosis weighed and found improbable, not stated
        r"(?:un|less |not )likely(?!\s*(?:[.,;]|$| given| because| as))",
        r"equivocal",
        r"indeterminate",
        r"to exclude",
        r"differential diagnosis (?:includes|of)",
        r"consider(?:ed)?",
        r"worrisome for",
        r"presumed",
        r"borderline",
        r"경계성",
        r"(?:evaluate|evaluation|eval|assess|assessment|rule out|r/o) for",
        r"(?:to )?rule[- ]out",  # "Rule out pneumonia", "rule-out PE": a question, never a finding
        r"r/o(?!\s*[.,;]?\s*$)",
        # IU-Xray hides words as "XXXX", sometimes the hedge itself ("..., XXXX edema"): what is left is
        # not read as certain. After a negation the hidden word is the negated noun's ("No XXXX of ...").
        r"(?<!\bno )(?<!\bnot )(?<!without )(?<!\bof )(?<!\bfor )(?<!xxxx )xxxx(?= (?!xxxx\b)[a-z])",
    ),
    ("uncertain", "both"): (
        r"(?:cannot|can ?not|can't|could not) (?:be )?(?:entirely |completely )?"
        r"(?:exclude|excluded|rule out|ruled out)",
        r"(?:is |are )?not (?:entirely |completely )?(?:excluded|ruled out)",
        r"may",
        r"might",
        r"could",
        r"r/o(?=\s*[.,;]?\s*$)",  # "pneumonia r/o": at the end of a clause it looks back
    ),
    # "small effusion or pleural thickening", "흉막 삼출 또는 흉막 비후": a differential, unless the
    # clause negates ("no effusion or pneumothorax").
    ("uncertain", "or"): (
        r"or",
        r"또는",
        r"혹은",
    ),
    ("uncertain", "between"): (
        r"versus",
        r"vs\.?",
        r"(?<![가-힣])대(?![가-힣])",
    ),
    ("negative", "pre"): (
        r"to suggest",
        r"neither",
        r"no",
        r"not",
        r"without",
        r"free of",
        r"negative for",
        r"clear of",
        r"absence of",
        r"resolution of",
        r"(?:interval )?removal of",
    ),
    # "removed" is read by the details: the device before it was taken out, not the one after.
    ("negative", "both"): (r"(?:has |have )?(?:been )?(?:resolved|ruled out)",),
    ("uncertain", "post"): (
        r"\(\s*(?:\+/-|±|\?)\s*\)",  # "effusion (+/-)", "(±)", "(?)": equivocal
        r"(?:is|are) (?:possible|suspected|questioned)",
        # "Boerhaave should be excluded", "perforation needs to be ruled out": still to be ruled out
        r"(?:should|must|needs? to|has to|have to|will need to) be (?:excluded|ruled out)",
        r"(?:is|are|remains?) indeterminate",
        r"(?:is|are|remains?) (?:a |also a |another )?(?:consideration|possibility)",
        r"(?:is|are) likely(?=\s*(?:[.,;]|$))",
        # "..., with atelectasis also possible.", "pneumonia suspected.": a hedge that ends the clause looks back
        r"(?:(?:is|are|also|remains?|considered|felt to be) )?(?:possible|probable|likely|suspected|questionable)"
        r"(?=\s*(?:[.,;]|$))",
        # "Pneumonia unlikely.", "Edema is less likely given ...": at the end of a clause it looks back
        r"(?:(?:is|are|seems?|appears?) )?(?:(?:much |far )?less |un|not )likely(?=\s*(?:[.,;]|$| given| because| as))",
        # "심장 크기 평가 제한적이나 커져 보임": what a limited view shows is not sure
        r"평가\s*(?:가\s*)?(?:제한|어려|곤란)",
        # "폐렴 배제 필요", "결핵 감별 요함": the diagnosis is still to be ruled out
        r"배제\s*(?:가\s*)?(?:필요|요망|요함|바람|해야|위해)",
        r"(?:악화|증가|진행)\s*(?:의심|가능성|가능)",
        r"배제할\s*수\s*없",
        r"배제\s*(?:불가|못)",
        r"배제하기\s*어렵",
        r"배제\s*(?:가\s*)?(?:어려|힘들|곤란)",
        r"의심" + _NOT_DENIED,
        r"의증",
        r"가능성",
        r"가능",
        r"시사" + _NOT_DENIED,
        r"추정",
        r"고려",
        r"감별",
        r"일\s*수\s*있",
        r"불분명",
        # "결절, 경계가 뚜렷하지 않음": the margin of a lesion, not its absence (a hedge past a comma reaches nothing)
        "(?:"
        + "|".join(
            f"(?<={edge}{particle})"
            for edge in ("경계", "변연", "윤곽")
            for particle in ("", " ", "이", "이 ", "가", "가 ", "은", "은 ", "는", "는 ")
        )
        + r")(?:뚜렷|명확|분명)하지\s*않",
        # "X로 생각됨" states X; "X로 생각되나 Y를 배제할 수 없음" weighs X against Y.
        r"(?<!로)(?<!로 )생각(?:됨|되|합니다)",
        r"생각되(?:나|지만|는데)",
    ),
    ("negative", "post"): (
        # Korean hospital shorthand and itemised reports: "기흉 (-)", "Pneumothorax: none", "effusion: negative"
        r"\(\s*[-−]\s*\)",
        r"(?<=:)(?:none|negative|absent|nil|not seen)(?![a-z])",
        r"(?<=: )(?:none|negative|absent|nil|not seen)(?![a-z])",
        r"(?:is |are |has |have )?(?:been )?(?:not|no longer) (?:clearly |definitely )?"
        r"(?:seen|identified|present|visuali[sz]ed|evident|appreciated|detected|demonstrated|noted|visible)"
        r"(?! (?:on|in) (?:the )?(?:prior|previous|earlier))",  # "not seen on the prior study": new
        r"(?:is |are )?absent",
        # "흉수는 뚜렷하지 않음", "기흉 명확하지 않음": not seen (as CheXpert reads "no definite X"); the margin
        # of a lesion ("경계가 뚜렷하지 않은 결절") describes it, it does not deny it
        r"(?:뚜렷|명확|분명)하지\s*않",
        r"보이지\s*않",
        r"관찰되지\s*않",
        r"확인되지\s*않",
        r"발견되지\s*않",
        r"보이지\s*아니",
        r"배제(?:됨|되었|함|\s*$|(?=\.))",
        r"없",
        r"음성",
        r"정상",
        r"소실",
        r"(?<!거의)(?<!거의 )(?<!대부분)(?<!대부분 )흡수(?:됨|되었|된|되어|됐)",  # "기흉 흡수됨": gone
        rf"제거{_NOT_ADVISED}",
        r"지\s*(?:는|도|은)?\s*않",
    ),
    ("positive", "post"): (
        # "이전 검사에서는 없던 소견": absent before, so there now (a new finding).
        r"(?:이전|전|종전|과거)\s*(?:검사|study|사진|영상|촬영)?(?:에서|상|에)?(?:는|에는)?\s*(?:없던|없었던|보이지\s*않던)",
        _NOT_ON_EARLIER,
        # "좌측 늑골의 오래된 골절 외 특이 소견 없음": nothing else, so the finding before "외" is there
        r"외(?:에는|에|엔|에는\s*)?\s*(?:특이|특별한|다른|뚜렷한)\s*(?:소견|이상|병변)",
        r"(?:거의|대부분)\s*(?:소실|사라|해소|없어|흡수)",  # ("대부분 흡수됨": mostly gone, a residue there)
        r"(?:nearly|almost) (?:completely )?resolved",
        r"(?:큰\s*)?변화(?:가|는)?\s*없",
        r"변함\s*없",
        # "늑골 골절, 전위 없음": a fracture without displacement is a fracture
        r"(?:(?<=, )|(?<=,))(?:뚜렷한\s*|유의한\s*)?전위(?:는|가|된\s*소견은)?\s*없",
        # "이전과 큰 차이 없음", "변동 없음": the finding is there as before
        r"(?<!좌우 )(?<!좌우)(?:큰\s*|별\s*|별다른\s*|뚜렷한\s*|유의한\s*)?(?:차이|변동)(?:가|이|는|은)?\s*없",
        _CHANGE_DENIED,
        r"있(?!\s*지\s*(?:는|도|은)?\s*않)",  # ("흉수가 있지 않음": none)
        r"보임",
        r"보입니다",
        r"보이며",
        r"보이고",
        r"관찰됨",
        r"관찰됩니다",
        r"관찰되며",
        r"관찰되고",
        r"확인됨",
        r"확인됩니다",
        # ("허탈이 동반된 것으로 의심됨": the verdict at the end of the predicate holds, not the "동반")
        r"동반(?!(?:된|되었을|되어\s*있을|되었는지)\s*(?:것|듯|가능성|수))",
        r"지속",
        r"남아(?!\s*있지\s*(?:는|도|은)?\s*않)",  # ("기흉은 남아 있지 않음": gone)
        r"증가",
        r"악화",
    ),
}

# --- Details of a mention (docs/findings.md) ---------------------------------------------------

SIDES = ("left", "right", "bilateral")
SEVERITIES = ("minimal", "mild", "moderate", "severe")
LOCATIONS = (
    "upper",
    "middle",
    "lower",
    "apex",
    "base",
    "lingula",
    "hilum",
    "perihilar",
    "retrocardiac",
    "costophrenic",
)
CHANGES = ("new", "worse", "better", "stable", "resolved")
POSITIONS = ("appropriate", "malpositioned")

# Distance of an endotracheal tube tip above the carina, in cm: 3-8 is the standard site, closer or
# higher is a malposition.
_CARINA_OK = r"(?<![\d.])[2-8](?:\.\d+)?"  # at least 2 cm above the carina is an accepted position
_CARINA_LOW = r"(?<![\d.])(?:[01](?:\.\d+)?|9(?:\.\d+)?|1\d(?:\.\d+)?)"
# A Korean side written as one syllable before a lung part ("우상엽", "좌폐", "양하폐야").
_KO_SIDE_FOLLOWS = r"(?=\s*(?:[상중하](?:엽|폐|부)|폐|기저|첨부|늑|흉))"
# "Right atrium", "left ventricle", "right upper quadrant": parts of the heart or the abdomen, not a side.
_NOT_A_SIDE = r"(?!\.?[- ]?(?:atri|ventric|upper quadrant|lower quadrant|heart border))"
# Words that make "increased", "slightly" etc. describe something other than a change or a severity.
_OPACITY_NOUN = r"(?:opacit|opacification|densit|interstitial|markings|attenuation|lucency|radio)"
_VOLUME_NOUN = r"(?:(?:lung|pulmonary) )?(?:volumes?|aeration|inspiratory|inspiration|inflation)"
"""What "decreased"/"reduced"/"increased" name as a state, not as a change: "reduced lung volumes",
"increased lung volumes" (a finding of the lungs, not an opacity getting better or worse)."""
_VOLUME_BEFORE = (
    r"(?<!lung volumes )(?<!lung volumes are )(?<!lung volume is )(?<!lung volumes appear )(?<!lung volume )"
)
_VOLUME_KO_BEFORE = r"(?<!용적)(?<!용적 )(?<!용적이 )(?<!용량)(?<!용량 )(?<!용량이 )(?<!부피)(?<!부피 )(?<!부피가 )"
_VOLUME_KO_AFTER = r"(?!(?:된|한)?\s*(?:폐\s*)?(?:용적|용량|부피))"
_OTHER_SUBJECT_KO = "".join(
    f"(?<!{word}{particle})"
    for word in ("횡격막", "흡기", "폐용적", "심흉곽비", "가능성", "위험도", "밀도")
    for particle in (" ", "이 ", "가 ", "은 ", "는 ", "이", "가", "은", "는")
)
"""What "다소 높음/얕음" may be said of besides a tube's tip ("우측 횡격막 다소 높음", "흡기가 다소 얕음")."""
_CHANGE_WORD_EN = r"(?:increas|decreas|improv|wors|larger|smaller|bigger|better|progress|reduc|diminish|less\b|more\b)"
_CHANGE_WORD_KO = r"(?:증가|감소|호전|악화|줄|늘|커|작아|진행|개선|많아|적어)"

_ZONES_FOLLOW = (
    r"(?=(?:\s*(?:,|and|to|or|/|&)\s*(?:the\s+)?(?:(?:right|left|rt\.?|lt\.?)\s+)?(?:upper|mid|middle|lower))+"
    r"[- ](?:lobes?|lung zones?|lung fields?|lungs?|zones?|fields?))"
)
"""A zone word coordinated with the zone that names the part: "mid and lower lung zones", "upper to mid lungs",
"right upper and left lower lobes" (each zone with its own side)."""

# (family, value) pairs -> patterns. A pattern may give several attributes ("RLL": right, lower).
DETAIL_TERMS: dict[tuple[tuple[str, str], ...], tuple[str, ...]] = {
    (("side", "right"),): (
        rf"right(?:[- ]sided)?{_NOT_A_SIDE}",
        rf"rt\.?{_NOT_A_SIDE}",
        r"r(?=[- ](?:upper|middle|lower|lung|pleural|base|apex|apical|basilar|hemithorax|ij|subclavian|sided))",
        # "R. lower lobe", "L. pleural effusion"
        r"r\.(?= ?(?:upper|middle|lower|lung|pleural|base|apex|apical|basilar|hemithorax|ij|subclavian|sided))",
        r"우측",
        r"오른쪽",
        rf"(?<![가-힣])우{_KO_SIDE_FOLLOWS}",
    ),
    (("side", "left"),): (
        rf"left(?:[- ]sided)?{_NOT_A_SIDE}",
        rf"lt\.?{_NOT_A_SIDE}",
        r"l(?=[- ](?:upper|lower|lung|pleural|base|apex|apical|basilar|hemithorax|ij|subclavian|sided))",
        r"l\.(?= ?(?:upper|lower|lung|pleural|base|apex|apical|basilar|hemithorax|ij|subclavian|sided))",
        r"좌측",
        r"왼쪽",
        rf"(?<![가-힣])좌{_KO_SIDE_FOLLOWS}",
    ),
    (("side", "bilateral"),): (
        r"bilateral(?:ly)?",
        r"bilat\.?",
        r"b/l",
        r"both(?= (?!of\b|the\b|and\b)[a-z])",
        r"(?:right|left) (?:greater|more|larger|worse) than (?:right|left)",
        r"(?:right|rt\.?|r|left|lt\.?|l)\s*[<>]\s*(?:right|rt\.?|r|left|lt\.?|l)(?![a-z])",
        r"(?:우측|좌측|우|좌)\s*[<>]\s*(?:우측|좌측|우|좌)",
        r"(?:right|left) and (?:right|left)",
        r"양측(?:성)?",
        r"양쪽",
        rf"(?<![가-힣])양{_KO_SIDE_FOLLOWS}",
    ),
    (("side", "bilateral"), ("location", "base")): (r"bi-?basa?(?:l|lar|ilar)(?:ly)?",),
    (("side", "bilateral"), ("location", "apex")): (r"bi-?apical(?:ly)?",),
    (("side", "bilateral"), ("location", "hilum")): (r"bi-?hilar",),
    (("side", "right"), ("location", "upper")): (r"rul",),
    (("side", "right"), ("location", "middle")): (r"rml",),
    (("side", "right"), ("location", "lower")): (r"rll",),
    (("side", "left"), ("location", "upper")): (r"lul",),
    (("side", "left"), ("location", "lower")): (r"lll",),
    (("side", "left"), ("location", "lingula")): (r"lingula(?:r)?", r"설(?:상)?엽"),
    (("location", "upper"),): (
        r"upper[- ](?:lobes?|lung zones?|lung fields?|lungs?|zones?|fields?|portion|aspect|hemithorax|thorax)",
        rf"upper{_ZONES_FOLLOW}",  # "upper and mid lung zones": the first of coordinated zones
        r"상엽",
        r"상폐(?:야|부)?",
        r"폐\s*상야",
        r"(?<!횡격막)(?<!횡격막 )상부",  # "횡격막 상부": just above the diaphragm, the lung base
        r"위쪽",
    ),
    (("location", "middle"),): (
        r"mid(?:dle)?[- ](?:lobes?|lung zones?|lung fields?|lungs?|zones?|fields?|portion|hemithorax)",
        rf"mid(?:dle)?{_ZONES_FOLLOW}",
        r"midlung",
        r"중엽",
        r"중폐(?:야|부)?",
        r"중간\s*(?:폐야|부위|영역|부(?![가-힣]))",  # "우측 폐 중간 부위" ("중간 정도" is an amount)
        r"폐\s*중야",
    ),
    (("location", "lower"),): (
        r"lower[- ](?:lobes?|lung zones?|lung fields?|lungs?|zones?|fields?|portion|aspect|hemithorax|thorax)",
        rf"lower{_ZONES_FOLLOW}",
        r"하엽",
        r"하폐(?:야|부)?",
        r"폐\s*하야",
        r"하부",
        r"아래쪽",
    ),
    (("location", "apex"),): (r"apex", r"apices", r"apical(?:ly)?", r"apicolateral", r"폐첨(?:부)?", r"첨부"),
    (("location", "base"),): (r"bases?", r"basa?(?:l|lar|ilar)(?:ly)?", r"(?:폐\s*)?기저(?:부)?", r"횡격막\s*상부"),
    (("location", "hilum"),): (r"hil(?:um|a|ar)", r"폐문(?:부)?(?!\s*(?:주위|주변))"),
    (("location", "perihilar"),): (r"peri-?hilar", r"폐문(?:부)?\s*(?:주위|주변)(?:부)?"),
    (("location", "retrocardiac"),): (r"retro-?cardiac", r"심장\s*(?:뒤|뒤쪽|후방|후부)", r"심후부"),
    (("location", "costophrenic"),): (
        r"costophrenic(?: angles?| sulc(?:us|i))?",
        r"cp angles?",
        r"cpa?s?(?![a-z])(?: angles?)?",  # "Both CPA blunting", "Rt. CP blunting"
        r"c-p angles?",
        r"(?:늑골\s*|늑\s*)?횡격막\s*각",
        r"늑횡격막각",
    ),
    (("severity", "minimal"),): (
        r"trace",
        # "minimal interval change": stable; "minimally displaced fracture": how far a fragment moved, no amount
        r"minimal(?:ly)?(?! (?:interval )?chang)(?![- ]displaced)",
        r"minute",
        r"tiny",
        r"미량(?:의)?",
        r"극소량(?:의)?",
        r"극미량(?:의)?",
        r"미미한",
        r"미세한",
        r"아주\s*(?:적은|작은)",
    ),
    (("severity", "mild"),): (
        rf"(?:mild|mildly|slight|slightly|small|borderline)(?![- ]{_CHANGE_WORD_EN})(?![- ]bowel)(?![- ]to[- ])"
        r"(?![-/]moderate)(?! (?:high|low|deep|shallow|proximal|distal)\b)",  # "ETT slightly high": a position
        r"경계성",
        r"(?:trace|tiny|minimal)[- ]to[- ](?:small|mild)",
        r"(?:적은|작은)\s*양(?:의)?",
        r"(?<![가-힣])작은(?!\s*(?:변화|차이))",
        # ("약간 깊음", "약간 전위됨": how far a tube or a fragment lies out of place, not an amount)
        rf"(?:경미(?:한|하게)?|경도(?:의)?|소량(?:의)?|약간(?:의)?|가벼운|조금)(?!\s*{_CHANGE_WORD_KO})"
        r"(?!\s*(?:높|낮|깊|얕|전위|변위))",
    ),
    (("severity", "moderate"),): (
        r"moderate(?:ly)?(?:[- ]sized?)?(?![- ]to[- ])(?![-/](?:large|severe))",
        r"(?:small|mild|minimal|trace)[- ]to[- ]moderate",
        r"(?:small|mild)[-/]moderate",
        r"중등도(?:의)?",
        r"중등량(?:의)?",
        r"중간\s*정도(?:의)?",
        r"(?:소량|경도|경미)\s*(?:내지|에서|~|-)\s*중등도(?:의)?",
    ),
    (("severity", "severe"),): (
        r"large",
        r"marked(?:ly)?",
        r"massive",
        r"severe(?:ly)?",
        r"extensive",
        r"huge",
        r"moderate[- ]to[- ](?:large|severe|marked)",
        r"moderate[-/](?:large|severe)",
        r"(?:sizable|sizeable|considerable|substantial)",
        r"상당(?:한|량의|량|히)",
        r"다량(?:의)?",
        r"대량(?:의)?",
        r"많은\s*양(?:의)?",
        r"심한",
        r"(?<![가-힣])큰(?!\s*(?:변화|차이|이상))",
        r"심하게",
        r"중증(?:의)?",
        r"고도(?:의)?",
        r"광범위(?:한|하게)?",
        r"현저(?:한|하게)",
        r"중등도\s*(?:내지|에서|~|-)\s*(?:다량|고도|중증)(?:의)?",
    ),
    (("change", "new"),): (
        r"new(?:ly)?(?:[- ](?:appearing|developed|seen|placed|inserted))?",
        r"interval (?:development|appearance|placement|insertion) of",
        # "A right IJ catheter has been placed": put in since the prior study (corpora/attributes/CONVENTIONS.md)
        r"(?:has|have) (?:since |now |interval(?:ly)? )?been (?:placed|inserted|introduced)",
        r"(?<![가-힣])(?:삽입|거치)(?:되었|됨|하였|했)",
        r"(?:has|have) (?:newly )?(?:developed|appeared)",
        r"새로(?:이|운)?",
        r"새롭게",
        r"신규",
        r"신생",
        r"이전에\s*(?:없던|없었던|보이지\s*않던)",
        _NOT_ON_EARLIER,
        r"(?:not|none) (?:seen|present|visible|evident) (?:on|in) (?:the )?(?:prior|previous)",
        r"previously (?:not seen|absent|unseen)",
        # A finding that came back ("recurrent left pneumothorax", "기흉 재발"): new against the prior study.
        r"recurren(?:t|ce)(?: of)?",
        r"re-?appear(?:ed|ance|s)?(?: of)?",
        r"재발(?:성|한|된|됨|함|하였|했)?",
    ),
    (("change", "worse"),): (
        r"interval increase",
        # "have increased since the prior", "이전보다 증가": an increase said as a change, not as a finding
        r"(?:has|have|had) (?:(?:since|further|slightly|mildly|minimally|markedly|also) )?increased",
        r"increas(?:ed|ing) (?:since|from|compared)",
        # "2시간 전 사진보다 증가함", "지난 검사에 비해 증가": the prior film named
        r"(?:이전|전|종전|직전|지난)(?:\s*(?:사진|검사|영상|촬영|study|film))?(?:보다|에\s*비해|에\s*비하여|\s*대비)\s*"
        r"(?:약간\s*|다소\s*|더\s*)?증가" + _NOT_CHANGED,
        r"re-?accumulat(?:ed|ion|ing)",
        r"wors(?:e|ened|ening)",
        r"progress(?:ed|ing|ion|ive)",
        r"enlarg(?:ing|ed in size)",
        r"(?:larger|bigger)",
        r"more (?:prominent|extensive|conspicuous|pronounced|confluent|opaque|dense)",
        r"(?:has |have )?grown",
        r"growing",
        r"악화",
        r"진행(?:됨|되었|하였|된|한|했|하여|되어|성|함|하는|하고|하며)",
        # "이전보다 뚜렷해짐": more conspicuous ("경계가 뚜렷해진": a sharper margin, no growth)
        r"(?<!경계가 )(?<!경계 )(?<!경계가)(?<!경계)(?:더\s*)?(?:뚜렷|선명|진)해(?:짐|졌|진|지)",
        r"커(?:짐|졌|진|지)",
        r"늘어(?:남|났|난)",
        r"늘었",
        r"많아(?:짐|졌)",
        r"심해(?:짐|졌|진)",
        r"증대",
        r"진행\s*(?:소견|양상|추세|중)",
        r"(?<![가-힣])진행(?=\s*(?:[.,;)]|$))",  # "결론: 좌하엽 폐렴, 진행."
        r"넓어(?:짐|졌|진|져)",  # "경화가 이전보다 넓어짐": grown in extent
        r"범위(?:가|도)?\s*(?:확대|확장)",
        r"(?<!waxing and )waxing(?! and waning)",
        # "now large", "소량에서 다량으로": the grade it has grown to (the grade words stay the severity's).
        r"now(?= (?:large|larger|extensive|severe|moderate[- ]to[- ](?:large|severe)))",
        r"(?:소량|미량|경도|경미)에서(?=\s*(?:중등량|중등도|다량|고도|많은))",
    ),
    # "Increased" and "증가" also name a finding ("increased opacity", "음영 증가", "heart size is
    # increased"): for an opacity or a size they are a change only next to a comparison.
    (("change", "increase"),): (
        rf"{_VOLUME_BEFORE}increas(?:ed|ing|es|e)(?! {_OPACITY_NOUN})(?! {_VOLUME_NOUN})"
        r"(?: in (?:size|extent|amount|conspicuity))?",
        r"(?<!음영)(?<!음영 )(?<!심흉곽비)(?<!심흉곽비 )(?<!밀도)(?<!밀도 )"
        + _VOLUME_KO_BEFORE
        + r"증가(?!(?:된|한)?\s*(?:음영|밀도|혼탁|침윤))"
        + _VOLUME_KO_AFTER
        + _NOT_CHANGED,
    ),
    (("change", "better"),): (
        r"(?:희미|흐릿|엷)해(?:짐|졌|진|지)",  # "음영이 희미해짐": fainter, less conspicuous
        r"(?:옅어|흐려)(?:짐|졌|진|지)",
        # "reduced lung volumes", "감소된 폐용적": the state of the lungs, not an improvement
        rf"{_VOLUME_BEFORE}decreas(?:ed|ing|es|e)(?! {_VOLUME_NOUN})(?: in (?:size|extent|amount|conspicuity))?",
        r"improv(?:ed|ing|ement|es)",
        r"smaller",
        r"less (?:prominent|extensive|conspicuous|pronounced|marked|confluent|opaque|dense)",
        r"regress(?:ed|ing|ion)",
        r"diminish(?:ed|ing)",
        rf"{_VOLUME_BEFORE}reduc(?:ed|tion)(?! (?:in (?:the )?)?{_VOLUME_NOUN})(?: in (?:size|extent|amount))?",
        r"resolving",
        r"clearing",
        r"re-?expan(?:sion|ded|ding)",
        r"재팽창",
        r"partial(?:ly)? resol(?:ved|ution)",
        r"partial(?:ly)? clear(?:ed|ing)",
        r"(?:not|less) as (?:well )?(?:seen|visible|conspicuous|apparent|prominent)",
        _VOLUME_KO_BEFORE + r"감소" + _VOLUME_KO_AFTER + _NOT_CHANGED,
        r"호전",
        r"줄어(?:듦|들|든|듬)",
        r"줄었",
        r"작아(?:짐|졌|진)",
        r"적어(?:짐|졌)",
        r"개선",
        r"완화",
        r"경감",
        r"부분적(?:으로)?\s*소실",
        r"(?<!waxing and )waning",
        r"now(?= (?:small|smaller|minimal|trace|tiny|mild|minimal))",
        r"(?:다량|중등량|중등도|고도)에서(?=\s*(?:소량|미량|경도|경미|적은))",
    ),
    (("change", "stable"),): (
        _CHANGE_DENIED,
        r"unchanged",
        r"stabl[ey]",
        r"no (?:significant |interval |appreciable |substantial |major |definite )*(?:interval )?"
        r"(?:change|increase|decrease)",
        r"not (?:significantly )?changed",
        r"without (?:significant |interval )?change",
        r"(?:little|minimal|slight|minor) (?:interval )?change",
        r"(?:little|minimally|slightly|barely) changed",
        r"(?<!좌우 )(?<!좌우)(?:큰\s*|별\s*|별다른\s*|뚜렷한\s*|유의한\s*)?(?:차이|변동)(?:가|이|는|은)?\s*없",
        r"similar(?: in (?:size|appearance|extent))?",
        r"again (?:seen|noted|demonstrated|identified)",
        # "Heart size remains enlarged", "there remains a small effusion": as it was on the prior study
        # ("ETT remains in place", "catheter remains with its tip in the SVC": a device still there, no change said)
        r"remain(?:s|ed)?(?!,? (?:to be|uncertain|unclear|indeterminate|in (?:place|situ|position|the|an?|good|"
        r"standard|satisfactory|appropriate|unchanged|stable)\b|with\b|at\b|(?:positioned|terminating|projecting|"
        r"overlying)\b))",
        r"re-?demonstrat(?:ed|ion|es)(?: of)?",
        r"persist(?:ent|ently|s|ing)",
        r"(?:큰\s*)?변화(?:가|는)?\s*없",
        # "leads are unchanged in position", "ETT in stable position", "위치 변화 없음": where it was, which is no
        # judgement of the position (corpora/attributes/CONVENTIONS.md: position null; the tip site decides it).
        r"(?:unchanged|stable) (?:in )?position",
        r"(?:in )?(?:unchanged|stable) position",
        r"위치\s*(?:변화|변동)\s*없",
        r"변화\s*없이",
        r"변함\s*(?:이\s*)?없",
        r"(?:이전|전|종전)과\s*(?:비슷|유사|동일)",
        r"비슷",
        r"유사",
        r"동일",
        r"안정",
        r"지속(?:됨|되|적|하|되는|된|하는)?",
        r"여전히",
        # "무기폐는 잔존함", "minimal residual atelectasis 잔존": still there since the prior study
        r"잔존(?:함|하|한|된|됨|해|중)?",
    ),
    (("change", "resolved"),): (
        r"(?:has |have )?(?:completely )?resolved",
        r"near(?:ly)?[- ]complete(?:ly)? resol(?:ved|ution)",
        r"almost (?:complete(?:ly)? )?resol(?:ved|ution)",
        r"(?:nearly|almost) (?:completely )?resolved",
        *REMOVAL,
        r"no residual",
        r"(?:거의|대부분)\s*(?:소실|사라|해소|없어|흡수)",
        r"(?:interval |complete )?resolution",
        r"cleared",
        r"no longer (?:seen|visible|present|evident|identified|demonstrated|appreciated|visualized)",
        r"(?:has |have )?disappeared",
        r"더\s*이상\s*(?:보이지|관찰되지|확인되지|없)",  # "좌측 기흉은 더 이상 보이지 않음"
        # "이전에 보이던 좌하엽 경화는 보이지 않음", "previously seen nodule is not visualized": gone since
        r"이전(?:에|에서)?\s*(?:보이던|보였던|관찰되던|관찰되었던|있던|있었던)(?=[^.]*(?:보이지|관찰되지|확인되지)\s*않)",
        r"previously (?:seen|noted|described|demonstrated)"
        r"(?=[^.]*\bnot (?:seen|visuali[sz]ed|identified|evident|present))",
        r"(?:완전(?:히)?\s*)?흡수(?:됨|되었|된|되어|됐)",  # "흉수 흡수됨": absorbed
        r"소실",
        r"사라(?:짐|졌|진)",
        r"해소",
        r"없어(?:짐|졌|진)",
    ),
    (("position", "appropriate"),): (
        # ("in unchanged position" alone is no judgement: see the stable change; "in standard, unchanged position" is)
        r"in (?:(?:unchanged|stable)[ ,]*(?:and )?)?(?:(?:standard|satisfactory|appropriate|good|adequate|expected|"
        r"acceptable|proper|correct|optimal|usual|typical|anatomic|an? (?:appropriate|satisfactory|standard|acceptable|"
        r"good))[ ,]*(?:and )?)+(?:(?:unchanged|stable)[ ,]*)?(?:position|location)",
        r"(?:appropriately|satisfactorily|well|adequately|correctly|properly|optimally|standard) "
        r"(?:positioned|placed|sited|situated|located)",
        r"positioned (?:appropriately|satisfactorily|well|correctly)",
        r"(?:terminat\w*|tip\w*|lies|lying|projects?|projecting|ends?|ending|is|are|seen|located|courses?) "
        r"(?:(?:is|are|lies|projects|terminates) )?(?:in|at|within|over|overlying|near|along|into) (?:the )?"
        r"(?:expected |region of the |level of the )?(?:(?:mid|low|lower|upper|proximal|distal|junction of the) )?"
        r"(?:svc|superior vena cava|cavo-?atrial junction|stomach|gastric (?:body|fundus|lumen)|brachiocephalic)",
        r"(?:in|at|within) (?:the )?(?:mid |low |lower |upper |distal |proximal )?(?:svc|cavo-?atrial junction)",
        rf"{_CARINA_OK} ?cm (?:above|from) (?:the )?carina",
        r"(?:below|beneath) the (?:left )?(?:hemi)?diaphragm",
        r"(?:leads?|wires?|tips?) (?:\w+ )?(?:in|within|terminating in|projecting over|overlying) "
        r"the right atri(?:um|al) and (?:the )?right ventric\w*",
        r"(?:도선|리드)(?:\s*(?:끝|팁|tips?))?(?:은|는|이|가)?\s*우심방\s*(?:과|및|와)\s*우심실",
        r"(?:leads?|도선|리드)\s*(?:tips?\s*)?(?:은|는|이|가|:)?\s*(?:in the )?(?:ra|우심방)\s*"
        r"(?:,|과|와|및|and|/)\s*(?:rv|우심실)",
        r"(?<!not )(?:in|within) (?:the )?stomach",
        r"tips?\s*[:=]\s*(?:the )?(?:stomach|gastric (?:body|fundus|antrum|lumen))",  # "L-tube tip: stomach"
        r"stomach\s*(?:body|fundus|antrum|lumen)\s*(?:에|내|까지|안)",  # "NG tube tip은 stomach body에 위치"
        r"적절(?:한|히|하게)?\s*(?:위치|자리)",
        r"(?<![가-힣])적절(?:함|하다|합니다|해\s*보임)?(?=\s*(?:[.,;)]|$))",  # "tip: carina 상방 4 cm, 적절."
        r"위치(?:는|가|도)?\s*(?:적절|양호|정상|적당|좋)",
        r"(?:정상|양호한|올바른|알맞은)\s*위치",
        r"제\s*위치",
        r"잘\s*위치",
        r"(?<![가-힣])정위치",
        r"(?:예상|기대)(?:된|되는|한)?\s*위치",
        # ICU shorthand: "C-line: OK.", "ETT tip T3 level, OK"
        r"(?<![a-z])(?:ok|okay)(?![a-z])",
        # "끝은 상대정맥-우심방 접합부에 있음", "SVC와 우심방 경계부": the cavoatrial junction in Korean
        r"(?:상대정맥|상공정맥|svc)\s*(?:[-–/~]|과|와)?\s*(?:우심방|ra)\s*(?:접합부?|경계부?|junction)",
        r"(?:상대정맥|상공정맥|svc|cavoatrial junction|stomach)\s*"
        r"(?:(?:하부|중간부?|중부|상부|아래쪽|위쪽|원위부|근위부)\s*)?(?:에|내|까지|안)",
        r"(?:위|위장)\s*(?:\([^()]{0,20}\)\s*)?(?:내|안)(?:에|로|까지)?",
        rf"(?:carina|기관\s*분기부|분기부)(?:의|에서)?\s*(?:바로\s*|직)?(?:상방|위쪽|위|상부)\s*(?:약\s*)?{_CARINA_OK}\s*(?:cm|센[티치])",
        # "Rt. subclavian catheter tip SVC": ICU shorthand without a preposition.
        r"tips?\s*(?:[:=]\s*|at |in |(?:은|는|이|가)\s*)?(?:the )?(?:mid |low |lower |distal |upper |proximal )?"
        r"(?:svc|cavo-?atrial junction|superior vena cava)",  # "PICC tip은 mid SVC"  # "CVC tip: SVC-RA junction"
        # A pulmonary artery catheter sits in the main or a proximal pulmonary artery.
        r"(?:in|at|within|into|over) the (?:(?:proximal|main|right|left) )+pulmonary (?:artery|outflow tract)",
        r"tips?\s*(?:[:=]\s*|at |in )(?:the )?(?:(?:proximal|main|right|left|rt\.?|lt\.?) ?)+"
        r"(?:pa|pulmonary artery)(?![a-z])",  # "Swan-Ganz tip: Rt. main PA"
        # "tip: Rt. pulmonary artery 근위부", "우폐동맥 근위부에 위치": mixed and Korean shorthand
        r"pulmonary artery\s*(?:의\s*)?근위(?:부)?",
        r"(?:(?:우측?|좌측?|주)\s*)?폐동맥\s*(?:의\s*)?근위(?:부)?\s*(?:에|내|까지)?",
    ),
    (("position", "malpositioned"),): (
        r"mal-?position(?:ed)?",
        r"(?:should|could|may|will need to|needs? to|can) be (?:withdrawn|retracted|pulled back|advanced|repositioned|"
        r"adjusted)",
        r"(?:recommend|suggest|consider)(?:ed)? (?:withdrawal|withdrawing|retraction|retracting|advancement|advancing|"
        r"repositioning|pulling back)",
        r"(?:withdraw|retract|advance|reposition)(?:al|ing|ment)? (?:by|of|approximately|about)",
        # "withdraw 2 cm", "pull back 1-2 cm", "advance ~5 cm": a correction with its amount, as an order
        r"(?<!been )(?<!was )(?:withdraw|retract|advance|pull back)(?:al|ing|ment)? "
        r"~?\d+(?:\.\d+)?(?: ?(?:-|to) ?\d+)? ?cm",
        r"(?:withdraw|retract|advance|reposition|pull(?:ing)?[- ]?back)(?:al|ing|ment)?\s*(?:을|를|이|가)?\s*"
        r"(?:고려|필요|요망|요함|권고|권장|바람)",
        # "2 cm 빼는 것 권고", "조금 당기기를 권장": a correction advised in Korean
        r"(?:빼|당기|후퇴시키|전진시키|밀어\s*넣|더\s*넣)(?:는|기)\s*(?:것|를|을)?\s*(?:을|이|를)?\s*"
        r"(?:권고|권장|고려|필요|요망|추천)",
        # "CVC tip at RA", "tip: RA": a line tip in the right atrium (not the SVC-RA junction)
        r"(?<!lead )(?<!leads )tips?\s*(?:[:=]\s*|at |in )(?:the )?ra(?![a-z])(?!\s*[-/]?\s*(?:svc|junction))",
        r"in (?:the )?(?:right|left) main ?stem(?: bronchus)?",
        r"(?:right|left) main ?stem (?:bronchus|intubation)",
        r"(?:at|below) the (?:level of the )?carina",
        rf"{_CARINA_LOW} ?cm (?:above|from) (?:the )?carina",
        rf"(?:carina|기관\s*분기부|분기부)(?:의|에서)?\s*(?:바로\s*|직)?(?:상방|위쪽|위|상부)\s*(?:약\s*)?{_CARINA_LOW}\s*(?:cm|센[티치])",
        r"(?:coil(?:ed|ing)|kink(?:ed|ing)|loop(?:ed|ing)|curl(?:ed|ing)|folded)",
        r"(?:directed|coursing|courses|extends?|extending|turns?|turning|points?|pointing|flipped|ascends?|ascending) "
        r"(?:\w+ )?(?:cephalad|cranially|superiorly|upward)",
        r"(?:in|into|within) the (?:distal |proximal |mid |upper |lower )?"
        r"(?:esophagus|pharynx|oropharynx|hypopharynx|neck)",
        r"(?:too|excessively) (?:high|low|deep|proximal|distal|shallow)",
        r"not in (?:an? )?(?:appropriate|good|standard|satisfactory|expected) position",
        r"부적절(?:한|하게|히)?",
        r"위치\s*(?:이상|불량)",
        r"잘못(?:된)?\s*위치",
        r"(?:빼|당겨|잡아당겨|후퇴시켜|전진시켜|밀어\s*넣어|더\s*넣어|재조정해|조정해|재위치시켜)(?:야|주|줄)",
        r"(?:후퇴|전진|재조정|재위치|위치\s*조정|위치\s*교정|더\s*삽입|더\s*넣(?:기|는\s*것))(?:이|가|을|를)?\s*"
        r"(?:필요|요망|권고|권장)",
        # "side hole은 GE junction 근처": an enteric tube short of the stomach, in mixed Korean
        r"side[- ]?(?:ports?|holes?)\s*(?:은|는|이|가)\s*(?:ge|gastroesophageal|eg)\s*junction",
        r"(?:우측|좌측|오른쪽|왼쪽|우|좌)\s*주\s*기관지\s*(?:입구\s*|내부\s*|안쪽\s*)?(?:에|로|내|안|까지)",
        r"식도\s*(?:(?:하부|상부|중부|중간|원위부|근위부|내부)\s*)?(?:내|에|로|안)",
        r"너무\s*(?:깊|얕|높|낮)",
        # "carina 위 8 cm로 높음": a distance said to be too high or deep (after the distance's own words)
        r"(?<=[m티])(?:로|으로|정도로)\s*(?:높|깊|얕|낮)(?:음|습니다|게|아|다)",
        r"(?:깊게|얕게)\s*위치",
        # "carina 상방 2 cm, 약간 깊음", "끝이 다소 높음", "위치가 조금 얕습니다": a tip out of range, said right
        # after its distance, the tip or its position (not "횡격막 다소 높음", "흡기 얕음": other things)
        r"(?:\d\s*(?:cm|센[티치])\s*[,)]?\s*(?:으로|로|정도로)?|(?<![가-힣])끝(?:이|은|는|부)?|(?<![a-z])tip(?![a-z]):?|위치(?:가|는|상)?)\s*"
        r"(?:약간|다소|조금|살짝|좀|비교적|상당히|꽤)?\s*(?:깊|얕|높|낮)(?:음|습니다|아\s*보|어\s*보|게|다)",
        # "→ 1-2 cm 당길 것 권유", "2 cm 당기는 것을 권함": the report's correction, as advice
        r"(?:당길|전진시킬|후퇴시킬)\s*(?:것|필요)",
        r"(?:당기|전진|후퇴)(?:기|는\s*것)(?:을|를)?\s*(?:권|필요|요망|고려|추천)",
        r"(?:cm|센[티치])\s*(?:정도\s*)?(?:당기|당길|당김|빼기|빼는\s*것|뺄\s*것)",
        r"당김\s*(?:을|를)?\s*(?:권|필요|요망|고려|추천)",
        r"말려\s*(?:있|보)",
        r"꼬여\s*(?:있|보)",
        # "ETT slightly low", "high-riding ETT", "다소 높음": out of the standard range, a little or a lot.
        r"(?:slightly|somewhat|mildly|rather|a bit|quite) (?:high|low|deep|shallow|proximal|distal)"
        r"(?! (?:lung|volume|attenuation|density|signal))",
        r"(?:high|low|deep)[- ](?:lying|riding|positioned)",
        r"(?:near|close to|just above|abut\w*|impinging on) the carina",
        r"(?:bronchus intermedius|(?:right|left) (?:lower|upper|middle) lobe bronch\w*)",
        # A line tip past the superior vena cava, or in a vein it should not be in.
        r"(?<!lead )tips? (?:\w+ ){0,3}(?:in|at|within|into|over|projecting over|projects over|overlying) (?:the )?"
        r"(?:deep |mid |lower |low |distal )?(?:right atri(?:um|al)|azygos|hepatic vein|right ventricle|contralateral)",
        # "The tip of the right IJ catheter is in the right atrium" (a lead's tip belongs in the heart)
        r"tip of the (?!(?:\w+ ){0,3}leads?\b)(?:[\w-]+ ){1,5}(?:is|are|lies|projects|terminates|ends) (?:now )?"
        r"(?:in|at|within|over|overlying|into) (?:the )?(?:deep |mid |lower |low |distal )?"
        r"(?:right atri(?:um|al)|azygos|hepatic vein)",
        r"(?:extends?|extending|advanced|courses?|coursing) (?:\w+ )?into the "
        r"(?:right atrium|azygos|(?:right |left )?internal jugular|contralateral)",
        r"(?:into|in) the (?:right |left )?internal jugular vein",
        r"azygos(?: vein)?(?! (?:lobe|fissure))",
        r"hepatic vein",
        r"(?<!lead )(?<!leads )terminat\w* (?:in|within) the (?:deep |mid |lower )?right atri(?:um|al)",
        r"(?:too deep|deep) (?:in|into) the (?:right )?atrium",
        r"(?:distal|interlobar|descending|segmental) (?:right |left )?(?:lower lobe )?pulmonary arter\w*",
        # An enteric tube not far enough: its side port at or above the gastroesophageal junction, its tip
        # above the diaphragm.
        r"side[- ]?(?:ports?|holes?) (?:is |are |lies |projects |remains )?(?:\w+ )?"
        r"(?:at|near|above|proximal to|in|within|over) "
        r"(?:the )?(?:level of the )?(?:ge|gastroesophageal|gastro-esophageal|esophagogastric|eg) junction",
        r"(?:tip|terminates|ends) (?:\w+ )?(?:at|near|above|proximal to) (?:the )?(?:level of the )?"
        r"(?:ge|gastroesophageal|gastro-esophageal|esophagogastric|eg) junction",
        r"(?:not|does not (?:extend|project|pass)|doesn't (?:extend|project|pass)) (?:\w+ ){0,2}below the "
        r"(?:left )?(?:hemi)?diaphragm",
        # (also mixed: "carina 상방 2 cm, 약간 deep", "다소 high")
        _OTHER_SUBJECT_KO
        + r"(?:다소|약간|조금|살짝|좀|너무)\s*(?:높|낮|깊|얕|(?:deep|high|low|shallow|proximal|distal)(?![a-z]))",
        # "CVC tip이 Rt. brachiocephalic vein 쪽으로 향함", "PICC tip이 IJ 쪽으로 올라감": turned into another vein
        r"(?:ij|ijv|internal jugular|jugular|brachiocephalic|innominate|contralateral|내경\s*정맥|무명\s*정맥|반대편)"
        r"\s*(?:vein|정맥)?\s*(?:쪽|방향)?\s*(?:으로|로)\s*(?:향|주행|올라|들어|진행|꺾|돌아)",
        # a lead or tube that has moved from where it was put ("RV lead has migrated", "리드가 아래로 이동됨")
        r"(?:dislodg|migrat)\w*",
        r"(?:displaced|retracted) (?:leads?|tips?|catheters?|tubes?|lines?)",
        r"(?:leads?|tips?|catheters?|tubes?|lines?) (?:\w+ ){0,3}(?:displaced|retracted)\b",
        r"(?:리드|도선|관|튜브|카테터|tip|팁|끝)(?:이|가|은|는)?\s*(?:[가-힣]+\s+){0,3}"
        r"(?:이동|이탈|빠져|빠짐)(?!\s*(?:은|는|이|가)?\s*없)",
        # "tip이 Rt. atrium 깊이 위치", "tip은 RA 내" (a lead's tip belongs in the heart)
        r"(?<!lead )(?<!leads )(?<!리드 )(?<!도선 )(?<!리드)(?<!도선)(?:끝|tip)(?:은|는|이|가)?\s*"
        r"(?:우심방|기정맥|(?:rt\.?\s*|right\s*)?atrium|ra(?![a-z]))\s*(?:내|에|까지|안|으로|로|깊)",
        r"측공(?:은|는|이|가)?\s*(?:위식도\s*접합부|식도)",
    ),
}

_SIDE_WORDS = {
    "right": (r"(?:right|rt\.?|r)", r"(?:우측|오른쪽|우폐|우)"),
    "left": (r"(?:left|lt\.?|l)", r"(?:좌측|왼쪽|좌폐|좌)"),
}
_MORE_KO = r"(?:이|가|에서|에|은|는)?\s*(?:더|좀\s*더|조금\s*더)?\s*(?:많|심|크|큼|큰|두드러|뚜렷|현저|우세)"


def _greater(side: str, other: str) -> tuple[str, ...]:
    (en, ko), (en_other, ko_other) = _SIDE_WORDS[side], _SIDE_WORDS[other]
    return (
        rf"\b{en}\s*(?:>|greater than|more than|larger than|bigger than|worse than|exceeding)\s*"
        rf"(?:the\s*)?{en_other}\b",
        rf"\b{en_other}\s*(?:<|less than|smaller than)\s*(?:the\s*)?{en}\b",
        rf"\b{side}(?:[- ]sided)?[- ](?:predominan(?:t|ce)|dominant|greater)",
        rf"predominantly (?:on the |in the )?{side}",
        rf"(?:more|larger|greater|worse|bigger|more (?:prominent|extensive|pronounced|marked|conspicuous)) "
        rf"(?:on|in) the {side}",
        rf"{ko}\s*(?:>|＞)\s*{ko_other}",
        rf"{ko_other}\s*(?:<|＜)\s*{ko}",
        rf"{ko_other}(?:보다|에\s*비해|에\s*비하여|에\s*비해서)\s*{ko}{_MORE_KO}",
        # "좌측이 우측보다 많음": the larger side named first
        rf"{ko}(?:이|가|은|는|에서|에)?\s*{ko_other}(?:보다|에\s*비해|에\s*비하여|에\s*비해서)\s*{_MORE_KO}",
        rf"{ko}(?:이|가|에서|에|은|는)?\s*(?:더|좀\s*더|조금\s*더)\s*(?:많|심|크|큼|큰|두드러|뚜렷|현저)",
        rf"{ko}\s*(?:우세|우위)",
    )


SIDE_COMPARISON: dict[str, tuple[str, ...]] = {
    "right": _greater("right", "left"),
    "left": _greater("left", "right"),
    "equal": (
        r"\bsymmetric(?:al|ally)?\b",
        r"(?:equal(?:ly)?|similar|comparable) (?:in (?:size|extent|amount|degree|severity) )?"
        r"(?:on both sides|bilaterally)",
        r"양측\s*(?:이|에서)?\s*(?:비슷|대칭|동일|유사)",
        r"좌우\s*(?:가|이)?\s*(?:비슷|대칭|동일)",
        r"대칭(?:적|성)",
    ),
}
"""Which side the report says is more ("right greater than left", "R>L", "우측이 더 많음"; docs/findings.md)."""

SIZE_UNITS = {"mm": 1.0, "cm": 10.0}
"""Unit of a size -> millimetres; Korean and long forms are read as these (docs/findings.md)."""

# A size: numbers joined by "x" or "by", each with an optional unit, the last one required. A distance from
# something is no size ("4 cm above the carina"), except a pneumothorax's depth ("3 cm from the apex").
SIZE = (
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*(mm|cm|millimet(?:er|re)s?|centimet(?:er|re)s?|밀리(?:미터)?|센(?:티|치)(?:미터)?)?"
    r"((?:\s*(?:x|×|\*|by)\s*\d+(?:\.\d+)?\s*(?:mm|cm|millimet(?:er|re)s?|centimet(?:er|re)s?|밀리(?:미터)?|센(?:티|치)(?:미터)?)?)*)"
    r"(?<=[a-z가-힣])(?![a-z])"
    r"(?!\s*(?:above|below|from(?! (?:the )?(?:thoracic |chest |lung )?(?:apex|apices|(?:lateral )?chest wall))"
    r"|proximal|distal|beyond|superior|inferior|deep|into|위|아래|상방|하방|위쪽|아래쪽|떨어|앞|뒤|깊))"
)

# Advice: a sentence that recommends a test, a follow-up or a procedure rather than stating a finding.
ADVICE: tuple[str, ...] = (
    r"recommend\w*",
    r"advis(?:e|ed|able)\b",
    r"(?:is|are) suggested",
    r"suggest (?:follow|ct|repeat|correlation|further|clinical|dedicated|a |an )",
    r"(?:should|could|may|might|would|can) be (?:considered|obtained|performed|helpful|useful|withdrawn|retracted|"
    r"advanced|repositioned|pulled back|adjusted|placed|inserted)",
    r"consider(?:ation of)? (?:ct|chest ct|follow|repeat|further|dedicated|placement|inserting|insertion|"
    r"repositioning|advancing|withdraw\w*|retract\w*|obtaining|pa and lateral|a |an )",
    r"(?:clinical(?:ly)? )?correlat(?:e|ion)(?: is)?(?: clinically| with| recommended| advised)?",
    r"further (?:evaluation|assessment|imaging|workup|characterization) (?:is |may be |could be |would be )?"
    r"(?:recommended|advised|suggested|warranted|helpful|needed|considered|required)",
    r"follow[- ]?up (?:\w+ ){0,5}(?:is |are )?(?:recommended|suggested|advised|warranted|should|could|may|would|"
    r"in \d|after)",
    r"(?:is|are) (?:warranted|needed|required)",
    r"(?:would|may|might|could) be (?:of (?:value|benefit|use)|beneficial|informative)",
    r"follow[- ]?up (?:\w+ ){0,4}to (?:document|ensure|confirm|assess|exclude|evaluate|reassess)",
    r"f/u (?:ct|cxr|chest|x-?ray|radiograph|imaging|film|in \d)",
    r"please",
    r"요망",
    r"요함",
    r"권고",
    r"권장",
    r"권유",
    r"권(?:함|합니다|하며|해\s*드립니다)",
    r"바람직",
    r"추천",
    r"바랍니다",
    r"바람",
    r"하시기\s*(?:바|권)",
    r"필요",
    r"(?:검사|촬영|ct|mri|추적|재검|재촬영|교정|조정|삽입|평가|확인|시행|천자|배액|배농|생검|내시경|초음파|흉관|제거|치료)"
    r"\w*\s*(?:를|을)?\s*고려",
    # "→ thoracentesis 고려", "CT f/u 고려": an English test or procedure put forward in Korean
    # "CT 및 BAL 고려": a list of them
    r"(?:thoracentesis|drainage|biops\w*|bronchoscop\w*|ct|mri|pet(?:-ct)?|f/u|follow[- ]?up|ultrasound|sono\w*"
    r"|echo\w*|chest tube|pigtail|decubitus|intubation|bal)(?:\s*(?:및|와|과|,|/|or|and)\s*[a-z가-힣/-]+){0,3}"
    r"\s*(?:를|을)?\s*고려",
    # a step the care team is already arranging: "Chest tube placement is being arranged.", "흉관 삽입 예정"
    r"(?:is|are) being (?:arranged|planned|scheduled|organi[sz]ed|set up)|(?:is|are|has been|have been) "
    r"(?:planned|scheduled|arranged)\b|will be (?:placed|performed|obtained|inserted|arranged|scheduled|repeated)",
    r"(?:삽입|배액|시술|검사|촬영|수술|천자|교체|제거|시행|격리)\s*(?:이|을|를)?\s*(?:예정|준비\s*중)",
    r"추적\s*(?:검사|관찰|촬영)(?:\s*(?:을|를|이|가))?\s*(?:요|권|필요|바|하시)",
    # "Lateral view or repeat PA after treatment suggested.": the sentence ends on the advice word
    r"(?:suggested|recommended|advised)\.",
    # "...; advance by 10 cm.": a device correction as an order
    r"(?:advance|withdraw|retract|reposition|pull back) (?:by|~?\d+(?:\.\d+)?)",
    # "Consider bronchoscopy.", "consider thoracentesis": a test or a procedure put forward
    r"consider(?:ation of)? (?:\w+ ){0,2}(?:bronchoscop\w*|biops\w*|thoracentesis|drainage|decubitus|ultrasound|"
    r"echocardiogra\w*|mri|pet|evaluation|assessment|imaging|workup|treatment|antibiotics?|diuresis|intubation)",
    # "2 cm 정도 빼는 것이 좋겠음", "CT를 찍어 보는 것이 좋겠습니다": Korean soft advice
    r"(?:는|은)\s*(?:것이|게)\s*(?:좋겠|좋을|바람직)",
)

NOT_ADVICE: tuple[str, ...] = (
    r"\bno (?:further|additional|follow[- ]?up|need|indication)\b",
    r"\bnot (?:needed|required|necessary|warranted|indicated)\b",
    r"불필요",
    r"필요\s*(?:없|하지\s*않|치\s*않)",
)
"""A sentence that says nothing more is needed ("No further imaging needed.", "추적 검사 불필요"): no advice."""

# Device -> places its tip must never be, whatever else the clause says (an enteric tube in the airway):
# a malposition for that device only ("ETT tip in the mid trachea" is where an endotracheal tube belongs).
WRONG_SITES: dict[str, str] = {
    "Nasogastric Tube": r"(?:in|into|within|over|overlying|enters?|entering|down) (?:the )?(?:\w+ ){0,3}"
    r"(?:trachea|airway|bronch\w*|lung)|(?:기관|기도|기관지|폐)\s*(?:내|안|으로|로)(?!\s*(?:관|튜브|삽관))",
    # a central line's tip belongs in a central vein: in an arm vein it is short of it
    "Central Line": r"(?:in|at|within|into|terminat\w* in) (?:the )?(?:\w+ ){0,2}"
    r"(?:axillary|cephalic|basilic|brachial) vein|(?:액와|요측피|척측피|상완)\s*정맥",
    # a chest tube drains the pleural space: in a fissure, the lung, the chest wall or the abdomen it does not
    "Chest Tube": r"(?:in|into|within) (?:the )?(?:\w+ ){0,2}(?:fissure|parenchyma|chest wall|soft tissues?|abdomen)"
    r"|intra-?(?:fissural|parenchymal)|side (?:hole|port) (?:\w+ ){0,3}(?:outside|beyond|external to)"
    r"|(?:측공|side\s*hole)\w*\s*(?:이|가)?\s*(?:흉강|흉막강|흉벽|pleural space)?\s*(?:밖|외부)"
    r"|(?:fissure|엽간|열구|폐\s*실질|흉벽|연부\s*조직)\s*(?:내|안|속)",
}
# Words that make advice about a device a proposal to place it, not a statement that it is there.
PLACEMENT: tuple[str, ...] = (
    r"(?<!optimal )(?<!better )(?<!proper )(?<!ideal )(?<!appropriate )placement",  # not "for optimal placement"
    r"plac(?:e|ing)",
    r"insert(?:ion|ing)?",
    r"(?<!재)(?<!더)(?<!더 )삽입",  # "재삽입 필요", "5 cm 더 삽입 권고": the tube is there, out of place
    r"거치",
    r"유치",
)

# A link between a finding and the diagnosis it suggests ("opacity, concerning for pneumonia",
# "경화로 폐렴 의심"): the diagnosis shares the finding's side and location.
INTERPRETATION: tuple[str, ...] = (
    r"likely",
    r"possibl[ey]",
    r"probabl[ey]",
    r"concerning",
    r"suspicious",
    r"suspect\w*",
    r"consistent with",
    r"compatible with",
    r"represent\w*",
    r"suggest\w*",
    r"may",
    r"could",
    r"due to",
    r"secondary to",
    r"related to",
    r"reflect\w*",
    r"versus",
    r"vs\.?",
    r"or",
    # "우하엽 경화로 폐렴 의심": a noun's particle, not an adverb's end ("새로", "주로") nor "대비" (compared)
    r"(?<![새주따서바체제])(?:으로|로)(?![가-힣])",
    r"에\s*의한",
    # "음영 증가가 있어 폐부종 소견", "경화가 보여 폐렴 의심": the finding seen, then what it shows
    r"(?<![가-힣])(?:있어|보여)(?:서)?(?![가-힣])",
    r"(?<![가-힣])대(?![가-힣])",
    r"또는",
    r"혹은",
)
