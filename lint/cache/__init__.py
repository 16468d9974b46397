"""Caches beside the pipeline: per-file results and run replay in the project's
.reportlint_cache/ (JSON), start-up caches in the user's own cache directory."""
