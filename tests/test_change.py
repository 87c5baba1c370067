"""Change against the prior study, next steps, size and severity, and everyday paraphrases (issue #16).

The sentences are written for these tests, as radiologists write them (MIMIC-CXR, IU-Xray and Korean
hospital styles), not copied from the corpora.
"""

from __future__ import annotations

import pytest

from korad.chat.grounded import answer_question, no_prior
from korad.findings import label_report


def _change(report: str, observation: str) -> str | None:
    return next((d.change for d in label_report(report).details if d.observation == observation), None)


@pytest.mark.parametrize(
    ("report", "observation", "change"),
    [
        ("Little interval change in the bibasilar atelectasis.", "Atelectasis", "stable"),
        ("Bibasilar atelectasis, little changed from ___.", "Atelectasis", "stable"),
        ("Minimal interval change in the small left effusion.", "Pleural Effusion", "stable"),
        ("Left pleural effusion, now small.", "Pleural Effusion", "better"),
        ("Right pleural effusion, now large.", "Pleural Effusion", "worse"),
        ("Waxing right upper lobe airspace opacity.", "Lung Opacity", "worse"),
        ("좌측 흉수, 이전과 큰 차이 없음.", "Pleural Effusion", "stable"),
        ("우측 흉수 변동 없음.", "Pleural Effusion", "stable"),
        ("Recurrent small left apical pneumothorax.", "Pneumothorax", "new"),
        ("좌측 기흉 재발.", "Pneumothorax", "new"),
        ("우하엽 폐렴, 진행 소견.", "Pneumonia", "worse"),
        ("우측 흉수, 다량에서 소량으로.", "Pleural Effusion", "better"),
        ("좌측 흉수, 소량에서 다량으로 늘어남.", "Pleural Effusion", "worse"),
    ],
)
def test_change_wordings_of_real_reports_are_read(report, observation, change):
    assert _change(report, observation) == change


def test_change_words_keep_the_finding_and_its_grade():
    findings = label_report("좌측 흉수, 이전과 큰 차이 없음.")
    assert findings.labels.get("Pleural Effusion") == "positive" and "No Finding" not in findings.labels
    effusion = next(d for d in label_report("Moderate right effusion, now small.").details)
    assert (effusion.severity, effusion.change) == ("mild", "better")
    assert _change("Waxing and waning bilateral opacities.", "Lung Opacity") is None  # fluctuating: no direction
    assert _change("좌우 차이 없는 양측 흉수.", "Pleural Effusion") is None  # the sides compared, not the prior


@pytest.mark.parametrize(
    "report",
    [
        "No prior studies available. Small left pleural effusion.",  # the statement opens the report
        "Portable AP view of the chest. Comparison: None.\nSmall left pleural effusion.",
        "COMPARISON: Outside films were requested. None available.\nFINDINGS: Small left pleural effusion.",
        "FINDINGS: Small left pleural effusion. There are no prior chest radiographs for comparison.",
        "[판독소견]\n좌측 소량 흉수.\n비교할 이전 영상 없음.",
    ],
)
def test_no_prior_is_read_wherever_the_report_says_it(report):
    assert no_prior(report)
    answer = answer_question(report, "예전보다 나빠졌나요?")
    assert answer.startswith("판독문에는 비교할 이전 검사가 없다고"), answer


@pytest.mark.parametrize(
    "report",
    [
        "FINDINGS: None.\nIMPRESSION: Normal chest.",  # "None" outside the comparison field is no statement
        "COMPARISON: ___\nFINDINGS: Small left pleural effusion.",
        "우측 흉수, 이전 검사와 변화 없음.",
        "우상엽 결절, 이전 사진에서 없던 병변.",
    ],
)
def test_no_prior_is_not_read_into_other_sentences(report):
    assert no_prior(report) is None
