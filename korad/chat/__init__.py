"""The chat core shared by the Space, the terminal chat and eval.

The typed request every backend receives and the backend protocol (``protocol``), a conversation
about one report (``conversation``), three backends (``backends``: transformers, openai, grounded),
the grounding check run on every answer (``grounding``) and the urgent-finding rules (``triage``).
"""

from korad.chat.backends import BackendSpec, make_backend
from korad.chat.conversation import ChatSession, ContextOverflow, check_reply, fit_to_context, history_pairs
from korad.chat.grounding import Grounding, check_answer
from korad.chat.protocol import ChatBackend, ChatRequest

__all__ = [
    "BackendSpec",
    "ChatBackend",
    "ChatRequest",
    "ChatSession",
    "ContextOverflow",
    "Grounding",
    "check_answer",
    "check_reply",
    "fit_to_context",
    "history_pairs",
    "make_backend",
]
