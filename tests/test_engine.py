import asyncio
import time

import openai
import pytest

from korad.endpoints import Endpoint
from korad.engine import STAND_IN_FINGERPRINT, ChatResult, EndpointRejected, RequestEngine, RequestFailed
from korad.testing.openai_server import OpenAIServer

MESSAGES = [{"role": "user", "content": "one two three"}]


def endpoint(server: OpenAIServer, **overrides) -> Endpoint:
    spec = {
        "name": "local",
        "base_url": server.base_url,
        "model": "m",
        "rpm": 60_000,
        "max_concurrency": 8,
        "timeout": 2.0,
        "max_retries": 4,
    } | overrides
    return Endpoint(**spec)


def run(coro):
    return asyncio.run(coro)


async def complete(engine: RequestEngine, messages=MESSAGES, **params):
    try:
        return await engine.complete(messages, **params)
    finally:
        await engine.aclose()


def test_completion_is_cached_on_disk_and_never_sent_twice(tmp_path):
    with OpenAIServer() as server:
        first = run(complete(RequestEngine(endpoint(server), tmp_path / "c.sqlite")))
        again_engine = RequestEngine(endpoint(server), tmp_path / "c.sqlite")  # a new process, same cache
        second = run(complete(again_engine))
        assert first.content == "three two one" and not first.cached
        assert second.content == first.content and second.cached
        assert len(server.log) == 1 and again_engine.stats.sent == 0 and again_engine.stats.cache_hits == 1


def test_different_parameters_are_different_requests(tmp_path):
    with OpenAIServer() as server:

        async def both():
            engine = RequestEngine(endpoint(server), tmp_path / "c.sqlite")
            await engine.complete(MESSAGES, temperature=0)
            await engine.complete(MESSAGES, temperature=1)
            await engine.aclose()

        run(both())
        assert len(server.log) == 2


def test_identical_requests_in_flight_share_one_call(tmp_path):
    with OpenAIServer(latency=0.2) as server:

        async def many():
            engine = RequestEngine(endpoint(server), tmp_path / "c.sqlite")
            results = await asyncio.gather(*(engine.complete(MESSAGES) for _ in range(5)))
            await engine.aclose()
            return results

        results = run(many())
        assert len(server.log) == 1 and len({r.content for r in results}) == 1


def test_429_waits_for_retry_after_then_succeeds(tmp_path):
    with OpenAIServer(fault_rate=1.0, faults=("429",), retry_after=0.3) as server:
        server.state.fault_for = lambda key, attempt: "429" if attempt == 1 else None
        engine = RequestEngine(endpoint(server), tmp_path / "c.sqlite", backoff_base=10)
        start = time.monotonic()
        result = run(complete(engine))
        elapsed = time.monotonic() - start
        assert result.content == "three two one"
        assert [e.outcome for e in server.log] == ["429", "ok"]
        assert 0.3 <= elapsed < 2, "Retry-After (0.3 s) must replace the 10 s backoff"
        assert engine.stats.retries == 1 and engine.stats.errors == {"429": 1}


@pytest.mark.parametrize("fault", ["500", "503", "malformed", "hang"])
def test_server_errors_timeouts_and_malformed_bodies_are_retried(tmp_path, fault):
    with OpenAIServer(hang_seconds=1.5) as server:
        server.state.fault_for = lambda key, attempt: fault if attempt <= 2 else None
        engine = RequestEngine(endpoint(server, timeout=0.5), tmp_path / "c.sqlite", backoff_base=0.01)
        result = run(complete(engine))
        assert result.content == "three two one"
        assert [e.outcome for e in server.log] == [fault, fault, "ok"]
        assert engine.stats.retries == 2


def test_gives_up_after_max_retries_with_the_reason(tmp_path):
    with OpenAIServer(fault_rate=1.0, faults=("503",)) as server:
        engine = RequestEngine(endpoint(server, max_retries=2), tmp_path / "c.sqlite", backoff_base=0.01)
        with pytest.raises(RequestFailed, match=r"after 3 attempts \(last: 503\)"):
            run(complete(engine))
        assert len(server.log) == 3


def test_a_server_that_is_not_running_is_named_by_its_address(tmp_path):
    """README: 'the judge's endpoint is not running': the error says where korad knocked."""
    with OpenAIServer() as server:
        closed = endpoint(server, max_retries=1)  # the server stops at the end of the block: nothing listens
    engine = RequestEngine(closed, tmp_path / "c.sqlite", backoff_base=0.01)
    with pytest.raises(RequestFailed, match=rf"after 2 attempts \(last: connection to {closed.base_url}: is the server"):
        run(complete(engine))


def test_wrong_key_stops_instead_of_retrying(tmp_path):
    with OpenAIServer(api_key="right") as server:
        client = openai.AsyncOpenAI(base_url=server.base_url, api_key="wrong", max_retries=0)
        engine = RequestEngine(endpoint(server), tmp_path / "c.sqlite", client=client)
        with pytest.raises(EndpointRejected, match="refused the request \\(401\\)"):
            run(complete(engine))
        assert len(server.log) == 1


def test_truncated_output_is_reported_not_hidden(tmp_path):
    with OpenAIServer(fault_rate=1.0, faults=("length",)) as server:
        with pytest.raises(RequestFailed, match="reply cut at max_tokens=4 after a retry") as failed:
            run(complete(RequestEngine(endpoint(server), tmp_path / "c.sqlite"), max_tokens=2))
        assert failed.value.category == "truncated" and len(server.log) == 2


def test_requests_are_paced_to_the_rpm_limit(tmp_path):
    with OpenAIServer() as server:

        async def burst():
            engine = RequestEngine(endpoint(server, rpm=600), tmp_path / "c.sqlite")  # one every 0.1 s
            await engine.complete([{"role": "user", "content": "warm-up"}])  # the client's first-use cost
            await asyncio.gather(*(engine.complete([{"role": "user", "content": str(i)}]) for i in range(6)))
            await engine.aclose()

        run(burst())
        starts = sorted(e.started for e in server.log)[1:]
        # the rate over the burst (arrival times jitter on a loaded machine; one gap alone does not)
        assert starts[-1] - starts[0] >= 0.45


def test_cost_and_token_totals(tmp_path):
    with OpenAIServer() as server:
        engine = RequestEngine(endpoint(server, price_per_million={"input": 1e6, "output": 2e6}), tmp_path / "c.sqlite")
        result = run(complete(engine))
        assert engine.stats.cost == pytest.approx(result.prompt_tokens + 2 * result.completion_tokens)
        assert "sent 1 requests" in engine.stats.summary("local")


def test_a_reply_cut_at_the_token_limit_is_never_cached(tmp_path):
    from korad.engine import ResponseCache

    questions = [[{"role": "user", "content": f"question number {i} about the report"}] for i in range(16)]
    with OpenAIServer(fault_rate=0.5, faults=("length",), seed=3) as server:

        async def ask_all():
            engine = RequestEngine(endpoint(server), tmp_path / "c.sqlite")
            try:
                return await asyncio.gather(
                    *(engine.complete(q, max_tokens=50) for q in questions), return_exceptions=True
                )
            finally:
                await engine.aclose()

        results = run(ask_all())
        cut = sum(e.outcome == "length" for e in server.log)
    failed = [r for r in results if isinstance(r, RequestFailed)]
    answered = [r for r in results if not isinstance(r, BaseException)]
    assert all(f.category == "truncated" and "max_tokens=100" in f.reason for f in failed)
    assert all(r.finish_reason == "stop" for r in answered) and len(answered) + len(failed) == 16
    assert cut > len(failed) > 0  # some cut replies were recovered by the retry with a larger limit, some not
    assert len(ResponseCache(tmp_path / "c.sqlite")) == len(answered)


def test_the_servers_fingerprint_is_kept_and_cached_and_only_the_stand_in_is_flagged(tmp_path):
    with OpenAIServer() as server:
        first = run(complete(RequestEngine(endpoint(server), tmp_path / "c.sqlite")))
        again = run(complete(RequestEngine(endpoint(server), tmp_path / "c.sqlite")))
    assert first.system_fingerprint == STAND_IN_FINGERPRINT and first.from_stand_in
    assert again.cached and again.from_stand_in  # the cache keeps who answered
    assert not ChatResult("a", "stop", 1, 1).from_stand_in  # a server that sends no fingerprint
    assert not ChatResult("a", "stop", 1, 1, system_fingerprint="fp_abc123").from_stand_in
