"""Assemble the korad chat Space and deploy it to the Hub.

    python hub_scripts/deploy_space.py --repo-id org/korad-chat --dry-run
    python hub_scripts/deploy_space.py --repo-id org/korad-chat --adapter org/ko-rad-lora --load-in-4bit
    python hub_scripts/deploy_space.py --repo-id org/korad-chat --endpoint teacher --endpoints endpoints.yaml

The Space repo (app.py, its README with the Space YAML header, requirements, the korad package with
the sample reports, and the endpoints file if any) is written to --output and uploaded. The app's
options become Space variables (KORAD_*). The secrets it reads are printed by name only: set their
values in the Space settings; they are never taken from arguments. Without a model the Space runs
the grounded backend.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from korad.errors import KoradError
from korad.hub.cards import check_space
from korad.hub.publish import add_publish_arguments, publish, resolve_token
from korad.hub.space import assemble_space


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_publish_arguments(parser, "korad: Space", folder=False)
    parser.add_argument("--output", type=Path, default=Path("outputs/space-repo"), help="assembly folder (new)")
    parser.add_argument("--model", help="base model Hub id (Space variable KORAD_MODEL)")
    parser.add_argument("--adapter", help="adapter Hub id (Space variable KORAD_ADAPTER)")
    parser.add_argument("--load-in-4bit", action="store_true", help="Space variable KORAD_LOAD_IN_4BIT (GPU hardware)")
    parser.add_argument("--endpoint", help="endpoint name for the openai backend (Space variable KORAD_ENDPOINT)")
    parser.add_argument("--endpoints", type=Path, help="endpoints YAML, copied into the Space")
    args = parser.parse_args(argv)
    try:
        if not args.dry_run:
            resolve_token()  # no token: stop before assembling or uploading anything
        plan = assemble_space(
            args.output,
            endpoints=args.endpoints,
            endpoint=args.endpoint,
            model=args.model,
            adapter=args.adapter,
            load_in_4bit=args.load_in_4bit,
        )
        args.folder = args.output
        metadata = check_space(args.output)
        publish(args, "space", metadata, space_sdk=metadata["sdk"])
        if not args.dry_run:
            from huggingface_hub import HfApi

            api = HfApi(token=resolve_token())
            for key, value in plan.variables.items():
                api.add_space_variable(args.repo_id, key, value)
    except KoradError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    print("Space variables:" + ("".join(f"\n  {k} = {v}" for k, v in plan.variables.items()) or " none (grounded)"))
    if plan.secrets:
        print("Set these Space secrets in the Space settings (names only; values never pass through korad):")
        for name, why in plan.secrets.items():
            print(f"  {name}: {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
