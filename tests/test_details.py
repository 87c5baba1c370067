import json
import subprocess
import sys

import pytest

from korad.chat.grounding import check_answer
from korad.datasets_builder.filters import AnswerFilter, filter_pair
from korad.details import DETAIL_KEYS, Detail, describe_ko, detail_contradictions
from korad.findings import label_report

P, N, U = "positive", "negative", "uncertain"


def details(text: str, observation: str | None = None) -> list[Detail]:
    found = label_report(text).details
    return [d for d in found if observation is None or d.observation == observation]


def one(text: str, observation: str) -> Detail:
    found = details(text, observation)
    assert len(found) == 1, (text, found)
    return found[0]


# --- the API ---------------------------------------------------------------------------------


def test_detail_to_dict_has_exactly_the_documented_keys():
    detail = one("Small left pleural effusion, increased since the prior study.", "Pleural Effusion")
    record = detail.to_dict()
    assert list(record) == list(DETAIL_KEYS)
    assert record == {
        "observation": "Pleural Effusion",
        "status": P,
        "side": "left",
        "severity": "mild",
        "location": [],
        "size_mm": None,
        "change": "worse",
        "position": None,
        "text": "Small left pleural effusion, increased",
    }
    json.dumps(record)


def test_describe_ko_renders_side_severity_change():
    detail = one("좌측 소량의 흉수, 이전보다 증가.", "Pleural Effusion")
    assert describe_ko(detail) == "좌측 · 소량 · 이전보다 증가"
    assert describe_ko(one("No pneumothorax.", "Pneumothorax")) == "없음"
    assert describe_ko(one("3 mm nodule in the RUL.", "Nodule")) == "우측 · 상부 · 3 mm"


def test_findings_output_rows_gain_details(tmp_path):
    source = tmp_path / "reports.jsonl"
    rows = [
        {"id": "a", "text": "FINDINGS: Moderate right pleural effusion, unchanged. No pneumothorax."},
        {"id": "b", "text": "소견: 양측 폐야는 깨끗함.\n결론: 정상. 추적 검사 요망."},
    ]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    output = tmp_path / "out.jsonl"
    run = subprocess.run(
        [sys.executable, "-m", "korad.findings", str(source), "--output", str(output)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    written = {r["id"]: r for r in map(json.loads, output.read_text(encoding="utf-8").splitlines())}
    a, b = written["a"], written["b"]
    assert a["findings"] == {"Pneumothorax": N, "Pleural Effusion": P}
    assert a["evidence"]["Pleural Effusion"] == "Moderate right pleural effusion, unchanged."
    effusion = next(d for d in a["details"] if d["observation"] == "Pleural Effusion")
    assert (effusion["side"], effusion["severity"], effusion["change"]) == ("right", "moderate", "stable")
    pneumothorax = next(d for d in a["details"] if d["observation"] == "Pneumothorax")
    assert pneumothorax == {
        **dict.fromkeys(DETAIL_KEYS),
        "observation": "Pneumothorax",
        "status": N,
        "location": [],
        "text": "pneumothorax",
    }
    assert b["details"] == [] and b["recommendations"] == ["추적 검사 요망."]


# --- attributes, English, Korean, mixed ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "observation", "side"),
    [
        ("Small left pleural effusion.", "Pleural Effusion", "left"),
        ("Right-sided pneumothorax.", "Pneumothorax", "right"),
        ("Rt. pleural effusion.", "Pleural Effusion", "right"),
        ("Lt. lower lobe atelectasis.", "Atelectasis", "left"),
        ("Bilateral pleural effusions.", "Pleural Effusion", "bilateral"),
        ("Pleural effusions, right greater than left.", "Pleural Effusion", "bilateral"),
        ("Bibasilar atelectasis.", "Atelectasis", "bilateral"),
        ("Consolidation in the RLL.", "Consolidation", "right"),
        ("LUL nodule.", "Nodule", "left"),
        ("Effusion is seen on the left.", "Pleural Effusion", "left"),
        ("Opacity in both lower lungs.", "Lung Opacity", "bilateral"),
        ("좌측 흉수.", "Pleural Effusion", "left"),
        ("우측에 기흉이 있음.", "Pneumothorax", "right"),
        ("양측 흉수가 있음.", "Pleural Effusion", "bilateral"),
        ("우하엽에 경화 소견.", "Consolidation", "right"),
        ("좌상엽 결절.", "Nodule", "left"),
        ("좌폐 기저부에 무기폐.", "Atelectasis", "left"),
        ("양폐 하부에 침윤.", "Lung Opacity", "bilateral"),
        ("흉수는 왼쪽에 있습니다.", "Pleural Effusion", "left"),
        ("Rt. pleural effusion 있음.", "Pleural Effusion", "right"),
        ("RLL에 consolidation이 있음.", "Consolidation", "right"),
        ("both lower lung에 atelectasis.", "Atelectasis", "bilateral"),
    ],
)
def test_side(text, observation, side):
    assert one(text, observation).side == side


@pytest.mark.parametrize(
    ("text", "observation", "severity"),
    [
        ("Trace left pleural effusion.", "Pleural Effusion", "minimal"),
        ("Small right pneumothorax.", "Pneumothorax", "mild"),
        ("Mild pulmonary edema.", "Edema", "mild"),
        ("Moderate cardiomegaly.", "Cardiomegaly", "moderate"),
        ("Large left pleural effusion.", "Pleural Effusion", "severe"),
        ("Marked cardiomegaly.", "Cardiomegaly", "severe"),
        ("Small to moderate right effusion.", "Pleural Effusion", "moderate"),
        ("Heart size is mildly enlarged.", "Cardiomegaly", "mild"),
        ("미량의 흉수.", "Pleural Effusion", "minimal"),
        ("소량의 좌측 흉수.", "Pleural Effusion", "mild"),
        ("경미한 폐부종.", "Edema", "mild"),
        ("중등도의 심비대.", "Cardiomegaly", "moderate"),
        ("다량의 우측 흉수.", "Pleural Effusion", "severe"),
        ("심한 폐렴.", "Pneumonia", "severe"),
        ("moderate amount의 pleural effusion 있음.", "Pleural Effusion", "moderate"),
    ],
)
def test_severity(text, observation, severity):
    assert one(text, observation).severity == severity


def test_a_severity_word_before_a_change_is_no_severity():
    detail = one("Left pleural effusion, slightly increased.", "Pleural Effusion")
    assert (detail.severity, detail.change) == (None, "worse")
    detail = one("좌측 흉수가 약간 증가함.", "Pleural Effusion")
    assert (detail.severity, detail.change) == (None, "worse")


@pytest.mark.parametrize(
    ("text", "observation", "location"),
    [
        ("Right upper lobe consolidation.", "Consolidation", ("upper",)),
        ("RML opacity.", "Lung Opacity", ("middle",)),
        ("Left lower lobe atelectasis.", "Atelectasis", ("lower",)),
        ("Right apical pneumothorax.", "Pneumothorax", ("apex",)),
        ("Bibasilar opacities.", "Lung Opacity", ("base",)),
        ("Lingular atelectasis.", "Atelectasis", ("lingula",)),
        ("Retrocardiac opacity.", "Lung Opacity", ("retrocardiac",)),
        ("Perihilar haziness.", "Lung Opacity", ("perihilar",)),
        ("Blunting of the left costophrenic angle.", "Pleural Effusion", ("costophrenic",)),
        ("Right hilar mass.", "Mass", ("hilum",)),
        ("우상엽 결절.", "Nodule", ("upper",)),
        ("우중엽 경화.", "Consolidation", ("middle",)),
        ("좌하엽 무기폐.", "Atelectasis", ("lower",)),
        ("우측 폐첨부 기흉.", "Pneumothorax", ("apex",)),
        ("좌폐 기저부 무기폐.", "Atelectasis", ("base",)),
        ("폐문 주위 음영 증가.", "Lung Opacity", ("perihilar",)),
        ("심장 뒤 음영.", "Lung Opacity", ("retrocardiac",)),
        ("설엽 무기폐.", "Atelectasis", ("lingula",)),
    ],
)
def test_location(text, observation, location):
    assert one(text, observation).location == location


@pytest.mark.parametrize(
    ("text", "observation", "size"),
    [
        ("A 1.5 cm nodule in the right upper lobe.", "Nodule", 15.0),
        ("9 mm nodule.", "Nodule", 9.0),
        ("Mass measuring 1.2 x 0.8 cm.", "Mass", 12.0),
        ("Nodule measuring 12 mm x 8 mm.", "Nodule", 12.0),
        ("2센티 결절.", "Nodule", 20.0),
        ("우상엽에 약 1.5cm 크기의 결절이 있음.", "Nodule", 15.0),
        ("결절(8 mm)이 있음.", "Nodule", 8.0),
        ("3㎝ 종괴.", "Mass", 30.0),
        ("좌하엽에 3 x 2.5 cm 종괴.", "Mass", 30.0),
    ],
)
def test_size(text, observation, size):
    assert one(text, observation).size_mm == size


def test_a_distance_is_no_size():
    assert one("ET tube tip 4 cm above the carina.", "Endotracheal Tube").size_mm is None
    assert one("Nodule 2 cm below the left hilum.", "Nodule").size_mm is None


@pytest.mark.parametrize(
    ("text", "observation", "change"),
    [
        ("New right pneumothorax.", "Pneumothorax", "new"),
        ("Interval increase in the size of the left pleural effusion.", "Pleural Effusion", "worse"),
        ("Worsening bibasilar opacities.", "Lung Opacity", "worse"),
        ("Left effusion has decreased since the prior study.", "Pleural Effusion", "better"),
        ("Improving right lower lobe pneumonia.", "Pneumonia", "better"),
        ("Unchanged mild cardiomegaly.", "Cardiomegaly", "stable"),
        ("Right effusion, unchanged.", "Pleural Effusion", "stable"),
        ("The previously seen pneumothorax has resolved.", "Pneumothorax", "resolved"),
        ("Interval resolution of the left effusion.", "Pleural Effusion", "resolved"),
        ("새로 생긴 우측 기흉.", "Pneumothorax", "new"),
        ("좌측 흉수가 이전보다 증가함.", "Pleural Effusion", "worse"),
        ("폐렴이 악화됨.", "Pneumonia", "worse"),
        ("우측 흉수는 감소함.", "Pleural Effusion", "better"),
        ("폐렴은 호전됨.", "Pneumonia", "better"),
        ("심비대는 변화 없음.", "Cardiomegaly", "stable"),
        ("기흉은 소실됨.", "Pneumothorax", "resolved"),
        ("Left pleural effusion은 이전과 비슷함.", "Pleural Effusion", "stable"),
        ("좌측 흉수가 지난번보다 늘었습니다.", "Pleural Effusion", "worse"),  # the everyday words of an answer
        ("우측 기흉은 전보다 줄었어요.", "Pneumothorax", "better"),
    ],
)
def test_change(text, observation, change):
    assert one(text, observation).change == change


def test_increased_opacity_is_a_finding_not_a_change():
    assert one("Increased opacity at the right base.", "Lung Opacity").change is None
    assert one("우하폐야에 음영 증가.", "Lung Opacity").change is None
    assert one("Heart size is increased.", "Cardiomegaly").change is None


def test_a_change_in_the_next_sentence_without_a_finding_belongs_to_the_finding_before():
    assert one("Left effusion. It has increased since the prior study.", "Pleural Effusion").change == "worse"
    assert one("Left effusion. Lungs are otherwise clear.", "Pleural Effusion").change is None


def test_two_findings_of_one_sentence_keep_their_own_details():
    found = details("There is a moderate right pleural effusion and a small left pneumothorax.")
    assert [(d.observation, d.side, d.severity) for d in found] == [
        ("Pleural Effusion", "right", "moderate"),
        ("Pneumothorax", "left", "mild"),
    ]
    found = details("Right effusion has increased and left pneumothorax is new.")
    assert [(d.observation, d.side, d.change) for d in found] == [
        ("Pleural Effusion", "right", "worse"),
        ("Pneumothorax", "left", "new"),
    ]


def test_a_change_after_coordinated_findings_holds_for_each():
    found = details("Left effusion and right pneumothorax are unchanged.")
    assert [(d.observation, d.change) for d in found] == [("Pleural Effusion", "stable"), ("Pneumothorax", "stable")]
    found = details("좌측 흉수와 우측 기흉은 변화 없음.")
    assert [(d.observation, d.change) for d in found] == [("Pleural Effusion", "stable"), ("Pneumothorax", "stable")]


def test_repeated_mentions_merge_into_one_detail():
    found = details("FINDINGS: Small left pleural effusion.\nIMPRESSION: Small left effusion, increased.")
    assert [(d.observation, d.side, d.severity, d.change) for d in found] == [
        ("Pleural Effusion", "left", "mild", "worse")
    ]


# --- contradictions between an answer and its report ---------------------------------------------

REPORT = (
    "FINAL REPORT\nFINDINGS: Small left pleural effusion, increased since the prior study. "
    "A 9 mm nodule in the right upper lobe. No pneumothorax.\nIMPRESSION: Small left effusion, increased."
)
WRONG_ANSWERS = [
    ("side", "판독문에 따르면 오른쪽 폐에 소량의 흉수가 있습니다.", "흉수가 우측이라고 했지만, 판독문에는 좌측으로"),
    (
        "severity",
        "네, 왼쪽에 다량의 흉수가 고여 있습니다. 담당 의사와 상의하세요.",
        "흉수가 다량이라고 했지만, 판독문에는 소량으로",
    ),
    ("size", "우상엽에 약 2 cm 크기의 결절이 보입니다.", "결절이 2 cm라고 했지만, 판독문에는 9 mm로"),
    ("change", "좌측 흉수는 이전 검사보다 감소하여 좋아지고 있습니다.", "흉수가 이전보다 줄었거나 좋아졌다고 했지만"),
]
RIGHT_ANSWERS = [
    "네, 왼쪽에 소량의 흉수가 있으며 이전 검사보다 늘어났습니다.",
    "흉수가 좌측에 약간 있습니다. 우상엽의 결절은 약 0.9cm 크기입니다.",
    "판독문에 따르면 우상엽에 9 mm 크기의 작은 결절이 있고, 기흉은 없습니다.",
]


@pytest.mark.parametrize(("kind", "answer", "expected"), WRONG_ANSWERS)
def test_grounding_check_warns_on_a_wrong_detail_naming_both_values(kind, answer, expected):
    grounding = check_answer(REPORT, answer)
    assert not grounding.ok
    (warning,) = grounding.messages()
    assert warning.startswith("[경고] 답변은 ") and expected in warning and "“" in warning
    assert [c.kind for c in grounding.contradictions] == [kind]


@pytest.mark.parametrize("answer", RIGHT_ANSWERS)
def test_grounding_check_passes_answers_with_the_reports_details(answer):
    assert check_answer(REPORT, answer).ok, check_answer(REPORT, answer).messages()


def test_size_within_20_percent_and_trace_against_small_are_no_contradiction():
    report = label_report("Trace right pleural effusion. 10 mm nodule in the left lower lobe.").details
    assert detail_contradictions(label_report("우측에 소량의 흉수, 1.1 cm 결절.").details, report) == []
    (clash,) = detail_contradictions(label_report("1.3 cm 결절.").details, report)
    assert (clash.kind, clash.claimed, clash.reported) == ("size", 13.0, 10.0)


@pytest.fixture
def answer_filter():
    return AnswerFilter({"r1": label_report(REPORT).labels}, report_texts={"r1": REPORT})


def qa(answer: str, qa_id: str) -> dict:
    return {"qa_id": qa_id, "id": "r1", "question": f"질문 {qa_id}에 대해 알려 주세요?", "answer": answer}


@pytest.mark.parametrize(("kind", "answer", "expected"), WRONG_ANSWERS)
def test_builder_filter_rejects_wrong_details_by_kind(answer_filter, kind, answer, expected):
    record, reason = filter_pair(answer_filter, qa(answer, "q1"))
    assert not record["accepted"]
    assert reason.startswith(f"grounding_{kind}: answer says ")
    assert record["checks"][f"grounding_{kind}"] != True  # noqa: E712


@pytest.mark.parametrize("answer", RIGHT_ANSWERS)
def test_builder_filter_accepts_the_reports_details(answer_filter, answer):
    record, reason = filter_pair(answer_filter, qa(answer, "q2"))
    assert reason is None and record["accepted"], record["checks"]


# --- recommendations and differentials -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        (
            "FINDINGS: 1.8 cm nodule in the RUL.\nIMPRESSION: Recommend CT of the chest for further evaluation.",
            ["Recommend CT of the chest for further evaluation."],
        ),
        (
            "IMPRESSION: Right lower lobe pneumonia. Follow-up radiograph in 6-8 weeks is suggested.",
            ["Follow-up radiograph in 6-8 weeks is suggested."],
        ),
        ("결론: 우상엽 결절. 흉부 CT 권고.", ["흉부 CT 권고."]),
        ("결론: 폐렴 의증. 치료 후 추적 검사 요망.", ["치료 후 추적 검사 요망."]),
        (
            "Impression: RLL infiltrate, clinical correlation 필요.",
            ["Impression: RLL infiltrate, clinical correlation 필요."],
        ),
        ("FINDINGS: Lungs are clear. No pneumothorax.", []),
    ],
)
def test_recommendations_are_the_advice_sentences_as_written(text, advice):
    assert [a.removeprefix("Impression: ") for a in label_report(text).recommendations] == [
        a.removeprefix("Impression: ") for a in advice
    ]


@pytest.mark.parametrize(
    ("text", "device"),
    [
        ("IMPRESSION: No acute process. NG tube placement is advised.", "Nasogastric Tube"),
        ("Recommend chest tube placement for the large left effusion.", "Chest Tube"),
        ("결론: 우측 다량 흉수. 흉관 삽입이 필요합니다.", "Chest Tube"),
        ("비위관 삽입 권고.", "Nasogastric Tube"),
    ],
)
def test_a_recommended_device_is_not_a_device_present(text, device):
    findings = label_report(text)
    assert device not in {d.observation for d in findings.details}
    assert "Support Devices" not in findings.labels
    assert findings.recommendations


def test_a_device_to_be_withdrawn_is_present_and_malpositioned():
    findings = label_report("ET tube tip is 1 cm above the carina; recommend withdrawal by 2 cm.")
    tube = one("ET tube tip is 1 cm above the carina; recommend withdrawal by 2 cm.", "Endotracheal Tube")
    assert (tube.status, tube.position) == (P, "malpositioned")
    assert findings.labels["Support Devices"] == P and findings.recommendations


@pytest.mark.parametrize(
    "text",
    [
        "Atelectasis vs. pneumonia.",
        "Atelectasis versus pneumonia.",
        "무기폐 대 폐렴.",
        "atelectasis vs pneumonia 의심.",
    ],
)
def test_versus_makes_both_diagnoses_uncertain(text):
    labels = label_report(text).labels
    assert (labels["Atelectasis"], labels["Pneumonia"]) == (U, U)


def test_diagnoses_take_the_side_location_and_change_of_the_lesion_they_explain():
    found = details("New retrocardiac opacity, atelectasis vs. pneumonia.")
    assert [(d.observation, d.status, d.location, d.change) for d in found] == [
        ("Lung Opacity", P, ("retrocardiac",), "new"),
        ("Atelectasis", U, ("retrocardiac",), "new"),
        ("Pneumonia", U, ("retrocardiac",), "new"),
    ]
    found = details("소견: 좌하엽에 음영 증가가 있습니다. 무기폐 대 폐렴.")
    assert [(d.observation, d.side, d.location) for d in found if d.status == U] == [
        ("Atelectasis", "left", ("lower",)),
        ("Pneumonia", "left", ("lower",)),
    ]
    pneumonia = one("Right lower lobe consolidation concerning for pneumonia.", "Pneumonia")
    assert (pneumonia.status, pneumonia.side, pneumonia.location) == (U, "right", ("lower",))


def test_a_lesion_the_report_commits_to_explain_is_the_diagnosis_only():
    findings = label_report("Patchy opacity in the right middle lobe is consistent with pneumonia.")
    assert [(d.observation, d.status, d.side, d.location) for d in findings.details] == [
        ("Pneumonia", P, "right", ("middle",))
    ]
    assert findings.labels["Lung Opacity"] == P  # the label stays, as CheXpert labels it


def test_a_hedge_after_a_list_does_not_reach_over_the_comma():
    found = details("좌상엽의 3.5 cm 종괴, 폐암 가능성 있음.")
    assert [(d.observation, d.status, d.size_mm) for d in found] == [("Mass", P, 35.0)]
    assert label_report("좌상엽의 3.5 cm 종괴, 폐암 가능성 있음.").labels["Lung Lesion"] == P


# --- the extra vocabulary ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "observation"),
    [
        ("Emphysema.", "Emphysema"),
        ("COPD with hyperinflated lungs.", "Emphysema"),
        ("폐기종 소견.", "Emphysema"),
        ("Calcified granuloma in the left upper lobe.", "Granuloma"),
        ("석회화된 결절이 우상엽에 있음.", "Granuloma"),
        ("A 9 mm nodule.", "Nodule"),
        ("1.8 x 1.2 cm nodular opacity.", "Nodule"),
        ("A 4 cm mass in the right hilum.", "Mass"),
        ("좌상엽에 종괴.", "Mass"),
        ("Healed right rib fractures.", "Rib Fracture"),
        ("우측 늑골 골절.", "Rib Fracture"),
        ("Rt. 5th rib의 healed fracture.", "Rib Fracture"),
        ("Mild compression fracture of T12.", "Vertebral Fracture"),
        ("척추 압박 골절.", "Vertebral Fracture"),
        ("Dextroscoliosis of the thoracic spine.", "Scoliosis"),
        ("척추측만증이 있음.", "Scoliosis"),
        ("Small hiatal hernia.", "Hiatal Hernia"),
        ("열공 탈장.", "Hiatal Hernia"),
        ("Biapical scarring.", "Scarring"),
        ("우상엽 섬유화.", "Scarring"),
        ("The lungs are hyperinflated.", "Hyperinflation"),
        ("양폐 과팽창.", "Hyperinflation"),
        ("Findings consistent with old TB.", "Old Tuberculosis"),
        ("진구성 결핵.", "Old Tuberculosis"),
        ("Aortic atherosclerosis.", "Aortic Atherosclerosis"),
        ("대동맥궁에 석회화가 있습니다.", "Aortic Atherosclerosis"),
        ("Tortuous thoracic aorta.", "Aortic Tortuosity"),
        ("대동맥 굴곡.", "Aortic Tortuosity"),
        ("Endotracheal tube in standard position.", "Endotracheal Tube"),
        ("기관내관 끝은 적절한 위치에 있음.", "Endotracheal Tube"),
        ("Right PICC with tip in the SVC.", "Central Line"),
        ("우측 중심정맥관.", "Central Line"),
        ("NG tube courses below the diaphragm.", "Nasogastric Tube"),
        ("OG tube in the stomach.", "Nasogastric Tube"),
        ("비위관 끝은 위 내에 있음.", "Nasogastric Tube"),
        ("Left chest tube in place.", "Chest Tube"),
        ("좌측 흉관.", "Chest Tube"),
        ("Left-sided pacemaker with leads in the right atrium and right ventricle.", "Pacemaker"),
        ("Dual-chamber ICD.", "Pacemaker"),
        ("심박동기가 있음.", "Pacemaker"),
        ("Median sternotomy wires.", "Sternotomy Wires"),
        ("Surgical clips in the right upper quadrant.", "Surgical Clips"),
    ],
)
def test_extra_vocabulary(text, observation):
    assert one(text, observation).status == P


def test_extra_vocabulary_has_a_korean_name_and_a_plain_korean_glossary_entry():
    from korad.glossary import KOREAN_NAMES, TERMS, explanation
    from korad.lexicon import EXTRA_OBSERVATIONS

    for observation in EXTRA_OBSERVATIONS:
        assert KOREAN_NAMES[observation]
        assert explanation(observation).endswith("다.")
        assert any(t.observation == observation for t in TERMS)


def test_subcutaneous_emphysema_is_not_emphysema():
    assert not details("Subcutaneous emphysema along the right chest wall.", "Emphysema")


@pytest.mark.parametrize(
    ("text", "observation", "position"),
    [
        ("ET tube tip 4 cm above the carina.", "Endotracheal Tube", "appropriate"),
        ("Endotracheal tube terminates 1.5 cm above the carina.", "Endotracheal Tube", "malpositioned"),
        ("The endotracheal tube is in the right mainstem bronchus.", "Endotracheal Tube", "malpositioned"),
        ("Right IJ central venous catheter tip is in the mid SVC.", "Central Line", "appropriate"),
        ("Enteric tube tip in the stomach.", "Nasogastric Tube", "appropriate"),
        ("NG tube is coiled in the esophagus.", "Nasogastric Tube", "malpositioned"),
        ("The NG tube should be advanced.", "Nasogastric Tube", "malpositioned"),
        ("기관내관은 적절한 위치에 있음.", "Endotracheal Tube", "appropriate"),
        ("기관내관 끝이 기관 분기부 상방 약 1 cm로 너무 깊게 위치함.", "Endotracheal Tube", "malpositioned"),
        ("중심정맥관 끝은 상대정맥에 위치함.", "Central Line", "appropriate"),
        ("비위관 끝이 식도 하부에 위치하여 위치가 부적절합니다.", "Nasogastric Tube", "malpositioned"),
        ("E-tube tip은 carina 상방 5 cm, 적절한 위치.", "Endotracheal Tube", "appropriate"),
        ("Left chest tube in place.", "Chest Tube", None),
        ("Sternotomy wires are intact.", "Sternotomy Wires", None),
    ],
)
def test_device_position(text, observation, position):
    assert one(text, observation).position == position


def test_devices_have_no_location_size_or_severity():
    tube = one("A small-bore chest tube projects over the right apex, 2 cm from the pleura.", "Chest Tube")
    assert (tube.side, tube.location, tube.size_mm, tube.severity) == ("right", (), None, None)


def test_plain_negations_carry_no_attributes_but_resolved_findings_keep_theirs():
    negated = one("No left pleural effusion.", "Pleural Effusion")
    assert negated == Detail("Pleural Effusion", N, text=negated.text)
    resolved = one("Interval resolution of the right apical pneumothorax.", "Pneumothorax")
    assert (resolved.status, resolved.side, resolved.location, resolved.change) == (N, "right", ("apex",), "resolved")
    removed = one("The left chest tube has been removed.", "Chest Tube")
    assert (removed.status, removed.change) == (N, "resolved")
    nearly = one("Near-complete resolution of the left lower lobe consolidation.", "Consolidation")
    assert (nearly.status, nearly.change) == (P, "resolved")


def test_a_clause_that_goes_on_about_a_finding_completes_it():
    effusion = one("우측 흉수가 감소하였으며, 현재 소량 남아 있습니다.", "Pleural Effusion")
    assert (effusion.change, effusion.severity) == ("better", "mild")
    effusion = one("Right pleural effusion, moderate, now small, decreased.", "Pleural Effusion")
    assert (effusion.change, effusion.severity) == ("better", "mild")


def test_normal_cardiomediastinal_silhouette_is_a_normal_heart_size_too():
    found = {d.observation: d.status for d in details("The cardiomediastinal silhouette is within normal limits.")}
    assert found == {"Enlarged Cardiomediastinum": N, "Cardiomegaly": N}


def test_words_after_and_or_with_describe_another_thing():
    scarring = one("Biapical scarring with volume loss in the upper lobes.", "Scarring")
    assert (scarring.side, scarring.location) == ("bilateral", ("apex",))
    atelectasis = one("New right middle lobe atelectasis and right hilar enlargement.", "Atelectasis")
    assert atelectasis.location == ("middle",)


def test_side_and_location_before_coordinated_findings_hold_for_each():
    found = details("우상엽에 석회화 결절과 섬유성 반흔이 있음.")
    assert [(d.observation, d.side, d.location) for d in found] == [
        ("Granuloma", "right", ("upper",)),
        ("Scarring", "right", ("upper",)),
    ]
    scar = one("Lt. apex에 pleural thickening 및 fibrotic scar.", "Scarring")
    assert (scar.side, scar.location) == ("left", ("apex",))


def test_a_diagnosis_after_a_lesion_and_a_comma_explains_it():
    found = details("Both perihilar area에 butterfly pattern opacity, severe pulmonary edema, 이전보다 악화.")
    assert [(d.observation, d.side, d.location, d.severity, d.change) for d in found] == [
        ("Edema", "bilateral", ("perihilar",), "severe", "worse")
    ]


def test_an_uncertain_and_a_positive_mention_of_one_finding_are_one_positive_detail():
    found = details(
        "FINDINGS: Possible right lower lobe pneumonia.\nIMPRESSION: Right lower lobe pneumonia.", "Pneumonia"
    )
    assert [(d.status, d.side, d.location) for d in found] == [(P, "right", ("lower",))]


@pytest.mark.parametrize(
    ("text", "status"),
    [("양측 늑골횡격막각은 예리합니다.", N), ("The costophrenic angles are sharp.", N), ("Lt. CP angle blunting.", P)],
)
def test_costophrenic_angles(text, status):
    assert one(text, "Pleural Effusion").status == status


def test_no_change_in_a_finding_is_the_finding_unchanged():
    detail = one("No significant change in the small left apical pneumothorax.", "Pneumothorax")
    assert (detail.status, detail.side, detail.severity, detail.change) == (P, "left", "mild", "stable")
    assert one("No interval increase in the size of the right effusion.", "Pleural Effusion").change == "stable"
    assert one("No new consolidation.", "Consolidation").status == N


def test_rule_out_at_the_end_of_a_clause_looks_back():
    assert label_report("RLL에 consolidation, pneumonia r/o.").labels["Pneumonia"] == U
    assert label_report("R/O pneumonia.").labels["Pneumonia"] == U
    assert label_report("RLL pneumonia, r/o 결핵.").labels["Pneumonia"] == P


# --- real report layout and phrasing -------------------------------------------------------------


def test_hard_wrapped_lines_are_one_sentence():
    report = "FINDINGS: \n \n The lungs are clear.  No pleural effusion or\n pneumothorax is seen.\n \n IMPRESSION: \n No acute process."
    findings = label_report(report)
    assert findings.labels == {"No Finding": P, "Pleural Effusion": N, "Pneumothorax": N}
    assert findings.evidence["Pneumothorax"] == "No pleural effusion or\n pneumothorax is seen."
    assert label_report("1. Small left effusion.\n2. No pneumothorax").labels["Pneumothorax"] == N


def test_text_after_a_one_paragraph_header_is_the_findings():
    report = "INDICATION: Intubated patient, ET tube placement.\n\nEndotracheal tube tip is 4 cm above the carina. No pneumothorax."
    labels = label_report(report).labels
    assert labels["Support Devices"] == P and labels["Pneumothorax"] == N
    assert label_report("[판독소견]\n검사명: Chest PA\n\n심비대 없음.\n기흉 없음.").labels == {
        "No Finding": P,
        "Cardiomegaly": N,
        "Pneumothorax": N,
    }
    assert label_report("INDICATION: evaluate for pneumonia.\nFINDINGS: Lungs are clear.").labels == {"No Finding": P}


def test_general_normal_statements_name_no_finding():
    assert label_report("양측 폐야에 활동성 병변 없음.").labels == {"No Finding": P}
    assert label_report("No acute osseous abnormality.").labels == {"No Finding": P, "Fracture": N}
    assert label_report("Cardiac and mediastinal silhouettes are unremarkable.").labels == {
        "No Finding": P,
        "Enlarged Cardiomediastinum": N,
        "Cardiomegaly": N,
    }


def test_a_finding_named_twice_in_a_clause_takes_the_hedge_of_the_second_naming():
    assert label_report("우측 늑골횡격막각 둔화, 소량의 흉수 가능성.").labels["Pleural Effusion"] == U
    assert label_report("Kerley B lines 소견이 있어 초기 폐부종이 의심됨.").labels["Edema"] == P
    # congestion is itself only possible edema (docs/findings.md): with a suspected edema, still uncertain
    assert label_report("폐혈관 울혈 소견이 있어 초기 폐부종이 의심됨.").labels["Edema"] == U


def test_scarring_is_labelled_lung_opacity():
    assert label_report("Apical scarring.").labels == {"Lung Opacity": P}
    assert label_report("Coarse interstitial markings at the bases.").labels == {"Lung Opacity": P}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Small effusion or pleural thickening.", {"Pleural Effusion": U, "Pleural Other": U}),
        ("좌측 흉막 삼출 또는 흉막 비후, 이전과 비슷함.", {"Pleural Effusion": U, "Pleural Other": U}),
        ("No effusion or pneumothorax.", {"No Finding": P, "Pleural Effusion": N, "Pneumothorax": N}),
        ("기흉 또는 흉수는 없음.", {"No Finding": P, "Pleural Effusion": N, "Pneumothorax": N}),
    ],
)
def test_or_between_two_findings_is_a_differential_unless_the_clause_negates(text, expected):
    assert label_report(text).labels == expected


def test_korean_report_phrasings():
    assert label_report("결론: 기흉 배제.").labels == {"No Finding": P, "Pneumothorax": N}
    assert label_report("기흉이나 혈흉 없음.").labels == {"No Finding": P, "Pneumothorax": N, "Pleural Effusion": N}
    assert label_report("Both CPA sharp.").labels == {"No Finding": P, "Pleural Effusion": N}
    assert "Lung Opacity" not in label_report("양측 폐문부 혈관음영 증가, 폐울혈 가능성.").labels
    assert "Lung Lesion" not in label_report("좌측 만성 흉막 병변, 변화 없음.").labels


def test_a_nodule_the_report_calls_a_granuloma_is_a_granuloma():
    findings = label_report("우하폐야에 약 7 mm 크기의 결절, 석회화 동반, 육아종으로 생각됨.")
    assert "Lung Lesion" not in findings.labels
    assert [(d.observation, d.side, d.location, d.size_mm) for d in findings.details] == [
        ("Granuloma", "right", ("lower",), 7.0)
    ]


def test_a_one_line_header_field_ends_at_the_line():
    report = "[판독소견]\n검사: Chest AP (portable)\n양측 폐하야에 반점상 음영 증가.\n흉수 및 기흉 없음."
    assert label_report(report).labels == {"Lung Opacity": P, "Pleural Effusion": N, "Pneumothorax": N}


def test_airspace_disease_is_opacity_and_consolidation():
    assert label_report("No focal airspace disease.").labels == {"No Finding": P, "Lung Opacity": N, "Consolidation": N}
    assert label_report("The cardiomediastinal and hilar contours are normal.").labels == {
        "No Finding": P,
        "Enlarged Cardiomediastinum": N,
        "Cardiomegaly": N,
    }


# --- removed devices and which side is more -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "device", "side"),
    [
        ("FINDINGS: Interval removal of the left chest tube. No pneumothorax.", "Chest Tube", "left"),
        ("IMPRESSION: Status post right chest tube removal; no residual pneumothorax.", "Chest Tube", "right"),
        ("FINDINGS: The ET tube has been removed. Lungs are clear.", "Endotracheal Tube", None),
        ("Pt extubated ___. Lungs clear.", "Endotracheal Tube", None),
        ("결론: 발관됨. 양측 폐야 청명.", "Endotracheal Tube", None),
        ("소견: 우측 흉관 제거 후 기흉 없음.", "Chest Tube", "right"),
        ("중심정맥관 제거됨.", "Central Line", None),
        ("Lt. chest tube 발거 상태, 잔여 기흉 없음.", "Chest Tube", "left"),
        ("The right PICC line has been discontinued.", "Central Line", "right"),
    ],
)
def test_a_removed_device_is_not_present_and_its_change_is_resolved(text, device, side):
    removed = one(text, device)
    assert (removed.status, removed.change, removed.side) == (N, "resolved", side)
    assert label_report(text).labels.get("Support Devices") == N
    assert describe_ko(removed) == " · ".join(filter(None, [{"left": "좌측", "right": "우측"}.get(side), "제거됨"]))


def test_removing_one_device_leaves_the_next_one_in_place():
    found = label_report("ET tube has been removed and the NG tube remains in the stomach.")
    assert [(d.observation, d.status) for d in found.details] == [("Endotracheal Tube", N), ("Nasogastric Tube", P)]
    assert found.labels["Support Devices"] == P


@pytest.mark.parametrize("text", ["Recommend removal of the NG tube.", "Removal of the left chest tube is advised."])
def test_advice_to_remove_a_device_leaves_it_present(text):
    (device,) = details(text)
    assert device.status == P and device.change is None


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Bilateral pleural effusions, right greater than left.", "right"),
        ("Bilat effusions R>L.", "right"),
        ("bilateral effusions, left larger than right", "left"),
        ("Lt. > Rt. pleural effusion", "left"),
        ("양측 흉수, 우측이 더 많음.", "right"),
        ("양측 흉수가 있으며 우측보다 좌측이 심함.", "left"),
        ("양측 흉수 (우>좌)", "right"),
        ("Large right and small left pleural effusions.", "right"),
        ("우측 소량, 좌측 중등량의 흉수.", "left"),
        ("Bilateral opacities, symmetric.", "equal"),
        ("Small bilateral pleural effusions.", None),
        ("The right heart border is obscured by left lower lobe opacity.", None),
    ],
)
def test_greater_side_is_only_what_the_report_compares(text, side):
    from korad.details import greater_side

    assert greater_side(text) == side


# --- general readings added for report understanding (sentences written for these tests) ---------


@pytest.mark.parametrize(
    ("text", "observation", "status"),
    [
        ("IMPRESSION: No radiographic evidence of active tuberculosis.", "Tuberculosis", N),
        ("우상엽 공동성 병변, 활동성 결핵 가능성 배제 어려움.", "Tuberculosis", U),
        ("Cavitary RUL lesion; differential includes tuberculosis.", "Tuberculosis", U),
        ("Biapical scarring from old TB.", "Old Tuberculosis", P),
        ("좌상엽 섬유화 반흔, 결핵 후유증으로 생각됨.", "Old Tuberculosis", P),
    ],
)
def test_tuberculosis_now_and_its_healed_trace_are_two_findings(text, observation, status):
    assert one(text, observation).status == status


@pytest.mark.parametrize(
    ("text", "observation", "status"),
    [
        ("There is a 7 mm nodular density at the left base, which may represent a nipple shadow.", "Nodule", U),
        ("Heart size is likely enlarged, exaggerated by the AP technique.", "Cardiomegaly", U),
        ("The heart is at the upper limits of normal to mildly enlarged.", "Cardiomegaly", U),
        ("좌하폐야 다발성 결절, 전이 가능성 있음.", "Nodule", P),
        ("Lt. pleural effusion 새로 생김, loculated effusion 가능성.", "Pleural Effusion", P),
        ("양측 폐하부 선상 음영, 판상 무기폐로 생각됨.", "Atelectasis", P),
        ("Left lower lobe collapse; nodule 배제 곤란.", "Nodule", U),
    ],
)
def test_hedges_reach_what_they_weigh(text, observation, status):
    assert any(d.status == status for d in details(text, observation)), details(text, observation)
    assert all(d.status == status for d in details(text, observation))


def test_a_supposed_finding_is_no_finding():
    text = "No displaced fracture. If concern for rib fracture persists, dedicated rib views may be obtained."
    found = label_report(text)
    assert found.labels.get("Fracture") == N and found.recommendations


@pytest.mark.parametrize(
    ("text", "observation", "change"),
    [
        ("우하엽 결절. 이전 검사와 비교하여 크기 증가.", "Nodule", "worse"),
        ("Small right pleural effusion. Compared with ___, it is smaller.", "Pleural Effusion", "better"),
        ("Interval re-expansion of the right upper lobe, with minimal residual atelectasis.", "Atelectasis", "better"),
        ("우중엽 경화, 이전 검사에서는 없던 소견.", "Consolidation", "new"),
        ("New left basilar opacity, not seen on the prior study.", "Lung Opacity", "new"),
    ],
)
def test_changes_stated_next_to_the_finding_or_in_a_comparison_sentence(text, observation, change):
    assert one(text, observation).change == change


def test_a_known_tumour_is_a_mass_and_a_shrinking_size_is_the_smaller_one():
    mass = one("Lt. upper lobe의 known lung cancer, 크기 감소 (5.2 cm -> 3.9 cm).", "Mass")
    assert (mass.status, mass.change, mass.size_mm) == (P, "better", 39.0)
    grown = one("RLL nodule increased from 8 mm to 1.1 cm.", "Nodule")
    assert (grown.change, grown.size_mm) == ("worse", 11.0)


def test_a_line_turned_up_into_the_neck_is_malpositioned():
    line = one("Left IJ catheter courses cephalad into the neck.", "Central Line")
    assert line.position == "malpositioned"


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("Mild-moderate left pleural effusion.", "moderate"),
        ("Moderate/large right pleural effusion.", "severe"),
        ("Sizable right pleural effusion.", "severe"),
        ("우측에 상당량의 흉수.", "severe"),
        ("미세한 우측 기흉.", "minimal"),
    ],
)
def test_more_severity_words(text, severity):
    (found,) = details(text)
    assert found.severity == severity


def test_each_detail_knows_its_sentence_for_quoting():
    detail = one("FINDINGS: Heart normal. Right apical scarring, stable. No effusion.", "Scarring")
    assert detail.sentence == "Right apical scarring, stable." and "sentence" not in detail.to_dict()


@pytest.mark.parametrize(
    "text",
    [
        "IMPRESSION: Follow-up to document resolution.",
        "IMPRESSION: F/U CT in 3 months.",
        "결론: 우상엽 결절, 흉부 CT 권함.",
        "결론: 추적 검사가 바람직함.",
        "IMPRESSION: A dedicated rib series may be of value.",
    ],
)
def test_more_ways_to_advise(text):
    sentence = text.split(": ", 1)[1]
    assert label_report(text).recommendations == [sentence]


# --- attributes read on more wordings (issue #16 item 1) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "observation", "severity", "size_mm", "change"),
    [
        # the value of the prior study is not the value now; against it, it tells the change
        ("Right pleural effusion is now moderate, previously small.", "Pleural Effusion", "moderate", None, "worse"),
        ("Small left effusion, decreased from moderate.", "Pleural Effusion", "mild", None, "better"),
        ("The left lower lobe nodule measures 13 mm, previously 9 mm.", "Nodule", None, 13, "worse"),
        ("Right hilar mass measures 2.4 cm (previously 3.1 cm).", "Mass", None, 24, "better"),
        ("좌하엽 결절은 11 mm로 이전 검사 8 mm보다 커졌습니다.", "Nodule", None, 11, "worse"),
        ("우상엽 결절 6 mm (이전 6 mm).", "Nodule", None, 6, "stable"),
        ("Lt. upper lobe nodule, 15 mm, 이전 12 mm.", "Nodule", None, 15, "worse"),
    ],
)
def test_a_value_of_the_prior_study_is_compared_not_taken(text, observation, severity, size_mm, change):
    found = one(text, observation)
    assert (found.severity, found.size_mm, found.change) == (severity, size_mm, change)


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("Bilateral effusions, right larger than left, not significantly changed.", "stable"),
        ("Bilateral pleural effusions, similar in size on both sides, have developed.", "new"),
        ("Bilateral effusions, R>L, increased.", "worse"),
        ("양측 흉수, 좌측보다 우측이 더 많음, 새로 생김.", "new"),
        ("Bilateral effusions, left larger than right.", None),
    ],
)
def test_comparing_the_sides_is_no_change(text, change):
    found = one(text, "Pleural Effusion")
    assert (found.side, found.change) == ("bilateral", change)


@pytest.mark.parametrize(
    ("text", "observation"),
    [
        ("The cardiac silhouette remains enlarged.", "Cardiomegaly"),
        ("There remains a trace right pleural effusion.", "Pleural Effusion"),
    ],
)
def test_what_remains_is_stable(text, observation):
    assert one(text, observation).change == "stable"


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Bilateral CPA blunting.", "bilateral"),
        ("Lt. CP angle blunting.", "left"),
        ("Rt. CPA blunting, small effusion 가능성.", "right"),
    ],
)
def test_the_costophrenic_angle_by_its_abbreviation(text, side):
    found = one(text, "Pleural Effusion")
    assert (found.side, found.location) == (side, ("costophrenic",))


@pytest.mark.parametrize(
    ("text", "observation", "side", "location"),
    [
        (
            "좌상엽 폐첨부에 석회화 반흔이 있으며 진구성 결핵에 합당합니다.",
            "Old Tuberculosis",
            "left",
            ("upper", "apex"),
        ),
        ("우상엽 첨부에 섬유화 병변, 오래된 결핵으로 생각됩니다.", "Old Tuberculosis", "right", ("upper", "apex")),
        ("Lt. lower lobe에 consolidation이 있으며 pneumonia 가능성.", "Pneumonia", "left", ("lower",)),
        ("Fibrosis at the right apex, which is likely related to prior TB.", "Old Tuberculosis", "right", ("apex",)),
    ],
)
def test_a_diagnosis_in_the_next_clause_takes_the_place_of_the_finding(text, observation, side, location):
    found = one(text, observation)
    assert (found.side, found.location) == (side, location)


def test_a_finding_of_the_heart_takes_no_lung_place_from_the_clause_before():
    found = one("좌하엽 무기폐가 있으며 심비대가 의심됩니다.", "Cardiomegaly")
    assert (found.side, found.location) == (None, ())


def test_a_whole_lung_finding_gives_no_side_to_the_diagnosis_after_it():
    found = one("양측 폐의 과팽창이 있으며 폐기종에 합당합니다.", "Emphysema")
    assert found.side is None


@pytest.mark.parametrize(
    ("text", "observation", "side", "location"),
    [
        ("Linear scarring in the left apex and left hilum.", "Scarring", "left", ("apex", "hilum")),
        ("Patchy atelectasis in the left lower lobe and lingula.", "Atelectasis", "left", ("lower", "lingula")),
        ("Opacity in the left upper lobe and right hilar enlargement.", "Lung Opacity", "left", ("upper",)),
    ],
)
def test_places_listed_after_in_are_all_the_findings(text, observation, side, location):
    found = one(text, observation)
    assert (found.side, found.location) == (side, location)


@pytest.mark.parametrize(
    ("text", "observation"),
    [
        ("Dobhoff tube in stomach.", "Nasogastric Tube"),
        ("L-tube tip은 stomach fundus에 위치함.", "Nasogastric Tube"),
        ("Lt. IJ CVC tip: SVC.", "Central Line"),
        ("PICC tip: cavoatrial junction.", "Central Line"),
        ("Rt. subclavian catheter tip: SVC-RA junction.", "Central Line"),
        ("Endotracheal tube tip is approximately\n4 cm above the carina.", "Endotracheal Tube"),
        ("Right IJ catheter with its tip\nSVC-RA junction.", "Central Line"),
    ],
)
def test_device_position_in_shorthand_and_on_wrapped_lines(text, observation):
    assert one(text, observation).position == "appropriate"


def test_an_enteric_tube_not_in_the_stomach_is_not_in_place():
    assert one("The feeding tube is not in stomach.", "Nasogastric Tube").position != "appropriate"


def test_a_range_of_sizes_is_no_change():
    found = one("Several nodules ranging from 4 mm to 7 mm.", "Nodule")
    assert (found.size_mm, found.change) == (7, None)


def test_pulmonary_edema_takes_no_side_from_the_clause_before():
    found = one("Diffuse bilateral hazy opacities, which likely represent pulmonary edema.", "Edema")
    assert found.side is None


@pytest.mark.parametrize(
    "text", ["The enteric tube remains in place.", "Left PICC remains with its tip in the low SVC."]
)
def test_a_device_that_remains_is_no_change(text):
    (found,) = details(text)
    assert found.change is None


def test_a_change_of_all_the_devices_holds_for_each():
    found = details("Tubes and lines are unchanged. Endotracheal tube 5 cm above the carina. Left PICC in the SVC.")
    changes = {d.observation: d.change for d in found}
    assert changes["Endotracheal Tube"] == changes["Central Line"] == "stable"


def test_a_device_with_its_own_change_keeps_it():
    found = one("Support devices are stable. Newly placed right chest tube.", "Chest Tube")
    assert found.change == "new"


def test_the_depth_of_a_pneumothorax_is_its_size():
    found = one("Right pneumothorax measuring about 2.5 cm from the apex to the pleural line.", "Pneumothorax")
    assert found.size_mm == 25


@pytest.mark.parametrize(
    "text",
    ["좌측 쇄골하 중심정맥관의 끝은 상대정맥과 우심방 경계부에 위치합니다.", "PICC 끝이 SVC-RA junction에 있음."],
)
def test_the_cavoatrial_junction_in_korean_is_in_place(text):
    assert one(text, "Central Line").position == "appropriate"


@pytest.mark.parametrize(
    ("text", "observation", "position"),
    [
        ("The left chest tube is in unchanged position.", "Chest Tube", None),
        ("ICD leads unchanged in position.", "Pacemaker", None),
        ("Lt. chest tube, 위치 변동 없음.", "Chest Tube", None),
        ("Endotracheal tube in stable position, 4 cm above the carina.", "Endotracheal Tube", "appropriate"),
        ("Enteric tube in standard, unchanged position.", "Nasogastric Tube", "appropriate"),
    ],
)
def test_a_position_unchanged_is_stable_and_no_judgement(text, observation, position):
    found = one(text, observation)
    assert found.position == position
    assert found.change == "stable" or position == "appropriate"


@pytest.mark.parametrize(
    "text",
    [
        "COMPARISON:  None.\n\nFINDINGS: There is a new small left pleural effusion.",
        "No previous studies are available.\nNew right upper lobe consolidation.",
        "비교: 없음\n소견: 새로 생긴 좌측 흉수.",
        "이전 영상이 없어 비교할 수 없음. 새로운 좌측 흉수.",
    ],
)
def test_new_is_no_change_without_a_prior_study(text):
    (found,) = details(text)
    assert found.change is None


def test_a_finding_absent_on_the_prior_is_still_new():
    (found,) = details("비교: 2024-03-01\n이전 검사에서 없던 좌측 흉수가 새로 보임.")
    assert found.change == "new"


@pytest.mark.parametrize(
    ("text", "observation", "side"),
    [
        ("R. upper lobe nodule, 6 mm.", "Nodule", "right"),
        ("L. pleural effusion, small.", "Pleural Effusion", "left"),
    ],
)
def test_a_side_written_as_one_letter_with_a_period(text, observation, side):
    assert one(text, observation).side == side


@pytest.mark.parametrize(
    "text",
    [
        "Collapse of the left lower lobe with a moderate ipsilateral effusion.",
        "Left basilar opacity. A small effusion is also present on the same side.",
        "좌하엽 무기폐와 동측의 소량 흉수.",
    ],
)
def test_the_same_side_is_the_side_of_the_finding_before(text):
    assert one(text, "Pleural Effusion").side == "left"


def test_a_comparison_made_all_the_same_keeps_new():
    (found,) = details("COMPARISON: None.\nFINDINGS: Right lower lobe opacity, new since 2021.")
    assert found.change == "new"


@pytest.mark.parametrize(
    "text",
    [
        "Moderate left pleural effusion with adjacent atelectasis.",
        "The left effusion is larger; there is also compressive atelectasis.",
        "좌측 흉수와 인접한 무기폐.",
    ],
)
def test_a_collapse_next_to_an_effusion_is_on_its_side(text):
    assert one(text, "Atelectasis").side == "left"


def test_a_collapse_next_to_a_device_takes_no_side_from_it():
    assert one("Left chest tube in place. Adjacent atelectasis.", "Atelectasis").side is None


def test_a_change_in_a_which_clause_is_the_finding_before():
    found = details("Left lower lobe opacity, which has increased, possibly early pneumonia.")
    assert {d.observation: d.change for d in found}.get("Lung Opacity") == "worse"


@pytest.mark.parametrize(
    ("text", "status", "change"),
    [
        ("우측 기흉은 흡수되었음.", N, "resolved"),
        ("좌측 흉수 거의 흡수됨.", P, "resolved"),
        ("이전에 관찰되던 우하엽 경화는 이번 검사에서 보이지 않음.", N, "resolved"),
        ("The previously noted left lower lobe nodule is not seen on this study.", N, "resolved"),
        ("이전에 보이던 우하엽 경화는 여전히 관찰됨.", P, "stable"),
    ],
)
def test_gone_since_the_prior_in_korean_and_english(text, status, change):
    (found,) = details(text)
    assert (found.status, found.change) == (status, change)
    assert found.side is not None


def test_just_above_the_diaphragm_is_the_base():
    assert one("좌측 횡격막 상부에 선상 무기폐.", "Atelectasis").location == ("base",)


@pytest.mark.parametrize(
    ("text", "observation", "position"),
    [
        ("Levin tube tip: stomach.", "Nasogastric Tube", "appropriate"),
        ("PA catheter tip: Lt. main PA.", "Pulmonary Artery Catheter", "appropriate"),
        ("Lt. subclavian CVC, tip at RA, 3 cm 빼는 것 권고.", "Central Line", "malpositioned"),
        ("기관내관 끝 carina 위 3 cm, 약간 깊음.", "Endotracheal Tube", "malpositioned"),
        ("Pacemaker lead tip in RA.", "Pacemaker", None),
    ],
)
def test_more_icu_shorthand_positions(text, observation, position):
    assert one(text, observation).position == position


def test_how_far_a_fragment_is_displaced_is_no_severity():
    assert one("Rt. 8th rib fracture, 약간 전위됨.", "Rib Fracture").severity is None


# --- vocabulary people ask about beyond the devices and the 14 (round 2) ------------------------


@pytest.mark.parametrize(
    ("text", "observation", "status", "side"),
    [
        (
            "Coarse reticular markings at both bases, likely chronic interstitial lung disease.",
            "Interstitial Lung Disease",
            U,
            "bilateral",
        ),
        ("Known ILD with basal fibrotic change.", "Interstitial Lung Disease", P, None),
        ("양하폐야 망상 음영, 간질성 폐질환 의심.", "Interstitial Lung Disease", U, "bilateral"),
        ("Patchy right basilar opacity, possibly aspiration.", "Aspiration", U, "right"),
        ("좌하엽 음영, 흡인성 폐렴 가능성.", "Aspiration", U, "left"),
        (
            "Large left pneumothorax with rightward mediastinal shift, concerning for tension.",
            "Tension Pneumothorax",
            U,
            "left",
        ),
        ("Small right apical pneumothorax without tension physiology.", "Tension Pneumothorax", N, None),
        ("좌측 기흉, 긴장성 기흉 소견은 없음.", "Tension Pneumothorax", N, None),
        ("Subcutaneous air tracks along the left chest wall.", "Subcutaneous Emphysema", P, "left"),
        ("우측 흉벽에 피하 기종.", "Subcutaneous Emphysema", P, "right"),
        ("Small amount of pneumomediastinum.", "Pneumomediastinum", P, None),
        ("종격동 기종은 보이지 않음.", "Pneumomediastinum", N, None),
        ("Cylindrical bronchiectasis in the left lower lobe.", "Bronchiectasis", P, "left"),
        ("우중엽 기관지 확장증.", "Bronchiectasis", P, "right"),
        ("Thick-walled cavity in the right upper lobe.", "Cavity", P, "right"),
        ("좌상엽에 얇은 벽의 공동 형성.", "Cavity", P, "left"),
        ("Bilateral hilar lymphadenopathy.", "Lymphadenopathy", P, "bilateral"),
        ("종격동 림프절 비대 소견 없음.", "Lymphadenopathy", N, None),
        ("Status post right mastectomy.", "Mastectomy", P, "right"),
        ("좌측 유방 절제술 후 상태.", "Mastectomy", P, "left"),
        ("Left axillary surgical clips.", "Axillary Surgery", P, "left"),
        ("Postoperative changes in the right axilla.", "Axillary Surgery", P, "right"),
        ("좌측 액와부 림프절 절제 후 클립.", "Axillary Surgery", P, "left"),
    ],
)
def test_round_two_vocabulary(text, observation, status, side):
    found = one(text, observation)
    assert (found.status, found.side) == (status, side)


def test_aspiration_pneumonia_keeps_its_pneumonia_and_a_needle_aspiration_is_no_aspiration():
    assert {d.observation for d in details("Right lower lobe aspiration pneumonia.")} >= {"Aspiration", "Pneumonia"}
    assert not details("Status post fine needle aspiration of the right upper lobe nodule.", "Aspiration")
    weighed = label_report("Left basilar opacity, atelectasis versus aspiration pneumonia.").labels
    assert weighed["Pneumonia"] == weighed["Atelectasis"] == U
    assert one("우하엽 흡인성 폐렴 의심.", "Aspiration").status == U


def test_tension_pneumothorax_leaves_the_pneumothorax_present():
    assert one("Moderate left pneumothorax. No tension.", "Pneumothorax").status == P


@pytest.mark.parametrize(
    ("text", "observation", "status"),
    [
        ("Enlarged heart with interstitial prominence, XXXX edema.", "Edema", U),
        ("XXXX opacity at the left base.", "Lung Opacity", U),
        ("No XXXX of pleural effusion.", "Pleural Effusion", N),
        ("No XXXX pneumothorax.", "Pneumothorax", N),
        ("Negative for XXXX effusion.", "Pleural Effusion", N),
        ("XXXX XXXX are intact. Small right effusion.", "Pleural Effusion", P),
    ],
)
def test_a_hidden_word_before_a_finding_is_not_read_as_certainty(text, observation, status):
    assert one(text, observation).status == status


@pytest.mark.parametrize(
    ("text", "observation", "change"),
    [
        # "reduced/decreased/low lung volumes" are a state of the lungs, not an improvement of the opacity
        (
            "Coarse bilateral interstitial opacities and reduced lung volumes, similar to the prior exam.",
            "Lung Opacity",
            "stable",
        ),
        ("Decreased lung volumes with bibasilar opacities, unchanged from prior.", "Lung Opacity", "stable"),
        ("양측 하부 망상 음영 및 감소된 폐용적, 이전과 비교하여 변화 없음.", "Lung Opacity", "stable"),
        ("양측 폐 음영, 폐용적 감소 동반, 이전 검사와 비슷함.", "Lung Opacity", "stable"),
        ("Increased lung volumes and bibasilar opacity.", "Lung Opacity", None),
        # a change word with its comparison still is a change
        ("Left effusion, decreased since the prior study.", "Pleural Effusion", "better"),
        ("좌측 흉수, 이전 대비 감소함.", "Pleural Effusion", "better"),
    ],
)
def test_a_state_of_the_lung_volumes_is_not_a_change(text, observation, change):
    assert one(text, observation).change == change


def test_a_state_word_in_the_next_sentence_does_not_carry_as_a_change():
    assert one("Patchy opacity in the left lower lobe. 감소된 폐용적.", "Lung Opacity").change is None


def test_the_volume_of_an_effusion_that_decreased_is_a_change():
    assert one("Small left effusion, volume decreased since the prior film.", "Pleural Effusion").change == "better"


def test_an_increased_size_with_another_change_takes_that_change():
    # "심장 크기 증가" is the enlarged heart itself; the change is what the comparison says of it
    assert one("심장 크기 다소 증가, 이전 검사와 유사함.", "Cardiomegaly").change == "stable"
    assert one("Heart size is increased, stable compared to the prior.", "Cardiomegaly").change == "stable"
    assert one("심장 크기가 이전 검사보다 증가함.", "Cardiomegaly").change == "worse"


def test_a_comparison_word_is_no_link_between_two_findings():
    # "이전 대비": "대" inside "대비" is not the "대" of "무기폐 대 폐렴" (a differential that shares places)
    found = details("좌측 소량 흉수 및 좌하엽 무기폐, 이전 촬영 대비 흉수 조금 늘었음.")
    assert [(d.observation, d.location) for d in found] == [("Pleural Effusion", ()), ("Atelectasis", ("lower",))]


@pytest.mark.parametrize(
    ("text", "observation", "position"),
    [
        ("Lt. subclavian CVC tip이 RA 깊숙이 들어가 있음, 2 cm pull back 요함.", "Central Line", "malpositioned"),
        ("PICC 끝이 right atrium까지 내려가 있음.", "Central Line", "malpositioned"),
        ("심박동기 도선 끝은 우심방에 위치함.", "Pacemaker", None),
        ("Dual chamber pacemaker, RA lead tip은 RA에 있음.", "Pacemaker", None),
    ],
)
def test_a_line_tip_in_the_right_atrium_in_korean_and_mixed_is_malpositioned_a_lead_tip_is_not(
    text, observation, position
):
    assert one(text, observation).position == position


def test_an_old_tuberculosis_named_after_its_lesions_takes_their_place():
    # "..., 진구성 결핵": the diagnosis the lesions are read as, where they are
    found = details("좌측 폐첨부에 석회화 및 섬유성 반흔, 진구성 결핵.")
    assert [(d.observation, d.side, d.location) for d in found if d.observation == "Old Tuberculosis"] == [
        ("Old Tuberculosis", "left", ("apex",))
    ]


@pytest.mark.parametrize(
    ("text", "observation", "change"),
    [
        ("우상엽 경화 소견, 지난 검사보다 넓어졌음.", "Consolidation", "worse"),
        ("결론: 우중엽 폐렴, 진행.", "Pneumonia", "worse"),
        ("좌하엽 간유리 음영, 범위가 확대됨.", "Lung Opacity", "worse"),
    ],
)
def test_korean_wordings_of_a_spreading_finding_are_worse(text, observation, change):
    assert one(text, observation).change == change


def test_a_place_before_a_finding_with_another_holds_for_both():
    # "A를 동반한 B" is B with A: the place written before A is B's too
    found = details("우상엽에 공동을 동반한 경화 소견.")
    assert [(d.observation, d.side, d.location) for d in found] == [
        ("Cavity", "right", ("upper",)),
        ("Consolidation", "right", ("upper",)),
    ]


def test_a_picc_tip_in_the_svc_with_a_korean_particle_is_appropriate():
    assert one("Lt. PICC tip은 lower SVC.", "Central Line").position == "appropriate"


@pytest.mark.parametrize(
    "text",
    [
        "Large right and small left pleural effusions.",
        "Bilateral pleural effusions: large right, small left.",
        "우측 다량, 좌측 소량의 흉수.",
        "Bilateral pleural effusions, large right and small left.",
        "양측 흉수: 우측은 다량, 좌측은 소량.",
    ],
)
def test_an_amount_for_each_side_gives_an_entry_a_side(text):
    # corpora/attributes/CONVENTIONS.md: two entries (one a side) when each side has its own severity
    found = [(d.side, d.severity) for d in details(text) if d.observation == "Pleural Effusion"]
    assert found == [("right", "severe"), ("left", "mild")]


def test_one_amount_for_both_sides_stays_one_bilateral_entry():
    assert [(d.side, d.severity) for d in details("Small bilateral pleural effusions.")] == [("bilateral", "mild")]


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("Reticular opacities in the upper and mid lung zones.", ("upper", "middle")),
        ("Consolidation in the right middle and lower lobes.", ("middle", "lower")),
    ],
)
def test_coordinated_zones_are_each_a_location(text, location):
    assert details(text)[0].location == location


def test_two_diagnoses_of_one_opacity_both_take_its_place():
    found = details("Hazy opacity at the left base, which may be atelectasis and/or effusion.")
    assert [(d.observation, d.side, d.location) for d in found] == [
        ("Lung Opacity", "left", ("base",)),
        ("Atelectasis", "left", ("base",)),
        ("Pleural Effusion", "left", ("base",)),
    ]


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("Left IJ tunneled hemodialysis catheter with its tip in the right atrium.", None),
        ("Rt. permcath, tip은 RA 중간부, 적절함.", "appropriate"),
        ("Right IJ central venous catheter tip in the right atrium.", "malpositioned"),
    ],
)
def test_a_dialysis_catheter_belongs_in_the_right_atrium(text, position):
    # a tunneled dialysis catheter is placed to end in the atrium; another central line there is too deep
    assert one(text, "Central Line").position == position


@pytest.mark.parametrize(
    "text", ["Lt. chemoport insertion state.", "포트 끝은 SVC에 있음.", "Right IJ perm-cath in place."]
)
def test_ports_and_dialysis_catheters_in_mixed_wording_are_central_lines(text):
    assert [d.observation for d in details(text)] == ["Central Line"]


@pytest.mark.parametrize(
    ("text", "observation"),
    [
        ("흉골 고정 철사 보임.", "Sternotomy Wires"),
        ("Right shoulder arthroplasty is noted.", "Support Devices"),
        ("IVC filter in place.", "Support Devices"),
    ],
)
def test_more_hardware_wordings(text, observation):
    assert [d.observation for d in details(text)] == [observation]


@pytest.mark.parametrize(
    ("text", "observation", "side", "position"),
    [
        ("ETT tip: carina 상방 약 2.5 cm, 다소 deep.", "Endotracheal Tube", None, "malpositioned"),
        ("Rt. subclavian CVC tip이 Lt. brachiocephalic vein 쪽으로 주행함.", "Central Line", "right", "malpositioned"),
        ("Lt. chest tube의 side hole이 흉벽 밖에 있음.", "Chest Tube", "left", "malpositioned"),
        ("Dual chamber pacemaker, leads RA, RV에 위치.", "Pacemaker", None, "appropriate"),
    ],
)
def test_device_positions_in_mixed_wording(text, observation, side, position):
    found = one(text, observation)
    assert (found.side, found.position) == (side, position)


def test_a_hedge_on_where_a_device_lies_leaves_the_device_there():
    found = one("Pacemaker RA lead 위치 이동, dislodgement 의심됨.", "Pacemaker")
    assert (found.status, found.position) == ("positive", "malpositioned")
    assert one("Right and left chest tubes are in place.", "Chest Tube").side == "bilateral"


def test_an_amount_said_of_another_noun_is_not_the_next_findings():
    # "mild elevation of the left hemidiaphragm with ...": the elevation is mild, not the atelectasis
    found = one("Mild elevation of the left hemidiaphragm with left basilar atelectasis.", "Atelectasis")
    assert (found.side, found.severity) == ("left", None)
    assert one("Mild blunting of the right costophrenic angle.", "Pleural Effusion").severity == "mild"


@pytest.mark.parametrize("text", ["Small amount of fluid in the right pleural space.", "Fluid in the minor fissure."])
def test_fluid_in_the_pleural_space_or_a_fissure_is_an_effusion(text):
    assert [d.observation for d in details(text)] == ["Pleural Effusion"]


@pytest.mark.parametrize(
    ("text", "observation", "location"),
    [
        ("좌측 폐 중간 부위에 결절.", "Nodule", ("middle",)),
        ("우측 폐하야에 무기폐.", "Atelectasis", ("lower",)),
        ("좌측 늑골횡격막각 무딤.", "Pleural Effusion", ("costophrenic",)),
    ],
)
def test_more_korean_place_words(text, observation, location):
    assert one(text, observation).location == location


# --- session 25: families of misreadings (labeler brief) ----------------------------------------


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("Patchy airspace opacities in the left upper and right lower lobes.", ("upper", "lower")),
        ("Scattered nodules within the right middle and left lower lobes are new.", ("middle", "lower")),
        ("Consolidation involving the RIGHT UPPER AND LEFT LOWER LOBES, worse than before.", ("upper", "lower")),
    ],
)
def test_zones_coordinated_each_with_its_own_side_give_both_sides(text, location):
    # one finding on both sides with the same attributes is one bilateral entry (CONVENTIONS.md)
    found = details(text)[0]
    assert (found.side, found.location) == ("bilateral", location)


def test_zones_coordinated_on_one_side_stay_that_side():
    found = details("Ill-defined opacity in the left upper and left lower lobes.")[0]
    assert (found.side, found.location) == ("left", ("upper", "lower"))


@pytest.mark.parametrize(
    "text",
    ["E-tube 끝은 carina 직상방 약 1 cm에 있음.", "기관내관 tip: 기관분기부 직상부 0.5cm."],
)
def test_a_tube_tip_just_above_the_carina_in_korean_is_too_low(text):
    assert one(text, "Endotracheal Tube").position == "malpositioned"


def test_a_tube_tip_well_above_the_carina_in_korean_is_in_place():
    assert one("ETT 끝: carina 직상방 5cm.", "Endotracheal Tube").position == "appropriate"


@pytest.mark.parametrize(
    "text",
    [
        "Two calcified nodules in the right lung, probably old granulomas.",
        "좌측 폐문부 석회화 결절, 육아종 가능성 높음.",
    ],
)
def test_a_hedge_on_what_a_calcified_nodule_is_leaves_it_present(text):
    assert one(text, "Granuloma").status == P


def test_a_nodule_that_may_be_a_granuloma_stays_a_nodule_seen():
    found = details("An 6 mm nodule at the left base, possibly a granuloma.")
    assert [(d.observation, d.status) for d in found] == [("Nodule", P), ("Granuloma", U)]


def test_a_change_verb_beats_again_seen():
    found = one("Reticular opacities are again seen at both bases and have increased since the prior exam.", "Lung Opacity")
    assert found.change == "worse"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("양측 소량 흉수: 우측은 증가, 좌측은 변화 없음.", [("right", "worse"), ("left", "stable")]),
        ("Bilateral effusions, left improved, right unchanged.", [("left", "better"), ("right", "stable")]),
        ("Bilateral effusions, improved right and unchanged left.", [("right", "better"), ("left", "stable")]),
    ],
)
def test_a_change_for_each_side_gives_an_entry_a_side(text, expected):
    found = [(d.side, d.change) for d in details(text, "Pleural Effusion")]
    assert found == expected


def test_amounts_for_each_side_in_the_next_korean_clause_give_an_entry_a_side():
    found = details("양측 흉수가 감소하였으며, 좌측은 소량, 우측은 중등량입니다.", "Pleural Effusion")
    assert [(d.side, d.severity, d.change) for d in found] == [("left", "mild", "better"), ("right", "moderate", "better")]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Mild central vascular congestion.", U),
        ("폐울혈 소견 있음.", U),
        ("Cephalization of the pulmonary vessels.", U),
        ("상엽 혈류 재분포 소견.", U),
        ("Interstitial edema with Kerley B lines.", P),
        ("폐부종 소견.", P),
    ],
)
def test_congestion_alone_is_possible_edema_explicit_edema_is_edema(text, status):
    assert label_report(text).labels["Edema"] == status


@pytest.mark.parametrize(
    "text",
    [
        "Mild pulmonary vascular congestion. No frank pulmonary edema.",
        "폐혈관 울혈 소견 있으나 뚜렷한 폐부종은 없음.",
    ],
)
def test_congestion_beside_no_edema_is_edema_negative(text):
    # the label follows the edema said in as many words; the congestion keeps its detail (what is said of it)
    findings = label_report(text)
    assert findings.labels["Edema"] == N
    assert [d.status for d in findings.details if d.observation == "Edema"] == [U, N]


def test_congestion_beside_explicit_edema_is_positive_and_keeps_its_course():
    findings = label_report("Worsening vascular congestion and new interstitial edema.")
    assert findings.labels["Edema"] == P
    found = [(d.status, d.change) for d in findings.details if d.observation == "Edema"]
    assert found == [(U, "worse"), (P, "new")]


@pytest.mark.parametrize(
    ("text", "observation", "side", "location"),
    [
        ("우하엽 경화, r/o 폐렴.", "Pneumonia", "right", ("lower",)),
        ("Left lower lobe consolidation, r/o pneumonia.", "Pneumonia", "left", ("lower",)),
        ("양측 폐문 주위 음영이 있어 폐부종 소견임.", "Edema", "bilateral", ("perihilar",)),
    ],
)
def test_a_diagnosis_drawn_from_a_lesion_takes_its_place(text, observation, side, location):
    found = one(text, observation)
    assert (found.side, found.location) == (side, location)


def test_a_lesion_seen_then_a_suspected_diagnosis_in_korean_stays_seen():
    assert one("좌상엽에 경화가 보여 결핵 또는 폐렴 의심.", "Consolidation").status == P


def test_the_shadow_of_a_consolidation_is_not_another_opacity():
    assert [d.observation for d in details("좌하엽 경화 음영.")] == ["Consolidation"]


@pytest.mark.parametrize(
    ("text", "observations"),
    [
        ("대동맥 사행 및 석회화 있음.", {"Aortic Tortuosity", "Aortic Atherosclerosis"}),
        ("The aorta appears tortuous and calcified.", {"Aortic Tortuosity", "Aortic Atherosclerosis"}),
        ("흉골 절개술 후 철선 및 인공 대동맥 판막.", {"Sternotomy Wires", "Support Devices"}),
    ],
)
def test_coordinated_hardware_and_aortic_findings(text, observations):
    assert {d.observation for d in details(text)} == observations


def test_pacing_lead_tips_in_the_right_atrium_and_ventricle_are_in_place():
    assert one("심박동기 리드 끝이 우심방과 우심실에 있음.", "Pacemaker").position == "appropriate"


def test_a_continuing_clause_tells_where_the_rest_of_a_finding_is():
    found = one("좌측 기흉은 호전되었고, 현재 폐첨부에만 소량 남아 있음.", "Pneumothorax")
    assert (found.location, found.change) == (("apex",), "better")


def test_a_place_carries_along_a_chain_of_findings_and_the_next_sentence_keeps_its_own():
    text = "좌상엽에 공동(cavity)을 동반한 경화 및 주변 미세결절이 새로 보임. 우하폐야에도 소결절 몇 개."
    found = [(d.observation, d.side, d.location) for d in details(text) if d.observation in ("Consolidation", "Nodule")]
    assert found == [
        ("Consolidation", "left", ("upper",)),
        ("Nodule", "left", ("upper",)),
        ("Nodule", "right", ("lower",)),
    ]


@pytest.mark.parametrize("text", ["Moderate right pleural effusion, possibly empyema.", "좌측 중등량 흉수, 혈흉 가능성."])
def test_a_hedge_on_what_an_effusion_is_leaves_it_present(text):
    assert one(text, "Pleural Effusion").status == P


def test_a_venous_introducer_named_alone_is_a_central_line():
    found = one("어제 삽입된 Lt. femoral introducer는 제거됨.", "Central Line")
    assert (found.status, found.change) == (N, "resolved")


def test_a_width_measured_from_a_place_in_the_next_clause_is_a_size_not_a_location():
    found = one("우측에 중등량 기흉이 있고, 폐첨부에서 흉벽까지 약 2.5 cm임.", "Pneumothorax")
    assert (found.location, found.size_mm) == ((), 25.0)


def test_a_sentence_about_the_rest_gives_no_change_to_the_finding_before():
    found = one("좌측 늑골횡격막각 둔화, 소량 흉수 의심. 그 외에는 이전과 변화 없음.", "Pleural Effusion")
    assert found.change is None


@pytest.mark.parametrize("text", ["The aortic arch is densely calcified.", "The aorta appears mildly calcified."])
def test_a_calcified_aorta_said_with_a_verb_is_atherosclerosis(text):
    assert one(text, "Aortic Atherosclerosis").status == P


def test_the_catheter_of_a_port_is_the_port():
    found = details("Right chest port with its catheter tip at the cavoatrial junction.")
    assert [(d.observation, d.position) for d in found] == [("Central Line", "appropriate")]


def test_a_minimally_displaced_fracture_has_no_severity():
    assert one("Minimally displaced fracture of the right 5th rib.", "Rib Fracture").severity is None


def test_a_comparison_of_the_sides_is_no_change_of_one_side():
    assert [d.side for d in details("Bilateral effusions, larger on the left.", "Pleural Effusion")] == ["bilateral"]


@pytest.mark.parametrize(
    ("text", "change", "status"),
    [
        ("좌하엽 경화, 이전보다 진행함.", "worse", P),
        ("좌하엽 음영이 이전보다 선명해짐.", "worse", P),
        ("우상엽 음영은 희미해졌음.", "better", P),
        ("좌측 흉수 대부분 흡수됨.", "resolved", P),
    ],
)
def test_more_korean_wordings_of_a_change(text, change, status):
    (found,) = details(text)
    assert (found.change, found.status) == (change, status)


def test_a_sharper_margin_is_no_growth():
    assert one("경계가 뚜렷해진 결절.", "Nodule").change is None


# --- round 2 of session 25: Korean and mixed wording families ----------------------------------


@pytest.mark.parametrize(
    ("text", "observation", "side", "location"),
    [
        ("Lt. lower lung field에 patchy opacity 있으며 pneumonia 의증.", "Pneumonia", "left", ("lower",)),
        ("양측 하폐야에 반점상 음영이 있으며 무기폐 vs. 폐렴.", "Atelectasis", "bilateral", ("lower",)),
        ("우상폐야에 경화가 보이며 결핵 감별 요함.", "Tuberculosis", "right", ("upper",)),
    ],
)
def test_a_diagnosis_in_the_next_clause_takes_the_lesions_place(text, observation, side, location):
    found = one(text, observation)
    assert (found.status, found.side, found.location) == (U, side, location)


def test_a_diagnosis_in_the_next_clause_takes_the_lesions_change():
    found = one("좌하엽 경화가 지난 검사보다 증가하였으며 폐렴 가능성 있음.", "Pneumonia")
    assert (found.side, found.change) == ("left", "worse")


def test_edema_read_in_the_next_clause_takes_the_change_but_no_side():
    found = one("양측 폐문 주위 음영이 이전보다 증가하였으며 폐부종 가능성 있음.", "Edema")
    assert (found.side, found.change) == (None, "worse")


@pytest.mark.parametrize(
    "text",
    ["우하엽 무기폐 잔존.", "좌측 흉막 삼출은 이전과 같이 잔존함.", "RML에 minimal residual atelectasis 잔존."],
)
def test_what_is_still_there_since_the_prior_is_stable(text):
    (found,) = details(text)
    assert found.change == "stable"


@pytest.mark.parametrize(
    "text",
    [
        "좌측 기흉 있음. 흉벽에서 폐 경계까지 약 2센치로 어제 사진보다 증가함.",
        "우측 기흉 있음. 3일 전 응급실 검사에 비해 약간 증가한 상태임.",
    ],
)
def test_a_sentence_that_only_compares_with_a_dated_film_goes_on_about_the_finding(text):
    (found,) = details(text)
    assert found.change == "worse"


def test_a_sentence_comparing_with_a_film_by_its_date_gives_stable():
    found = one("좌측 흉막 비후가 있음. 2019.11 검진 사진과 비교하여 뚜렷한 변화는 없음.", "Pleural Other")
    assert found.change == "stable"


def test_centimetres_written_as_senchi():
    assert one("우측 기흉, 폐첨부에서 약 2센치.", "Pneumothorax").size_mm == 20


@pytest.mark.parametrize(
    ("text", "observation"),
    [
        ("대동맥궁 석회화 및 사행 소견.", "Aortic Tortuosity"),
        ("Aortic calcification and unfolding.", "Aortic Tortuosity"),
        ("lt 9th rib fx.", "Rib Fracture"),
        ("좌상엽의 반흔은 결핵을 치료한 후 남은 흔적으로 보임.", "Old Tuberculosis"),
    ],
)
def test_wordings_of_known_findings(text, observation):
    assert one(text, observation).status == P


@pytest.mark.parametrize(
    "text",
    [
        "우측 늑골횡격막각의 경미한 둔화가 있어 소량 흉수 의심됨.",
        "Rt. CP angle blunting 있어 소량의 effusion 가능성.",
        "좌측 CP angle blunting이 보여 small effusion r/o.",
    ],
)
def test_a_sign_seen_then_its_finding_hedged_is_uncertain(text):
    assert one(text, "Pleural Effusion").status == U


@pytest.mark.parametrize(
    "text",
    ["경계성 심비대 (CTR 0.53).", "심흉곽비 0.55 정도로 경계성 심비대.", "Borderline cardiomegaly, CTR 0.51."],
)
def test_borderline_cardiomegaly_with_its_ratio_is_uncertain(text):
    found = one(text, "Cardiomegaly")
    assert (found.status, found.severity) == (U, "mild")


def test_a_ratio_with_a_committed_cardiomegaly_stays_positive():
    assert one("중등도 심비대 (CTR 0.61).", "Cardiomegaly").status == P


@pytest.mark.parametrize(
    ("text", "observation"),
    [
        ("Moderate hiatal hernia seen behind the heart, unchanged.", "Hiatal Hernia"),
        ("Calcified granuloma projecting over the heart, stable.", "Granuloma"),
    ],
)
def test_a_place_named_by_the_way_does_not_take_the_change(text, observation):
    assert one(text, observation).change == "stable"


def test_an_opacity_increase_compared_with_a_dated_study_is_worse():
    found = one("2024.03 검사와 비교하여 우하폐야의 망상음영이 다소 증가함.", "Lung Opacity")
    assert (found.side, found.change) == ("right", "worse")


@pytest.mark.parametrize(
    ("text", "status", "location"),
    [
        ("좌상엽에 반흔이 있으며 이전과 변화 없음. 과거 결핵 치료 후 남은 흔적으로 생각됨.", P, ("upper",)),
        ("Lt. apex에 calcified nodule, 1년 전과 stable. Old TB 의심.", U, ("apex",)),
    ],
)
def test_tuberculosis_named_in_the_next_sentence_takes_the_trace_it_is_read_from(text, status, location):
    found = [d for d in details(text) if d.observation == "Old Tuberculosis"]
    assert [(d.status, d.side, d.location, d.change) for d in found] == [(status, "left", location, "stable")]


def test_a_residue_read_after_a_resolved_lesion_is_no_resolution():
    found = one(
        "The left lower lobe consolidation has largely resolved, with residual band-like opacity likely atelectasis.",
        "Atelectasis",
    )
    assert found.change != "resolved"


def test_the_tubes_together_in_korean_give_each_device_the_change():
    text = "기관내관 끝은 기관분기부 위 4 cm. 비위관은 위 내에 있음. 관 위치는 이전과 동일함."
    assert [d.change for d in details(text, "Endotracheal Tube") + details(text, "Nasogastric Tube")] == [
        "stable",
        "stable",
    ]


@pytest.mark.parametrize(
    "text",
    ["좌측 흉관은 빠져 있음. 제거 후 기흉은 보이지 않음.", "The left chest tube is out. No pneumothorax after removal."],
)
def test_a_removal_said_by_the_way_is_not_the_findings_resolution(text):
    assert one(text, "Pneumothorax").change is None


@pytest.mark.parametrize(
    "text",
    [
        "COMPARISON: Two days ago.\nFINDINGS: A left subclavian line has been inserted, tip in the SVC.",
        "비교: 전일\n우측 흉관이 삽입되었음.",
    ],
)
def test_a_device_put_in_since_the_prior_is_new(text):
    (found,) = details(text)
    assert found.change == "new"


def test_a_device_that_is_in_place_is_not_new():
    (found,) = details("비교: 전일\n우측 흉관이 삽입되어 있음.")
    assert found.change is None


@pytest.mark.parametrize(
    "text",
    ["우하엽 무기폐가 동반된 것으로 의심됨.", "소량의 우측 흉수가 동반되었을 가능성 있음."],
)
def test_a_verdict_at_the_end_of_the_predicate_holds_over_its_accompaniment(text):
    (found,) = details(text)
    assert found.status == U


def test_an_accompaniment_stated_is_positive():
    assert one("좌하엽 무기폐 동반.", "Atelectasis").status == P


@pytest.mark.parametrize(
    "text",
    [
        "우하폐야에 작은 결절성 음영이 있음. 유두 그림자일 수 있으나 폐결절 배제 필요함.",
        "Small nodular density at the right base. This could be a nipple shadow; a nodule is not excluded.",
    ],
)
def test_a_look_alike_offered_in_the_next_sentence_hedges_the_finding(text):
    assert one(text, "Nodule").status == U


def test_a_device_placed_anew_in_the_addendum_is_the_bodys_device():
    text = (
        "판독소견:\n좌측 쇄골하정맥으로 들어간 중심정맥관 끝이 좌측 내경정맥으로 향함. 위치 이상.\n"
        "[추가 판독] 재위치 후 중심정맥관 끝은 상대정맥에 있음."
    )
    found = one(text, "Central Line")
    assert (found.side, found.position) == ("left", "appropriate")
