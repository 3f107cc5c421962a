"""The app's one script, and the share box it serves.

The script is a constant: no text from a bundle or a link is ever put into it.
"""

from __future__ import annotations

from core.markup.escaping import Html

# A session's first page comes in steps (components/loading.py); each step ends with a
# button whose widget key starts with this, which the page script presses.
NEXT_STEP_KEY_PREFIX = "rr-next-"


def share_html(url: str) -> Html:
    """The link to the current view with a copy button (the page script does the copying)."""
    return Html(
        '<div class="rr-share"><button type="button" id="rr-copy-link">'
        "Copy link to this view</button>"
        '<input id="rr-share-url" readonly value="{}" aria-label="Link to this view"></div>'
    ).format(url)


# The only script the app sends, and it is constant: no text from a bundle or a link is ever
# put into it. It does three things the page cannot do with HTML alone:
# - presses the "next step" button of a session's first page once the step has been drawn
#   (components/loading.py), so the article is never kept waiting for the chart;
# - scrolls the paragraph the view targets (`rr-target`, from `p` in the link) into view, once
#   per page load (not on every rerun, so a reader who scrolled away is left alone); it does not
#   read the address itself: the URL is read once, into the view state (core/state.py);
# - makes the "Copy link to this view" button copy the link shown beside it;
# - brings the card of what the reader just chose (an actor, an event: `data-rr-card`, new since
#   the last change) into view, and, beside the text, the paragraph of a chosen event too.
PAGE_SCRIPT = Html("""<script>
(() => {
  if (!window.rrCopyBound) {
    window.rrCopyBound = true;
    document.addEventListener("click", async (event) => {
      const button = event.target.closest && event.target.closest("#rr-copy-link");
      const field = document.getElementById("rr-share-url");
      if (!button || !field) return;
      try { await navigator.clipboard.writeText(field.value); }
      catch (error) { field.select(); document.execCommand("copy"); }
      button.textContent = "Link copied";
      setTimeout(() => { button.textContent = "Copy link to this view"; }, 2000);
    });
  }
  if (!window.rrStepsBound) {
    // A session's first page comes in steps (components/loading.py): once a step has been
    // drawn, press its "next step" button, once.
    window.rrStepsBound = true;
    const pressNext = () => {
      // "rr-next-" is NEXT_STEP_KEY_PREFIX (a test checks the two agree).
      const holder = document.querySelector("[class*='st-key-rr-next-']");
      const step = holder && [...holder.classList].find((c) => c.startsWith("st-key-rr-next-"));
      const button = holder && holder.querySelector("button");
      if (!button || button.dataset.rrPressed === step) return;
      button.dataset.rrPressed = step;
      requestAnimationFrame(() => setTimeout(() => button.click(), 0));
    };
    new MutationObserver(pressNext).observe(document.body, {childList: true, subtree: true});
    pressNext();
  }
  if (!window.rrCardsBound) {
    // A card that was not on the page before is what the reader just chose: show it. On a
    // narrow page the chosen cards stand above the text; on a wide one, in a side column that
    // stays in view, beside the paragraph an event comes from, which is scrolled to.
    window.rrCardsBound = true;
    let seen = null;
    const showNewCard = () => {
      const cards = [...document.querySelectorAll(".rr [data-rr-card]")];
      const names = new Set(cards.map((card) => card.dataset.rrCard));
      const fresh = seen && cards.find((card) => !seen.has(card.dataset.rrCard));
      if (seen === null && !document.querySelector(".rr .rr-cols")) return;
      seen = names;
      if (!fresh) return;
      const side = fresh.closest(".rr-side");
      const beside = side && getComputedStyle(side).position === "sticky";
      const marked = fresh.dataset.rrCard.startsWith("event-")
        && document.querySelector(".rr .rr-p.rr-marked");
      requestAnimationFrame(() => {
        if (beside && marked) {
          marked.scrollIntoView({block: "center"});
          side.scrollTop = fresh.offsetTop - side.firstElementChild.offsetTop;
        } else {
          fresh.scrollIntoView({block: beside ? "nearest" : "start"});
        }
      });
    };
    new MutationObserver(showNewCard).observe(document.body, {childList: true, subtree: true});
  }
  if (window.rrScrolled) return;
  window.rrScrolled = true;
  const attempt = (left) => {
    const target = document.querySelector(".rr .rr-target");
    if (target) target.scrollIntoView({block: "start"});
    else if (left > 0) setTimeout(() => attempt(left - 1), 100);
  };
  attempt(80);
})();
</script>""")
