"""``korad merge --adapter A --output M``: merge a LoRA adapter into its base model (to serve with vLLM or TGI).

The base model is read from the adapter's config (``--base`` overrides it) and loaded unquantized in
``--dtype``: merging into 4-bit weights would lose precision. The merged model's card says
``base_model_relation: merge``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from korad.cli import run
from korad.config import parse


@dataclass
class MergeOptions:
    adapter: str = field(metadata={"help": "adapter folder or Hub id"})
    output: str = field(metadata={"help": "folder for the merged model"})
    base: str | None = field(default=None, metadata={"help": "base model (default: the adapter's base model)"})
    dtype: Literal["float32", "float16", "bfloat16"] = field(default="bfloat16", metadata={"help": "weights' dtype"})


def main(argv: Sequence[str] | None = None, prog: str = "korad merge") -> int:
    def body() -> int:
        from korad.train.merge import merge

        (options,) = parse((MergeOptions,), argv, prog=prog, description=__doc__)
        path = merge(options.adapter, options.output, options.base, options.dtype)
        print(f"merged model saved to {path}")
        return 0

    return run(body, argv)
