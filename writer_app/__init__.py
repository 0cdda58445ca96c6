"""writer-app: a desktop writing assistant for novelists."""

__version__ = "0.1.0"
