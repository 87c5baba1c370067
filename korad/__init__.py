"""korad: Korean question answering about chest X-ray radiology reports."""

from korad.logs import install_log_redaction

__version__ = "0.1.0"

install_log_redaction()  # no log record of this process carries a secret or report text (korad.logs)
