"""What a browser shows: text from a report, a question or a model is text, never markup.

Gradio renders a Chatbot message, a Markdown and an HTML value as HTML (markdown first, unless
turned off), and its sanitizer keeps ``<img src>`` and links. A report or a model answer that
contains ``![x](http://…)``, ``<img src=…>`` or an unclosed ``<script>`` would then make the
user's browser fetch a URL the report or the model chose, make links, or swallow the rest of the
answer. So every such text is escaped here on its way to the page, and the Space renders chat
messages without markdown: what the model wrote is shown character for character, inert.
"""

from __future__ import annotations

import html

URGENT_MARK = "[긴급]"
WARNING_MARK = "[경고]"


def text_html(text: str) -> str:
    """``text`` as HTML element content that shows exactly ``text`` (``&``, ``<`` and ``>`` escaped).

    Quotes stay as they are (they mean nothing in element content, and the chat's copy button
    copies this form); line breaks stay characters, kept on the page by ``white-space: pre-wrap``.
    Never put the result inside an attribute.
    """
    return html.escape(text, quote=False)


def html_text(escaped: str) -> str:
    """The text back from ``text_html`` (what the browser sends back as the chat history)."""
    return html.unescape(escaped)


def notices_html(notices: str | None) -> str:
    """Warnings and notices (one a paragraph, as the chat function returns them) as escaped HTML blocks."""
    blocks = []
    for notice in (notices or "").split("\n\n"):
        if not notice.strip():
            continue
        kind = "urgent" if notice.startswith(URGENT_MARK) else "warning" if notice.startswith(WARNING_MARK) else "info"
        blocks.append(f'<div class="notice {kind}">{text_html(notice.strip())}</div>')
    return "\n".join(blocks)
