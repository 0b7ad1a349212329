"""How text enters the map's HTML and JavaScript: escaped, and never template source.

Why this module exists
----------------------
folium draws a map through branca, and branca's ``MacroElement.render`` hands the text each element's
macros produced to ``Element(text)``, which **compiles that text as a Jinja template** and renders it a
second time when the page is rendered (``folium.Map.get_root().render()``, which ``st_folium`` calls).
Whatever ``{{ ... }}``, ``{% ... %}`` or ``{# ... #}`` data slipped into an element's output therefore
runs on the server: a launch place, an EEZ attribute or an uploaded file's *name* such as
``{{ lipsum.__globals__.os.system(...) }}`` is remote code execution. HTML or JSON escaping does not
help: neither touches braces.

Two independent layers close that path, so that neither alone has to be perfect:

1. **Structure** (the root fix). Every element of a Launch Atlas map renders through
   :class:`VerbatimMacroElement`: its macros' output is added to the page as :class:`VerbatimText`,
   text that is returned as is and never compiled. The only Jinja source ever compiled is the
   templates written in code. :func:`check_map` refuses a map holding any element that would compile
   its rendered text (:func:`geo.mapview.build_map` calls it before returning), so a folium element
   added later without this protection fails the tests instead of reopening the hole.
2. **Encoding**. Text reaches HTML only through :func:`html_text` and JavaScript only through
   :func:`js_literal`. Besides the usual escaping (``<``, ``&``, quotes; ``</script>`` cannot close the
   script) both encode ``{`` and ``}``: as the character references ``&#123;`` / ``&#125;`` in HTML and
   as ``\\u007b`` / ``\\u007d`` inside JavaScript strings. The browser shows exactly the same
   characters, but no template engine sees a delimiter: not branca's second pass if an element ever
   escaped layer 1, and not streamlit-folium's rewriting of ``{{'name'}}`` in the map script.

Nothing here decides *what* is shown: labels look the same as with :func:`html.escape`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from branca.element import Div, Element, Figure, MacroElement

__all__ = [
    "TemplateSourceError",
    "VerbatimMacroElement",
    "VerbatimText",
    "check_map",
    "has_template_syntax",
    "html_text",
    "js_literal",
    "unsafe_elements",
]

#: Jinja's default block, variable and comment openers (branca uses a default ``jinja2.Template``).
_TEMPLATE_SYNTAX = re.compile(r"\{[{%#]")
_HTML_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})
#: Characters that must never appear raw in a script element: ``</script>``, ``<!--``, entities.
_JS_EVERYWHERE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
_JS_BRACES = str.maketrans({"{": "\\u007b", "}": "\\u007d"})
_CLOSING_PAIR = re.compile(r"\}(?=\})")
#: A JSON string token as ``json.dumps`` writes it (the only place its output holds a quote).
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


class TemplateSourceError(ValueError):
    """A map holds an element whose rendered text would be compiled as a Jinja template."""


def has_template_syntax(text: str) -> bool:
    """Whether ``text`` holds a Jinja opener (``{{``, ``{%`` or ``{#``).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    bool
        True if a default-configured Jinja environment would see template code in ``text``.

    Examples
    --------
    >>> has_template_syntax("{{ 7*7 }}"), has_template_syntax("{% if x %}"), has_template_syntax("{a: 1}")
    (True, True, False)
    """
    return _TEMPLATE_SYNTAX.search(text) is not None


def html_text(value: object) -> str:
    """``value`` as text to place inside HTML (element content or a quoted attribute value).

    :func:`html.escape` (``& < > " '``) plus the braces, written as character references, so that the
    text can never hold template syntax. A browser shows it exactly as the original text.

    Parameters
    ----------
    value : object
        Anything; ``str(value)`` is escaped.

    Returns
    -------
    str
        HTML text with no markup and no ``{`` or ``}``.

    Examples
    --------
    >>> html_text("<b>{{ 7*7 }}</b> & 'x'")
    '&lt;b&gt;&#123;&#123; 7*7 &#125;&#125;&lt;/b&gt; &amp; &#x27;x&#x27;'
    >>> html.unescape(html_text("{% raw %}")) == "{% raw %}"
    True
    """
    return html.escape(str(value), quote=True).translate(_HTML_BRACES)


def _escape_braces_in_string(match: re.Match[str]) -> str:
    token = match.group(0)
    return token.translate(_JS_BRACES) if "{" in token or "}" in token else token


def js_literal(value: Any) -> str:
    """``value`` as a JavaScript literal (JSON) that is safe inside an HTML ``<script>`` element.

    ``<``, ``>``, ``&``, U+2028 and U+2029 are written as ``\\uXXXX`` escapes everywhere (nothing can
    close the script or open a comment), and ``{`` / ``}`` inside strings as ``\\u007b`` / ``\\u007d``
    (the same string at run time, but never a template delimiter). Object braces stay as they are.

    Parameters
    ----------
    value : JSON-serialisable
        dict, list, tuple, str, int, float, bool or None (nested). Non-finite floats are written as
        JavaScript's ``NaN`` / ``Infinity``.

    Returns
    -------
    str
        A literal that evaluates (and JSON-parses) to ``value``.

    Examples
    --------
    >>> js_literal({"name": "{{ 7*7 }}</script>"})
    '{"name":"\\\\u007b\\\\u007b 7*7 \\\\u007d\\\\u007d\\\\u003c/script\\\\u003e"}'
    >>> json.loads(js_literal(["{% x %}", 1.5])) == ["{% x %}", 1.5]
    True
    >>> js_literal({"a": {"b": "}}"}})
    '{"a":{"b":"\\\\u007d\\\\u007d"} }'

    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if "{" in text or "}" in text:
        text = _JSON_STRING.sub(_escape_braces_in_string, text)
        # Braces left are the literal's own structure; nested objects end in "}}": spaced, so that
        # not even a closing delimiter appears in the page.
        text = _CLOSING_PAIR.sub("} ", text)
    return text.translate(_JS_EVERYWHERE)


class VerbatimText(Element):
    """Text added to a page as it is: rendering returns it, nothing ever compiles it.

    The safe counterpart of ``branca.element.Element(text)``, which compiles ``text`` as a template.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "VerbatimText"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        """The text, unchanged."""
        return self.text


class VerbatimMacroElement(MacroElement):
    """A branca ``MacroElement`` whose rendered ``header``/``html``/``script`` text is never recompiled.

    Same behaviour as ``MacroElement.render`` (the macros of ``_template`` are rendered with ``this``
    and their output is added to the figure's header, body and script, then the children render),
    except that the output is added as :class:`VerbatimText`. Use it as the base of custom elements,
    and mix it into a folium class *after* that class to protect it too::

        class SafeGeoJson(folium.GeoJson, VerbatimMacroElement): ...

    (Python's method order then runs folium's own ``render`` steps first and this one in place of
    ``MacroElement.render``.) Consequence: a macro that relies on branca's second pass, e.g. folium's
    ``{{'name'}}`` style references for element-valued styles, is not supported.
    """

    def render(self, **kwargs: Any) -> str:
        """Add the macros' output to the figure as verbatim text, then render the children.

        Returns ``""``: like branca's, this element's text lands in the figure's parts, not here.
        """
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError(f"{type(self).__name__} can only be rendered inside a branca Figure")
        module = self._template.module
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = getattr(module, part, None)
            if macro is not None:
                target.add_child(VerbatimText(str(macro(self, kwargs))), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)
        return ""


def _walk(element: Element) -> Iterator[Element]:
    yield element
    if isinstance(element, Figure):
        for part in (element.header, element.html, element.script):
            yield from _walk(part)
    for child in element._children.values():
        yield from _walk(child)


def unsafe_elements(element: Element) -> list[str]:
    """Elements of the page holding ``element`` that would compile rendered text as a template.

    Unsafe: a ``MacroElement`` (folium's maps, layers, markers, popups...) or a ``Div`` that does not
    render through :class:`VerbatimMacroElement`, and any element built from a template string that
    holds template syntax (``Element("{{ ... }}")`` compiles its argument).

    Parameters
    ----------
    element : branca Element
        Any element of the page (usually the map); the whole page from its root is checked.

    Returns
    -------
    list of str
        ``"<class name> <element name>"`` of each unsafe element, in tree order; empty when safe.
    """
    out = []
    for el in _walk(element.get_root()):
        compiles_output = isinstance(el, MacroElement | Div) and not isinstance(el, VerbatimMacroElement)
        source = el._template_str
        if compiles_output or (isinstance(source, str) and has_template_syntax(source)):
            out.append(f"{type(el).__name__} {el.get_name()}")
    return out


def check_map(element: Element) -> None:
    """Raise unless no element of the page holding ``element`` compiles rendered text as a template.

    Parameters
    ----------
    element : branca Element
        Usually the ``folium.Map``; its whole page (from the root figure) is checked.

    Raises
    ------
    TemplateSourceError
        Naming the unsafe elements and how to fix them.
    """
    bad = unsafe_elements(element)
    if bad:
        raise TemplateSourceError(
            "these map elements would compile their rendered text as a Jinja template, so text from "
            f"data could run on the server: {', '.join(bad)}. Derive them from "
            "geo.safetext.VerbatimMacroElement (class X(folium.Y, VerbatimMacroElement)) and pass text "
            "through html_text / js_literal."
        )
