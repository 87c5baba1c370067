"""What a browser or a terminal shows: text from a report, a question or a model is text, never markup
or terminal control.

Gradio renders a Chatbot message, a Markdown and an HTML value as HTML (markdown first, unless
turned off), and its sanitizer keeps ``<img src>`` and links. A report or a model answer that
contains ``![x](http://…)``, ``<img src=…>`` or an unclosed ``<script>`` would then make the
user's browser fetch a URL the report or the model chose, make links, or swallow the rest of the
answer. So every such text is escaped here on its way to the page, and the Space renders chat
messages without markdown: what the model wrote is shown character for character, inert.

A terminal obeys control characters instead: an escape sequence in a report (quoted back in an
answer) or in a model's answer could clear the screen, recolour or overwrite what is shown, or set
the window title. ``terminal_text`` drops them on the way to the terminal chat's output.
"""

from __future__ import annotations

import html
import re

URGENT_MARK = "[긴급]"
WARNING_MARK = "[경고]"


def text_html(text: str) -> str:
    """``text`` as HTML element content that shows exactly ``text`` (``&``, ``<`` and ``>`` escaped).

    Quotes stay as they are (they mean nothing in element content, and the chat's copy button
    copies this form); line breaks stay characters, kept on the page by ``white-space: pre-wrap``.
    Never put the result inside an attribute.
    """
    return html.escape(text, quote=False)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and line feed, DEL and the C1 controls (an ESC or CSI starts every escape sequence)."""


def terminal_text(text: str) -> str:
    """``text`` as a terminal should print it: without control characters other than tab and line feed."""
    return _CONTROL.sub("", text)


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
