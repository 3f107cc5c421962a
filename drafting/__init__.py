"""Drafting: any news page → a draft bundle the reader opens at once.

A pure package beside `core/` (no Streamlit). It imports from core only the model, the
vocabulary, the dates and the validator; nothing in core/ or the reader imports it, and the
heavy libraries (spaCy, trafilatura, htmldate, dateparser, rapidfuzz, Babel) are imported
inside the functions that need them, with the spaCy model loaded once per process.

The API (names and shapes kept stable for the Prepare page and the evaluation harness):

- `drafting.source`: `DraftError` (str is one line for a person); `Source(name, kind, text,
  raw)` with kind 'html' or 'text'; `read_source(location, *, allow_network=True, timeout=...)`
  for a file path or an http(s) URL (public addresses only, redirects checked, size and time
  capped); `source_from_bytes(data, name)` for uploads (kind decided by content; binary, empty,
  undecodable and oversized data refused); `source_from_text(text, name="pasted text")`.
- `drafting.page`: `Block(text, role, reason, group=0, part="")` with role 'article', 'teaser'
  or 'drop' (teaser blocks carry their teaser number and part: title, kicker, summary, date,
  image_caption); `Page(meta, blocks, source_text, original_html, notes)` whose meta keys are
  front matter names (`META_KEYS`; published as YYYY-MM-DD, YYYY-MM, YYYY or '');
  `split_page(source) -> Page`; `split_caption(text) -> (caption, credit)`.
- `drafting.lines`: `classify(line)` (the line filter's decision for one line),
  `reads_as_summary(text)`, `stamp(text)`, `stop_words()` (jusText's English list).
- `drafting.related`: `related_news(html, main_text) -> [Card(title, kicker, summary, date,
  image_caption)]`, the related-news lists of a saved page.
- `drafting.draft`: `Draft(meta, paragraphs, teasers, actors, events, groups=(), notes=(),
  source_text, original_html, event_dates)`: rows are plain dicts keyed by
  core.vocabulary's *_COLUMNS plus 'review' ('suggested'); drafted actor and event rows also
  carry `ATTENTION` ('attention'): why a person should look at the row first ('' for none:
  "low confidence: …", "no evidence in the article: …", "possible duplicate …", "⚠ after the
  publication date", "no actor named in its sentence", "waiting for …"), those rows first; it
  is no bundle column and the files leave it out. `event_dates[event_id]` is an
  `EventDate(phrase, mention, base, told=())` telling how the event was dated (and, for an
  event several sentences tell of, where they stand); events still waiting for a publication
  date have an empty start (`Draft.undated_events`) and are left out of the files.
  `draft_source(source, published=None, progress=None)`, `draft_page(page, published=None,
  progress=None)`, `page_parts(page) -> (meta, paragraphs, teasers)`, `draft_from_parts(meta,
  paragraphs, teasers, published=None, *, source_text, original_html=None, progress=None)`,
  `redate(draft, published) -> (Draft, events moved)`, `formula_safe(text)`. `progress(step,
  detail)` is called with steps 'reading', 'paragraphs', 'names', 'dates'.
- `drafting.names`: `find_names(text) -> [(start, end, kind)]` (kinds from ACTOR_KINDS), and
  the rules behind it (`mentions_in`, `merge`, `alias_spans` (core.mentions' matcher),
  `name_key`, `slug`); an `Actor` has `attention` like the rows.
- `drafting.events`: `event_title(sentence, begin, end, names)` (subject, verb, object,
  negation kept, pronouns named) and `group_rows` (one row per happening).
- `drafting.dates`: `find_dates(sentence) -> [DateMention]` (a string, or spaCy's parse of the
  sentence for each date's tense from its own clause), `DateMention.resolve(base) ->
  Resolved(start, end, qualifier) | None`, `after_publication(start, published) -> bool` (for
  the review's date check: "⚠ after the publication date", never a green check),
  `status_hint(sentence)`, `find_published_date(line)`.
- `drafting.byline`: `page_byline(html, found)`: the saved page's authors less a
  fact-check's claimant.
- `drafting.bundle_files`: `bundle_files(draft) -> {file name: bytes}` and
  `write_bundle(files, into, slug, replace=False) -> Path`, re-exported from core.publish
  (atomic; validated; backups in `<into>/.backups/`).
- `drafting.model`: `load_model()` (the pinned spaCy pipeline, once per process).
- `drafting.parsing`: `parse(nlp, texts)` (long texts parsed in pieces, sentence bounds found
  once per document so `span.sent` is a lookup), `sentence_at_char(doc, char)`.
- `drafting.jobs`: `draft_job(given, progress)` and `redraft_job(work, progress)`, what the
  server's worker processes (core/jobs.py) run for the Prepare page; `PRELOAD`.
- `drafting.review`: the Prepare page's model, a package of its own (its docstring lists its
  modules): the `Work` under review, the table of steps, every edit, undo, saved drafts.
- `python -m drafting SOURCE --slug SLUG [--into DIR] [--published DATE] [--replace]`, also
  `make draft SOURCE=… SLUG=… [INTO=…] [PUBLISHED=…] [REPLACE=1]`.
"""
