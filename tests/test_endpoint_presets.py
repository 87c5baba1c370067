"""Endpoint presets (korad.endpoints.PRESETS) against the local OpenAI-compatible server.

Each preset's own URL is replaced by the local server's (``base_url`` in the file overrides the
preset); what is tested is what korad sends and how it authenticates.
"""

import asyncio
import logging
import sys
import types

import pytest
import yaml

from korad.artifacts import InputError
from korad.chat import BackendSpec, ChatRequest
from korad.chat.backends import make_backend
from korad.endpoints import PRESETS, load_endpoints
from korad.engine import RequestEngine
from korad.errors import ConfigError
from korad.testing.openai_server import OpenAIServer

REQUEST = ChatRequest.about("FINDINGS: No pneumothorax.", "기흉이 있나요?")
ENTRA_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJjb2duaXRpdmUifQ.korad-entra-test-signature"


def write(path, **endpoints):
    path.write_text(yaml.safe_dump({"endpoints": endpoints}), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("preset", "url"),
    [
        ("vllm", "http://localhost:8000/v1"),
        ("tgi", "http://localhost:8080/v1"),
        ("ollama", "http://localhost:11434/v1"),
        ("llama.cpp", "http://localhost:8080/v1"),
        ("hf-router", "https://router.huggingface.co/v1"),
        ("openai", "https://api.openai.com/v1"),
    ],
)
def test_presets_fill_in_their_server_and_a_field_in_the_file_overrides_them(tmp_path, preset, url):
    config = load_endpoints(write(tmp_path / "e.yaml", x={"preset": preset, "model": "m"}))
    endpoint = config.get("x")
    assert endpoint.base_url == url and endpoint.preset == preset
    assert endpoint.json_schema == PRESETS[preset].get("json_schema", True)
    overridden = load_endpoints(write(tmp_path / "o.yaml", x={"preset": preset, "model": "m", "json_schema": True}))
    assert overridden.get("x").json_schema is True


@pytest.mark.parametrize("preset", ["vllm", "tgi", "ollama", "llama.cpp"])
def test_local_server_presets_chat_and_complete_text_without_a_key(tmp_path, preset):
    with OpenAIServer() as server:
        path = write(tmp_path / "e.yaml", local={"preset": preset, "model": "m", "base_url": server.base_url})
        endpoint = load_endpoints(path).get("local")
        assert endpoint.api_key_env is None and endpoint.rpm >= 10_000 and endpoint.completions
        chat = make_backend(BackendSpec(endpoint="local", endpoints=str(path)))
        raw = make_backend(BackendSpec(endpoint="local", endpoints=str(path), prompt_format="ko-radiology-gpt"))
        assert chat.generate(REQUEST) and raw.generate(REQUEST)
    assert len(server.log) == 2 and all(e.outcome == "ok" for e in server.log)


def test_hf_router_takes_hf_token_from_the_environment_only(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", "hf_korad_router_test")
    with OpenAIServer(api_key="hf_korad_router_test") as server:
        path = write(
            tmp_path / "e.yaml", hf={"preset": "hf-router", "model": "org/m:together", "base_url": server.base_url}
        )
        assert make_backend(BackendSpec(endpoint="hf", endpoints=str(path))).generate(REQUEST)
        assert server.log[-1].authorized
        # Without the variable: a clear error before any request, even with a saved Hub login.
        monkeypatch.delenv("HF_TOKEN")
        monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
        (tmp_path / "hf").mkdir()
        (tmp_path / "hf" / "token").write_text("hf_saved_login_token", encoding="utf-8")
        with pytest.raises(InputError, match="HF_TOKEN is not set"):
            make_backend(BackendSpec(endpoint="hf", endpoints=str(path)))
        assert len(server.log) == 1
    with pytest.raises(InputError, match="keys never go in files"):
        load_endpoints(write(tmp_path / "k.yaml", hf={"preset": "hf-router", "model": "m", "api_key": "hf_x"}))


@pytest.fixture
def token_provider(monkeypatch):
    """A Microsoft Entra ID token provider, pluggable as ``module:function``; counts its calls."""
    calls = []

    def provider() -> str:
        calls.append(1)
        return ENTRA_TOKEN

    module = types.ModuleType("korad_test_entra")
    module.provider = provider
    monkeypatch.setitem(sys.modules, "korad_test_entra", module)
    return calls


def test_azure_sends_the_providers_bearer_token_and_never_logs_or_stores_it(tmp_path, token_provider, caplog):
    caplog.set_level(logging.DEBUG)
    with OpenAIServer(api_key=ENTRA_TOKEN) as server:
        azure = {
            "preset": "azure-openai",
            "base_url": server.base_url.removesuffix("/v1"),  # the resource; the client adds /openai/deployments/
            "model": "gpt-4o-mini-deployment",
            "api_version": "2024-10-21",
            "token_provider": "korad_test_entra:provider",
        }
        path = write(tmp_path / "e.yaml", azure=azure)
        endpoint = load_endpoints(path).get("azure")
        backend = make_backend(BackendSpec(endpoint="azure", endpoints=str(path)))
        assert type(backend.client).__name__ == "AzureOpenAI"
        assert backend.generate(REQUEST)

        async def bulk():  # the request engine of the bulk stages takes the same path
            engine = RequestEngine(endpoint, tmp_path / "cache.sqlite")
            try:
                return await engine.complete([{"role": "user", "content": "하나 둘"}])
            finally:
                await engine.aclose()

        assert asyncio.run(bulk()).content
    assert len(server.log) == 2 and all(e.authorized and e.outcome == "ok" for e in server.log)
    assert len(token_provider) >= 2
    assert "/openai/deployments/gpt-4o-mini-deployment/chat/completions?api-version=2024-10-21" in caplog.text
    assert ENTRA_TOKEN not in repr(endpoint) and ENTRA_TOKEN not in caplog.text
    assert ENTRA_TOKEN.split(".")[-1] not in caplog.text
    for file in tmp_path.rglob("*"):
        if file.is_file():
            assert ENTRA_TOKEN.encode() not in file.read_bytes(), file


def test_azure_token_provider_choices_fail_clearly(tmp_path, monkeypatch):
    base = {"preset": "azure-openai", "base_url": "https://r.openai.azure.com", "model": "d"}
    path = write(tmp_path / "e.yaml", azure=base)
    assert load_endpoints(path).get("azure").token_provider == "azure-identity"
    monkeypatch.setitem(sys.modules, "azure.identity", None)  # azure-identity not installed
    with pytest.raises(InputError, match="needs the azure-identity package"):
        make_backend(BackendSpec(endpoint="azure", endpoints=str(path)))
    with_key = load_endpoints(write(tmp_path / "k.yaml", azure={**base, "api_key_env": "AZURE_OPENAI_API_KEY"}))
    assert with_key.get("azure").token_provider is None  # a key instead of the Entra ID token
    with pytest.raises(InputError, match="cannot load token_provider"):
        make_backend(
            BackendSpec(
                endpoint="azure",
                endpoints=str(write(tmp_path / "m.yaml", azure={**base, "token_provider": "no_such_module:f"})),
            )
        )
    with pytest.raises(ConfigError, match="token_provider"):
        load_endpoints(
            write(tmp_path / "t.yaml", x={"base_url": "http://h/v1", "model": "m", "token_provider": "azure-identity"})
        )
    with pytest.raises(InputError, match="unknown preset 'azure'"):
        load_endpoints(write(tmp_path / "p.yaml", x={"preset": "azure", "model": "m"}))
    with pytest.raises(InputError, match="missing base_url"):
        load_endpoints(write(tmp_path / "b.yaml", x={"preset": "azure-openai", "model": "m"}))
