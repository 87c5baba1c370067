"""Request engine throughput against the local OpenAI-compatible server.

    python benchmarks/generation.py [--requests 1000] [--latency 0.1] [--rpm 3000]

Prints achieved throughput / RPM limit (targets: >= 0.95 without faults, >= 0.90 with 5% faults)
and, for comparison, the original project's approach: one request at a time.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from korad.endpoints import Endpoint
from korad.engine import RequestEngine, RequestFailed
from korad.testing.openai_server import OpenAIServer

FAST_FAULTS = ("429", "500", "503", "malformed", "hang")


async def run_engine(server: OpenAIServer, requests: int, rpm: float, cache: Path) -> tuple[float, int, int]:
    endpoint = Endpoint("bench", server.base_url, "m", rpm=rpm, max_concurrency=128, timeout=0.5, max_retries=8)
    engine = RequestEngine(endpoint, cache, backoff_base=0.05)

    async def one(i: int) -> bool:
        try:
            await engine.complete([{"role": "user", "content": f"request {i}"}])
            return True
        except RequestFailed:
            return False

    start = time.perf_counter()
    ok = sum(await asyncio.gather(*(one(i) for i in range(requests))))
    elapsed = time.perf_counter() - start
    await engine.aclose()
    return elapsed, ok, engine.stats.sent


def one_at_a_time(server: OpenAIServer, requests: int) -> float:
    import openai

    client = openai.OpenAI(base_url=server.base_url, api_key="x", max_retries=0)
    start = time.perf_counter()
    for i in range(requests):
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": f"sequential {i}"}])
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.1, help="server latency in seconds")
    parser.add_argument("--rpm", type=float, default=3000, help="the endpoint's requests-per-minute limit")
    parser.add_argument("--sequential-requests", type=int, default=100, help="requests for the one-at-a-time run")
    args = parser.parse_args()
    limit = args.rpm / 60
    ok_all = True
    with tempfile.TemporaryDirectory() as tmp:
        for label, fault_rate, target in (("no faults", 0.0, 0.95), ("5% faults", 0.05, 0.90)):
            with OpenAIServer(
                latency=args.latency,
                fault_rate=fault_rate,
                faults=FAST_FAULTS,
                retry_after=0.05,
                hang_seconds=1.0,
                seed=1,
            ) as server:
                elapsed, ok, sent = asyncio.run(run_engine(server, args.requests, args.rpm, Path(tmp) / f"{label}.db"))
            achieved = ok / elapsed
            ok_all &= achieved / limit >= target
            print(
                f"engine, {label}: {ok}/{args.requests} completed in {elapsed:.2f} s ({sent} sent) = "
                f"{achieved:.1f} req/s; limit {limit:.1f} req/s; ratio {achieved / limit:.3f} (target {target})"
            )
        with OpenAIServer(latency=args.latency) as server:
            elapsed = one_at_a_time(server, args.sequential_requests)
        rate = args.sequential_requests / elapsed
        print(
            f"original approach, one request at a time: {rate:.1f} req/s; ratio {rate / limit:.3f} "
            f"({args.sequential_requests} requests; {args.requests} would take {args.requests / rate:.0f} s)"
        )
    print("all targets met" if ok_all else "SOME TARGETS MISSED")
    return 0 if ok_all else 1


if __name__ == "__main__":
    raise SystemExit(main())
