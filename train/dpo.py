"""DPO from the SFT adapter on korad's preference data (TRL's DPOTrainer).

    .venv/bin/accelerate launch --config_file accelerate_configs/single_gpu.yaml train/dpo.py \\
        --config train/recipes/dpo_qwen2.5_7b_qlora.yaml

Arguments come from TRL's ``DPOConfig`` and ``ModelConfig`` plus ``sft_adapter`` and ``license``,
read from the recipe YAML by ``TrlParser``; any of them can be overridden on the command line. The
data is the ``dpo`` config of a folder written by ``korad preference build``. The run itself is
``korad.preference.train``.
"""

import sys

from korad.errors import KoradError

if __name__ == "__main__":
    from korad.preference.train import make_parser, run

    try:
        run("dpo", *make_parser("dpo").parse_args_and_config())
    except KoradError as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(error.exit_code) from None
