"""korad_findings: finding F1 of answers against reference answers, computed by korad.finding_scores."""

import datasets
import evaluate

from korad.finding_scores import finding_agreement

_DESCRIPTION = """Finding F1 in English, Korean or mixed text: korad's rule-based labeler reads the 14 CheXpert
observations and korad's extra vocabulary (nodule, mass, emphysema, device types ...) with their polarity
(positive, negative, uncertain) in each answer and its reference; a label agrees when both give the
observation the same polarity. "No Finding" is left out (it is implied, never stated)."""

_KWARGS_DESCRIPTION = """
Args:
    predictions (list of str): the answers.
    references (list of str): one reference answer (or report) per answer.
    use_aggregator (bool, default True): False gives `finding_f1`, the list of per-answer F1.
Returns:
    micro_f1 (float): F1 over all (observation, polarity) labels.
    macro_f1 (float): the mean of the per-observation F1 (over observations either side labels).
    per_observation (dict): observation -> F1.
    support (dict): observation -> how many references label it.
    A pair where neither side labels anything scores 1.0.
Examples:
    >>> korad_findings = evaluate.load("eval/metrics/korad_findings")
    >>> korad_findings.compute(
    ...     predictions=["기흉은 없고 흉수가 있습니다."], references=["No pneumothorax. Pleural effusion."]
    ... )
    {'micro_f1': 1.0, 'macro_f1': 1.0, 'per_observation': {'Pneumothorax': 1.0, 'Pleural Effusion': 1.0}, ...}
"""

_CITATION = """@inproceedings{irvin2019chexpert,
title={CheXpert: A Large Chest Radiograph Dataset with Uncertainty Labels and Expert Comparison},
author={Irvin, Jeremy and others}, booktitle={AAAI}, year={2019}}"""


@evaluate.utils.file_utils.add_start_docstrings(_DESCRIPTION, _KWARGS_DESCRIPTION)
class KoradFindings(evaluate.Metric):
    """Finding F1 (CheXpert observations and korad's extra vocabulary) of answers against references."""

    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation=_CITATION,
            inputs_description=_KWARGS_DESCRIPTION,
            features=datasets.Features(
                {"predictions": datasets.Value("string"), "references": datasets.Value("string")}
            ),
            reference_urls=["https://stanfordmlgroup.github.io/competitions/chexpert/"],
        )

    def _compute(self, predictions, references, use_aggregator=True):
        return finding_agreement(predictions, references, aggregate=use_aggregator)
