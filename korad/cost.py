"""Cost before spending: ``--limit`` and ``--dry-run`` of the bulk commands (build, compare, judge).

A dry run builds the very requests a stage would send (its own ``process`` drives a
``PlanningEngine`` that records each request and answers none), counts their tokens and prints,
per endpoint, the request count, input and output tokens, the price in real time and through the
Batch API, and the time at the endpoint's limits. It sends nothing and writes nothing.

- Input tokens: tiktoken when it is installed and its encoding loads (it downloads the encoding
  once, so offline it may not), else ``approximate_tokens`` (see there). The output names which.
- Output tokens: each request's ``max_tokens`` (an upper bound), or, for the stages named in
  ``--expected_output_tokens`` (e.g. ``{"translate": 450, "answers": 120}``), that many per request
  (at most ``max_tokens``).
- Retries (429s, a translation failing its checks, an unparseable judgment) are not counted.
- Real-time time: the largest of the three limits — requests per minute, tokens per minute (input +
  ``max_tokens``, as the engine's pacer and OpenAI's limiter count them) and ``max_concurrency``
  requests in flight, each taking ``ASSUMED_LATENCY_SECONDS`` plus its output at
  ``ASSUMED_TOKENS_PER_SECOND``. Batch: within the completion window, 24 h, for as many batches as
  the endpoint's ``batch_queue_tokens`` (the input tokens OpenAI queues at once) lets in at a time.

docs/cost.md explains the numbers; README "Run at scale" shows them for 160,000 reports.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import json
import math
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from korad.config import require
from korad.endpoints import Endpoint
from korad.errors import ConfigError

MESSAGE_OVERHEAD_TOKENS = 3
"""Tokens a chat message costs beyond its content (role and separators; OpenAI's cookbook count)."""
REPLY_PRIMING_TOKENS = 3
"""Tokens every request costs for the start of the reply (OpenAI's cookbook count)."""
ASSUMED_LATENCY_SECONDS = 1.0
"""Time to the first token of a reply, for the concurrency bound of the time estimate."""
ASSUMED_TOKENS_PER_SECOND = 50.0
"""Output tokens a second of one reply, for the concurrency bound of the time estimate."""
BATCH_WINDOW_HOURS = 24
"""How long a Batch API job may take (OpenAI's ``completion_window``)."""
BATCH_MAX_REQUESTS = 50_000
"""Requests one Batch API input file may hold (OpenAI's limit)."""


@dataclass
class ScaleOptions:
    """``--limit`` and ``--dry-run``: the options every bulk command shares."""

    limit: int | None = field(
        default=None,
        metadata={
            "help": "process only the first N units, in input order (build: reports, and what is made from them; "
            "compare, judge and preference build: questions); run again without it to continue with the rest"
        },
    )
    dry_run: bool = field(
        default=False,
        metadata={
            "help": "print per endpoint the requests, estimated tokens, price (real-time and batch) and time; "
            "send nothing, write nothing"
        },
    )
    expected_output_tokens: dict[str, int] | str | None = field(
        default=None,
        metadata={
            "help": "dry run: output tokens per request by stage (a JSON object, e.g. "
            '\'{"translate": 450, "answers": 120}\'); stages not named count max_tokens (an upper bound)'
        },
    )

    def __post_init__(self) -> None:
        require(
            self.limit is None or (not isinstance(self.limit, bool) and self.limit >= 1),
            "limit",
            self.limit,
            "a whole number of at least 1",
        )
        if isinstance(self.expected_output_tokens, str):
            try:
                self.expected_output_tokens = json.loads(self.expected_output_tokens)
            except json.JSONDecodeError:
                raise ConfigError(
                    "expected_output_tokens", self.expected_output_tokens, "a JSON object of stage -> tokens"
                ) from None
        expected = self.expected_output_tokens or {}
        valid = isinstance(expected, dict) and all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in expected.values()
        )
        require(valid, "expected_output_tokens", expected, "a mapping of stage names to tokens (at least 1)")
        self.expected_output_tokens = dict(expected)

    def check_stages(self, stages: Iterable[str]) -> None:
        """Every stage named in ``expected_output_tokens`` is one this command sends requests in."""
        stages = list(stages)
        unknown = sorted(set(self.expected_output_tokens or {}) - set(stages))
        require(not unknown, "expected_output_tokens", unknown, f"stages of this command: {', '.join(stages)}")


# ---------------------------------------------------------------- tokens


@functools.cache
def _tiktoken_encoding(model: str) -> Any:
    """The tiktoken encoding of ``model`` (o200k_base for a model tiktoken does not know), or None."""
    try:
        import tiktoken
    except ImportError:
        return None
    try:
        try:
            return tiktoken.encoding_for_model(model)
        except KeyError:
            return tiktoken.get_encoding("o200k_base")
    except Exception:  # the encoding file cannot be downloaded (offline)
        return None


def approximate_tokens(text: str) -> int:
    """Tokens of ``text`` without a tokenizer: a quarter token per ASCII character and one per other
    character (a Hangul syllable is one token or a little less in OpenAI's o200k and cl100k)."""
    ascii_characters = len(text.encode("ascii", "ignore"))
    return math.ceil(ascii_characters / 4) + len(text) - ascii_characters


class TokenCounter:
    """Tokens of chat requests to one model: tiktoken when it loads, else ``approximate_tokens``."""

    def __init__(self, model: str) -> None:
        self.encoding = _tiktoken_encoding(model)
        self.method = (
            f"tiktoken {self.encoding.name}"
            if self.encoding is not None
            else "approximation (tiktoken not available): ASCII characters / 4 + 1 per other character"
        )
        self._count = functools.lru_cache(maxsize=8192)(self._text_tokens)

    def _text_tokens(self, text: str) -> int:
        if self.encoding is not None:
            return len(self.encoding.encode(text, disallowed_special=()))
        return approximate_tokens(text)

    def request(self, messages: list[dict[str, Any]], params: dict[str, Any]) -> int:
        """Input tokens of one request: its messages, their overhead and a structured-output schema."""
        tokens = REPLY_PRIMING_TOKENS
        for message in messages:
            tokens += MESSAGE_OVERHEAD_TOKENS + self._count(str(message.get("content") or ""))
        if params.get("response_format"):
            tokens += self._count(json.dumps(params["response_format"], sort_keys=True))
        return tokens


def max_tokens_of(params: dict[str, Any]) -> int:
    """The longest reply a request allows."""
    return int(params.get("max_completion_tokens") or params.get("max_tokens") or 0)


# ---------------------------------------------------------------- plans


@dataclass
class StagePlan:
    """The requests one stage would send to one endpoint (``endpoint=None``: a local model, no requests)."""

    stage: str
    endpoint: Endpoint | None
    units: int = 0
    requests: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    budget_tokens: int = 0
    """Input plus ``max_tokens`` of every request: what a tokens-per-minute limit counts."""
    expected_output: int | None = None
    notes: list[str] = field(default_factory=list)
    unit_output: dict[Any, int] = field(default_factory=dict, repr=False)
    """Output tokens by unit key (when ``plan_stage`` was given ``unit_key``): what a later stage will read."""
    counter: TokenCounter | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.endpoint is not None and self.counter is None:
            self.counter = TokenCounter(self.endpoint.model)

    def add(self, messages: list[dict[str, Any]], params: dict[str, Any], extra_input: int = 0) -> int:
        """Count one request (``extra_input``: tokens of text it will carry that is not known yet); its output."""
        assert self.counter is not None, "a local stage sends no requests"
        limit = max_tokens_of(params)
        input_tokens = self.counter.request(messages, params) + extra_input
        output = min(self.expected_output, limit) if self.expected_output and limit else self.expected_output or limit
        self.requests += 1
        self.input_tokens += input_tokens
        self.output_tokens += output
        self.budget_tokens += input_tokens + limit
        return output

    @property
    def output_method(self) -> str:
        if self.expected_output:
            return f"expected {self.expected_output} per request (--expected_output_tokens)"
        return "max_tokens of each request (an upper bound)"


class Planned(Exception):
    """Raised by ``PlanningEngine.complete`` after recording a request: the stage stops there."""


class PlanningEngine:
    """Stands in for ``RequestEngine`` in a dry run: records the requests a stage's ``process`` makes, sends none."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.requests: list[tuple[list[dict[str, Any]], dict[str, Any]]] = []

    async def complete(self, messages: list[dict[str, Any]], **params: Any) -> Any:
        self.requests.append((messages, params))
        raise Planned


def plan_stage(
    stage: str,
    endpoint: Endpoint,
    units: Iterable[Any],
    make_process: Callable[[PlanningEngine], Callable[[Any], Any]],
    expected_output_tokens: dict[str, int] | None = None,
    extra_input: Callable[[Any], int] | None = None,
    notes: Iterable[str] = (),
    unit_key: Callable[[Any], Any] | None = None,
) -> StagePlan:
    """The requests ``make_process(engine)`` would send for ``units``: the first request of each unit
    (and those it sends at once, e.g. both orders of a pairwise judgment); not retries."""
    plan = StagePlan(stage, endpoint, expected_output=(expected_output_tokens or {}).get(stage), notes=list(notes))
    engine = PlanningEngine(endpoint)
    process = make_process(engine)

    async def run() -> None:
        for unit in units:
            plan.units += 1
            try:
                result = process(unit)
                if inspect.isawaitable(result):
                    await result
            except Planned:
                pass
            await asyncio.sleep(0)  # requests sent side by side (asyncio.gather) are recorded too
            extra = extra_input(unit) if extra_input else 0
            output = sum(plan.add(messages, params, extra) for messages, params in engine.requests)
            if unit_key is not None:
                plan.unit_output[unit_key(unit)] = output
            engine.requests.clear()

    asyncio.run(run())
    return plan


# ---------------------------------------------------------------- time and money


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours < 48 else f"{hours / 24:.1f} days"


def realtime_seconds(endpoint: Endpoint, requests: int, budget_tokens: int, output_tokens: int) -> dict[str, float]:
    """Seconds the requests take in real time under each of the endpoint's limits."""
    bounds = {f"{endpoint.rpm:g} rpm": requests * 60 / endpoint.rpm}
    if endpoint.tpm:
        bounds[f"{endpoint.tpm:g} tpm"] = budget_tokens * 60 / endpoint.tpm
    busy = requests * ASSUMED_LATENCY_SECONDS + output_tokens / ASSUMED_TOKENS_PER_SECOND
    bounds[f"max_concurrency {endpoint.max_concurrency}"] = busy / endpoint.max_concurrency
    return bounds


def batch_time(endpoint: Endpoint, requests: int, input_tokens: int) -> str:
    """How long the requests take through the Batch API: completion windows, and the files they fill."""
    files = math.ceil(requests / BATCH_MAX_REQUESTS)
    text = f"within the completion window, {BATCH_WINDOW_HOURS} h"
    if endpoint.batch_queue_tokens and input_tokens > endpoint.batch_queue_tokens:
        rounds = math.ceil(input_tokens / endpoint.batch_queue_tokens)
        text = (
            f"up to {rounds:,} x {BATCH_WINDOW_HOURS} h ({_duration(rounds * BATCH_WINDOW_HOURS * 3600)}): the queue "
            f"holds {endpoint.batch_queue_tokens:,} input tokens at a time (batch_queue_tokens), each round "
            f"{text}"
        )
    return f"{text}; {files:,} input file(s) of at most {BATCH_MAX_REQUESTS:,} requests"


def _usd(value: float) -> str:
    return f"${value:,.2f}" if value >= 1 else f"${value:.4f}"


def _price_line(endpoint: Endpoint, input_tokens: int, output_tokens: int, batch: bool) -> str:
    price_in, price_out = endpoint.price("input", batch), endpoint.price("output", batch)
    total = endpoint.cost(input_tokens, output_tokens, batch)
    rate = f"${price_in:g} in / ${price_out:g} out per million"
    if batch:
        halved = [kind for kind in ("input", "output") if f"batch_{kind}" not in endpoint.price_per_million]
        rate += {0: ", as set", 1: f", {' '.join(halved)} at", 2: ","}[len(halved)]
        rate += " half the real-time price" if halved else ""
    return f"{_usd(total)} ({rate})"


def format_plans(plans: list[StagePlan], limit_note: str | None = None) -> str:
    """The dry run's report: one block per endpoint, a line per stage, then its totals."""
    lines = ["dry run: nothing was sent and nothing was written"]
    if limit_note:
        lines.append(limit_note)
    for plan in plans:
        if plan.endpoint is None:
            lines.append(f"{plan.stage}: {plan.units:,} units, no API requests" + "".join(f"; {n}" for n in plan.notes))
    by_endpoint: dict[str, list[StagePlan]] = {}
    for plan in plans:
        if plan.endpoint is not None:
            by_endpoint.setdefault(plan.endpoint.name, []).append(plan)
    for name, stages in by_endpoint.items():
        endpoint = stages[0].endpoint
        assert endpoint is not None and stages[0].counter is not None
        lines.append(f"endpoint {name} ({endpoint.model} at {endpoint.base_url})")
        lines.append(f"  input tokens counted with {stages[0].counter.method}")
        for plan in stages:
            lines.append(
                f"  {plan.stage:<10} {plan.units:>9,} units {plan.requests:>10,} requests "
                f"{plan.input_tokens:>14,} in {plan.output_tokens:>14,} out tokens"
            )
            lines += [f"{'':13}{note}" for note in [f"output: {plan.output_method}", *plan.notes]]
        requests = sum(p.requests for p in stages)
        input_tokens = sum(p.input_tokens for p in stages)
        output_tokens = sum(p.output_tokens for p in stages)
        budget = sum(p.budget_tokens for p in stages)
        lines.append(
            f"  {'total':<10} {'':>15} {requests:>10,} requests {input_tokens:>14,} in {output_tokens:>14,} out tokens"
        )
        if endpoint.priced:
            lines.append(f"  price      real-time {_price_line(endpoint, input_tokens, output_tokens, False)}")
            lines.append(f"             batch     {_price_line(endpoint, input_tokens, output_tokens, True)}")
        else:
            lines.append(f"  price      not configured (endpoints.{name}.price_per_million)")
        if requests:
            bounds = realtime_seconds(endpoint, requests, budget, output_tokens)
            binding = max(bounds, key=bounds.__getitem__)
            others = ", ".join(f"{k}: {_duration(v)}" for k, v in bounds.items() if k != binding)
            lines.append(f"  time       real-time {_duration(bounds[binding])} (bound by {binding}; {others})")
            lines.append(f"             batch     {batch_time(endpoint, requests, input_tokens)}")
    if not plans:
        lines.append("no stage of this run sends requests")
    return "\n".join(lines)


def print_plans(plans: list[StagePlan], limit_note: str | None = None) -> None:
    """Print the dry run's report to stdout."""
    print(format_plans(plans, limit_note), file=sys.stdout)


def limit_note(limit: int | None, what: str, selected: int, total: int | None = None) -> str | None:
    """The line that says a run was limited, and how to continue (None without a limit)."""
    if limit is None:
        return None
    if total is not None and selected >= total:
        return f"limit: --limit {limit} covers all {total:,} {what}; nothing is left out"
    of = f" of {total:,}" if total is not None else ""
    return (
        f"limit: the first {selected:,}{of} {what} (--limit {limit}); "
        "run again without --limit to continue with the rest"
    )
