"""Colour contrast of every highlight, and production settings that are safe by default."""

import ast
import re
import tomllib

import pytest

from core.markup.style import GROUP_STYLES, HIGHLIGHT_TEXT, PERSON_STYLE, PRIMARY_BUTTON
from core.timeline import MARKER_COLOUR, RANGE_COLOUR, RANGE_OPACITY
from tests.helpers import ROOT


def _luminance(colour: str) -> float:
    """WCAG relative luminance of '#RRGGBB'."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blend(colour: str, opacity: float, background: str) -> str:
    """`colour` drawn at `opacity` over `background`, as '#RRGGBB'."""
    mixed = [
        round(opacity * int(colour[i : i + 2], 16) + (1 - opacity) * int(background[i : i + 2], 16))
        for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{channel:02X}" for channel in mixed)


@pytest.mark.parametrize("background", [s[0] for s in (*GROUP_STYLES, PERSON_STYLE)])
def test_every_highlight_reads_at_4_5_to_1_in_both_themes(background):
    # Marks set their own text colour and background, so the theme cannot change the pair.
    assert contrast(HIGHLIGHT_TEXT, background) >= 4.5


def test_groups_differ_by_underline_style_not_colour_alone():
    styles = [underline for _, underline in GROUP_STYLES]
    assert len(set(styles)) == len(styles)


def test_the_contrast_formula_matches_known_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
THEMES = ("light", "dark")


@pytest.mark.parametrize("theme", THEMES)
def test_timeline_bars_and_markers_reach_3_to_1_on_the_chart_background(theme):
    # WCAG 1.4.11: graphical objects need 3:1 against what is next to them. The chart is
    # transparent, so its background is the theme's.
    background = CONFIG["theme"][theme]["backgroundColor"]
    bar = blend(RANGE_COLOUR, RANGE_OPACITY, background)
    assert contrast(bar, background) >= 3, (theme, bar, background)
    assert contrast(MARKER_COLOUR, background) >= 3, (theme, background)


def test_the_primary_button_label_reads_at_4_5_to_1():
    # A primary button's label is white in both themes; its fill is set in the stylesheet.
    fill, label = PRIMARY_BUTTON
    assert contrast(label, fill) >= 4.5


@pytest.mark.parametrize("theme", THEMES)
def test_selected_pills_read_at_4_5_to_1(theme):
    # A selected pill draws its label in the primary colour on a 10% tint of it.
    settings = CONFIG["theme"][theme]
    primary, background = settings["primaryColor"], settings["backgroundColor"]
    assert contrast(primary, blend(primary, 0.1, background)) >= 4.5, theme


def test_production_settings_are_safe():
    server = CONFIG["server"]
    assert server["enableXsrfProtection"] is True
    assert 0 < server["maxUploadSize"] <= 10
    # A paste travels over the websocket, held whole in memory before any check of its size.
    assert server["maxUploadSize"] < server["maxMessageSize"] <= 25
    assert server["headless"] is True
    assert CONFIG["browser"]["gatherUsageStats"] is False
    assert CONFIG["client"]["showErrorDetails"] == "none"


def _python_files():
    for folder in ("app.py", "app_pages", "components", "core"):
        path = ROOT / folder
        yield from [path] if path.is_file() else sorted(path.rglob("*.py"))


def _calls(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            yield node


def test_no_html_path_bypasses_the_markup_module():
    for path in _python_files():
        source = path.read_text(encoding="utf-8")
        assert "components.v1" not in source and "unsafe_allow_html" not in source, path
        for call in _calls(path):
            flags = [k for k in call.keywords if k.arg == "unsafe_allow_javascript"]
            if flags:
                # The one script allowed is the constant page script, passed by name.
                assert ast.unparse(call.args[0]) == "PAGE_SCRIPT", (path, ast.unparse(call))


def test_html_tags_are_written_only_inside_core_markup():
    tag = re.compile(r"""["']<(?:div|p|span|a|h\d|ul|li|mark|script|style|table)\b""")
    for path in _python_files():
        if "markup" not in path.parts:
            assert not tag.search(path.read_text(encoding="utf-8")), path


def test_markup_is_built_from_html_templates_never_from_f_strings():
    """Escaping by construction (core/markup/escaping.py): a tag in an f-string, or a plain
    str.join, would put text into HTML without escaping it."""
    tag = re.compile(r"<[A-Za-z/!]")
    for path in sorted((ROOT / "core" / "markup").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert '"".join(' not in source, path
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.JoinedStr):
                text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                assert not tag.search(text), (path, ast.unparse(node))
