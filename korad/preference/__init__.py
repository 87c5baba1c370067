"""The preference loop: sampled answers, verdicts (grounding check, judge, review), DPO/KTO data."""
