"""Merge a LoRA adapter into its base model and save a plain model (to serve with vLLM or TGI).

    python train/merge_adapter.py --adapter outputs/ko-rad-qwen2.5-7b-qlora --output outputs/ko-rad-merged

The same command as `korad merge` (`python train/merge_adapter.py --help`).
"""

from korad.commands.merge import main as command


def main(argv: list[str] | None = None) -> int:
    return command(argv, prog="python train/merge_adapter.py")


if __name__ == "__main__":
    raise SystemExit(main())
