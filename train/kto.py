"""KTO from the SFT adapter on korad's preference data (TRL's KTOTrainer).

    .venv/bin/accelerate launch --cpu --num_processes 1 train/kto.py \\
        --config train/recipes/kto_tiny_cpu.yaml

Arguments come from TRL's ``KTOConfig`` and ``ModelConfig`` plus ``sft_adapter`` and ``license``,
read from the recipe YAML by ``TrlParser``; any of them can be overridden on the command line. The
data is the ``kto`` config of a folder written by ``korad preference build``. The run itself is
``korad.preference.train``.
"""

import sys

from korad.errors import KoradError

if __name__ == "__main__":
    from korad.preference.train import make_parser, run

    try:
        run("kto", *make_parser("kto").parse_args_and_config())
    except KoradError as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(error.exit_code) from None
