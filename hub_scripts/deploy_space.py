"""Assemble the korad chat Space and deploy it to the Hub.

    python hub_scripts/deploy_space.py --repo-id org/korad-chat --dry-run
    python hub_scripts/deploy_space.py --repo-id org/korad-chat --adapter org/ko-rad-lora --load-in-4bit \
        --hardware zero-a10g
    python hub_scripts/deploy_space.py --repo-id org/korad-chat --endpoint teacher --endpoints endpoints.yaml

The Space repo (app.py, its README with the Space YAML header, its own requirements, the korad modules
the app imports with the sample reports, and the endpoints file if any) is written to --output and
uploaded, on the --hardware given (docs/space.md). The app's
options become Space variables (KORAD_*). The secrets it reads are printed by name only: set their
values in the Space settings; they are never taken from arguments. Without a model the Space runs
the grounded backend.

The same command as `korad publish space` (`python hub_scripts/deploy_space.py --help`).
"""

from korad.commands.publish import publish_space as command


def main(argv: list[str] | None = None) -> int:
    return command(argv, prog="python hub_scripts/deploy_space.py")


if __name__ == "__main__":
    raise SystemExit(main())
