"""The look of every HTML block: colours, underline styles and the shared stylesheet."""

from __future__ import annotations

from core.markup.escaping import Html, join

# Okabe-Ito hues (colour-blind safe) as light tints under dark text, so every highlight
# reads the same in light and dark themes; the underline style is the cue that is not colour.
GROUP_STYLES = (
    ("#FFDDA1", "solid"),  # orange
    ("#C6E5F7", "double"),  # sky blue
    ("#BDE6D6", "dashed"),  # bluish green
    ("#F2D2E4", "dotted"),  # reddish purple
)
# People outside the camps: a grey tint and no underline. Every other actor (countries,
# organisations…) is highlighted only on request, with no tint and a dotted underline in the
# text's own colour, so the camps' and the people's marks stand out in both themes.
PERSON_STYLE = ("#E6E6E6", "none")
OTHER_STYLE = ("transparent", "dotted")

HIGHLIGHT_TEXT = "#1B1B1B"
# The primary button (e.g. "Next paragraph") in both themes: white on a deep red, 7.0:1. The
# theme's dark primary colour stays light, as the selected pills draw their label in it on a
# dark tint; a primary button's label is always white, so its fill is set here.
PRIMARY_BUTTON = ("#A8283A", "#FFFFFF")
PRIMARY_BUTTON_HOVER = "#8E1F30"


def group_class(number: int) -> str:
    """The CSS class of the highlight of the group with this index (bundle order)."""
    return f"rr-g{number % len(GROUP_STYLES)}"


_GROUP_RULE = Html(".rr mark.{}{{background:{};border-bottom:3px {} {}}}\n")
_MARK_RULES = join(
    _GROUP_RULE.format(group_class(number), background, underline, HIGHLIGHT_TEXT)
    for number, (background, underline) in enumerate(GROUP_STYLES)
) + Html(
    ".rr mark.rr-person{{background:{}}}\n"
    ".rr mark.rr-other{{background:{};color:inherit;border-bottom:2px {} currentColor}}\n"
).format(PERSON_STYLE[0], OTHER_STYLE[0], OTHER_STYLE[1])
# Every primary button, a form's send button too, is white on deep red (7.0:1, both themes).
_PRIMARY = (
    ":is(button[data-testid=stBaseButton-primary],"
    "button[data-testid=stBaseButton-primaryFormSubmit])"
)
_BUTTON_RULES = Html(
    _PRIMARY
    + ":not(:disabled){{background-color:{};border-color:{};color:{}}}\n"
    + _PRIMARY
    + ":not(:disabled):hover{{background-color:{};border-color:{};color:{}}}\n"
).format(
    PRIMARY_BUTTON[0],
    PRIMARY_BUTTON[0],
    PRIMARY_BUTTON[1],
    PRIMARY_BUTTON_HOVER,
    PRIMARY_BUTTON_HOVER,
    PRIMARY_BUTTON[1],
)

# Streamlit draws captions in its text colour at 60 % (about 3.8:1 on white, under WCAG's
# 4.5:1, e.g. the "Drawing the timeline…" placeholder); STYLE draws them at 78 % (6.5:1).
STYLE = (
    Html("""<style>
.js-plotly-plot .xtick text,.js-plotly-plot .ytick text{fill:currentColor!important}
[data-testid=stCaptionContainer]{color:inherit;opacity:.78}
@media (min-width:900px){[data-testid="stMainBlockContainer"]{padding-left:3rem;padding-right:3rem}}
.rr{font-size:1.05rem;line-height:1.7;overflow-wrap:break-word;container-type:inline-size}
.rr a,.rr .rr-note{overflow-wrap:anywhere}
.rr mark.rr-m{color:#1B1B1B;padding:0 .12em;border-radius:.2em;cursor:help}
.rr mark.rr-focus{font-weight:700;outline:2px solid #1B1B1B;outline-offset:0}
.rr mark.rr-m:focus-visible,.rr dfn.rr-term:focus-visible{outline:3px solid #0072B2;
 outline-offset:1px}
.rr .rr-pbody,.rr .rr-card,.rr .rr-present-text{position:relative}
.rr mark.rr-m[aria-description]:is(:hover,:focus)::after,
.rr dfn.rr-term[aria-description]:is(:hover,:focus)::after{content:attr(aria-description);
 position:absolute;left:0;right:0;margin-top:1.8em;z-index:5;display:block;padding:.35rem .6rem;
 border-radius:.4rem;border:1px solid #8A8A8A;background:#1B1B1B;color:#FFFFFF;font-size:.9rem;
 font-weight:400;font-style:normal;line-height:1.45;text-align:left;white-space:normal;
 pointer-events:none}
.rr .rr-p{display:flex;gap:.6rem;margin:0 0 1rem 0;padding:.25rem .4rem;border-radius:.3rem;
 scroll-margin-top:4rem}
.rr .rr-p:target{outline:3px solid #0072B2}
.rr .rr-pn{flex:0 0 2.3rem;font-size:.8rem;opacity:.9;text-decoration:none;color:inherit;
 padding-top:.2rem}
.rr .rr-dim{opacity:.77}
.rr .rr-hit{border-left:4px solid #0072B2}
.rr .rr-marked{outline:3px solid #D55E00;outline-offset:2px}
.rr .rr-target{background:rgba(0,114,178,.12);box-shadow:inset 4px 0 0 #0072B2}
.rr .rr-pbody{flex:1;min-width:0}
.rr .rr-pbody p{margin:0 0 .4rem 0}
.rr dfn.rr-term{font-style:normal;text-decoration:underline wavy rgba(128,128,128,.9);
 text-underline-offset:.25em;cursor:help}
.rr .rr-note{font-size:.9rem;border-left:4px solid #CC79A7;padding:.3rem .6rem;margin:.3rem 0;
 background:rgba(204,121,167,.08)}
.rr .rr-note-correction{border-left-style:double;border-left-width:6px}
.rr .rr-note-update{border-left-style:dashed}
.rr details.rr-note summary{cursor:pointer}
.rr details.rr-note[open] summary{margin-bottom:.3rem}
.rr .rr-note p{margin:.2rem 0}
.rr ul.rr-sources{margin:.2rem 0 .2rem 1.1rem}
.rr .rr-draft{border:2px solid #D55E00;border-left-width:8px;border-radius:.5rem;
 padding:.5rem .8rem;margin:0 0 1rem 0;font-weight:700}
.rr .rr-share{display:flex;flex-direction:column;gap:.4rem}
.rr .rr-share button{font:inherit;padding:.4rem .8rem;border-radius:.5rem;cursor:pointer;
 border:1px solid rgba(128,128,128,.6);background:transparent;color:inherit}
.rr .rr-share input{font:inherit;font-size:.8rem;padding:.3rem;border-radius:.3rem;width:100%;
 border:1px solid rgba(128,128,128,.6);background:transparent;color:inherit}
.rr .rr-qlinks{font-size:.85rem;margin:.2rem 0}
.rr .rr-tag{font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em}
.rr .rr-muted{opacity:.85;font-size:.9rem}
.rr .rr-card{border:1px solid rgba(128,128,128,.45);border-radius:.5rem;padding:.8rem 1rem;
 margin-bottom:1rem;overflow-wrap:anywhere}
.rr blockquote{margin:.4rem 0;padding-left:.8rem;border-left:3px solid rgba(128,128,128,.6)}
.rr h1{font-size:2rem;line-height:1.2;margin:.2rem 0 .5rem 0}
.rr h3,.rr h2.rr-h{font-size:1.15rem;margin:.2rem 0 .4rem 0;padding:0}
.rr .rr-present-side h2.rr-h{font-size:24px}
.rr ul{margin:.2rem 0 .4rem 1.1rem;padding:0}
.rr .rr-intro{border-left:4px solid #0072B2;padding:.1rem 0 .1rem .8rem;font-size:.95rem}
.rr .rr-intro p{margin:0 0 .2rem 0}
.st-key-panel{height:2rem}
.st-key-panel,.st-key-panel [role="radiogroup"]{max-width:100%}
.st-key-panel [role="radiogroup"]{flex-wrap:nowrap;overflow-x:auto;scrollbar-width:thin}
.st-key-panel button{flex-shrink:0}
.rr .rr-intro details summary{cursor:pointer;font-weight:600}
.rr ul.rr-key{list-style:none;margin:.3rem 0;padding:0;font-size:.9rem;line-height:1.5}
.rr ul.rr-key li{margin:0 0 .35rem 0}
.rr .rr-key-p{display:inline-block;width:1.4em;height:1em;vertical-align:-.1em;
 border-radius:.2em;margin-right:.2em}
.rr .rr-key-marked{outline:3px solid #D55E00;outline-offset:-3px}
.rr .rr-key-target{background:rgba(0,114,178,.12);box-shadow:inset 4px 0 0 #0072B2}
.rr .rr-key-hit{border-left:4px solid #0072B2}
.rr [data-rr-card]{scroll-margin-top:4.5rem}
.rr .rr-cols{display:grid;grid-template-columns:minmax(0,1fr);gap:1rem}
.rr .rr-main{max-width:40rem}
.rr .rr-side{display:contents}
.rr .rr-selection{order:-1}
.rr .rr-news{order:1}
@container (min-width:53rem){
 .rr .rr-cols{grid-template-columns:minmax(0,36rem) minmax(15rem,1fr);gap:2rem;
  align-items:start}
 .rr .rr-side{display:block;position:sticky;top:4rem;max-height:calc(100vh - 5rem);
  overflow-y:auto;padding-right:.3rem}
 .rr .rr-selection,.rr .rr-news{order:0}
}
.rr .rr-camps{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1.5rem}
.rr .rr-questions li{margin-bottom:1rem}
.rr dl.rr-glossary dt{font-weight:700;margin-top:.6rem}
.rr dl.rr-glossary dd{margin:0 0 .3rem 0}
.rr .rr-present{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:2rem}
.rr .rr-present-text p{font-size:30px;line-height:1.5;font-weight:500}
/* The ¶ sign's bowl reaches left of its box in bold capitals: room for it at the edge. */
.rr .rr-present-text .rr-tag{font-size:18px;padding-left:.15em;overflow:visible}
.rr .rr-present-side{font-size:20px}
@media (max-width:900px){.rr .rr-present{grid-template-columns:minmax(0,1fr)}}
@media (max-width:640px){.rr .rr-present-text p{font-size:22px}}
@media (max-width:640px){.rr h1{font-size:1.5rem}.rr .rr-pn{flex-basis:1.8rem}
 .rr .rr-image-caption{display:none}}
""")
    + _MARK_RULES
    + _BUTTON_RULES
    + Html("</style>")
)


# The classroom's own rules, kept apart from STYLE: the discussion question's banner (its
# Streamlit container, .st-key-rr-question, stays in view while the text scrolls under it;
# light tint, dark text, as the highlights, so it reads the same in both themes), the
# teacher's notes, and printing the dashboard: the reading (header, text, key, cards),
# never the sidebar, the buttons or the chart and its controls.
CLASSROOM_STYLE = Html("""<style>
[data-testid=stLayoutWrapper]:has(> .st-key-rr-question){position:sticky;top:3.75rem;z-index:20}
.st-key-rr-question{background:#EAF3FA;color:#1B1B1B;border:1px solid #0072B2;
 border-left:6px solid #0072B2;border-radius:.5rem;padding:.3rem .5rem .3rem .8rem;
 box-shadow:0 2px 6px rgba(0,0,0,.18)}
.st-key-rr-question{flex-wrap:nowrap}
.st-key-rr-question>div:first-child{flex:1 1 0;min-width:0}
.st-key-rr-question .rr{font-size:1rem;line-height:1.45}
.st-key-rr-question .rr a{color:#00508A}
.st-key-rr-question button,.st-key-rr-question button p{color:#1B1B1B}
.rr .rr-question .rr-tag{margin-bottom:.1rem}
.rr .rr-question-text{font-weight:700;margin:0}
body:has(.st-key-rr-question) .rr .rr-p{scroll-margin-top:11rem}
.rr .rr-teacher{font-size:.95rem;border-left:4px solid #E69F00;border-left-style:double;
 border-left-width:6px;padding:.3rem .6rem;margin:.3rem 0;background:rgba(230,159,0,.10)}
@media (max-width:640px){.st-key-rr-question .rr{font-size:.9rem}
 .st-key-rr-question button [data-testid=stMarkdownContainer]{position:absolute;width:1px;
  height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
 body:has(.st-key-rr-question) .rr .rr-p{scroll-margin-top:15rem}}
@media print{
 [data-testid=stSidebar],[data-testid=stHeader],[data-testid=stToolbar],
 [data-testid=stDecoration],[data-testid=stBottom],
 [data-testid=stElementContainer]:has([data-testid=stPlotlyChart]),
 [data-testid=stButton],[data-testid=stDownloadButton],[data-testid=stElementToolbar],
 [data-testid=stButtonGroup],[data-testid=stSelectbox],[data-testid=stTextInput],
 [data-testid=stCheckbox],[data-testid=stExpander],.stPills,.stSegmentedControl,.stSelectbox,
 [class*=st-key-rr-next-],.rr .rr-share{display:none!important}
 html,body,.stApp,[data-testid=stAppViewContainer],[data-testid=stMain],
 [data-testid=stMainBlockContainer]{height:auto!important;min-height:0!important;
  overflow:visible!important;position:static!important}
 [data-testid=stMainBlockContainer]{padding:0!important;max-width:none!important}
 [data-testid=stLayoutWrapper]:has(> .st-key-rr-question){position:static}
 .st-key-rr-question{box-shadow:none}
 .rr{color:#111}.rr a{color:#111;text-decoration:none}
 .rr .rr-p,.rr .rr-card,.rr .rr-note{break-inside:avoid}.rr h2{break-after:avoid}
 .rr .rr-print-key{display:block!important}}
.rr .rr-print-key{display:none}
</style>""")


def panel(*fragments: Html) -> Html:
    """Wrap fragments from this package into one styled block for `st.html`."""
    return STYLE + CLASSROOM_STYLE + Html('<div class="rr">{}</div>').format(join(fragments))


def reading_layout(text: Html, selection: Html, news: Html) -> Html:
    """The text with a comfortable measure, and beside it (where the width allows, kept in view
    as the text scrolls) the cards of what the reader chose, then the related news. On a
    narrow page the chosen cards come above the text, where the reader is looking, and the
    related news after it."""
    chosen = (
        Html('<div class="rr-selection">{}</div>').format(selection) if selection else selection
    )
    return Html(
        '<div class="rr-cols"><div class="rr-main">{}</div>'
        '<aside class="rr-side" aria-label="Cards" tabindex="0">{}'
        '<div class="rr-news">{}</div></aside></div>'
    ).format(text, chosen, news)


def print_only(fragment: Html) -> Html:
    """A block shown on paper only, e.g. the key, which the sidebar holds on screen."""
    return Html('<div class="rr-print-key">{}</div>').format(fragment)
