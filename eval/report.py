"""Eval, the evaluation report with intervals, paired tests and plots.

The same command as `korad eval-report` (`python eval/report.py --help`)."""

from korad.commands.evaluation import report

if __name__ == "__main__":
    raise SystemExit(report(prog="python eval/report.py"))
