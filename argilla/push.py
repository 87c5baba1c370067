"""Push answers to Argilla for human review, with the LLM judge's scores as suggestions.

    export ARGILLA_API_URL=https://org-argilla.hf.space ARGILLA_API_KEY=...
    python argilla/push.py --qa outputs/ko-rad-instruct/dataset --split test --name ko-rad-review
    python argilla/push.py --eval outputs/eval --name ko-rad-eval-review

--qa: QA pairs of datasets_builder (a dataset folder or Hub id), keyed by qa_id; --scores adds
judge scores of those answers (eval/judge.py's scores.parquet; model --model). --eval: every
model's answer of an eval folder with its judge scores; reviewers do not see the model name.
Pushing again updates the same records (no duplicates). The dataset gets korad's review schema:
report, question, answer; four 1-4 ratings with the judge's rubric; accept/reject; an optional
corrected answer; a comment.

The same command as `korad review push` (`python argilla/push.py --help`).
"""

from korad.commands.review import push as command


def main(argv: list[str] | None = None) -> int:
    return command(argv, prog="python argilla/push.py")


if __name__ == "__main__":
    raise SystemExit(main())
