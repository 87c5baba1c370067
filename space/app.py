"""korad Space: ask questions in Korean about a chest X-ray report (Gradio 6).

    python space/app.py                                   # grounded backend: no model needed
    python space/app.py --model org/base --adapter org/ko-rad-lora [--load-in-4bit]
    python space/app.py --endpoint teacher --endpoints endpoints.yaml

On ZeroGPU hardware the local model's generation runs in ``generate_on_gpu``, decorated with
``@spaces.GPU`` for as long as the answer's token budget needs (``gpu_seconds``); the model is loaded
before ``launch``, as ZeroGPU requires, and nothing else touches CUDA. Without ZeroGPU (CPU, a local
GPU) the decorator returns the function unchanged (docs/space.md).

On a Hugging Face Space, set the same options as Space variables (KORAD_BACKEND, KORAD_MODEL,
KORAD_ADAPTER, KORAD_ENDPOINT, KORAD_ENDPOINTS, ...) and API keys as Space secrets under the names
the endpoints file gives; KORAD_CONCURRENCY_LIMIT and KORAD_MAX_QUEUE set how many questions it
answers at a time and keeps waiting (defaults per backend: SERVING_LIMITS). Report, question and
answer text is shown as plain text, never markup (korad/chat/display.py), and never logged: the log
has lengths, timings and counts only.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import math
import os
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no outbound calls from a medical app

import gradio as gr
import spaces  # before torch (gradio does not import it): on ZeroGPU it patches torch, no CUDA in this process
from gradio.components.chatbot import TextMessage

from korad.chat import (
    BackendSpec,
    ChatBackend,
    ChatRequest,
    ContextOverflow,
    check_reply,
    fit_to_context,
    history_pairs,
)
from korad.chat.backends import make_backend
from korad.chat.display import html_text, notices_html, text_html
from korad.chat.grounded import particle
from korad.chat.options import SpaceOptions
from korad.chat.triage import urgent_findings, urgent_notices
from korad.cli import run
from korad.config import parse
from korad.details import SIDE_KO, describe_ko
from korad.findings import Findings, label_report
from korad.glossary import KOREAN_NAMES, korean_name
from korad.lexicon import PARENTS
from korad.samples import TITLE_ORDER, load_sample_reports, sample_title

log = logging.getLogger("korad.space")

MAX_REPORT_CHARS = 20_000
MAX_QUESTION_CHARS = 1_000
LANGUAGE_NAMES = {"en": "영어", "ko": "한국어", "mixed": "혼합"}
BADGES = {"positive": ("있음", "pos"), "negative": ("없음", "neg"), "uncertain": ("불확실", "unc")}
NEUTRAL_POSITIVE = {"No Finding": ("정상", "neg"), "Support Devices": ("있음", "dev")}
"""Positive labels that are not abnormal: no red badge beside "특이 소견 없음" or a device."""
FIRST_SAMPLE = "syn-ko-03"
"""The sample report the page opens with, so that a first-time user can ask at once."""

SERVING_LIMITS: dict[str, tuple[int, int]] = {"grounded": (16, 256), "transformers": (1, 16), "openai": (8, 64)}
"""Backend kind -> (answers at a time, questions waiting in the queue). Rules answer in
milliseconds and run many at once; a local model answers one at a time; a remote endpoint serves
several. ``--concurrency-limit`` and ``--max-queue`` override the configured backend's pair."""

BACKEND_KINDS = {
    "grounded": "규칙 기반 판독",
    "transformers": "언어 모델 (이 서버에서 실행)",
    "openai": "언어 모델 (원격 서버)",
}

ABOUT = (
    "기본 답변은 판독문을 정해진 **규칙으로 읽어** 만듭니다. 언어 모델(AI 챗봇)도, 의사도 아닙니다. "
    "진단과 치료는 담당 의료진과 상의하세요."
)

DISCLAIMER = (
    "**의료 면책 고지**: 이 도구는 판독문을 쉽게 이해하도록 돕는 정보 도우미이며 진단이나 치료를 대신하지 "
    "않습니다. 답변은 틀릴 수 있으니 진단과 치료는 반드시 담당 의료진과 상의하세요. 응급 상황이면 즉시 119 또는 "
    "의료진에게 연락하세요. 예시 판독문은 합성 데이터입니다."
)

CSS = """
.badge { display: inline-block; padding: 0 0.5em; border-radius: 0.8em; font-size: 0.85em; margin-right: 0.4em; }
.badge.pos { background: #fde2e1; color: #9b1c1c; }
.badge.neg { background: #def7ec; color: #03543f; }
.badge.unc { background: #fdf6b2; color: #723b13; }
.badge.dev { background: #e5e7eb; color: #374151; }
.finding { margin: 0.3em 0; }
.finding .evidence { color: #555; font-size: 0.85em; margin-left: 1.2em; }
.finding .details { color: #333; font-size: 0.85em; margin-left: 0.4em; }
.urgent, .notice.urgent { background: #fde2e1; border-left: 4px solid #c81e1e; padding: 0.5em; margin-bottom: 0.5em; }
.notice { white-space: pre-wrap; padding: 0.4em 0.5em; margin-bottom: 0.4em; border-left: 4px solid #e3a008; }
.notice.warning { background: #fdf6b2; }
#chatbot .message-content, #chatbot .md { white-space: pre-wrap; }
#about p, #backend-status p { margin: 0.2em 0; font-size: 0.92em; }
#title h1 { margin: 0; font-size: 1.35em; }
#chat-column { order: -1; }
#notices:has(.prose:empty) { display: none; }
#chatbot:has(.placeholder-content) { height: 140px !important; }
#chatbot .placeholder-content { padding: 0.5em 1em; font-size: 0.92em; }
@media (max-width: 640px) {
  #chatbot { height: 40vh !important; min-height: 200px; }
  #chat-column:has(#notices .notice) #chatbot { height: 28vh !important; }
  #chatbot:has(.placeholder-content) { height: 110px !important; min-height: 0; }
  #title h1 { font-size: 1.15em; }
}
"""


def backend_kind(backend: ChatBackend) -> str:
    """grounded, transformers or openai (the part of the backend's name before ":")."""
    return backend.name.split(":", 1)[0]


def describe_backend(backend: ChatBackend) -> str:
    """What answers, in Korean words a patient understands, with the backend's name."""
    kind = backend_kind(backend)
    return f"{BACKEND_KINDS.get(kind, kind)} ({backend.name})"


def backend_status(backend: ChatBackend) -> str:
    """The line that says which backend answers now."""
    kind = backend_kind(backend)
    return f"지금 답하는 방식: **{BACKEND_KINDS.get(kind, kind)}** (`{backend.name}`)"


def serving_limits(
    backend: ChatBackend, concurrency_limit: int | None = None, max_queue: int | None = None
) -> tuple[int, int]:
    """(answers at a time, questions waiting) for ``backend``: its kind's defaults unless given."""
    concurrency, queue = SERVING_LIMITS.get(backend_kind(backend), SERVING_LIMITS["openai"])
    return concurrency_limit or concurrency, max_queue or queue


GPU_WARMUP_SECONDS = 15
"""ZeroGPU: seconds planned to attach a GPU and move the model's weights onto it before the first token."""
GPU_TOKENS_PER_SECOND = 8
"""ZeroGPU: the slowest decoding planned for (a 7B model in 4 bits on half a GPU, transformers' generate)."""

GPU_BACKENDS: dict[str, ChatBackend] = {}
"""The local models of this page by name. ``generate_on_gpu`` takes a name, not the backend: on ZeroGPU its
arguments are pickled to the worker process that holds the GPU (a forked copy of this one), and a model is not."""


def gpu_seconds(max_new_tokens: int) -> int:
    """How long ZeroGPU should hold a GPU for an answer of at most ``max_new_tokens`` tokens.

    A shorter duration is served sooner from the ZeroGPU queue and costs visitors less quota; one too
    short cuts the answer off, so the budget is the warm-up plus every token at the slowest planned speed."""
    return GPU_WARMUP_SECONDS + math.ceil(max_new_tokens / GPU_TOKENS_PER_SECOND)


def gpu_duration(backend_name: str, request: ChatRequest) -> int:
    """``@spaces.GPU``'s duration for one call of ``generate_on_gpu`` (it receives the call's arguments)."""
    return gpu_seconds(GPU_BACKENDS[backend_name].max_new_tokens)


@spaces.GPU(duration=gpu_duration)
def generate_on_gpu(backend_name: str, request: ChatRequest) -> Iterator[str]:
    """The local model's answer in pieces. On ZeroGPU this runs in a worker process that holds a GPU for
    ``gpu_duration`` seconds; elsewhere (CPU, a local GPU) ``spaces.GPU`` leaves the function as it is."""
    yield from GPU_BACKENDS[backend_name].stream(request)


def answer_stream(backend: ChatBackend, request: ChatRequest) -> Iterator[str]:
    """The answer in pieces: a local model's through ``generate_on_gpu``, the others' (rules, a remote
    endpoint) directly, since they need no GPU and must not spend ZeroGPU quota."""
    if GPU_BACKENDS.get(backend.name) is backend:
        return generate_on_gpu(backend.name, request)
    return backend.stream(request)


@functools.cache
def sample_choices() -> tuple[tuple[str, str], ...]:
    """(title, id) of each sample report for the picker: a short Korean title of what it shows."""
    seen: dict[str, int] = {}
    choices = []
    for row in load_sample_reports():
        title = sample_title(row["labels"], finding_sides(label_report(row["text"])))
        label = f"{title} · {LANGUAGE_NAMES[row['language']]}"
        seen[label] = seen.get(label, 0) + 1
        choices.append((label if seen[label] == 1 else f"{label} {seen[label]}", row["id"]))
    return tuple(choices)


def finding_sides(findings: Findings) -> dict[str, str]:
    """Observation -> the side the report gives its findings ("좌측", "우측", "양측"; none when not said)."""
    sides: dict[str, set[str]] = {}
    for detail in findings.details:
        if detail.status == "positive" and detail.side:
            sides.setdefault(detail.observation, set()).add(detail.side)
    return {
        observation: SIDE_KO["bilateral"] if len(found) > 1 else SIDE_KO[found.pop()]
        for observation, found in sides.items()
    }


def detail_words(findings: Findings, observation: str, status: str) -> str:
    """What the report says of ``observation`` beyond its label, in Korean ("좌측 · 소량 · 이전보다 증가").

    Kinds are named one by one (devices: "기관내관 · 위치 적절"); the label's own word (없음) is left to the badge.
    """
    own, kinds = [], []
    for detail in findings.details:
        if observation not in (detail.observation, PARENTS.get(detail.observation)) or detail.status != status:
            continue
        said = describe_ko(dataclasses.replace(detail, status="positive"))
        if detail.observation != observation:
            kinds.append(" ".join(filter(None, (korean_name(detail.observation), said))))
        elif said:
            own.append(said)
    return "; ".join(dict.fromkeys(kinds or own))


def sample_text(sample_id: str | None) -> str:
    """The text of the sample report ``sample_id`` (empty for none)."""
    return next((row["text"] for row in load_sample_reports() if row["id"] == sample_id), "")


def matching_sample(report: str | None) -> str | None:
    """The id of the sample whose text is in the report box, None when the box holds anything else."""
    text = (report or "").strip()
    return next((row["id"] for row in load_sample_reports() if text and row["text"].strip() == text), None)


def _abnormal(findings: Findings, status: str) -> list[str]:
    """The report's observations with ``status`` that are findings (not "No Finding", not devices)."""
    return [o for o in TITLE_ORDER if findings.labels.get(o) == status and o != "Support Devices"]


def _asks_about(observation: str) -> str:
    name = KOREAN_NAMES[observation]
    return f"{name}{particle(name, '이', '가')}"


def example_questions(report: str | None) -> list[str]:
    """Three questions that the rule-based reading answers about ``report``, from its findings."""
    if not report or not report.strip():
        return ["요약해 주세요", "기흉이 있나요?", "무기폐가 무슨 뜻인가요?"]
    findings = label_report(report)
    positive, negative = _abnormal(findings, "positive"), _abnormal(findings, "negative")
    if positive:
        return [f"{_asks_about(positive[0])} 있나요?", "요약해 주세요", f"{_asks_about(positive[-1])} 무슨 뜻인가요?"]
    uncertain = _abnormal(findings, "uncertain")
    asked = (uncertain or negative or ["Pneumothorax"])[0]
    return ["정상인가요?", "요약해 주세요", f"{_asks_about(asked)} 있나요?"]


def findings_html(report: str | None) -> str:
    """The findings panel: each observation with its badge and evidence, urgent notices first."""
    if not report or not report.strip():
        return "<p>판독문을 입력하면 소견이 여기에 표시됩니다.</p>"
    if len(report) > MAX_REPORT_CHARS:
        return f"<p>{too_long_message(len(report))}</p>"
    findings = label_report(report)
    parts = [f'<div class="urgent">{text_html(n)}</div>' for n in urgent_notices(urgent_findings(findings))]
    for observation, status in findings.labels.items():
        word, css = NEUTRAL_POSITIVE.get(observation, BADGES[status]) if status == "positive" else BADGES[status]
        evidence = findings.evidence.get(observation)
        details = detail_words(findings, observation, status)
        parts.append(
            f'<div class="finding"><span class="badge {css}">{word}</span>'
            f"<b>{korean_name(observation)}</b> ({observation})"
            + (f'<span class="details">{text_html(details)}</span>' if details else "")
            + (f'<div class="evidence">“{text_html(evidence)}”</div>' if evidence else "")
            + "</div>"
        )
    return "\n".join(parts)


def too_long_message(length: int) -> str:
    return f"판독문이 너무 깁니다({length:,}자). 한 번에 {MAX_REPORT_CHARS:,}자까지 입력할 수 있습니다."


def text_chatbot(**kwargs: Any) -> gr.Chatbot:
    """A Chatbot that shows every message as plain text: no markdown, no HTML (``korad.chat.display``).

    Messages are escaped on their way to the page and unescaped on their way back, so the chat
    function and the API see the text as written. The methods are wrapped on the instance (a
    Component subclass would make Gradio write a ``.pyi`` stub next to this file), so an event must
    never return a ``gr.Chatbot(...)`` update for it: Gradio would swap in a plain Chatbot.
    """
    chatbot = gr.Chatbot(render_markdown=False, sanitize_html=True, latex_delimiters=[], allow_tags=False, **kwargs)
    to_page, from_page = chatbot.postprocess, chatbot.preprocess

    def postprocess(value: Any) -> Any:
        data = to_page(value)
        for message in data.root:
            for content in message.content:
                if isinstance(content, TextMessage):
                    content.text = text_html(content.text)
        return data

    def preprocess(payload: Any) -> list[Any]:
        messages = from_page(payload)
        for message in messages:
            for content in message["content"]:
                if isinstance(content, dict) and content.get("type") == "text":
                    content["text"] = html_text(content["text"])
        return messages

    chatbot.postprocess, chatbot.preprocess = postprocess, preprocess
    return chatbot


def notices_box(**kwargs: Any) -> gr.HTML:
    """The warnings and notices under the chat: plain text from the chat function, shown escaped."""
    box = gr.HTML(**kwargs)
    to_page = box.postprocess
    box.postprocess = lambda value: to_page(notices_html(value))
    return box


def make_respond(backends: Sequence[ChatBackend], limits: dict[str, int] | None = None):
    """The chat function: streams the answer of the chosen backend, then the warnings and notices.

    ``limits`` (backend name -> answers at a time) holds each backend to its own limit when the
    page offers several. A local model is registered in ``GPU_BACKENDS`` here, before ``launch``: on
    ZeroGPU the worker that generates is forked from this process and finds it there.
    """
    by_name = {backend.name: backend for backend in backends}
    GPU_BACKENDS.update({b.name: b for b in backends if backend_kind(b) == "transformers"})
    slots = {name: threading.BoundedSemaphore(n) for name, n in (limits or {}).items()}

    def respond(
        message: str, history: list[Any], report: str, backend_name: str | None = None
    ) -> Iterator[tuple[str, str]]:
        backend = by_name.get(backend_name or "", backends[0])
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
            request = fit_to_context(backend, ChatRequest.about(report, question, turns))  # labels the report once
        except ContextOverflow:
            yield "판독문과 질문이 모델이 한 번에 읽을 수 있는 길이를 넘습니다. 판독문을 줄여 주세요.", ""
            return
        answer = ""
        with ExitStack() as stack:
            if backend.name in slots:
                stack.enter_context(slots[backend.name])
            try:
                for piece in answer_stream(backend, request):
                    answer += piece
                    yield answer, ""
            except Exception as error:  # the UI must answer; the log keeps the error type, never the text
                log.error("backend %s failed: %s", backend.name, type(error).__name__)
                yield answer + "\n\n(답변을 만드는 중 오류가 났습니다. 잠시 후 다시 시도해 주세요.)", ""
                return
        grounding = check_reply(backend, request, answer)
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


def build_demo(
    backends: ChatBackend | Sequence[ChatBackend],
    concurrency_limit: int | None = None,
    max_queue: int | None = None,
) -> gr.Blocks:
    """The Space's UI around ``backends`` (the first is the default), its queue set per backend.

    ``concurrency_limit`` and ``max_queue`` override the first backend's ``SERVING_LIMITS``.
    """
    backends = [backends] if isinstance(backends, ChatBackend) else list(backends)
    limits = {
        b.name: serving_limits(b, *((concurrency_limit, max_queue) if i == 0 else ())) for i, b in enumerate(backends)
    }
    first_report = sample_text(FIRST_SAMPLE)
    with gr.Blocks(title="korad · 흉부 X선 판독문 도우미") as demo:
        gr.Markdown("# 흉부 X선 판독문 도우미", elem_id="title")
        gr.Markdown(ABOUT, elem_id="about")
        picker = gr.Radio(
            choices=[(describe_backend(b), b.name) for b in backends],
            value=backends[0].name,
            label="지금 답하는 방식 (고를 수 있습니다)",
            visible=len(backends) > 1,
            elem_id="backend-picker",
        )
        # Which backend answers: a line, or the choice itself where several are configured.
        gr.Markdown(backend_status(backends[0]), visible=len(backends) == 1, elem_id="backend-status")
        sample = gr.Dropdown(
            choices=list(sample_choices()),
            value=FIRST_SAMPLE,
            label="예시 판독문 (합성 데이터)",
            elem_id="sample-picker",
        )
        with gr.Row(equal_height=False):
            # The report column comes first in the page's code (the chat reads the report box) and
            # second on the screen (CSS order): on a phone the question box is on the first screen.
            with gr.Column(scale=2, min_width=320, elem_id="report-column"):
                report = gr.Textbox(
                    value=first_report,
                    label="판독문",
                    placeholder="여기에 흉부 X선 판독문을 붙여 넣으세요 (영어, 한국어 또는 혼합).",
                    lines=10,
                    max_lines=30,
                    elem_id="report",
                )
                gr.Markdown("### 판독문 소견")
                findings = gr.HTML(findings_html(first_report), elem_id="findings")
            with gr.Column(scale=3, min_width=320, elem_id="chat-column"):
                notices = notices_box(elem_id="notices")
                chat = gr.ChatInterface(
                    make_respond(backends, {name: n for name, (n, _) in limits.items()}),
                    chatbot=text_chatbot(
                        label="대화",
                        show_label=False,
                        height=480,
                        elem_id="chatbot",
                        buttons=["copy"],
                        placeholder="판독문에 대해 한국어로 물어보세요. 아래 질문 예시를 누르면 질문 칸에 들어갑니다.",
                    ),
                    textbox=gr.Textbox(
                        placeholder="판독문에 대해 한국어로 질문하세요",
                        submit_btn="보내기",
                        stop_btn="중지",
                        elem_id="question",
                    ),
                    additional_inputs=[report] + ([picker] if len(backends) > 1 else []),
                    additional_outputs=[notices],
                    concurrency_limit=sum(n for n, _ in limits.values()),
                )
                # Not the ChatInterface's own examples: changing those replaces the chatbot of the
                # session with a plain gr.Chatbot, which would show markup (see text_chatbot).
                examples = gr.Dataset(
                    components=[chat.textbox],
                    samples=[[q] for q in example_questions(first_report)],
                    label="질문 예시 (누르면 질문 칸에 들어갑니다)",
                    elem_id="example-questions",
                )
        gr.Markdown(DISCLAIMER, elem_id="disclaimer")

        def new_report(text: str) -> tuple[Any, ...]:
            """A new report: its findings and example questions, the picker in step with the box, a new
            conversation. (The chatbot gets a value, never a gr.Chatbot update: see text_chatbot.)"""
            questions = gr.Dataset(samples=[[q] for q in example_questions(text)])
            return findings_html(text), matching_sample(text), [], [], "", questions

        # However a report arrives (typed, pasted, a sample picked), it starts a new conversation.
        sample.input(sample_text, sample, report, queue=False, api_visibility="private")
        report.change(
            new_report,
            report,
            [findings, sample, chat.chatbot, chat.chatbot_state, notices, examples],
            queue=False,
            api_visibility="private",
        )
        examples.click(lambda example: example[0], examples, chat.textbox, queue=False, api_visibility="private")
    return demo.queue(max_size=sum(q for _, q in limits.values()))


def configured_backends(spec: BackendSpec) -> list[ChatBackend]:
    """The backend ``spec`` describes, and beside a model the rule-based reading (the page offers both)."""
    backends = [make_backend(spec)]
    if spec.resolved() != "grounded":
        backends.append(make_backend(BackendSpec(backend="grounded")))
    return backends


def main(argv: list[str] | None = None) -> int:
    description = (
        "korad chat Space: questions in Korean about a chest X-ray report. Without a model it uses the grounded "
        "backend (findings labeler + Korean glossary). Model options also read KORAD_<OPTION> variables."
    )

    def body() -> int:
        options, spec = parse((SpaceOptions, BackendSpec), argv, prog="python space/app.py", description=description)
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
        backends = configured_backends(spec)
        log.info("backend: %s", ", ".join(b.name for b in backends))
        demo = build_demo(backends, options.concurrency_limit, options.max_queue)  # queue set there, per backend
        demo.launch(server_name=options.host, server_port=options.port, css=CSS)
        return 0

    return run(body, argv)


if __name__ == "__main__":
    raise SystemExit(main())
