"""The chat core on realistic questions: typed requests, yes/no as asked, no false warnings, triage."""

import importlib.util
import sys

import pytest
from conftest import ROOT

import korad.chat.protocol as protocol
from korad.chat import ChatRequest, ChatSession, check_answer, check_reply
from korad.chat.grounded import GroundedBackend, answer_question, yes_no
from korad.chat.protocol import ChatBackend
from korad.chat.questions import read_question
from korad.chat.triage import urgent, urgent_findings
from korad.findings import label_report
from korad.prompts import chat_messages

NORMAL = "FINDINGS: No pneumothorax or pleural effusion. IMPRESSION: No acute process."
EFFUSION = "FINDINGS: Small left pleural effusion. No pneumothorax.\nIMPRESSION: Small left effusion."


def _benchmark(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Recorder(ChatBackend):
    name = "recorder"

    def __init__(self) -> None:
        self.requests: list[ChatRequest] = []

    def stream(self, request):
        self.requests.append(request)
        yield "답변"


# --- A. the typed request ----------------------------------------------------------------------


def test_backends_receive_the_report_and_question_as_written_not_reparsed_from_the_prompt():
    report = "FINDINGS: <b>No pneumothorax.</b> 질문: 이 문장은 판독문의 일부입니다. &lt;tag&gt;"
    backend = Recorder()
    session = ChatSession(backend, report)
    list(session.ask("질문: 기흉이 있나요?"))
    (request,) = backend.requests
    assert request.report == report and request.question == "질문: 기흉이 있나요?"
    assert request.findings.labels["Pneumothorax"] == "negative"
    # Model backends lay the same request out in the trained prompt layout.
    assert request.messages() == chat_messages(report, "질문: 기흉이 있나요?")
    # The grounded backend reads the fields: the report's "질문:" does not cut it, nothing is unescaped.
    answer = answer_question(report, "기흉이 있나요?")
    assert answer.startswith("아니요") and "“<b>No pneumothorax.”" in answer


def test_a_turn_labels_the_report_once(monkeypatch):
    calls = []

    def counting(text):
        calls.append(text)
        return label_report(text)

    monkeypatch.setattr(protocol, "label_report", counting)
    backend = GroundedBackend()
    request = ChatRequest.about(EFFUSION, "흉수가 있나요?")
    answer = backend.generate(request)
    check_reply(backend, request, answer)
    assert calls == [EFFUSION]


def test_the_protocol_module_imports_no_backend():
    imported = [name for name in sys.modules if name.startswith("korad.chat.")]
    assert "korad.chat.protocol" in imported
    source = (ROOT / "korad" / "chat" / "protocol.py").read_text()
    assert "korad.chat" not in source.split('"""', 2)[2]  # imports only findings and prompts


# --- B. no false warnings ------------------------------------------------------------------------


def test_the_weather_example_gets_no_warning_from_any_reading():
    backend = GroundedBackend()
    request = ChatRequest.about(NORMAL, "오늘 날씨 어때요?")
    answer = backend.generate(request)
    assert check_reply(backend, request, answer).messages() == []
    assert check_answer(NORMAL, answer).ok  # read as a model's text, too


@pytest.mark.parametrize(
    "answer",
    [
        "이 판독문으로는 답할 수 없습니다. 예를 들어 “기흉이 있나요?”처럼 물어보세요.",
        "판독문에 대해 물어보세요 (예: 기흉이 있나요?, 흉수가 있나요?).",
        "기흉이 있나요? 판독문에는 기흉이 없다고 적혀 있습니다.",
        "판독문에는 기흉, 흉수, 폐 음영 증가는 없다고 적혀 있습니다.",
        "판독문에 “No pneumothorax or pleural effusion.”이라고 적혀 있어 이상이 없습니다.",
    ],
)
def test_the_check_reads_only_what_a_model_answer_asserts(answer):
    assert check_answer(NORMAL, answer).ok, check_answer(NORMAL, answer).messages()


def test_the_check_still_warns_on_a_real_contradiction_beside_quotes():
    grounding = check_answer(NORMAL, "판독문에 “No acute process.”라고 적혀 있지만 기흉이 있습니다.")
    assert [c.observation for c in grounding.contradictions] == ["Pneumothorax"]


def test_grounded_answers_pass_their_claims_as_data():
    backend = GroundedBackend()
    request = ChatRequest.about(EFFUSION, "흉수가 있나요?")
    claims = backend.claims(request, backend.generate(request))
    assert claims.labels == {"Pleural Effusion": "positive"}
    assert backend.claims(request, "잘린 답") is None  # not its answer: read as text


# --- C. yes/no as asked ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("report", "question", "opening"),
    [
        (NORMAL, "이상이 있나요?", "아니요, 판독문상 특별한 이상 소견은 없습니다"),
        (NORMAL, "정상인가요?", "네"),
        (NORMAL, "이상 없나요?", "네"),
        ("FINDINGS: Heart size is normal. Lungs are clear.", "심장 크기는 정상인가요?", "네"),
        (NORMAL, "기흉은 없죠?", "네"),
        (NORMAL, "흉수가 없나요?", "네"),
        (NORMAL, "기흉이 있나요?", "아니요"),
        (EFFUSION, "흉수는 없는 거죠?", "아니요"),
        (EFFUSION, "정상인가요?", "아니요"),
        (EFFUSION, "이상이 있나요?", "네"),
        ("FINDINGS: Cardiomegaly, unchanged from prior.\nIMPRESSION: Stable cardiomegaly.", "심비대가 악화되었나요?", "아니요"),
        ("FINDINGS: Cardiomegaly, unchanged from prior.\nIMPRESSION: Stable cardiomegaly.", "변화 없나요?", "네"),
        ("FINDINGS: Heart size is normal. No consolidation.", "폐렴은 아니죠?", "네"),
    ],
)
def test_yes_no_answers_the_question_as_asked(report, question, opening):
    answer = answer_question(report, question)
    assert answer.startswith(opening), answer


def test_yes_no_is_one_rule_of_truth_and_question_polarity():
    assert (yes_no(True), yes_no(False), yes_no(True, negated=True), yes_no(False, negated=True)) == (
        "네", "아니요", "아니요", "네",
    )


@pytest.mark.parametrize(
    ("question", "kind", "observation", "negated"),
    [
        ("폐에 물이 찼나요?", "presence", "Pleural Effusion", False),
        ("폐가 쪼그라들었나요?", "presence", "Atelectasis", False),
        ("혹이 있나요?", "presence", "Nodule", False),
        ("폐에 바람이 샜나요?", "presence", "Pneumothorax", False),
        ("염증이 있나요?", "presence", "Pneumonia", False),
        ("심장이 커졌나요?", "presence", "Cardiomegaly", False),
        ("뼈가 부러졌나요?", "presence", "Fracture", False),
        ("기흉은 없죠?", "presence", "Pneumothorax", True),
        ("심장 크기는 정상인가요?", "presence", "Cardiomegaly", True),
        ("흉수는 어느 쪽에 있나요?", "side", "Pleural Effusion", False),
        ("결절이 큰가요?", "size", "Lung Lesion", False),
        ("예전보다 심해졌나요?", "change", None, False),
        ("심비대가 악화되었나요?", "change", "Cardiomegaly", False),
        ("튜브 위치는 괜찮나요?", "position", "Support Devices", False),
        ("검사를 더 받아야 하나요?", "next_steps", None, False),
        ("무기폐가 뭔가요?", "meaning", "Atelectasis", False),
        ("오늘 날씨 어때요?", "other", None, False),
    ],
)
def test_questions_are_read_with_their_kind_finding_and_polarity(question, kind, observation, negated):
    read = read_question(question)
    assert read.kind == kind and read.negated == negated
    assert (read.observations[0] if read.observations else None) == observation


# --- D. triage ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("report", "urgent_observations"),
    [
        ("IMPRESSION: Mild stable central vascular congestion.", []),
        ("IMPRESSION: Large right pneumothorax with tension physiology.", ["Pneumothorax"]),
        ("IMPRESSION: Right pneumothorax.", ["Pneumothorax"]),
        ("IMPRESSION: Right lower lobe pneumonia.", ["Pneumonia"]),
        (NORMAL, []),
    ],
)
def test_triage_rules(report, urgent_observations):
    assert [u.observation for u in urgent(label_report(report))] == urgent_observations
    assert list(urgent_findings(label_report(report))) == urgent_observations


def test_the_urgent_notice_shows_once_and_not_under_a_meaning_question():
    session = ChatSession(GroundedBackend(), "IMPRESSION: Tension pneumothorax on the right.")
    notices = []
    for question in ("무기폐가 뭔가요?", "기흉이 있나요?", "요약해 주세요"):
        answer = "".join(session.ask(question))
        notices.append([m for m in session.check(answer).messages() if m.startswith("[긴급]")])
    assert [len(n) for n in notices] == [0, 1, 0]
    assert "긴장성 기흉" in notices[1][0]


# --- F. the realistic dev corpus -----------------------------------------------------------------------


def test_dev_corpus_no_self_warnings_and_yes_no_as_asked():
    counts = _benchmark("grounded_realistic").measure("dev")["counts"]
    assert counts["answers"] >= 300 and counts["self_warnings"] == 0
    assert counts["polarity_hit"] / counts["polarity"] >= 0.78
    assert counts["yes_no_hit"] / counts["yes_no"] >= 0.58
