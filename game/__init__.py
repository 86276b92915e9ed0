"""Five Levers: a training game for conversations with customers."""

__version__ = "0.1.0"
