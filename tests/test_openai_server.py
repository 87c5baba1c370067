import json
import urllib.request

import openai
import pytest

from korad.testing.openai_server import OpenAIServer


def test_models_route_and_plain_completion():
    with OpenAIServer() as server:
        with urllib.request.urlopen(f"{server.base_url}/models") as response:
            assert json.load(response)["data"][0]["id"] == "local"
        client = openai.OpenAI(base_url=server.base_url, api_key="x", max_retries=0)
        reply = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "a b"}])
        assert reply.choices[0].message.content == "b a" and reply.choices[0].finish_reason == "stop"
        assert reply.usage.total_tokens > 0


def test_streaming_arrives_in_pieces():
    with OpenAIServer(responder=lambda request: "기흉은 없습니다. 흉수도 없습니다.") as server:
        client = openai.OpenAI(base_url=server.base_url, api_key="x", max_retries=0)
        stream = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "?"}], stream=True)
        pieces = [
            chunk.choices[0].delta.content for chunk in stream if chunk.choices and chunk.choices[0].delta.content
        ]
        assert len(pieces) > 3 and "".join(pieces) == "기흉은 없습니다. 흉수도 없습니다."
        assert server.log[0].stream and server.log[0].outcome == "ok"


def test_scripted_faults_are_deterministic_per_attempt():
    a = OpenAIServer(fault_rate=0.5, seed=3)
    b = OpenAIServer(fault_rate=0.5, seed=3)
    try:
        plan_a = [a.state.fault_for("k", n) for n in range(1, 20)]
        assert plan_a == [b.state.fault_for("k", n) for n in range(1, 20)]
        assert any(plan_a) and not all(plan_a)
    finally:
        a._server.server_close()
        b._server.server_close()


def test_unknown_fault_kind_is_an_error():
    with pytest.raises(ValueError, match="unknown fault"):
        OpenAIServer(faults=("teapot",))
