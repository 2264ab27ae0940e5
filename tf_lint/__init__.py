"""tf-lint: a linter for Hugging Face Transformers code."""

__version__ = "0.1.0"
