"""Supervised fine-tuning with TRL: configuration, data, length audit, model card."""
