"""Logs (issue 15.7): credentials inside endpoint URLs are redacted everywhere, the HTTP clients'
own log lines included, and report and question text never reach a log, at DEBUG level."""

import asyncio
import logging

import openai
import pytest

from korad.endpoints import Endpoint
from korad.engine import RequestEngine
from korad.errors import EndpointError, InputError
from korad.logs import RedactingFilter
from korad.prompts import chat_messages
from korad.secrets import redact
from korad.testing.openai_server import OpenAIServer, echo_responder

PASSWORD = "pa55-w0rd-in-url"
QUERY_KEY = "q1u2e3r4y5k6e7y8"
REPORT = "FINDINGS: Tiny left apical pneumothorax measuring 7 mm, patient Hong Gil-dong."
QUESTION = "홍길동 환자의 기흉 크기는 얼마인가요?"


@pytest.mark.parametrize(
    "line",
    [
        f"POST https://admin:{PASSWORD}@llm.example.org/v1/chat/completions",
        f"GET https://x.openai.azure.com/openai/deployments/d/chat?api-version=2024-06-01&api-key={PASSWORD}",
        f"url=http://h:8000/v1?key={PASSWORD}&x=1",
        f"https://argilla.example.org/api?token={PASSWORD}",
        f"redis://:{PASSWORD}@127.0.0.1:6379/0",
    ],
)
def test_redact_removes_credentials_from_urls(line):
    assert PASSWORD not in redact(line) and "***" in redact(line)


def test_the_http_clients_own_debug_lines_carry_no_credentials_nor_patient_text(caplog, tmp_path, monkeypatch):
    monkeypatch.setenv("KORAD_LOG_TEST_API_KEY", "sk-" + "logtestkey0123456789abcdef")
    caplog.set_level(logging.DEBUG)
    with OpenAIServer(echo_responder) as server:
        base_url = server.base_url.replace("http://", f"http://reviewer:{PASSWORD}@")
        endpoint = Endpoint("local", base_url, "fake", api_key_env="KORAD_LOG_TEST_API_KEY", rpm=6000, max_retries=0)
        client = openai.AsyncOpenAI(
            base_url=base_url, api_key=endpoint.api_key(), default_query={"api-key": QUERY_KEY}, max_retries=0
        )

        async def run():
            engine = RequestEngine(endpoint, tmp_path / "cache.sqlite", client=client)
            try:
                return await engine.complete(chat_messages(REPORT, QUESTION), max_tokens=20)
            finally:
                await engine.aclose()

        result = asyncio.run(run())
    assert result.content and len(server.log) == 1
    lines = [(r.name, r.getMessage()) for r in caplog.records]
    assert any(name.startswith("openai") for name, _ in lines)  # the clients did log, at DEBUG ...
    assert any(name.startswith("httpx") and "http://***@" in line and "api-key=***" in line for name, line in lines)
    text = caplog.text + "".join(str(r.args) for r in caplog.records)
    for secret in (PASSWORD, QUERY_KEY, "logtestkey0123456789abcdef"):
        assert secret not in text
    for private in ("Hong Gil-dong", "홍길동", "apical pneumothorax"):
        assert private not in text


def test_an_exception_logged_with_a_credentialed_url_is_redacted(caplog):
    caplog.set_level(logging.DEBUG)
    try:
        raise ConnectionError(f"cannot reach https://user:{PASSWORD}@host/v1?api-key={QUERY_KEY}")
    except ConnectionError:
        logging.getLogger("korad.test").exception("request to %s failed", f"https://u:{PASSWORD}@host/")
    assert (
        PASSWORD not in caplog.text and QUERY_KEY not in caplog.text and "request to https://***@host/" in caplog.text
    )


def test_error_lines_redact_credentials_too():
    assert PASSWORD not in str(InputError(f"https://u:{PASSWORD}@argilla.example.org", "cannot reach it"))
    assert QUERY_KEY not in str(EndpointError(f"https://h/v1?api-key={QUERY_KEY}", "refused", 401))


def test_the_filter_works_on_a_handler_of_its_own():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "payload %s", ({"messages": [REPORT]},), None)
    RedactingFilter().filter(record)
    assert REPORT not in record.getMessage() and "<messages not logged>" in record.getMessage()


def test_a_record_with_nothing_to_redact_keeps_its_arguments():
    record = logging.getLogger("uvicorn.access").makeRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s"', ("127.0.0.1", "GET", "/"), None
    )
    assert record.args == ("127.0.0.1", "GET", "/") and record.getMessage() == '127.0.0.1 - "GET /"'
