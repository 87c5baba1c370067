"""The instruction-data pipeline: reports -> Korean -> questions -> answers -> filters -> Hub dataset.

Each stage reads one JSONL artifact and writes one (docs/artifacts.md), resumes where it stopped and
quarantines what it rejects. ``datasets_builder/build.py`` is the command line.
"""
