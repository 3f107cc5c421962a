"""The app's one script, and the share box it serves.

The script is a constant: no text from a bundle or a link is ever put into it.
"""

from __future__ import annotations

from core.markup.escaping import Html

# A session's first page comes in steps (components/loading.py); each step ends with a
# button whose widget key starts with this, which the page script presses.
NEXT_STEP_KEY_PREFIX = "rr-next-"
# Presenter mode's previous / next buttons (components/presenter.py), which the page script
# presses for the keys a presentation clicker sends.
PRESENT_PREVIOUS_KEY, PRESENT_NEXT_KEY = "present-previous", "present-next"


def share_html(url: str) -> Html:
    """The link to the current view with a copy button (the page script does the copying)."""
    return Html(
        '<div class="rr-share"><button type="button" id="rr-copy-link">'
        "Copy link to this view</button>"
        '<input id="rr-share-url" readonly value="{}" aria-label="Link to this view"></div>'
    ).format(url)


def step_marker_html(step: str, label: str) -> Html:
    """Which step of the Prepare page is shown, as its heading; when it changes the page
    script moves the keyboard's focus to it (so Tab goes on into the step, not the page's top)."""
    return Html(
        '<div class="rr-step" data-step="{}"><h2 class="rr-h" tabindex="-1">{}</h2></div>'
    ).format(step, label)


# The only script the app sends, and it is constant: no text from a bundle or a link is ever
# put into it. It does what the page cannot do with HTML alone:
# - presses the "next step" button of a session's first page once the step has been drawn
#   (components/loading.py), so the article is never kept waiting for the chart;
# - scrolls the paragraph the view targets (`rr-target`, from `p` in the link) into view, once
#   per page load (not on every rerun, so a reader who scrolled away is left alone); it does not
#   read the address itself: the URL is read once, into the view state (core/state.py);
# - makes the "Copy link to this view" button copy the link shown beside it;
# - in presenter mode, presses the previous / next paragraph buttons for the arrow keys and
#   Page Up / Page Down (what presentation clickers send), unless a text field has the keys;
# - when presenter mode gives way to the reader, brings the paragraph that was presented
#   (the reader's `rr-target`) into view;
# - on the Prepare page, when the step changes (the step's marker, `step_marker_html`, says
#   which step is shown), brings the top of the page into view as a new page would and puts
#   the keyboard's focus on the step's heading, so Tab goes on into the step;
# - on a review table of the Prepare page, says so beside the table when a key is typed on a
#   cell the teacher cannot edit (a check), and opens a cell's editor with the caret at the
#   end of its text, not with the text selected for one key to replace; and names an edit
#   that never reached the server ("Not kept: …"), read from what the page sends;
# - brings the card of what the reader just chose (an actor, an event: `data-rr-card`, new since
#   the last change) into view and, beside the text, the paragraph of a chosen event too.
PAGE_SCRIPT = Html("""<script>
(() => {
  if (!window.rrStepTopBound) {
    window.rrStepTopBound = true;
    let shown = null;
    new MutationObserver(() => {
      const marker = document.querySelector(".rr-step[data-step]");
      const step = marker && marker.dataset.step;
      if (!step || step === shown) return;
      const first = shown === null;
      shown = step;
      if (first) return;
      const main = document.querySelector("[data-testid='stMain']");
      if (main) main.scrollTo({top: 0});
      window.scrollTo({top: 0});
      const heading = marker.querySelector("h2");
      if (heading) heading.focus({preventScroll: true});
    }).observe(document.body, {childList: true, subtree: true});
  }
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
  if (!window.rrTypedBound) {
    // The review tables (a grid that draws on a canvas) must never drop what is typed
    // without a word: a key typed on a read-only cell (a check the page works out) opens no
    // editor, which is said just under the table; and a cell's editor opened with its text
    // selected would let one key replace it all, which is prevented.
    window.rrTypedBound = true;
    const say = (frame, text) => {
      let note = document.getElementById("rr-typed-note");
      if (!note) {
        note = document.createElement("p");
        note.id = "rr-typed-note";
        note.setAttribute("role", "status");
        document.body.append(note);
      }
      // Just under the table, kept in view.
      const place = frame.getBoundingClientRect();
      const left = Math.max(place.left, 8);
      note.style.cssText = "position:fixed;z-index:1000;margin:0;"
        + "padding:.4rem .6rem;border-left:4px solid #D55E00;background:#FFF4E5;color:#1A1A1A;"
        + `max-width:min(28rem, calc(100vw - ${left + 8}px));`
        + `left:${left}px;top:${Math.min(place.bottom + 6, innerHeight - 80)}px`;
      note.textContent = text;
      clearTimeout(note.rrHide);
      note.rrHide = setTimeout(() => note.remove(), 10000);
      // It stands where the table was: it goes once the page moves (not the table's cells).
      const gone = (event) => {
        const page = event.target === document || (event.target.matches
          && event.target.matches("[data-testid=stMain]"));
        if (!page) return;
        note.remove();
        document.removeEventListener("scroll", gone, true);
      };
      setTimeout(() => document.addEventListener("scroll", gone, true), 500);
    };
    const grid = "[data-testid=stDataFrame]";
    const header = (frame, cell) => frame.querySelector(
      `th[aria-colindex="${cell.getAttribute("aria-colindex")}"]`);
    // A text box of a cell's editor (Glide draws it in a portal over the canvas).
    const editorBox = "textarea.gdg-input, input.gdg-input, #portal input:not([type=checkbox])";
    // Keys typed on an editable cell while its editor is not (or no longer) the focus: after
    // a double-click whose first click opened the editor and whose second closed it, or when
    // the table is redrawn after the previous edit's rerun and takes the focus back. The grid
    // would drop them, or start the cell afresh with the text typed so far: they are held,
    // the editor opened (or focused), and typed into it, after the cell's own text.
    let held = [], opening = null;
    const typeHeld = (box) => {
      clearTimeout(opening);
      opening = null;
      const keys = held;
      held = [];
      box.focus();
      const end = box.value.length;
      if (box.setSelectionRange) box.setSelectionRange(end, end);
      const text = keys.filter((key) => key !== "Enter").join("");
      if (text) document.execCommand("insertText", false, text);
      if (keys.includes("Enter")) {
        closeEdit(box);
        box.dispatchEvent(new KeyboardEvent("keydown",
          {key: "Enter", code: "Enter", keyCode: 13, bubbles: true, cancelable: true}));
      }
    };
    const enter = (target) => target.dispatchEvent(new KeyboardEvent("keydown",
      {key: "Enter", code: "Enter", keyCode: 13, bubbles: true, cancelable: true}));
    document.addEventListener("keydown", (event) => {
      const cell = document.activeElement;
      if (!cell || !cell.matches || event.ctrlKey || event.metaKey || event.altKey) return;
      if (!cell.matches(`${grid} td`) || !event.isTrusted) return;
      if (event.key !== "Enter" && event.key.length !== 1) return;
      if (cell.matches("[aria-readonly=true]")) {
        const frame = cell.closest(grid), head = header(frame, cell);
        say(frame, `Nothing typed: “${head ? head.textContent : "this column"}” is worked out `
          + "by the page. Move to a column you can edit (its header has a pencil).");
        return;
      }
      // A check's cell (its text is true or false) takes Space and Enter as they are.
      if (["true", "false"].includes(cell.textContent)) return;
      // An editor already closed by the previous Enter (it goes on the next redraw) is not
      // the one this key is for.
      const box = [...document.querySelectorAll(editorBox)].find((open) => !open.rrClosed);
      if (event.key === "Enter" && !box && opening === null) return;  // opens the editor
      event.preventDefault();
      event.stopImmediatePropagation();
      held.push(event.key);
      if (box) { typeHeld(box); return; }
      if (opening !== null) return;
      enter(cell);
      // Should no editor open (the table was being redrawn), it is asked for once more, and
      // then what was typed is said to be refused, never dropped without a word.
      const frame = cell.closest(grid);
      opening = setTimeout(() => {
        enter(document.activeElement.matches(`${grid} td`) ? document.activeElement : cell);
        opening = setTimeout(() => {
          opening = null;
          if (!held.length) return;
          say(frame, `Nothing typed: “${held.join("")}” did not reach the cell, whose editor `
            + "did not open. Press Enter on the cell, then type.");
          held = [];
        }, 1500);
      }, 400);
    }, true);
    // An edit closed (Enter, Tab, or a click elsewhere) must reach the server. The grid can
    // close an edit without passing it on (when Enter follows the last key within a few
    // milliseconds), so what the page sends is read: a table's edits travel as JSON text, and
    // an edit whose text is not sent within two seconds is said to be not kept, with the text
    // to type again. Keys that land on the page itself, because a redraw took the keyboard's
    // place from the table just after an edit, are said to be lost too.
    let pending = [], lost = [], lostFrame = null, lastFrame = null;
    let closedAt = -1e9, pointedAt = -1e9;
    document.addEventListener("pointerdown", () => { pointedAt = performance.now(); }, true);
    const sayLost = () => {
      const note = document.getElementById("rr-typed-note");
      if (!lost.length) {
        if (note && note.textContent.startsWith("Not kept")) note.remove();
        return;
      }
      const texts = lost.map((text) => `“${text}”`).join(", ");
      say(lostFrame, `Not kept: ${texts} did not reach the table. `
        + `Type ${lost.length === 1 ? "it" : "them"} again.`);
    };
    const utf8 = new TextDecoder();
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      if (pending.length) {
        const text = utf8.decode(data);
        pending = pending.filter((edit) => {
          if (!text.includes(edit.json)) return true;
          clearTimeout(edit.timer);
          edit.box.rrSent = edit.value;
          // Sent late, after all: it is no longer said to be lost.
          if (lost.includes(edit.shown)) {
            lost = lost.filter((other) => other !== edit.shown);
            sayLost();
          }
          return false;
        });
      }
      return send.call(this, data);
    };
    const closeEdit = (box) => {
      if (box.rrClosed || box.rrCancelled) return;
      box.rrClosed = true;
      closedAt = performance.now();
      if (box.value === box.rrBefore || box.value === box.rrSent || !lastFrame) return;
      const shown = box.value.length > 60 ? `…${box.value.slice(-57)}` : box.value;
      const edit = {json: JSON.stringify(box.value).slice(1, -1), shown, box, value: box.value};
      const frame = lastFrame;
      edit.timer = setTimeout(() => {
        const note = document.getElementById("rr-typed-note");
        if (!note || !note.textContent.startsWith("Not kept")) lost = [];
        lost.push(shown);
        lostFrame = frame;
        sayLost();
        setTimeout(() => { pending = pending.filter((other) => other !== edit); }, 10000);
      }, 2000);
      pending.push(edit);
    };
    document.addEventListener("keydown", (event) => {
      const box = event.target;
      if (!event.isTrusted || !box.matches) return;
      // (Not after a click elsewhere, nor for Space, which scrolls the page.)
      const typed = event.key === "Enter" || (event.key.length === 1 && event.key !== " ");
      if (box === document.body && typed && lastFrame && pointedAt < closedAt
          && performance.now() - closedAt < 5000) {
        say(lastFrame, "Nothing typed: the table lost the keyboard’s place while the page "
          + "was redrawn. Click the cell, then type.");
        return;
      }
      if (!box.matches(".gdg-input")) return;
      if (box.rrClosed && typed) {
        // The editor is going (its edit was closed a moment ago): it takes keys, then drops them.
        say(lastFrame || box, "Nothing typed: the cell’s editor had just closed. "
          + "Press Enter on the cell, then type.");
        return;
      }
      if (event.key === "a" && (event.ctrlKey || event.metaKey)) box.rrAllChosen = true;
      // A key typed before the editor has put the caret at the end of the cell's text would
      // replace all of it: the caret goes there first (after Ctrl+A, or text chosen with the
      // pointer later on, the key replaces it all).
      const all = box.selectionStart === 0 && box.selectionEnd === box.value.length;
      const opening = performance.now() - openedAt < 300;
      if (typed && all && opening && box.value && !box.rrAllChosen && !event.ctrlKey
          && !event.metaKey) {
        box.setSelectionRange(box.value.length, box.value.length);
      }
      if (event.key === "Escape") box.rrCancelled = true;
      if ((event.key === "Enter" && !event.shiftKey) || event.key === "Tab") closeEdit(box);
    }, true);
    document.addEventListener("focusout", (event) => {
      if (event.target.matches && event.target.matches(".gdg-input")) closeEdit(event.target);
    }, true);
    let openedAt = 0;
    document.addEventListener("focusin", (event) => {
      const box = event.target;
      const cell = event.relatedTarget;
      if (cell && cell.matches && cell.matches(`${grid} td, ${grid} canvas`)) {
        lastFrame = cell.closest(grid);
      }
      if (!box.matches || !box.matches(editorBox)) return;
      openedAt = performance.now();
      // The cell's text as it was (keys held for the editor are typed into it just below);
      // a box the grid opens again for another edit starts afresh.
      if (box.rrBefore === undefined || box.rrClosed) {
        box.rrBefore = box.value;
        box.rrClosed = box.rrCancelled = box.rrAllChosen = false;
      }
      if (held.length) { typeHeld(box); return; }
      if (!box.matches(".gdg-input")) return;
      // Opened by Enter or a double-click, the cell's text is all selected and one key
      // would replace it: the caret goes to its end instead (Ctrl+A still selects it all).
      requestAnimationFrame(() => {
        const end = box.value.length;
        if (document.activeElement === box) box.setSelectionRange(end, end);
      });
    }, true);
    // The second click of the double-click that opened an editor selects the word under the
    // pointer, for the next key to replace: the caret goes back to the end of the text.
    document.addEventListener("dblclick", (event) => {
      const box = event.target;
      if (!box.matches || !box.matches(".gdg-input")) return;
      if (performance.now() - openedAt > 800) return;
      const end = box.value.length;
      box.setSelectionRange(end, end);
    }, true);
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
  if (!window.rrPresenterBound) {
    window.rrPresenterBound = true;
    // "present-next" and "present-previous" are PRESENT_NEXT_KEY and PRESENT_PREVIOUS_KEY
    // (a test checks they agree); their buttons sit in .st-key-present-next and so on.
    const steps = {
      ArrowRight: "next", ArrowDown: "next", PageDown: "next",
      ArrowLeft: "previous", ArrowUp: "previous", PageUp: "previous",
    };
    const busy = "input, textarea, select, [contenteditable=true], [role=listbox], [role=combobox]";
    document.addEventListener("keydown", (event) => {
      const step = steps[event.key];
      if (!step || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (event.target.closest && event.target.closest(busy)) return;
      const button = document.querySelector(
        step === "next" ? ".st-key-present-next button" : ".st-key-present-previous button");
      if (!button) return;  // not in presenter mode: the keys scroll the page as usual
      event.preventDefault();
      if (!button.disabled) button.click();
    });
    let presenting = Boolean(document.querySelector(".rr-present"));
    new MutationObserver(() => {
      if (document.querySelector(".rr-present")) { presenting = true; return; }
      const target = presenting && document.querySelector(".rr .rr-target");
      if (!target) return;
      presenting = false;
      requestAnimationFrame(() => target.scrollIntoView({block: "start"}));
    }).observe(document.body, {childList: true, subtree: true});
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
