"""Eval, judge a comparison table with an LLM.

The same command as `korad judge` (`python eval/judge.py --help`)."""

from korad.commands.evaluation import judge

if __name__ == "__main__":
    raise SystemExit(judge(prog="python eval/judge.py"))
