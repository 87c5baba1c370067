"""Supervised fine-tuning of a chat model on ko-rad-instruct with LoRA or QLoRA (TRL).

    .venv/bin/accelerate launch --config_file accelerate_configs/single_gpu.yaml train/sft.py \\
        --config train/recipes/qwen2.5_7b_instruct_qlora.yaml

Arguments come from korad's script arguments plus TRL's ``SFTConfig``, ``ModelConfig`` and
``DatasetMixtureConfig``, read from the recipe YAML by TRL's ``TrlParser``; any of them can be
overridden on the command line (``--learning_rate 1e-4``). ``--help`` shows korad's options;
``--help-all`` shows TRL's too. Before the model is loaded, a length audit refuses to train if
``max_length`` would cut an assistant answer (``--allow_truncation`` to train anyway;
``--audit_only`` to stop after it). The run itself is ``korad.train.sft``.
"""

import sys

from korad.cli import run
from korad.train.config import print_short_help


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if any(a in ("-h", "--help") for a in argv):
        print_short_help("train/sft.py", __doc__)
        return 0
    from korad.train.sft import make_parser
    from korad.train.sft import run as train

    if "--help-all" in argv:
        make_parser().print_help()
        return 0
    args = [a for a in argv if a != "--debug"]
    return run(lambda: train(*make_parser().parse_args_and_config(args)), argv)


if __name__ == "__main__":
    raise SystemExit(main())
