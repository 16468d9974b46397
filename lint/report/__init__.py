"""Reporters: turn FileResults into output. They see findings, never rules' internals."""
from __future__ import annotations

from . import json_format, text

REPORTERS = {"text": text.render, "json": json_format.render}
