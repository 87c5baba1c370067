"""Time to first token through the Space's API against calling the backend directly; concurrent users.

    python benchmarks/chat_latency.py [--runs 20]
    python benchmarks/chat_latency.py --users 1 8 32 [--latency 1.0 --stream-seconds 1.0]

Two backends: a tiny local Llama (transformers, built here) and the local OpenAI-compatible
server (openai backend, streaming). For each, the median time to the first piece of the answer
when calling ``backend.stream`` directly, and when asking the running Space through its HTTP API
(``POST /gradio_api/call/respond``, then the event stream). Target: the Space adds at most 50 ms.

``gradio_client`` is timed too, for information: it polls its message queue every 50 ms
(gradio_client/utils.py), so it adds up to 50 ms of its own on top of the Space.

With ``--users``, the Space serves the local OpenAI-compatible server as its model, answering
after ``--latency`` seconds and streaming for ``--stream-seconds`` more (a realistic 1-2 s), with
the Space's own per-backend limits (``SERVING_LIMITS``, or ``--concurrency-limit``). For each
number of users asking at once, it prints the median and 95th percentile of the time to the first
token and of the total time per question, as users see them through the Space's HTTP API.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
REPORT = "FINDINGS: Small left pleural effusion. No pneumothorax.\nIMPRESSION: Small left effusion."
QUESTION = "흉수가 있나요?"


def direct_ttft(backend) -> float:
    from korad.chat import ChatRequest, fit_to_context

    started = time.perf_counter()
    stream = backend.stream(fit_to_context(backend, ChatRequest.about(REPORT, QUESTION)))
    next(stream)
    elapsed = time.perf_counter() - started
    for _ in stream:
        pass
    return elapsed


def http_ttft(http, url: str) -> float:
    """Time to the first streamed piece through the Space's HTTP API (Server-Sent Events)."""
    started = time.perf_counter()
    event_id = http.post(f"{url}gradio_api/call/respond", json={"data": [QUESTION, REPORT]}).json()["event_id"]
    first, event = None, None
    with http.stream("GET", f"{url}gradio_api/call/respond/{event_id}") as stream:
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event = line.removeprefix("event:").strip()
            elif first is None and line.startswith("data:") and event in ("generating", "complete"):
                first = time.perf_counter() - started
    return first


def http_times(http, url: str) -> tuple[float, float]:
    """(time to the first streamed piece, time to the complete answer) through the Space's HTTP API."""
    started = time.perf_counter()
    event_id = http.post(f"{url}gradio_api/call/respond", json={"data": [QUESTION, REPORT]}).json()["event_id"]
    first, event = None, None
    with http.stream("GET", f"{url}gradio_api/call/respond/{event_id}") as stream:
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event = line.removeprefix("event:").strip()
                if event == "error":
                    raise RuntimeError("the Space answered with an error event")
            elif first is None and line.startswith("data:") and event in ("generating", "complete"):
                first = time.perf_counter() - started
    return first, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    """The ``share`` percentile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def load_app():
    spec = importlib.util.spec_from_file_location("korad_space_app", ROOT / "space" / "app.py")
    app = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(app)
    return app


def concurrent_users(users: list[int], latency: float, stream_seconds: float, concurrency_limit: int | None) -> None:
    """Median and p95 time to first token and total time with ``users`` asking at once."""
    import httpx
    import yaml

    from korad.chat import BackendSpec, make_backend
    from korad.testing.openai_server import OpenAIServer
    from korad.testing.ports import free_port

    answer = "네, 판독문에 소량의 좌측 흉수가 있다고 적혀 있습니다. 담당 의료진과 상의하세요."
    pieces = -(-len(answer) // 4)  # the server streams four characters a chunk
    app = load_app()
    with (
        tempfile.TemporaryDirectory() as work,
        OpenAIServer(lambda request: answer, latency=latency, stream_delay=stream_seconds / pieces) as server,
    ):
        endpoints = Path(work) / "endpoints.yaml"
        endpoint = {"base_url": server.base_url, "model": "m", "allow_credentialed": True}
        endpoints.write_text(yaml.safe_dump({"endpoints": {"local": endpoint}}))
        backend = make_backend(BackendSpec(endpoint="local", endpoints=str(endpoints)))
        limit, queue = app.serving_limits(backend, concurrency_limit)
        port = free_port()
        demo = app.build_demo(backend, concurrency_limit)
        demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
        url = f"http://127.0.0.1:{port}/"
        print(
            f"model: local OpenAI-compatible server, first token after {latency:g} s, streaming {stream_seconds:g} s; "
            f"Space limits: {limit} answers at a time, {queue} waiting"
        )
        try:
            limits = httpx.Limits(max_connections=2 * max(users) + 8)
            with httpx.Client(timeout=300, limits=limits) as http:
                http_times(http, url)  # warm up
                for count in users:
                    questions = max(count, 4)  # at least four questions for a median
                    with ThreadPoolExecutor(count) as pool:
                        times = list(pool.map(lambda _: http_times(http, url), range(questions)))
                    ttft, total = [t for t, _ in times], [t for _, t in times]
                    print(
                        f"{count:>3} users at once ({questions} questions): time to first token median "
                        f"{statistics.median(ttft):5.2f} s, p95 {percentile(ttft, 0.95):5.2f} s; total median "
                        f"{statistics.median(total):5.2f} s, p95 {percentile(total, 0.95):5.2f} s"
                    )
        finally:
            demo.close()


def client_ttft(client) -> float:
    started = time.perf_counter()
    job = client.submit(QUESTION, REPORT, api_name="/respond")
    first = None
    for answer, _notices in job:
        if first is None and answer:
            first = time.perf_counter() - started
    return first


def measure(name: str, backend, runs: int) -> tuple[float, float]:
    import httpx
    from gradio_client import Client

    from korad.testing.ports import free_port

    app = load_app()
    port = free_port()
    demo = app.build_demo(backend)
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        client = Client(url, verbose=False)
        with httpx.Client(timeout=60) as http:
            direct_ttft(backend), http_ttft(http, url), client_ttft(client)  # warm up
            direct = statistics.median(direct_ttft(backend) for _ in range(runs))
            space = statistics.median(http_ttft(http, url) for _ in range(runs))
            via_client = statistics.median(client_ttft(client) for _ in range(runs))
    finally:
        demo.close()
    print(
        f"{name:<12} median time to first token over {runs} runs: direct {direct * 1000:6.1f} ms, "
        f"Space HTTP API {space * 1000:6.1f} ms, overhead {(space - direct) * 1000:5.1f} ms (target <= 50 ms); "
        f"gradio_client {via_client * 1000:6.1f} ms"
    )
    return direct, space


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--users", type=int, nargs="+", help="measure these numbers of users asking at once")
    parser.add_argument("--latency", type=float, default=1.0, help="the model's seconds to its first token (--users)")
    parser.add_argument("--stream-seconds", type=float, default=1.0, help="the model's seconds of streaming (--users)")
    parser.add_argument("--concurrency-limit", type=int, help="the Space's answers at a time (default: per backend)")
    args = parser.parse_args()
    if args.users:
        concurrent_users(args.users, args.latency, args.stream_seconds, args.concurrency_limit)
        return 0

    import yaml

    from korad.chat import BackendSpec, make_backend
    from korad.prompts import SYSTEM_PROMPT
    from korad.samples import load_sample_reports
    from korad.testing.openai_server import OpenAIServer
    from korad.testing.tiny_models import build_tiny_llama

    with tempfile.TemporaryDirectory() as work:
        build_tiny_llama([r["text"] for r in load_sample_reports()] + [SYSTEM_PROMPT], work)
        measure("tiny model", make_backend(BackendSpec(model=work, max_new_tokens=16)), args.runs)
        with OpenAIServer(
            lambda request: "네, 판독문에 소량의 좌측 흉수가 있다고 적혀 있습니다.", stream_delay=0.01
        ) as server:
            endpoints = Path(work) / "endpoints.yaml"
            endpoints.write_text(yaml.safe_dump({"endpoints": {"local": {"base_url": server.base_url, "model": "m"}}}))
            measure("local server", make_backend(BackendSpec(endpoint="local", endpoints=str(endpoints))), args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
