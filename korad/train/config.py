"""The script arguments of ``train/sft.py``, next to TRL's ``SFTConfig`` and ``ModelConfig``."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

from trl import ScriptArguments


@dataclass
class KoradScriptArguments(ScriptArguments):
    """TRL's script arguments (``dataset_name``, splits, ...) plus korad's.

    A mixture of datasets is given with TRL's ``datasets:`` list (``DatasetMixtureConfig``), each with
    an optional ``fraction`` (its weight: the share of its rows used).
    """

    audit_only: bool = field(default=False, metadata={"help": "Run the length audit and stop."})
    allow_truncation: bool = field(
        default=False,
        metadata={"help": "Train even if max_length would cut some assistant answers (the length audit refuses)."},
    )
    audit_report: str | None = field(
        default=None,
        metadata={"help": "Write the length audit as JSON to this path (default: OUTPUT_DIR/length_audit.json)."},
    )
    license: str = field(default="other", metadata={"help": "License of the trained adapter, for its model card."})
    base_model_license: str | None = field(
        default=None, metadata={"help": "The base model's license, quoted in the model card."}
    )


def print_short_help(prog: str, description: str) -> None:
    """korad's own training options, then where TRL's hundreds of options are documented."""
    from transformers import HfArgumentParser

    parser = HfArgumentParser(
        KoradScriptArguments,
        prog=prog,
        description=description,
        usage=f"{prog} [options]",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.print_help()
    print(
        "\nTRL's options also apply (any SFTConfig, ModelConfig or DatasetMixtureConfig field, e.g. --learning_rate,"
        "\n--max_length, --lora_r, --model_name_or_path, --output_dir): list them with --help-all, or see"
        "\nhttps://huggingface.co/docs/trl/sft_trainer and the recipes in train/recipes/."
    )
