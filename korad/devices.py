"""Where a report places each tube, line and device, what is wrong with it and the correction it advises, in Korean.

The labeler gives each device mention a ``position`` ("appropriate" / "malpositioned",
``korad.details``). This module reads the words of the device's own part of the sentence (from its
mention to the next device's) for what a clinician wants said: where the tip is ("기관분기부 위
2 cm", "식도", "상대정맥 중간"), what is wrong ("너무 깊게 들어가 있음", "꼬여 있음") and the
report's own correction with its amount ("2 cm 빼도록"). The mentions of one device (the findings
and the impression name it twice) make one ``Placement``; a malposition said once holds for it.
Conventions and examples: docs/findings.md ("Device positions").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from korad.details import POSITION_KO, Detail, line_kinds_of, other_lines, removed
from korad.glossary import korean_name
from korad.lexicon import DEVICE_TYPES, DEVICES, EXTRA_MENTIONS
from korad.numbers import number_of, number_words

_NUMBER = r"(\d+(?:\.\d+)?)"
_AMOUNT = (
    rf"(?:by\s+)?(?:approximately\s+|about\s+|roughly\s+|at\s+least\s+|(?:an\s+)?(?:additional|another|a\s+further)\s+|~\s*)?{_NUMBER}(?:\s*(?:-|to|~)\s*{_NUMBER})?\s*(?:cm|센[티치])"
)
_NOT_DONE_KO = r"(?!\s*(?:됨|되었|되어|하였|했|된|함\.|후))"

_NOT_A_LEAD = r"(?!\s*(?:pacing\s+|pacer\s+|icd\s+)?(?:leads?|리드|도선))"
"""A chamber that names a lead ("RA lead ... coiled in the SVC"), not where it is."""

SITES: tuple[tuple[str, str], ...] = (
    (rf"{_NUMBER}\s*cm\s+(?:above|from)\s+(?:the\s+)?carina", "기관분기부 위 {0} cm"),
    (
        rf"(?:carina|기관\s*분기부|분기부)(?:의|에서)?\s*(?:바로\s*)?(?:상방|위쪽|위|상부)\s*(?:약\s*)?{_NUMBER}\s*(?:cm|센[티치])",
        "기관분기부 위 {0} cm",
    ),
    (r"(?:at|near|just above|below|abut\w*|close to)\s+(?:the\s+)?(?:level of the\s+)?carina", "기관분기부 바로 근처"),
    (r"right\s+main\s*stem|right\s+main\s+bronch|우측\s*주\s*기관지", "우측 주기관지"),
    (r"left\s+main\s*stem|left\s+main\s+bronch|좌측\s*주\s*기관지", "좌측 주기관지"),
    (r"bronchus intermedius", "중간기관지"),
    (r"bronch\w*|기관지", "기관지"),
    (r"esophag\w*|식도", "식도"),
    (r"(?:hypo|oro)?pharynx|인두", "인두"),
    (r"(?<![a-z])(?:trachea|airway)(?![a-z])|(?<![가-힣])기도(?![가-힣])", "기관(숨길)"),
    (r"(?:below|beneath)\s+the\s+(?:left\s+)?(?:hemi)?diaphragm|횡격막\s*(?:아래|하방)", "횡격막 아래"),
    (
        r"stomach|gastric\s+(?:body|fundus|lumen|antrum)|(?<![가-힣])위\s*(?:\([^()]{0,20}\)\s*)?(?:내|안)|위장"
        r"|(?<![가-힣])위\s*(?:저부|체부|전정부|기저부|몸통)",
        "위 안",
    ),
    (r"left\s+upper\s+quadrant|(?<![a-z])luq(?![a-z])|좌상복부", "좌상복부(위가 있는 곳)"),
    (r"duoden\w*|십이지장", "십이지장"),
    (r"jejun\w*|공장", "소장(공장)"),
    (
        r"cavo-?atrial\s+junction|상대정맥\s*-?\s*우심방\s*접합부"
        r"|junction\s+of\s+the\s+(?:svc|superior vena cava)\s+(?:and|with)\s+(?:the\s+)?right\s+atri\w*"
        r"|(?:svc|superior vena cava)\s*[-/]\s*(?:ra|right atri\w*)\s+junction"
        r"|(?:(?<![a-z])ra|right atri\w*|우심방)\s*(?:입구|inlet|entrance)",
        "상대정맥과 우심방의 접합부",
    ),
    (r"(?:mid|middle)\s+(?:svc|superior vena cava)|상대정맥\s*중간", "상대정맥 중간"),
    (r"(?:low|lower|distal)\s+(?:svc|superior vena cava)|상대정맥\s*(?:하부|아래)", "상대정맥 아래쪽"),
    (r"(?:upper|proximal)\s+(?:svc|superior vena cava)|상대정맥\s*(?:상부|위쪽)", "상대정맥 위쪽"),
    (r"(?<![a-z])svc(?![a-z])|superior vena cava|상대정맥|상공정맥", "상대정맥"),
    (r"brachiocephalic|완두\s*정맥", "완두정맥"),
    (
        r"(?:in|into|to|within)\s+(?:the\s+)?(?:right\s+|left\s+)?internal jugular|내경\s*정맥\s*(?:내|으로|로|쪽)",
        "내경정맥",
    ),
    (
        r"(?:right|rt\.?)\s*atri\w*\s+and\s+(?:the\s+)?(?:right|rt\.?)\s*ventric\w*|우심방\s*(?:과|및|와)\s*우심실",
        "우심방과 우심실",
    ),
    (
        r"(?:right\s+atri\w*|(?<![a-z])ra),?\s+(?:right\s+ventric\w*|rv),?\s+and\s+(?:the\s+)?(?:coronary\s+sinus|cs)"
        r"|우심방,?\s*우심실(?:과|및|와)\s*관상\s*정맥동",
        "우심방, 우심실과 관상정맥동",
    ),
    (
        r"right\s+atrial\s+and\s+(?:the\s+)?right\s+ventricular|(?<![a-z])ra\s*(?:and|/|,)\s*rv(?![a-z])",
        "우심방과 우심실",
    ),
    (
        r"(?:(?:right|rt\.?)\s*atri\w*|우심방|(?<![a-z])ra(?![a-z])(?!\s*(?:oxygen|saturation)))" + _NOT_A_LEAD,
        "우심방",
    ),
    (r"(?:(?:right|rt\.?)\s*ventric\w*|우심실|(?<![a-z])rv(?![a-z]))" + _NOT_A_LEAD, "우심실"),
    (r"(?:right|left)?\s*(?:lung\s+)?ap(?:ex|ical)|(?:폐)?\s*첨부", "흉강 위쪽(폐첨부)"),
    (
        r"(?:lower|inferior)\s+hemithorax|(?:lung\s+)?bas(?:e|al|ilar)(?![a-z])|기저부|하부\s*흉강",
        "흉강 아래쪽(기저부)",
    ),
    (
        r"(?:in|into|within|to)\s+(?:the\s+)?(?:right\s+|left\s+|contralateral\s+)?subclavian\s+vein"
        r"|쇄골\s*하\s*정맥\s*(?:쪽|으로|로|내)",
        "쇄골하정맥",
    ),
    (r"(?<![a-z])ivc(?![a-z])|inferior vena cava|하대정맥", "하대정맥"),
    (r"azygos|기정맥", "기정맥(azygos)"),
    # the side of a pulmonary artery said with the tip ("proximal right PA", "Rt. pulmonary artery 근위부")
    (
        r"proximal\s+(?:right|rt\.?)\s+pulmonary arter\w*|(?:right|rt\.?)\s+pulmonary arter\w*\s*(?:의\s*)?근위"
        r"|(?:right|rt\.?)\s+proximal\s+pulmonary arter\w*|근위\s*우측?\s*폐동맥|우측?\s*폐동맥\s*(?:의\s*)?근위",
        "우폐동맥 근위부",
    ),
    (
        r"proximal\s+(?:left|lt\.?)\s+pulmonary arter\w*|(?:left|lt\.?)\s+pulmonary arter\w*\s*(?:의\s*)?근위"
        r"|(?:left|lt\.?)\s+proximal\s+pulmonary arter\w*|근위\s*좌측?\s*폐동맥|좌측?\s*폐동맥\s*(?:의\s*)?근위",
        "좌폐동맥 근위부",
    ),
    (r"(?:proximal|main)\s+(?:right\s+)?pulmonary arter\w*|근위\s*(?:우측\s*)?폐동맥", "근위부 폐동맥"),
    (
        r"(?:distal|peripheral|interlobar|descending|lower lobe|segmental)\s+(?:right\s+|left\s+)?pulmonary arter\w*"
        r"|(?:말초|원위)\s*(?:우측\s*|좌측\s*)?폐동맥",
        "말초(원위부) 폐동맥",
    ),
    (r"(?:right|rt\.?)\s+pulmonary arter\w*|우측\s*폐동맥|(?<![가-힣])우폐동맥", "우측 폐동맥"),
    (r"(?:left|lt\.?)\s+pulmonary arter\w*|좌측\s*폐동맥|(?<![가-힣])좌폐동맥", "좌측 폐동맥"),
    (r"pulmonary arter\w*|폐동맥", "폐동맥"),
    (
        r"(?:medial\s+)?clavic(?:ular|le)\s+heads?|heads?\s+of\s+the\s+clavicles?|쇄골\s*(?:두|머리)",
        "쇄골두(clavicular heads) 높이",
    ),
    (
        rf"{_NUMBER}\s*cm\s+(?:below|beneath|inferior\s+to|under)\s+(?:the\s+)?(?:top\s+of\s+the\s+)?"
        r"(?:aortic\s+(?:knob|knuckle|arch)|aorta\s+arch)",
        "대동맥궁(aortic knob) 아래 {0} cm",
    ),
    (
        rf"(?:aortic\s*(?:knob|arch)|대동맥\s*궁|대동맥\s*노브)(?:의|에서)?\s*(?:하방|아래쪽|아래)\s*(?:약\s*)?{_NUMBER}\s*(?:cm|센[티치])",
        "대동맥궁(aortic knob) 아래 {0} cm",
    ),
    (
        r"above\s+(?:the\s+)?(?:level\s+of\s+the\s+)?(?:top\s+of\s+the\s+)?aortic\s+(?:knob|knuckle|arch)"
        r"|(?:in|into|within)\s+(?:the\s+)?aortic\s+arch|(?:aortic\s*knob|대동맥\s*궁)(?:의|보다)?\s*(?:상방|위쪽|위)",
        "대동맥궁(aortic knob)보다 위",
    ),
    (r"aortic\s+(?:knob|knuckle|arch)|대동맥\s*(?:궁|노브)", "대동맥궁(aortic knob) 높이"),
    (r"descending\s+(?:thoracic\s+)?aorta|하행\s*(?:흉부\s*)?대동맥", "하행 대동맥"),
    (r"aortic\s+root|ascending\s+aorta|대동맥\s*(?:근부|기시부)|상행\s*대동맥", "대동맥 기시부(상행 대동맥)"),
    (r"(?:left|lt\.?)\s*ventric\w*|좌심실", "좌심실"),
    (r"coronary\s+sinus|관상\s*정맥동", "관상정맥동"),
    (r"(?<![a-z\d])t([1-9]|1[0-2])(?![a-z\d])(?:\s*(?:vertebral\s+)?(?:level|body))?", "흉추 T{0} 높이"),
    (r"흉추\s*([1-9]|1[0-2])\s*번?", "흉추 T{0} 높이"),
)
"""Where a tip is: words of the report -> Korean ("{0}" takes the number the pattern reads)."""

PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"coil(?:ed|ing)|loop(?:ed|ing)|curl(?:ed|ing)|kink(?:ed|ing)|folded|꼬여|꼬임|말려", "관이 꼬여 있음"),
    (
        r"side[- ]?(?:ports?|holes?)[^.;]*?(?:ge|gastroesophageal|gastro-esophageal|esophagogastric|eg)\s+junction"
        r"|측공",
        "측공(side port)이 위식도 접합부 근처에 있어 충분히 들어가지 않음",
    ),
    (
        r"(?:tip|terminates|ends)[^.;]*?(?:at|near|above|proximal to)\s+(?:the\s+)?(?:level of the\s+)?"
        r"(?:ge|gastroesophageal|gastro-esophageal|esophagogastric|eg)\s+junction"
        r"|not\s+(?:\w+\s+){0,2}below\s+the\s+(?:left\s+)?(?:hemi)?diaphragm",
        "끝이 위 안까지 충분히 들어가지 않음",
    ),
    (
        r"(?:directed|coursing|courses|extends?|extending|turns?|turning|points?|pointing|flipped|ascends?|ascending)"
        r"\s+(?:\w+\s+)?(?:cephalad|cranially|superiorly|upward)",
        "위쪽(머리 쪽)으로 잘못 향해 있음",
    ),
    (r"(?:too|excessively|slightly|somewhat|mildly|rather|a bit|quite)\s+distal", "너무 깊이(말초로) 들어가 있음"),
    (r"(?:too|excessively|slightly|somewhat|mildly|rather|a bit|quite)\s+proximal", "충분히 들어가지 않음"),
    (r"(?:slightly|somewhat|mildly|a bit)\s+(?:high|shallow)|(?:다소|약간|조금|살짝)\s*(?:높|얕)", "약간 얕게 있음"),
    (r"(?:too|excessively|rather|quite)\s+(?:high|shallow)|high[- ]riding|너무\s*(?:높|얕)", "너무 얕게(높게) 있음"),
    (r"(?<![가-힣])(?:높|얕)(?:음|게|아|습|다)", "얕게(높게) 있음"),
    (r"(?:slightly|somewhat|mildly|a bit)\s+(?:low|deep)|(?:다소|약간|조금|살짝)\s*(?:깊|낮)", "약간 깊게 들어가 있음"),
    (r"(?:too|excessively|rather|quite)\s+(?:low|deep)|low[- ]lying|너무\s*(?:깊|낮)", "너무 깊게 들어가 있음"),
    (r"\bdeep(?:ly)?\s+in|(?<![가-힣])(?:깊|낮)(?:음|게|어|습|다)", "깊게 들어가 있음"),
    (
        r"dislodg\w*|migrat\w*|displaced|retracted|(?<![가-힣])(?:이동|이탈)(?:되|됨|된|하|함|한|\s*의심)",
        "원래 자리에서 밀려나 이동함",
    ),
    (r"mal-?position\w*|부적절|위치\s*(?:이상|불량)|잘못(?:된)?\s*위치", "위치가 적절하지 않음"),
)
"""What is wrong with a device, in the report's words -> Korean (the first that matches)."""

WRONG_PLACE_KO: dict[tuple[str, str], str] = {
    ("Nasogastric Tube", "식도"): "위까지 들어가지 않고 식도에 있음",
    ("Nasogastric Tube", "인두"): "위까지 들어가지 않고 인두에 있음",
    ("Nasogastric Tube", "기관(숨길)"): "식도가 아니라 기도(숨길)로 잘못 들어감",
    ("Nasogastric Tube", "기관지"): "식도가 아니라 기도(기관지)로 잘못 들어감",
    ("Nasogastric Tube", "우측 주기관지"): "식도가 아니라 기도(우측 주기관지)로 잘못 들어감",
    ("Nasogastric Tube", "좌측 주기관지"): "식도가 아니라 기도(좌측 주기관지)로 잘못 들어감",
    ("Endotracheal Tube", "우측 주기관지"): "우측 주기관지까지 너무 깊게 들어감(한쪽 폐만 환기될 수 있음)",
    ("Endotracheal Tube", "좌측 주기관지"): "좌측 주기관지까지 너무 깊게 들어감(한쪽 폐만 환기될 수 있음)",
    ("Endotracheal Tube", "기관지"): "기관지까지 너무 깊게 들어감",
    ("Endotracheal Tube", "기관분기부 바로 근처"): "기관분기부에 너무 가까움(깊음)",
    ("Endotracheal Tube", "식도"): "기관이 아니라 식도에 들어가 있음",
    ("Central Line", "우심방"): "우심방까지 너무 깊게 들어가 있음",
    ("Central Line", "하대정맥"): "하대정맥으로 잘못 들어감",
    ("Central Line", "기정맥(azygos)"): "기정맥(azygos)으로 잘못 들어감",
    ("Central Line", "내경정맥"): "내경정맥 쪽으로 잘못 들어감",
    ("Central Line", "우심실"): "우심실까지 너무 깊게 들어가 있음",
    ("Central Line", "쇄골하정맥"): "쇄골하정맥 쪽으로 잘못 들어감",
    ("Cardiac Assist Device", "대동맥궁(aortic knob)보다 위"): "대동맥궁보다 높이 올라가 있음(너무 높음)",
}
"""(device, site) -> what is wrong, for a malpositioned device whose site says it all."""

STANDARD_SITES: dict[str, frozenset[str]] = {
    "Central Line": frozenset({"상대정맥 중간", "상대정맥 아래쪽", "상대정맥", "상대정맥과 우심방의 접합부"}),
    "Endotracheal Tube": frozenset({"쇄골두(clavicular heads) 높이", "기관(숨길)"}),
    "Tracheostomy Tube": frozenset({"기관(숨길)"}),
    "Nasogastric Tube": frozenset({"위 안", "횡격막 아래", "좌상복부(위가 있는 곳)"}),
    "Pulmonary Artery Catheter": frozenset(
        {"근위부 폐동맥", "우폐동맥 근위부", "좌폐동맥 근위부", "우측 폐동맥", "좌측 폐동맥", "폐동맥"}
    ),
    "Pacemaker": frozenset({"우심방", "우심실", "우심방과 우심실", "관상정맥동", "우심방, 우심실과 관상정맥동"}),
    "Cardiac Assist Device": frozenset({"하행 대동맥"}),
}
"""Device -> where its tip (or leads) belongs: a report that places it there says it is in place, even
without "in standard position" ("leads in the right atrium and right ventricle", "tip in the mid SVC")."""
_FEEDING = re.compile(
    r"dobhoff|feeding|nasoenteric|naso-?jejunal|naso-?duodenal|post-?pyloric|(?<![a-z])(?:dht|nj|nd)(?![a-z])|영양관",
    re.IGNORECASE,
)
"""A feeding tube, whose tip is meant to go past the stomach (duodenum, jejunum)."""
ASSIST_SITES: tuple[tuple[str, frozenset[str]], ...] = (
    (r"impella|임펠라", frozenset({"좌심실"})),  # across the aortic valve, its inlet in the left ventricle
    (r"iabp|balloon|풍선", frozenset({"하행 대동맥", "기관분기부 바로 근처"})),  # its tip at the carina's level
    (
        r"ecmo|에크모|cannula|캐뉼라",
        frozenset({"우심방", "하대정맥", "상대정맥", "상대정맥 중간", "상대정맥 아래쪽", "상대정맥과 우심방의 접합부"}),
    ),
)
"""An assist device's kind (its words) -> where its tip belongs (an IABP: ``STANDARD_SITES``)."""
_ASSIST_SITES = [(re.compile(p, re.IGNORECASE), sites) for p, sites in ASSIST_SITES]
_FEMORAL = re.compile(r"femoral|대퇴", re.IGNORECASE)
_PAST_STOMACH = frozenset({"십이지장", "소장(공장)"})
_APPROPRIATE_SAID = re.compile(
    r"in (?:(?:an?|the) )?(?:standard|satisfactory|appropriate|good|adequate|expected|acceptable|proper|correct|"
    r"optimal|usual|unchanged|stable) (?:position|location)"
    r"|(?:standard|satisfactory|appropriate|good|adequate|expected|acceptable|proper|correct|optimal) "
    r"(?:position|location|placement)"
    r"|(?:appropriately|satisfactorily|well|adequately|correctly|properly|optimally) "
    r"(?:positioned|placed|sited|situated|located)|unchanged in position"
    r"|적절(?:한|히|하게)?\s*(?:위치|자리)|위치(?:는|가|도)?\s*(?:적절|양호|정상|적당|좋)|(?:정상|양호한|올바른)\s*위치|제\s*(?:위치|자리)",
    re.IGNORECASE,
)
"""The report's own words that a device is in place (read here for devices the labeler gives no position)."""
_UNSEEN = re.compile(
    r"out of (?:the )?(?:field of )?view|beyond the (?:field of view|(?:inferior )?(?:margin|edge) of the "
    r"(?:film|image|radiograph|study))|(?:tip )?(?:is )?not (?:included|imaged|visualized|seen)"
    r"|(?:below|off) the (?:inferior )?(?:margin|edge|bottom) of the (?:film|image|radiograph|study)"
    r"|(?:촬영|영상|사진)\s*(?:범위\s*)?(?:밖|외)|보이지\s*않"
    r"|\btip\b.*\b(?:not (?:\w+ )?(?:visuali[sz]ed|seen|identified)|obscured)",
    re.IGNORECASE,
)
"""The tip is past the edge of the image ("below the diaphragm, tip out of view")."""
_ROUTE = re.compile(
    r"(?:via|through|from)\s+(?:an?\s+|the\s+)?(?:(right|left|rt\.?|lt\.?)\s+)?"
    r"(subclavian|internal jugular|ij|femoral|basilic|cephalic|brachial|axillary|external jugular)"
    r"(?:\s+(?:vein|venous))?(?:\s+(?:approach|access|route))?"
    r"|(?:(right|left|rt\.?|lt\.?)\s+)?(subclavian|internal jugular|ij|femoral|basilic|cephalic|brachial|axillary)"
    r"(?:\s+(?:vein|venous))?\s+(?:approach|access|route)",
    re.IGNORECASE,
)
"""The vein a line goes in by ("via left subclavian approach")."""
_VEINS_KO = {
    "subclavian": "쇄골하정맥",
    "internal jugular": "내경정맥",
    "ij": "내경정맥",
    "external jugular": "외경정맥",
    "femoral": "대퇴정맥",
    "basilic": "척측피정맥",
    "cephalic": "요측피정맥",
    "brachial": "상완정맥",
    "axillary": "액와정맥",
}

CORRECTIONS: tuple[tuple[str, str], ...] = (
    (
        r"(?:remov(?:e|al)|pull(?:ed|ing)?)\s+and\s+(?:re-?)?(?:plac\w*|insert\w*|position\w*|replace\w*)"
        r"|제거\s*후\s*(?:재\s*삽입|재위치|다시)",
        "제거한 뒤 다시 넣도록",
    ),
    (
        rf"(?:withdraw(?:al|ing)?|retract(?:ion|ing)?|pull(?:ing)?\s+back|be\s+(?:withdrawn|retracted|pulled\s+back))"
        rf"(?![a-z])\s*(?:it\s+)?{_AMOUNT}",
        "{0} cm 빼도록",
    ),
    # "2-3cm pull back 요망", "2 cm withdrawal": the amount before the English word
    (rf"{_AMOUNT}\s*(?:withdrawal|retraction|pull(?:ing)?[- ]?back|withdraw\b|retract\b)", "{0} cm 빼도록"),
    (
        rf"(?:advanc(?:e|ing|ement)|be\s+advanced|insert\w*\s+further|push(?:ed|ing)?\s+further)(?![a-z])\s*(?:it\s+)?{_AMOUNT}",
        "{0} cm 더 넣도록",
    ),
    (rf"{_AMOUNT}\s*(?:advancement|advance\b)", "{0} cm 더 넣도록"),
    (rf"{_AMOUNT}\s*(?:정도\s*)?(?:의\s*)?(?:후퇴|빼|당(?:겨|기|길|김)|뺄|잡아\s*당)" + _NOT_DONE_KO, "{0} cm 빼도록"),
    (rf"{_AMOUNT}\s*(?:정도\s*)?(?:의\s*)?(?:전진|더\s*넣|밀어\s*넣|더\s*삽입)" + _NOT_DONE_KO, "{0} cm 더 넣도록"),
    (
        r"(?:withdraw(?:al|ing)?|retract(?:ion|ing)?|pull(?:ing)?\s+back|be\s+(?:withdrawn|retracted|pulled\s+back))(?![a-z])"
        r"|(?:후퇴|빼|당겨|당길|당기)" + _NOT_DONE_KO,
        "빼도록",
    ),
    (r"(?:advanc(?:e|ing|ement)|be\s+advanced)(?![a-z])|(?:전진|더\s*넣)" + _NOT_DONE_KO, "더 넣도록"),
    (r"re-?insert(?:ion|ing)?(?![a-z])|(?:재\s*삽입|재\s*거치)" + _NOT_DONE_KO, "다시 넣도록"),
    (r"reposit\w*|re-?sit\w*|adjust\w*|재위치|재조정|위치\s*(?:조정|교정)", "위치를 다시 잡도록"),
)
"""The report's own correction -> Korean ("{0}" / "{1}": its amount in cm), the first that matches."""
_DONE = re.compile(r"(?:has|have)\s+been|\bwas\b|\bwere\b|\binterval\b|\bs/p\b|\bafter\b", re.IGNORECASE)

_NOW = re.compile(
    r"\bnow\b|after (?:re-?position|withdraw|retract|advanc|adjust|re-?insert|exchang|manipulat)\w*"
    r"|(?:has|have) been (?:re-?positioned|withdrawn|retracted|advanced|pulled back|adjusted|exchanged)"
    r"|(?:was|were) (?:re-?positioned|withdrawn|retracted|advanced|pulled back|adjusted|exchanged)"
    r"|repeat (?:radiograph|film|image|study)|(?:재위치|재삽입|조정|후퇴|전진|교체)\s*(?:후|한\s*뒤)|현재",
    re.IGNORECASE,
)
"""A later statement that the device was moved and where it is now: it holds over the earlier malposition."""
_SLIGHT = re.compile(r"slight(?:ly)?|somewhat|mild(?:ly)?|a bit|minimal(?:ly)?|다소|약간|조금|살짝", re.IGNORECASE)
_NAMES = {
    device: re.compile(r"(?<![a-z])(?:" + "|".join(EXTRA_MENTIONS[device]) + r")(?![a-z])", re.IGNORECASE)
    for device in DEVICE_TYPES
}
_CARINA_CM = re.compile(r"기관분기부 위 (\d+(?:\.\d+)?) cm")
_SITES = [(re.compile(p, re.IGNORECASE), ko) for p, ko in SITES]
_PROBLEMS = [(re.compile(p, re.IGNORECASE), ko) for p, ko in PROBLEMS]
_CORRECTIONS = [(re.compile(p, re.IGNORECASE), ko) for p, ko in CORRECTIONS]


WIRES_KO = {"appropriate": "온전함(끊어지거나 어긋난 곳 없음)", "malpositioned": "일부 끊어지거나 어긋남"}
"""Sternal wires are intact or broken, not placed: their 'position' said in Korean."""


@dataclass(frozen=True)
class Placement:
    """One device of a report: its position, where its tip is, what is wrong and the advised correction."""

    observation: str
    side: str | None
    position: str | None
    """"appropriate", "malpositioned" (if any of its mentions says so) or None (not assessed)."""
    site: str | None
    problem: str | None
    correction: str | None
    sentences: tuple[str, ...]
    unchanged: bool = False
    """The report says its position is unchanged since the prior study."""
    count: int | None = None
    """How many of them the report counts ("two right chest tubes", "흉관 2개"); None when it gives no number."""
    plural: bool = False
    """The report names them in the plural without a number ("right chest tubes")."""
    route: str | None = None
    """The vein it goes in by, in Korean ("좌측 쇄골하정맥"), when the report names the approach."""
    unseen: bool = False
    """The report says its tip is past the edge of the image ("tip out of view")."""
    kinds: frozenset[str] = frozenset()
    """The kinds of central line its mentions name ("picc", "internal jugular" ...: ``korad.details.line_kinds``)."""

    @property
    def urgent(self) -> bool:
        """Out of place more than slightly ("in the right mainstem", "coiled in the esophagus"; not "slightly
        high"): worth naming even when another device is asked about."""
        slight = any(_SLIGHT.search(s) for s in self.sentences) or (self.problem or "").startswith("약간")
        return self.position == "malpositioned" and not slight and self.observation != "Sternotomy Wires"

    def describe_ko(self) -> str:
        """The placement in Korean, without the quote ("위치 조정 필요 — 끝 위치: 기관분기부 위 2 cm, ...")."""
        facts = []
        if self.route:
            facts.append(f"삽입 경로: {self.route}")
        if self.site:
            facts.append(f"{'리드' if self.observation == 'Pacemaker' else '끝'} 위치: {self.site}")
        if self.unseen:
            facts.append("끝은 사진에서 보이지 않음")
        if self.position is None:
            if self.unchanged:
                facts.append("이전과 변화 없음")
            if not facts:
                return "위치에 대한 평가는 적혀 있지 않음"
            return ", ".join(facts) + " (적절한 위치인지에 대한 평가는 적혀 있지 않음)."
        if self.problem and self.position == "malpositioned":
            facts.append(self.problem)
        if self.unchanged:
            facts.append("이전과 위치 변화 없음")
        verdict = (WIRES_KO if self.observation == "Sternotomy Wires" else POSITION_KO)[self.position]
        text = verdict + (f" — {', '.join(facts)}" if facts else "") + "."
        if self.correction:
            text += f" 판독문은 {self.correction} 권고합니다."
        return text


KIND_OF_SITE: dict[str, tuple[str, ...]] = {
    "Nasogastric Tube": ("위 안", "횡격막 아래", "십이지장", "소장(공장)", "좌상복부(위가 있는 곳)"),
    "Central Line": ("상대정맥", "상대정맥 중간", "상대정맥 아래쪽", "상대정맥 위쪽", "상대정맥과 우심방의 접합부"),
    "Endotracheal Tube": ("기관분기부 위 ", "쇄골두(clavicular heads) 높이"),
}
"""Device type -> tip sites (or their beginnings) only that type reaches: an unnamed "XXXX tube tip in the
stomach" is an enteric tube."""


def kind_of_site(site: str | None) -> str | None:
    """The device type whose tip a site tells (``KIND_OF_SITE``), None if none or several."""
    kinds = [kind for kind, sites in KIND_OF_SITE.items() if site and any(site.startswith(s) for s in sites)]
    return kinds[0] if len(kinds) == 1 else None


def site_ko(text: str) -> str | None:
    """Where the tip is, in Korean (the first place the text names; None if it names none)."""
    found = [(m.start(), -(m.end() - m.start()), ko.format(*m.groups())) for p, ko in _SITES if (m := p.search(text))]
    return min(found)[2] if found else None


def problem_ko(observation: str, text: str, site: str | None = None) -> str | None:
    """What is wrong with the device, in Korean: the report's words, else what its site says (None: nothing)."""
    said = _problem_said(observation, text, site)
    return said if said is not None else _problem_of_site(observation, site)


def _problem_said(observation: str, text: str, site: str | None) -> str | None:
    for pattern, ko in _PROBLEMS:
        if pattern.search(text):
            return None if ko == "위치가 적절하지 않음" and (observation, site) in WRONG_PLACE_KO else ko
    return None


def _problem_of_site(observation: str, site: str | None) -> str | None:
    if observation == "Endotracheal Tube" and site and (distance := _CARINA_CM.match(site)):
        cm = float(distance.group(1))  # the standard site is 3-7 cm above the carina
        return "기관분기부에 가까워 깊게 들어가 있음" if cm < 3 else "얕게(높게) 있음" if cm > 7 else None
    return WRONG_PLACE_KO.get((observation, site or ""))


def route_ko(text: str) -> str | None:
    """The vein a line goes in by, in Korean ("via left subclavian approach" -> "좌측 쇄골하정맥"); None if unsaid."""
    match = _ROUTE.search(text)
    if not match:
        return None
    side, vein = (match.group(1), match.group(2)) if match.group(2) else (match.group(3), match.group(4))
    side_ko = {"r": "우측", "l": "좌측"}.get((side or " ")[0].lower(), "")
    return f"{side_ko} {_VEINS_KO[vein.lower()]}".strip()


_WIRES_INTACT = re.compile(
    r"(?:wires?|sutures?|cerclage) (?:is |are |appear |appears |remain |remains )?(?:grossly )?"
    r"(?:intact|well[- ]aligned|unremarkable)|(?:intact|well[- ]aligned) (?:(?:median )?sternotomy |sternal )"
    r"(?:wires?|sutures?)|(?:철사|와이어|봉합사)(?:는|은|가|이|들은|들이)?\s*(?:모두\s*)?(?:온전|이상\s*없|정상|잘\s*유지)",
    re.IGNORECASE,
)
_WIRES_BROKEN = re.compile(
    r"(?:wires?|sutures?|cerclage) (?:is |are |appear |appears |appears to be |remain |remains )?"
    r"(?:fractured|broken|disrupted|unravell?ed|separated)"
    r"|(?:fractured|broken|disrupted) (?:(?:median )?sternotomy |sternal )?(?:wires?|sutures?|cerclage)"
    r"|(?:철사|와이어|봉합사)(?:는|은|가|이|들은|들이|의)?\s*(?:일부\s*)?(?:골절|끊어|끊김|단절|파손|풀림|풀려)",
    re.IGNORECASE,
)
"""Sternal wires said whole ("wires are intact", "철사 온전") or broken ("a wire is fractured", "철사 끊어짐")."""


def inferred_position(observation: str, site: str | None, text: str) -> str | None:
    """The position a device's own words give when the labeler reads none: its standard site ("leads in the
    right atrium and right ventricle"), a site it must not be in, an assist device's own words ("IABP tip 2 cm
    below the aortic knob", "Impella ... recommend withdrawing 2 cm"), else None."""
    if observation == "Sternotomy Wires":  # intact or broken, not placed: their state stands for a position
        return "malpositioned" if _WIRES_BROKEN.search(text) else "appropriate" if _WIRES_INTACT.search(text) else None
    if observation == "Cardiac Assist Device":  # the labeler reads no position for it (docs/findings.md)
        if _problem_said(observation, text, site) or correction_ko(text):
            return "malpositioned"
        if _APPROPRIATE_SAID.search(text):
            return "appropriate"
        if site and (below := re.match(r"대동맥궁\(aortic knob\) 아래 (\d+(?:\.\d+)?) cm", site)):
            return "appropriate" if float(below.group(1)) <= 5 else None  # the tip belongs ~2 cm below the knob
        if site and any(p.search(text) and site in sites for p, sites in _ASSIST_SITES):
            return "appropriate"
    if site is None:
        # "ETT tip이 carina 직상방 1cm, 2-3cm pull back 요망": a correction advised says it is out of place
        return "malpositioned" if correction_ko(text) else None
    if observation == "Central Line" and site == "하대정맥" and _FEMORAL.search(text):
        return "appropriate"  # a femoral line goes up the inferior vena cava
    if (observation, site) in WRONG_PLACE_KO:
        return "malpositioned"
    if observation == "Endotracheal Tube" and (level := re.match(r"흉추 T(\d+) 높이", site)):
        return "appropriate" if 2 <= int(level.group(1)) <= 4 else None  # an ETT tip belongs at T2-T4
    if observation == "Endotracheal Tube" and (distance := _CARINA_CM.match(site)):
        return "appropriate" if 3 <= float(distance.group(1)) <= 7 else "malpositioned"
    if observation == "Nasogastric Tube" and site in _PAST_STOMACH and _FEEDING.search(text):
        return "appropriate"  # a feeding tube is put past the pylorus on purpose
    return "appropriate" if site in STANDARD_SITES.get(observation, ()) else None


def correction_ko(text: str) -> str | None:
    """The correction the text advises, in Korean with its amount ("2 cm 빼도록"); None for none or one done."""
    for pattern, ko in _CORRECTIONS:
        for match in pattern.finditer(text):
            if _DONE.search(text[max(0, match.start() - 20) : match.start()]):
                continue  # "the tube has been withdrawn 2 cm": done, not advised
            amount = [g for g in match.groups() if g]
            return ko.format("-".join(amount)) if amount else ko
    return None


_DIGITS = number_words(1, 5)
_KOREAN = number_words(1, 5, korean=True)
_COUNT_BEFORE = re.compile(
    # the words between are the device's own ("two right chest tubes"), not another noun's ("three drains and ...")
    rf"(?<![\w.])(a single|single|{number_words(1, 5, english=True)})\s+"
    r"(?:(?!(?:and|or|with|plus)\s)[a-z.-]+\s+){0,3}$"
    rf"|(?<![가-힣\d])({_KOREAN})\s*(?:개|가닥)(?:의)?\s*$",
    re.IGNORECASE,
)
_COUNT_AFTER = re.compile(
    rf"^\s*(?:\(\s*({_DIGITS})\s*\)|[x×]\s*({_DIGITS})(?!\d)"
    rf"|(?:이|가|은|는)?\s*({number_words(1, 5, korean=True, alone=True)})\s*(?:개|가닥))",
    re.IGNORECASE,
)
_COUNT_INSIDE = re.compile(
    rf"(?<![a-z])[x×]\s*({_DIGITS})(?!\d)|\(\s*({_DIGITS})\s*\)|(?<![\d가-힣.])({_KOREAN})\s*(?:개|가닥)(?![가-힣])",
    re.IGNORECASE,
)
_PLURAL = re.compile(
    r"(?:tubes|lines|catheters|drains|pigtails|cannulas|cannulae|stents|clips|wires)\b|관들|튜브들", re.IGNORECASE
)


def count_of(detail: Detail) -> int | None:
    """How many of the device one mention counts ("Two right chest tubes", "흉관 2개", "chest tubes x2"), else None."""
    sentence = " ".join((detail.sentence or detail.text).split())
    text = " ".join(detail.text.split())
    start = sentence.lower().find(text.lower())
    if start < 0:
        return None
    before = _COUNT_BEFORE.search(sentence[:start]) or _COUNT_BEFORE.search(sentence[: start + len(text)])
    after = _COUNT_AFTER.search(sentence[start + len(text) :]) or _COUNT_INSIDE.search(text)
    for match in (before, after):
        if match:
            return number_of(next(g for g in match.groups() if g))
    return None


def _said_in_place(observation: str, parts: list[str], site: str | None) -> bool:
    """Whether the report calls the device in place where only its site would say otherwise: its own verdict
    ("in acceptable position") and no word of a problem or a correction."""
    own = [_OTHERS.split(p, maxsplit=1)[0] for p in parts]  # "...; otherwise lines in standard position": others
    return any(
        _APPROPRIATE_SAID.search(p) and not _problem_said(observation, p, site) and not correction_ko(p) for p in own
    ) and not any(re.search(r"mal-?position|부적절|위치\s*(?:이상|불량)", p, re.IGNORECASE) for p in parts)


_OTHERS = re.compile(r";|\botherwise\b|\bother\b|\bremaining\b|그\s*외|나머지", re.IGNORECASE)


def _with_tip(detail: Detail, part: str) -> str:
    """The device's part of its sentence, with the "tip of the" before its mention ("Tip of the right PICC is
    not clearly visualized")."""
    sentence = " ".join((detail.sentence or "").split())
    at = sentence.lower().find(" ".join(detail.text.split()).lower())
    tip_before = at > 0 and _TIP_OF.search(sentence[:at]) is not None
    return "tip " + part if tip_before else part


_TIP_OF = re.compile(r"tips?\s+of\s+(?:the\s+)?(?:[\w.-]+\s+){0,2}$", re.IGNORECASE)


def _taken_out_there(detail: Detail, details: Iterable[Detail]) -> bool:
    """Whether the sentence that names the device says it was taken out ("기관내관 발관 상태")."""
    return any(removed(d) and d.observation == detail.observation and d.sentence == detail.sentence for d in details)


def _route_only(detail: Detail, present: list[Detail]) -> bool:
    """Whether a line mention only names the way another device went in ("ECMO cannula via right IJ")."""
    sentence = " ".join((detail.sentence or "").split()).lower()
    text = " ".join(detail.text.split()).lower()
    at = sentence.find(text)
    before = sentence[:at] if at > 0 else ""
    return (
        detail.observation == "Central Line"
        and re.search(r"(?:via|through|from)\s+(?:the\s+|a\s+)?$", before) is not None
        and any(
            d.observation not in ("Central Line", "Support Devices") and d.sentence == detail.sentence for d in present
        )
    )


def _part(detail: Detail, others: list[Detail]) -> str:
    """The device's own part of its sentence: from its mention to the next other device's mention."""
    sentence = " ".join((detail.sentence or detail.text).split())
    text = " ".join(detail.text.split())
    start = max(sentence.lower().find(text.lower()), 0)
    ends = [
        at
        for other in others
        if other.observation != detail.observation
        and other.observation != "Support Devices"  # "port with catheter tip at ...": the port's own catheter
        and (at := sentence.lower().find(" ".join(other.text.split()).lower(), start + len(text))) > start
    ]
    return sentence[start : min(ends, default=len(sentence))]


def _advice_about(observation: str, advice: Iterable[str], misplaced: int, orphan: bool = False) -> list[str]:
    """The report's advice sentences about this device: those that name it, or name no device while it
    is the one device out of place ("Recommend repositioning.") or the one out of place whose own words
    advise nothing (``orphan``: "The ETT is in the right mainstem bronchus. Recommend withdrawal by 3 cm.
    The OG tube is coiled; recommend advancement.")."""
    found = []
    for sentence in advice:
        names = {device for device, pattern in _NAMES.items() if pattern.search(sentence)}
        if observation in names or (not names and (misplaced == 1 or orphan)):
            found.append(sentence)
    return found


def _orphans(groups: dict[tuple[str, str | None, int], list[tuple[Detail, str]]], advice: list[str]) -> set[str]:
    """The device types out of place whose own words and named advice give no correction, when there is
    exactly one such (an unnamed advice sentence is then about it); else none."""
    lacking = {
        key[0]
        for key, members in groups.items()
        if any(d.position == "malpositioned" for d, _ in members)
        and not any(correction_ko(p) for p in [*(p for _, p in members), *_advice_about(key[0], advice, 0)])
    }
    return lacking if len(lacking) == 1 else set()


def _kinds(members: list[tuple[Detail, str]]) -> frozenset[str]:
    return frozenset().union(*(line_kinds_of(d) for d, _ in members))


def _fits(value: str | None, other: str | None) -> bool:
    """Whether a device mention's side lets it join a device: the same, or one unsaid."""
    return value is None or other is None or value == other


def placements(details: Iterable[Detail], advice: list[str] | tuple[str, ...] = ()) -> list[Placement]:
    """The report's devices that are there (positive, or hedged only about their place: "tip이 폐실질 내로
    들어간 것으로 의심됨"), one ``Placement`` each, in report order.

    Mentions of one device type go together (the findings and the impression); two sides of one
    type ("right IJ line", "left PICC") stay two devices, as do two kinds of central line on one side
    ("right IJ CVC", "right PICC": ``korad.details.line_kinds``), and a mention without a side joins the
    device of its type the report names first. A malpositioned device whose own words advise no
    correction takes the one of the report's ``advice`` sentences (``Findings.recommendations``).
    """
    present = [
        d
        for d in details
        if d.observation in DEVICES and (d.status == "positive" or (d.status == "uncertain" and d.position))
    ]
    present = [d for d in present if not _route_only(d, present) and not _taken_out_there(d, details)]
    typed = {d.sentence for d in present if d.observation != "Support Devices"}
    present = [d for d in present if d.observation != "Support Devices" or d.sentence not in typed]
    groups: dict[tuple[str, str | None, int], list[tuple[Detail, str]]] = {}
    for detail in present:
        same_sentence = [d for d in present if d.sentence == detail.sentence and d is not detail]
        part = _part(detail, same_sentence)
        kinds = line_kinds_of(detail)  # "right IJ line" and "right PICC" are two lines
        joins = [
            k
            for k, members in groups.items()
            if k[0] == detail.observation and _fits(k[1], detail.side) and not other_lines(kinds, _kinds(members))
        ]
        same_side = next((k for k in joins if k[1] == detail.side), None)
        key = (same_side or next(iter(joins), None)) or (detail.observation, detail.side, len(groups))
        groups.setdefault(key, []).append((detail, part))
    found = []
    orphans = _orphans(groups, list(advice))
    for (observation, side, _), members in groups.items():
        kinds = _kinds(members)
        positions = {d.position for d, _ in members if d.position}
        position = "malpositioned" if "malpositioned" in positions else next(iter(positions), None)
        latest = [d for d, _ in members if d.position][-1:]
        if latest and _NOW.search(latest[0].sentence or latest[0].text):  # "after repositioning, ... now in the SVC"
            position = latest[0].position
        relevant = [p for d, p in members if d.position == position] or [p for _, p in members]
        site = next((s for p in relevant if (s := site_ko(p))), None)
        unseen = any(_UNSEEN.search(_with_tip(d, p)) for d, p in members)
        if unseen and position == "appropriate" and not any(_APPROPRIATE_SAID.search(p) for _, p in members):
            position = None  # "courses below the diaphragm, tip not visualized": its course is no verdict on its tip
        if position is None and not unseen:
            position = inferred_position(observation, site, " ".join(p for _, p in members))
        if position == "malpositioned" and _said_in_place(observation, relevant, site):
            position = "appropriate"  # "PICC tip in the upper right atrium, in acceptable position": its verdict
        if position == "malpositioned":  # its advice sentences say what is wrong and what to do too
            misplaced = sum(any(d.position == "malpositioned" for d, _ in m) for m in groups.values())
            orphan = observation in orphans
            relevant += [a for a in _advice_about(observation, advice, misplaced, orphan) if a not in relevant]
        said = next((s for p in relevant if (s := _problem_said(observation, p, site))), None)
        problem = said or _problem_of_site(observation, site)
        correction = (
            next((c for p in relevant if (c := correction_ko(p))), None) if position == "malpositioned" else None
        )
        sentences = tuple(dict.fromkeys(d.sentence or d.text for d, _ in members if d.position == position))
        sentences += tuple(s for d, _ in members if (s := d.sentence or d.text) not in sentences)
        if latest and latest[0].position == position and position != next(d.position for d, _ in members if d.position):
            sentences = tuple(dict.fromkeys((latest[0].sentence or latest[0].text, *sentences)))  # where it is now
        side = side or next((d.side for d, _ in members if d.side), None)
        unchanged = any(d.change == "stable" for d, _ in members)
        route = next((r for _, p in members if (r := route_ko(p))), None)
        count = max((n for d, _ in members if (n := count_of(d))), default=None)
        shared = {o.sentence for o in present if o.observation != observation}  # "ET and NG tubes" share the plural
        plural = observation != "Pacemaker" and any(
            _PLURAL.search(d.text) and d.sentence not in shared for d, _ in members
        )
        found.append(
            Placement(
                observation,
                side,
                position,
                site,
                problem,
                correction,
                sentences,
                unchanged,
                count=count,
                plural=plural,
                route=route,
                unseen=unseen,
                kinds=kinds,
            )
        )
    return found


def name_ko(observation: str) -> str:
    """The device's Korean name with its English one ("기관내관(endotracheal tube)")."""
    return f"{korean_name(observation)}({observation.lower()})"
