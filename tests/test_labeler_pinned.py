"""The labeler's whole output on a few varied reports, pinned: speed work must not change any of it.

English, Korean and mixed reports; headers with an indication; a folded character (Cyrillic "о", a
zero-width space); advice, a conditional clause, a removed device, another reading, a continuation
sentence. A change of the vocabulary that changes these outputs on purpose updates them here.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from korad.findings import clear_sentence_cache, label_report

PINNED = [
    (
        "INDICATION: Evaluate for pneumonia.\nFINDINGS: Small left pleural effusion, increased since the prior study. No pneumothorax. Heart size is normal.\nIMPRESSION: Right lower lobe opacity concerning for pneumonia.",
        {
            "findings": {
                "Cardiomegaly": "negative",
                "Lung Opacity": "positive",
                "Pneumonia": "uncertain",
                "Pneumothorax": "negative",
                "Pleural Effusion": "positive",
            },
            "evidence": {
                "Pleural Effusion": "Small left pleural effusion, increased since the prior study.",
                "Pneumothorax": "No pneumothorax.",
                "Cardiomegaly": "Heart size is normal.",
                "Lung Opacity": "Right lower lobe opacity concerning for pneumonia.",
                "Pneumonia": "Right lower lobe opacity concerning for pneumonia.",
            },
            "details": [
                {
                    "observation": "Pleural Effusion",
                    "status": "positive",
                    "side": "left",
                    "severity": "mild",
                    "location": [],
                    "size_mm": None,
                    "change": "worse",
                    "position": None,
                    "text": "Small left pleural effusion, increased",
                },
                {
                    "observation": "Pneumothorax",
                    "status": "negative",
                    "side": None,
                    "severity": None,
                    "location": [],
                    "size_mm": None,
                    "change": None,
                    "position": None,
                    "text": "pneumothorax",
                },
                {
                    "observation": "Cardiomegaly",
                    "status": "negative",
                    "side": None,
                    "severity": None,
                    "location": [],
                    "size_mm": None,
                    "change": None,
                    "position": None,
                    "text": "Heart",
                },
                {
                    "observation": "Lung Opacity",
                    "status": "positive",
                    "side": "right",
                    "severity": None,
                    "location": ["lower"],
                    "size_mm": None,
                    "change": None,
                    "position": None,
                    "text": "Right lower lobe opacity",
                },
                {
                    "observation": "Pneumonia",
                    "status": "uncertain",
                    "side": "right",
                    "severity": None,
                    "location": ["lower"],
                    "size_mm": None,
                    "change": None,
                    "position": None,
                    "text": "pneumonia",
                },
            ],
            "recommendations": [],
            "mentions": [
                ["Pleural Effusion", "positive", "effusion"],
                ["Pneumothorax", "negative", "pneumothorax"],
                ["Cardiomegaly", "negative", "Heart"],
                ["Lung Opacity", "positive", "opacity"],
                ["Pneumonia", "uncertain", "pneumonia"],
            ],
        },
    ),
    (
        "[\uc18c\uacac]\n\uc6b0\uce21 \ud3d0\ud558\uc5fd\uc5d0 2.3 cm \ud06c\uae30\uc758 \uacb0\uc808\uc774 \uc788\uc74c. \uae30\ud749\uc740 \uc5c6\uc74c. \uc591\uce21 \uc18c\ub7c9\uc758 \ud749\uc218, \uc774\uc804 \uac80\uc0ac\uc5d0 \ube44\ud574 \uac10\uc18c\ud568.\n[\uacb0\ub860]\n\ud3d0\ub834 \uac00\ub2a5\uc131.",
        {
            "findings": {
                "Lung Lesion": "positive",
                "Pneumonia": "uncertain",
                "Pneumothorax": "negative",
                "Pleural Effusion": "positive",
            },
            "evidence": {
                "Lung Lesion": "우측 폐하엽에 2.3 cm 크기의 결절이 있음.",
                "Pneumothorax": "기흉은 없음.",
                "Pleural Effusion": "양측 소량의 흉수, 이전 검사에 비해 감소함.",
                "Pneumonia": "폐렴 가능성.",
            },
            "details": [
                {
                    "observation": "Nodule",
                    "status": "positive",
                    "side": "right",
                    "severity": None,
                    "location": ["lower"],
                    "size_mm": 23.0,
                    "change": None,
                    "position": None,
                    "text": "우측 폐하엽에 2.3 cm 크기의 결절",
                },
                {
                    "observation": "Pneumothorax",
                    "status": "negative",
                    "side": None,
                    "severity": None,
                    "location": [],
                    "size_mm": None,
                    "change": None,
                    "position": None,
                    "text": "기흉",
                },
                {
                    "observation": "Pleural Effusion",
                    "status": "positive",
                    "side": "bilateral",
                    "severity": "mild",
                    "location": [],
                    "size_mm": None,
                    "change": "better",
                    "position": None,
                    "text": "양측 소량의 흉수, 이전 검사에 비해 감소",
                },
                {
                    "observation": "Pneumonia",
                    "status": "uncertain",
                    "side": None,
                    "severity": None,
                    "location": [],
                    "size_mm": None,
                    "change": None,
                    "position": None,
                    "text": "폐렴",
                },
            ],
            "recommendations": [],
            "mentions": [
                ["Lung Lesion", "positive", "결절"],
                ["Pneumothorax", "negative", "기흉"],
                ["Pleural Effusion", "positive", "흉수"],
                ["Pneumonia", "uncertain", "폐렴"],
            ],
        },
    ),
    (
        "Rt. pleural effusion \uc0c8\ub85c \uc0dd\uae40, parapneumonic effusion \uac00\ub2a5\uc131. \uc2ec\uc7a5 \ud06c\uae30\ub294 \uc815\uc0c1. Endotracheal tube tip 4 cm above the carina.",
        {
            "findings": {"Cardiomegaly": "negative", "Pleural Effusion": "positive", "Support Devices": "positive"},
            "evidence": {
                "Pleural Effusion": "Rt. pleural effusion 새로 생김, parapneumonic effusion 가능성.",
                "Cardiomegaly": "심장 크기는 정상.",
                "Support Devices": "Endotracheal tube tip 4 cm above the carina.",
            },
            "details": [
                {
                    "observation": "Pleural Effusion",
                    "status": "positive",
                    "side": "right",
                    "severity": None,
                    "location": [],
                    "size_mm": None,
                    "change": "new",
                    "position": None,
                    "text": "Rt. pleural effusion 새로",
                },
                {
                    "observation": "Cardiomegaly",
                    "status": "negative",
                    "side": None,
                    "severity": None,
                    "location": [],
                    "size_mm": None,
                    "change": None,
                    "position": None,
                    "text": "심장 크기",
                },
                {
                    "observation": "Endotracheal Tube",
                    "status": "positive",
                    "side": None,
                    "severity": None,
                    "location": [],
                    "size_mm": None,
                    "change": None,
                    "position": "appropriate",
                    "text": "Endotracheal tube tip 4 cm above the carina",
                },
            ],
            "recommendations": [],
            "mentions": [
                ["Pleural Effusion", "positive", "effusion"],
                ["Pleural Effusion", "uncertain", "effusion"],
                ["Cardiomegaly", "negative", "심장 크기"],
                ["Support Devices", "positive", "Endotracheal tube"],
            ],
        },
    ),
    (
        "Interval removal of the left chest tube. No residual pneumothorax. Mild pulmonary edema, which has improved.",
        {
            "findings": {"Edema": "positive", "Pneumothorax": "negative", "Support Devices": "negative"},
            "evidence": {
                "Support Devices": "Interval removal of the left chest tube.",
                "Pneumothorax": "No residual pneumothorax.",
                "Edema": "Mild pulmonary edema, which has improved.",
            },
            "details": [
                {
                    "observation": "Chest Tube",
                    "status": "negative",
                    "side": "left",
                    "severity": None,
                    "location": [],
                    "size_mm": None,
                    "change": "resolved",
                    "position": None,
                    "text": "Interval removal of the left chest tube",
                },
                {
                    "observation": "Pneumothorax",
                    "status": "negative",
                    "side": None,
                    "severity": None,
                    "location": [],
                    "size_mm": None,
                    "change": "resolved",
                    "position": None,
                    "text": "No residual pneumothorax",
                },
                {
                    "observation": "Edema",
                    "status": "positive",
                    "side": None,
                    "severity": "mild",
                    "location": [],
                    "size_mm": None,
                    "change": "better",
                    "position": None,
                    "text": "Mild pulmonary edema",
                },
            ],
            "recommendations": [],
            "mentions": [
                ["Support Devices", "negative", "chest tube"],
                ["Pneumothorax", "negative", "pneumothorax"],
                ["Edema", "positive", "edema"],
            ],
        },
    ),
    (
        "Nodular opacity in the right mid lung, which may represent a nipple shadow. Follow-up CT is recommended.",
        {
            "findings": {"Lung Lesion": "uncertain"},
            "evidence": {"Lung Lesion": "Nodular opacity in the right mid lung, which may represent a nipple shadow."},
            "details": [
                {
                    "observation": "Nodule",
                    "status": "uncertain",
                    "side": "right",
                    "severity": None,
                    "location": ["middle"],
                    "size_mm": None,
                    "change": None,
                    "position": None,
                    "text": "Nodular opacity in the right mid lung",
                }
            ],
            "recommendations": ["Follow-up CT is recommended."],
            "mentions": [["Lung Lesion", "uncertain", "Nodular opacity"]],
        },
    ),
    (
        "Moderate cardiomegaly. Bilateral pleural effusions, right greater than left. It has increased.",
        {
            "findings": {"Cardiomegaly": "positive", "Pleural Effusion": "positive"},
            "evidence": {
                "Cardiomegaly": "Moderate cardiomegaly.",
                "Pleural Effusion": "Bilateral pleural effusions, right greater than left.",
            },
            "details": [
                {
                    "observation": "Cardiomegaly",
                    "status": "positive",
                    "side": None,
                    "severity": "moderate",
                    "location": [],
                    "size_mm": None,
                    "change": None,
                    "position": None,
                    "text": "Moderate cardiomegaly",
                },
                {
                    "observation": "Pleural Effusion",
                    "status": "positive",
                    "side": "bilateral",
                    "severity": None,
                    "location": [],
                    "size_mm": None,
                    "change": "worse",
                    "position": None,
                    "text": "Bilateral pleural effusions, right greater than left",
                },
            ],
            "recommendations": [],
            "mentions": [["Cardiomegaly", "positive", "cardiomegaly"], ["Pleural Effusion", "positive", "effusions"]],
        },
    ),
    (
        "No acute cardiopulmonary process. If there is concern for rib fracture, dedicated rib views are recommended.",
        {
            "findings": {"No Finding": "positive"},
            "evidence": {},
            "details": [],
            "recommendations": ["If there is concern for rib fracture, dedicated rib views are recommended."],
            "mentions": [],
        },
    ),
    (
        "pneum\u043ethorax\u200b on the left apex, small. \uc6b0\uce21 \ub291\uace8\ud6a1\uaca9\ub9c9\uac01 \ub454\ud654, \uc18c\ub7c9\uc758 \ud749\uc218 \uac00\ub2a5\uc131.",
        {
            "findings": {"Pneumothorax": "positive", "Pleural Effusion": "uncertain"},
            "evidence": {
                "Pneumothorax": "pneumоthorax\u200b on the left apex, small.",
                "Pleural Effusion": "우측 늑골횡격막각 둔화, 소량의 흉수 가능성.",
            },
            "details": [
                {
                    "observation": "Pneumothorax",
                    "status": "positive",
                    "side": "left",
                    "severity": "mild",
                    "location": ["apex"],
                    "size_mm": None,
                    "change": None,
                    "position": None,
                    "text": "pneumоthorax\u200b on the left apex, small",
                },
                {
                    "observation": "Pleural Effusion",
                    "status": "uncertain",
                    "side": "right",
                    "severity": "mild",
                    "location": ["costophrenic"],
                    "size_mm": None,
                    "change": None,
                    "position": None,
                    "text": "우측 늑골횡격막각",
                },
            ],
            "recommendations": [],
            "mentions": [
                ["Pneumothorax", "positive", "pneumоthorax"],
                ["Pleural Effusion", "uncertain", "늑골횡격막각"],
                ["Pleural Effusion", "uncertain", "흉수"],
            ],
        },
    ),
]


def _output(text: str) -> dict:
    findings = label_report(text)
    record = findings.to_record()
    record["mentions"] = [[m.observation, m.label, m.text] for m in findings.mentions]
    return record


@pytest.mark.parametrize(("text", "expected"), PINNED)
def test_pinned_output(text: str, expected: dict) -> None:
    clear_sentence_cache()
    assert _output(text) == expected
    assert _output(text) == expected  # read again from the sentence cache
    assert list(_output(text)["findings"]) == list(expected["findings"])  # the order of the labels too


_NEW_TERM = """
from korad import lexicon
lexicon.MENTIONS["Pneumothorax"] += (r"xylo(?:thorax)?", r"실로흉")
from korad.findings import label_report
for text in ("Small left xylothorax.", "좌측 실로흉 없음.", "좌측에 소량의 xylothorax 있음."):
    found = label_report(text)
    print(found.labels.get("Pneumothorax"), [(d.side, d.severity) for d in found.details])
"""


def test_a_term_added_to_the_vocabulary_is_read_through_the_fast_path() -> None:
    """A mention added the usual way (a pattern in ``korad.lexicon``) is found in English, Korean and
    mixed reports, with its label and details: the labeler's matchers are built from the vocabulary."""
    result = subprocess.run([sys.executable, "-c", _NEW_TERM], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == [
        "positive [('left', 'mild')]",
        "negative [(None, None)]",
        "positive [('left', 'mild')]",
    ]
