"""Korean names of the 14 CheXpert observations, as Korean clinicians write them."""

from __future__ import annotations

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
}
"""Observation -> the Korean term; each is recognised by the findings labeler."""


def korean_name(observation: str) -> str:
    return KOREAN_NAMES[observation]
