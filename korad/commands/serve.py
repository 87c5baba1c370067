"""``korad serve-openai``: a local OpenAI-compatible chat endpoint on 127.0.0.1, for tests and demos.

    korad serve-openai --port 8000 --responder teacher

Answers are a deterministic function of the request (the responder), after --latency seconds; a
--fault_rate share of attempts fail with the scripted faults (429 + Retry-After, 500, 503, hangs,
malformed JSON, finish_reason=length). With --api_key_env NAME the server accepts only the key held
in that environment variable and answers 401 otherwise. The files and batches endpoints answer a
batch with the same responder after --batch_delay seconds and --batch_line_delay a line, a
--batch_fault_rate share of lines failing (docs/batch.md).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from korad.cli import run
from korad.config import parse, require

RESPONDERS = {
    "echo": "korad.testing.openai_server:echo_responder",
    "teacher": "korad.testing.fake_teacher:fake_teacher",
    "judge": "korad.testing.fake_judge:judge_responder",
}
"""Responder name -> ``module:function`` (echo: the reversed user message; teacher: the pipeline's fake
teacher; judge: rubric JSON for ``korad judge``)."""


@dataclass
class ServeOptions:
    port: int = field(default=8000, metadata={"help": "port on 127.0.0.1"})
    responder: Literal["echo", "teacher", "judge"] = field(
        default="echo",
        metadata={
            "help": "echo: reversed user message; teacher: korad's fake teacher for the pipeline; "
            "judge: korad's fake judge (rubric JSON) for korad judge"
        },
    )
    latency: float = field(default=0.0, metadata={"help": "seconds before each answer"})
    fault_rate: float = field(default=0.0, metadata={"help": "share of attempts that fail, in [0, 1]"})
    api_key_env: str | None = field(
        default=None, metadata={"help": "accept only the key in this environment variable (others get 401)"}
    )
    batch_delay: float = field(default=1.0, metadata={"help": "seconds a batch stays validating"})
    batch_line_delay: float = field(default=0.01, metadata={"help": "seconds for each line of a batch"})
    batch_fault_rate: float = field(default=0.0, metadata={"help": "share of batch lines that fail, in [0, 1]"})

    def __post_init__(self) -> None:
        require(0 <= self.fault_rate <= 1, "fault_rate", self.fault_rate, "a share between 0 and 1")
        require(0 <= self.batch_fault_rate <= 1, "batch_fault_rate", self.batch_fault_rate, "a share between 0 and 1")
        require(min(self.batch_delay, self.batch_line_delay) >= 0, "batch_delay", self.batch_delay, "0 seconds or more")
        require(self.latency >= 0, "latency", self.latency, "0 seconds or more")
        require(0 <= self.port < 65536, "port", self.port, "a port number (0 picks a free one)")


def main(argv: Sequence[str] | None = None, prog: str = "korad serve-openai") -> int:
    def body() -> int:
        import importlib

        from korad.testing.openai_server import OpenAIServer

        (options,) = parse((ServeOptions,), argv, prog=prog, description=__doc__)
        module, function = RESPONDERS[options.responder].split(":")
        responder = getattr(importlib.import_module(module), function)
        key = os.environ.get(options.api_key_env) if options.api_key_env else None
        server = OpenAIServer(
            responder,
            latency=options.latency,
            fault_rate=options.fault_rate,
            port=options.port,
            api_key=key,
            batch_delay=options.batch_delay,
            batch_line_delay=options.batch_line_delay,
            batch_fault_rate=options.batch_fault_rate,
        ).start()
        print(f"serving {server.base_url}", flush=True)
        try:
            threading.Event().wait()
        finally:
            server.stop()

    return run(body, argv)
