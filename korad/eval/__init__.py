"""Evaluation: side-by-side answers (``compare``), the LLM judge (``judge``), reference and clinical
metrics that work on Korean (``metrics``), clinical error counts of judge and rules (``errors``),
bootstrap statistics (``stats``) and the report (``report``). The scripts in ``eval/`` are their
command lines."""
