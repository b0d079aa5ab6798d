"""Filling HTML templates with everything escaped, unless it is :class:`Markup` we built.

Templates use ``$name`` placeholders (``string.Template``). Any value that is not
``Markup`` goes through ``html.escape`` (quotes too, so it is safe in attributes).
"""

import html
import json
from collections.abc import Mapping
from string import Template

from omnidesk.gateway.assets import read_text


class Markup(str):
    """HTML assembled by our own code from escaped parts."""

    __slots__ = ()


def escape(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))


def render(name: str, values: Mapping[str, object]) -> str:
    return Template(read_text(name)).substitute({k: escape(v) for k, v in values.items()})


def json_for_script(data: object) -> Markup:
    """JSON for a ``<script type="application/json">`` block: ``<`` can never end it."""
    text = json.dumps(data, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
