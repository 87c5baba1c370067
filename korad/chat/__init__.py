"""The chat core shared by the Space, the terminal chat and eval.

A conversation about one report (``conversation``), three backends behind one interface
(``backends``: transformers, openai, grounded), and the grounding check run on every answer
(``grounding``).
"""

from korad.chat.backends import BackendSpec, ChatBackend, make_backend
from korad.chat.conversation import ChatSession, ContextOverflow, build_messages, history_pairs
from korad.chat.grounding import Grounding, check_answer

__all__ = [
    "BackendSpec",
    "ChatBackend",
    "ChatSession",
    "ContextOverflow",
    "Grounding",
    "build_messages",
    "check_answer",
    "history_pairs",
    "make_backend",
]
