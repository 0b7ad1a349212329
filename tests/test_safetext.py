"""geo.safetext: text enters the map's HTML and JavaScript escaped, and is never compiled as a template."""

from __future__ import annotations

import html
import json
import re

import folium
import pytest
from branca.element import Element, MacroElement
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import Template

from geo.mapview import build_map
from geo.safetext import (
    TemplateSourceError,
    VerbatimMacroElement,
    check_map,
    has_template_syntax,
    html_text,
    js_literal,
    unsafe_elements,
)

# Text with every character class that matters: braces, markup, quotes, backslashes, separators.
_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
_HOSTILE = st.text(st.one_of(_ALPHABET, st.sampled_from(list("{}%#<>&'\"`$\\/\u2028\u2029\n"))), max_size=60)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _HOSTILE,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_HOSTILE, inner, max_size=4),
    max_leaves=12,
)


class _Data(MacroElement):
    """What any folium element does with a value: put it, escaped, into its script macro."""

    _template = Template("{% macro script(this, kwargs) %}var x = {{ this.text }};{% endmacro %}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class _VerbatimData(_Data, VerbatimMacroElement):
    pass


def _render(element: MacroElement) -> str:
    m = folium.Map(tiles=None)
    m._id = "fixed"  # the same page for the same elements
    element.add_to(m)
    return str(m.get_root().render())


def test_regression_branca_compiles_rendered_text_as_a_template() -> None:
    """The root cause of issue 8, pinned: an ordinary element's *output* is compiled and run by branca.

    If a branca upgrade stops doing this, this test fails and the verbatim layer can be reconsidered;
    until then it is what makes ``{{ ... }}`` in data dangerous.
    """
    assert "var x = 3333;" in _render(_Data("{{ 1111*3 }}"))


def test_verbatim_element_output_is_never_compiled() -> None:
    out = _render(_VerbatimData("{{ 1111*3 }}{% if true %}{# c #}"))
    assert "var x = {{ 1111*3 }}{% if true %}{# c #};" in out
    assert "3333" not in out


def test_verbatim_element_renders_like_branca_otherwise() -> None:
    """Same output as MacroElement.render for text without template syntax (header, html, script)."""

    class Parts(MacroElement):
        _template = Template(
            "{% macro header(this, kwargs) %}<style>.a{}</style>{% endmacro %}"
            "{% macro html(this, kwargs) %}<div id='{{ this.get_name() }}'></div>{% endmacro %}"
            "{% macro script(this, kwargs) %}var {{ this.get_name() }} = {a: 1};{% endmacro %}"
        )

    class VerbatimParts(Parts, VerbatimMacroElement):
        pass

    plain, verbatim = Parts(), VerbatimParts()
    verbatim._id = plain._id
    assert _render(verbatim) == _render(plain)


@given(_HOSTILE)
def test_html_text_shows_the_same_characters_and_holds_no_markup_or_braces(text: str) -> None:
    out = html_text(text)
    assert html.unescape(out) == text
    assert not re.search(r"[<>\"'{}]", out)
    assert not has_template_syntax(out)


@given(_JSON)
def test_js_literal_is_the_same_value_and_inert_in_a_script(value: object) -> None:
    out = js_literal(value)
    assert json.loads(out) == value
    assert not has_template_syntax(out)
    assert not re.search(r"[<>&\u2028\u2029]", out)
    strings = re.findall(r'"(?:[^"\\]|\\.)*"', out)
    assert not any("{" in s or "}" in s for s in strings)  # braces only as object delimiters


def test_js_literal_keeps_numbers_and_structure() -> None:
    assert js_literal({"a": [1, 2.5, None, True], "b": {}}) == '{"a":[1,2.5,null,true],"b":{} }'
    assert "}}" not in js_literal({"a": {"b": {"c": 1}}})  # nested ends spaced: no delimiter at all
    assert js_literal("{{x}}") == '"\\u007b\\u007bx\\u007d\\u007d"'


def test_labels_look_the_same_as_with_html_escape() -> None:
    """Shipped labels never hold braces: html_text is html.escape for them."""
    for label in ("Yangdok county", "Sea of Japan (East Sea)", "Japan's EEZ", "Kim Chaek <-> Sinpo & co"):
        assert html_text(label) == html.escape(label)


def test_build_map_leaves_no_element_that_compiles_its_output() -> None:
    m = build_map(layers={})
    assert unsafe_elements(m) == []
    m.get_root().render()
    assert unsafe_elements(m) == []


def test_check_map_refuses_an_ordinary_folium_element() -> None:
    """A folium element added without the verbatim layer (e.g. a Marker with a tooltip) is named."""
    m = build_map(layers={})
    folium.Marker([40, 127], tooltip="Sinpo").add_to(m)
    with pytest.raises(TemplateSourceError, match=r"Marker .*Tooltip"):
        check_map(m)


def test_check_map_refuses_text_compiled_as_an_element_template() -> None:
    m = build_map(layers={})
    m.get_root().html.add_child(Element("<p>{{ place }}</p>"))
    with pytest.raises(TemplateSourceError, match="Element"):
        check_map(m)


@pytest.mark.parametrize(
    ("text", "found"),
    [("{{x}}", True), ("{%x%}", True), ("{#x#}", True), ("{x}", False), ("{ {x} }", False), ("}}", False)],
)
def test_has_template_syntax(text: str, found: bool) -> None:
    assert has_template_syntax(text) is found


def test_docstring_examples_run() -> None:
    import doctest

    import geo.safetext

    res = doctest.testmod(geo.safetext)
    assert res.attempted >= 4
    assert res.failed == 0
