"""korad: Korean question answering about chest X-ray radiology reports."""

__version__ = "0.1.0"
