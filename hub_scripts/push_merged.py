"""Publish a merged model (train/merge_adapter.py) to the Hub, for vLLM or TGI.

    python hub_scripts/push_merged.py outputs/ko-rad-merged --repo-id org/ko-rad-merged --dry-run

The card must parse and have license, language and base_model; the upload never includes
checkpoints, training_args.bin or logs. The token comes from HF_TOKEN or `hf auth login`. Afterwards
`vllm serve org/ko-rad-merged` or `AutoModelForCausalLM.from_pretrained` loads it.
"""

from korad.hub.cards import check_merged
from korad.hub.publish import folder_script


def main(argv: list[str] | None = None) -> int:
    return folder_script(argv, __doc__, "model", check_merged, "korad: merged model")


if __name__ == "__main__":
    raise SystemExit(main())
