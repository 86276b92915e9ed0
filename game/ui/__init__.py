"""The shells a person sees: the game window and the terminal version."""
import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
