"""Eval, reference and clinical metrics of a comparison table.

The same command as `korad metrics` (`python eval/metrics.py --help`)."""

from korad.commands.evaluation import metrics

if __name__ == "__main__":
    raise SystemExit(metrics(prog="python eval/metrics.py"))
