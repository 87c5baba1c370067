"""Build the Korean chest X-ray instruction dataset: the same command as ``korad build``.

    python datasets_builder/build.py all --input korad/data/sample_reports.jsonl \\
        --endpoints datasets_builder/endpoints.example.yaml --teacher teacher --workdir outputs/ko-rad
    python datasets_builder/build.py --config datasets_builder/recipes/sample_offline.yaml

``python datasets_builder/build.py --help`` lists the options.
"""

from korad.commands.build import main

if __name__ == "__main__":
    raise SystemExit(main(prog="python datasets_builder/build.py"))
