import json

import pytest

from korad.chat.grounding import check_answer
from korad.datasets_builder.filters import AnswerFilter, filter_pair
from korad.details import DETAIL_KEYS, Detail, describe_ko, detail_contradictions
from korad.findings import label_report, main

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
    assert main([str(source), "--output", str(output)]) == 0
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
