"""korad_text: Korean-aware ROUGE-L, chrF and BLEU (Kiwi morphemes), computed by korad.text_scores."""

import datasets
import evaluate

from korad.text_scores import BLEU_SIGNATURE, text_scores

_DESCRIPTION = f"""Text overlap that reads Korean: ROUGE-L over Kiwi morphemes (rouge-score's own tokenizer turns
Hangul into nothing), chrF over characters, and BLEU over Kiwi morphemes ({BLEU_SIGNATURE}).
Scores are 0-1, higher is closer to the reference."""

_KWARGS_DESCRIPTION = """
Args:
    predictions (list of str): the answers.
    references (list of str): one reference answer per answer.
    use_aggregator (bool, default True): True gives one score each (ROUGE-L: mean over answers;
        chrF and BLEU: sacrebleu's corpus scores); False gives the list of per-answer scores.
Returns:
    rouge_l, chrf, bleu: floats in [0, 1] (lists with use_aggregator=False).
Examples:
    >>> korad_text = evaluate.load("eval/metrics/korad_text")
    >>> answer = "좌측에 소량의 흉수가 있습니다."
    >>> korad_text.compute(predictions=[answer], references=[answer])
    {'rouge_l': 1.0, 'chrf': 1.0, 'bleu': 1.0}
"""

_CITATION = """@inproceedings{lin-2004-rouge, title={ROUGE: A Package for Automatic Evaluation of Summaries},
author={Lin, Chin-Yew}, booktitle={Text Summarization Branches Out}, year={2004}}
@inproceedings{popovic-2015-chrf, title={chrF: character n-gram F-score for automatic MT evaluation},
author={Popovi{\\'c}, Maja}, booktitle={WMT}, year={2015}}
@inproceedings{post-2018-call, title={A Call for Clarity in Reporting BLEU Scores}, author={Post, Matt},
booktitle={WMT}, year={2018}}"""


@evaluate.utils.file_utils.add_start_docstrings(_DESCRIPTION, _KWARGS_DESCRIPTION)
class KoradText(evaluate.Metric):
    """ROUGE-L, chrF and BLEU of Korean (or mixed) answers against reference answers."""

    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation=_CITATION,
            inputs_description=_KWARGS_DESCRIPTION,
            features=datasets.Features(
                {"predictions": datasets.Value("string"), "references": datasets.Value("string")}
            ),
            codebase_urls=[
                "https://github.com/google-research/google-research/tree/master/rouge",
                "https://github.com/mjpost/sacrebleu",
                "https://github.com/bab2min/kiwipiepy",
            ],
            reference_urls=[
                "https://aclanthology.org/W04-1013",
                "https://aclanthology.org/W15-3049",
                "https://aclanthology.org/W18-6319",
            ],
        )

    def _compute(self, predictions, references, use_aggregator=True):
        return text_scores(predictions, references, aggregate=use_aggregator)
