"""The base of every error whose message is meant for the writer."""

from __future__ import annotations


class WriterAppError(Exception):
    """A failure the writer can understand and act on; ``str(error)`` is one clear sentence."""
