"""Supervised fine-tuning of a chat model on ko-rad-instruct with LoRA or QLoRA (TRL).

    accelerate launch --config_file accelerate_configs/single_gpu.yaml train/sft.py \\
        --config train/recipes/qwen2.5_7b_instruct_qlora.yaml

Arguments come from TRL's ``SFTConfig`` and ``ModelConfig`` plus korad's script arguments, read from the
recipe YAML; any of them can be overridden on the command line (``--learning_rate 1e-4``). Before the
model is loaded, a length audit refuses to train if ``max_length`` would cut an assistant answer
(``--allow_truncation`` to train anyway; ``--audit_only`` to stop after it). The run itself is
``korad.train.sft``.
"""

import sys

from korad.errors import KoradError
from korad.train.data import DataError
from korad.train.sft import make_parser, run

if __name__ == "__main__":
    try:
        run(*make_parser().parse_args_and_config())
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    except KoradError as error:  # e.g. the data-use policy refusing --push_to_hub of credentialed weights
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(error.exit_code) from None
