"""Publish a LoRA adapter folder saved by train/sft.py (adapter + tokenizer + card) to the Hub.

    python hub_scripts/push_adapter.py outputs/ko-rad-lora --repo-id org/ko-rad-lora --dry-run

The card must parse and have license, language and base_model; the upload never includes
checkpoints, training_args.bin or logs. The token comes from HF_TOKEN or `hf auth login`. Afterwards
`PeftModel.from_pretrained(base, "org/ko-rad-lora")` loads it.

The same command as `korad publish adapter` (`python hub_scripts/push_adapter.py --help`).
"""

from korad.commands.publish import adapter as command


def main(argv: list[str] | None = None) -> int:
    return command(argv, prog="python hub_scripts/push_adapter.py")


if __name__ == "__main__":
    raise SystemExit(main())
