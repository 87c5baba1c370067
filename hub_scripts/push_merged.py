"""Publish a merged model (train/merge_adapter.py) to the Hub, for vLLM or TGI.

    python hub_scripts/push_merged.py outputs/ko-rad-merged --repo-id org/ko-rad-merged --dry-run

The card must parse and have license, language and base_model; the upload never includes
checkpoints, training_args.bin or logs. The token comes from HF_TOKEN or `hf auth login`. Afterwards
`vllm serve org/ko-rad-merged` or `AutoModelForCausalLM.from_pretrained` loads it.

The same command as `korad publish merged` (`python hub_scripts/push_merged.py --help`).
"""

from korad.commands.publish import merged as command


def main(argv: list[str] | None = None) -> int:
    return command(argv, prog="python hub_scripts/push_merged.py")


if __name__ == "__main__":
    raise SystemExit(main())
