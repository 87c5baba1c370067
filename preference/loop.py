"""The preference loop: ``korad preference sample|build|review-push|review-pull|measure`` (see its --help).

    python preference/loop.py sample --questions outputs/ko-rad-instruct/dataset --models ... --model sft

This card-folder script is a thin door onto ``korad.commands.preference``.
"""

if __name__ == "__main__":
    from korad.commands.preference import main

    raise SystemExit(main(prog="preference/loop.py"))
