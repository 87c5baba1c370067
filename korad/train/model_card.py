"""The model card (README.md) of a trained adapter: Hub metadata, hyper-parameters, eval loss."""

from __future__ import annotations

from enum import Enum
from typing import Any

from huggingface_hub import ModelCard, ModelCardData

from korad.lineage import CARD_KEY, licence_of
from korad.prompts import PROMPT_VERSION

METHODS: dict[str, tuple[str, str, str]] = {
    "sft": ("SFTTrainer", "train/sft.py", "Loss was computed on the assistant's answers only."),
    "dpo": ("DPOTrainer", "train/dpo.py", "DPO on preference pairs (chosen over rejected answers)."),
    "kto": ("KTOTrainer", "train/kto.py", "KTO on answers labelled desirable or undesirable."),
}
"""Training method -> (TRL trainer, korad script, what the loss was)."""


def _shown(value: Any) -> Any:
    """A hyper-parameter as a reader knows it: an enum by its value (``constant``, not ``SchedulerType.CONSTANT``)."""
    return value.value if isinstance(value, Enum) else value


def render_model_card(
    *,
    name: str,
    base_model: str,
    datasets: list[str],
    sources: list[str],
    license: str,
    hub_model_id: str | None,
    hyperparameters: dict[str, Any],
    eval_loss: float | None,
    quantization: str | None,
    method: str = "sft",
    start_adapter: str | None = None,
) -> str:
    """README.md text with metadata (base_model, datasets, language ko, license, tags) and prose.

    ``name`` is the adapter's name (its Hub id, or its folder when it is not pushed).
    """
    tags = ["korad", "trl", "sft", "lora", "radiology", "chest-x-ray", "korean", "medical"]
    if quantization:
        tags.append("qlora")

    trainer, script, loss = METHODS[method]
    if method != "sft":
        tags.append(method)  # an SFT adapter trained further: both tags hold
    if start_adapter:
        loss += f" Training continued the SFT adapter {start_adapter}."

    data = ModelCardData(
        base_model=base_model,
        datasets=datasets,
        language=["ko"],
        license=license,
        library_name="peft",
        pipeline_tag="text-generation",
        tags=tags,
        **{CARD_KEY: sorted(sources)},
    )
    rows = "\n".join(f"| {k} | {_shown(v)} |" for k, v in hyperparameters.items())
    source_rows = "\n".join(f"| {source} | {licence_of(source)} |" for source in sorted(sources))
    model_id = hub_model_id or name
    body = f"""
# {model_id.split("/")[-1]}: Korean chest X-ray report QA (LoRA on {base_model.rstrip("/").split("/")[-1]})

A LoRA adapter for **{base_model}** that answers questions about chest X-ray radiology reports in Korean,
trained with TRL's `{trainer}` by korad (`{script}`) on {", ".join(datasets) or "korad data"}.
{loss} Prompt: korad chat prompt `{PROMPT_VERSION}`: serve
the model with `korad.prompts.chat_messages` (the Space and eval do) so it sees what it was trained on.

```python
from peft import AutoPeftModelForCausalLM
model = AutoPeftModelForCausalLM.from_pretrained("{model_id}")
```

## Results

- eval loss: {f"{eval_loss:.4f}" if eval_loss is not None else "not evaluated"}
- quantization during training: {quantization or "none"}

## Training data

Datasets: {", ".join(datasets) or "none recorded"}. Sources of their rows (read from the data, with licences):

| source | licence |
|---|---|
{source_rows}

Weights trained on credentialed data (MIMIC-CXR and the other PhysioNet credentialed databases) are
derived data: share them only as those sources' licences allow.

## Training hyper-parameters

| parameter | value |
|---|---|
{rows}

## Limitations

Trained on machine-generated question–answer pairs; answers can be wrong. It explains reports and is not
a diagnostic device: clinical decisions belong to the care team.
"""
    return ModelCard(f"---\n{data.to_yaml()}\n---\n{body}").content
