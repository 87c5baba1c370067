"""korad_grounding: clinical errors of answers against their source reports, counted by korad.clinical_errors."""

import datasets
import evaluate

from korad.clinical_errors import ERROR_TYPES, grounding_counts

_DESCRIPTION = f"""Clinical errors of answers (Korean, English or mixed) against the radiology report they answer
about, counted by type as GREEN does for English reports: {", ".join(ERROR_TYPES)}; and error_free, the share
of answers with none. Rules, no model: korad reads the findings, their side, severity, size, change and device
position, and the recommendations of both texts and compares them (docs/metrics.md)."""

_KWARGS_DESCRIPTION = """
Args:
    predictions (list of str): the answers.
    references (list of str): the source report of each answer.
    questions (list of str, optional): the question of each answer; a bare "네" / "아니요" to a yes/no
        question ("기흉이 있나요?") then asserts or denies the finding asked about.
    use_aggregator (bool, default True): False gives, for each key, the list of per-answer values.
Returns:
    false_finding, denied_finding, wrong_side, wrong_severity, wrong_size, wrong_change,
    wrong_device_position, unsupported_recommendation (int): errors of each type over all answers.
    error_free (float): the share of answers without any error.
Examples:
    >>> korad_grounding = evaluate.load("eval/metrics/korad_grounding")
    >>> korad_grounding.compute(predictions=["우측에 흉수가 있습니다."], references=["Small left pleural effusion."])
    {'false_finding': 0, 'denied_finding': 0, 'wrong_side': 1, ..., 'error_free': 0.0}
"""

_CITATION = """@inproceedings{ostmeier2024green, title={GREEN: Generative Radiology Report Evaluation and Error
Notation}, author={Ostmeier, Sophie and others}, booktitle={Findings of EMNLP}, year={2024}}"""


@evaluate.utils.file_utils.add_start_docstrings(_DESCRIPTION, _KWARGS_DESCRIPTION)
class KoradGrounding(evaluate.Metric):
    """Clinical error counts by type of answers against their source reports."""

    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation=_CITATION,
            inputs_description=_KWARGS_DESCRIPTION,
            features=datasets.Features(
                {"predictions": datasets.Value("string"), "references": datasets.Value("string")}
            ),
            reference_urls=["https://arxiv.org/abs/2405.03595"],
        )

    def _compute(self, predictions, references, questions=None, use_aggregator=True):
        return grounding_counts(predictions, references, questions, aggregate=use_aggregator)
