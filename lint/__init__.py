"""reportlint: a compliance linter for 法治政府建设年度报告 drafts."""

__version__ = "0.1.0"
