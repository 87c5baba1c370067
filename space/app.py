"""korad Space: ask questions in Korean about a chest X-ray report (Gradio 6).

    python space/app.py                                   # grounded backend: no model needed
    python space/app.py --model org/base --adapter org/ko-rad-lora [--load-in-4bit]
    python space/app.py --endpoint teacher --endpoints endpoints.yaml

On a Hugging Face Space, set the same options as Space variables (KORAD_BACKEND, KORAD_MODEL,
KORAD_ADAPTER, KORAD_ENDPOINT, KORAD_ENDPOINTS, ...) and API keys as Space secrets under the names
the endpoints file gives. Report and question text are never logged: the log has lengths, timings
and counts only.
"""

from __future__ import annotations

import html
import logging
import os
import time
from collections.abc import Iterator
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no outbound calls from a medical app

import gradio as gr

from korad.chat import ChatBackend, ContextOverflow, build_messages, check_answer, history_pairs
from korad.chat.backends import make_backend
from korad.chat.grounding import urgent_findings, urgent_notices
from korad.chat.options import BackendSpec, SpaceOptions
from korad.cli import run
from korad.config import parse
from korad.findings import label_report
from korad.glossary import KOREAN_NAMES
from korad.samples import load_sample_reports

log = logging.getLogger("korad.space")

MAX_REPORT_CHARS = 20_000
MAX_QUESTION_CHARS = 1_000
LANGUAGE_NAMES = {"en": "영어", "ko": "한국어", "mixed": "혼합"}
BADGES = {"positive": ("있음", "pos"), "negative": ("없음", "neg"), "uncertain": ("불확실", "unc")}

DISCLAIMER = (
    "**의료 면책 고지**: 이 도구는 판독문을 쉽게 이해하도록 돕는 정보 도우미이며 진단이나 치료를 대신하지 "
    "않습니다. 답변은 틀릴 수 있으니 진단과 치료는 반드시 담당 의료진과 상의하세요. 응급 상황이면 즉시 119 또는 "
    "의료진에게 연락하세요."
)

CSS = """
.badge { display: inline-block; padding: 0 0.5em; border-radius: 0.8em; font-size: 0.85em; margin-right: 0.4em; }
.badge.pos { background: #fde2e1; color: #9b1c1c; }
.badge.neg { background: #def7ec; color: #03543f; }
.badge.unc { background: #fdf6b2; color: #723b13; }
.finding { margin: 0.3em 0; }
.finding .evidence { color: #555; font-size: 0.85em; margin-left: 1.2em; }
.urgent { background: #fde2e1; border-left: 4px solid #c81e1e; padding: 0.5em; margin-bottom: 0.5em; }
#notices:not(:empty) { border-left: 4px solid #e3a008; padding-left: 0.5em; }
"""


def sample_choices() -> list[tuple[str, str]]:
    """(label, id) of each sample report, for the picker."""
    choices = []
    for row in load_sample_reports():
        first = " ".join(row["text"].split())[:48]
        choices.append((f"[{LANGUAGE_NAMES[row['language']]}] {row['id']}: {first}…", row["id"]))
    return choices


def sample_text(sample_id: str | None) -> str:
    """The text of the sample report ``sample_id`` (empty for none)."""
    return next((row["text"] for row in load_sample_reports() if row["id"] == sample_id), "")


def findings_html(report: str | None) -> str:
    """The findings panel: each observation with its badge and evidence, urgent notices first."""
    if not report or not report.strip():
        return "<p>판독문을 입력하면 소견이 여기에 표시됩니다.</p>"
    if len(report) > MAX_REPORT_CHARS:
        return f"<p>{too_long_message(len(report))}</p>"
    findings = label_report(report)
    parts = [f'<div class="urgent">{html.escape(n)}</div>' for n in urgent_notices(urgent_findings(findings))]
    for observation, status in findings.labels.items():
        word, css = BADGES[status]
        evidence = findings.evidence.get(observation)
        parts.append(
            f'<div class="finding"><span class="badge {css}">{word}</span>'
            f"<b>{KOREAN_NAMES[observation]}</b> ({observation})"
            + (f'<div class="evidence">“{html.escape(evidence)}”</div>' if evidence else "")
            + "</div>"
        )
    return "\n".join(parts)


def too_long_message(length: int) -> str:
    return f"판독문이 너무 깁니다({length:,}자). 한 번에 {MAX_REPORT_CHARS:,}자까지 입력할 수 있습니다."


def make_respond(backend: ChatBackend):
    """The chat function: streams the answer, then shows the grounding warnings and notices."""

    def respond(message: str, history: list[Any], report: str) -> Iterator[tuple[str, str]]:
        question = (message or "").strip()
        if not question:
            yield "질문을 입력해 주세요.", ""
            return
        if len(question) > MAX_QUESTION_CHARS:
            yield f"질문이 너무 깁니다({len(question):,}자). {MAX_QUESTION_CHARS:,}자 이내로 줄여 주세요.", ""
            return
        if report and len(report) > MAX_REPORT_CHARS:
            yield too_long_message(len(report)), ""
            return
        started = time.perf_counter()
        try:
            turns = history_pairs(history)
            messages = build_messages(backend, report, question, turns)
        except ContextOverflow:
            yield "판독문과 질문이 모델이 한 번에 읽을 수 있는 길이를 넘습니다. 판독문을 줄여 주세요.", ""
            return
        answer = ""
        try:
            for piece in backend.stream(messages):
                answer += piece
                yield answer, ""
        except Exception as error:  # the UI must answer; the log keeps the error type, never the text
            log.error("backend %s failed: %s", backend.name, type(error).__name__)
            yield answer + "\n\n(답변을 만드는 중 오류가 났습니다. 잠시 후 다시 시도해 주세요.)", ""
            return
        grounding = check_answer(report, answer)
        log.info(
            "answered: backend=%s report_chars=%d question_chars=%d history_turns=%d answer_chars=%d "
            "warnings=%d seconds=%.2f",
            backend.name,
            len(report or ""),
            len(question),
            len(turns),
            len(answer),
            len(grounding.contradictions),
            time.perf_counter() - started,
        )
        yield answer, "\n\n".join(grounding.messages())

    return respond


def build_demo(backend: ChatBackend) -> gr.Blocks:
    """The Space's UI around ``backend``."""
    with gr.Blocks(title="korad · 흉부 X선 판독문 도우미") as demo:
        gr.Markdown(
            "# 흉부 X선 판독문 도우미\n"
            "판독문(영어, 한국어 또는 혼합)을 붙여 넣거나 예시를 고른 뒤 한국어로 질문하세요. "
            f"답변은 판독문에 근거하며, 판독문과 다른 내용은 경고로 표시됩니다. (모델: `{backend.name}`)"
        )
        gr.Markdown(DISCLAIMER, elem_id="disclaimer")
        with gr.Row():
            with gr.Column(scale=2):
                sample = gr.Dropdown(
                    choices=sample_choices(), value=None, label="예시 판독문 (합성 데이터)", elem_id="sample-picker"
                )
                report = gr.Textbox(
                    label="판독문",
                    placeholder="여기에 흉부 X선 판독문을 붙여 넣으세요.",
                    lines=12,
                    max_lines=30,
                    elem_id="report",
                )
                gr.Markdown("### 판독문 소견")
                findings = gr.HTML(findings_html(None), elem_id="findings")
            with gr.Column(scale=3):
                notices = gr.Markdown(elem_id="notices")
                chat = gr.ChatInterface(
                    make_respond(backend),
                    chatbot=gr.Chatbot(label="대화", height=480, elem_id="chatbot"),
                    textbox=gr.Textbox(
                        placeholder="예: 기흉이 있나요? / 요약해 주세요 / 무기폐가 무슨 뜻인가요?",
                        submit_btn="보내기",
                        stop_btn="중지",
                        elem_id="question",
                    ),
                    additional_inputs=[report],
                    additional_outputs=[notices],
                    examples=[["요약해 주세요"], ["기흉이 있나요?"], ["정상인가요?"], ["흉수가 무슨 뜻인가요?"]],
                    examples_label="질문 예시",
                    run_examples_on_click=False,
                )
        sample.change(sample_text, sample, report, api_visibility="private")
        report.change(findings_html, report, findings, api_visibility="private")
        # A new report starts a new conversation.
        report.input(lambda: ([], [], ""), None, [chat.chatbot, chat.chatbot_state, notices], api_visibility="private")
        sample.change(lambda: ([], [], ""), None, [chat.chatbot, chat.chatbot_state, notices], api_visibility="private")
    return demo


def main(argv: list[str] | None = None) -> int:
    description = (
        "korad chat Space: questions in Korean about a chest X-ray report. Without a model it uses the grounded "
        "backend (findings labeler + Korean glossary). Model options also read KORAD_<OPTION> variables."
    )

    def body() -> int:
        options, spec = parse((SpaceOptions, BackendSpec), argv, prog="python space/app.py", description=description)
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
        backend = make_backend(spec)
        log.info("backend: %s", backend.name)
        build_demo(backend).queue().launch(server_name=options.host, server_port=options.port, css=CSS)
        return 0

    return run(body, argv)


if __name__ == "__main__":
    raise SystemExit(main())
