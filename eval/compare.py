"""Eval, answers of several models to one set of questions.

The same command as `korad compare` (`python eval/compare.py --help`)."""

from korad.commands.evaluation import compare

if __name__ == "__main__":
    raise SystemExit(compare(prog="python eval/compare.py"))
