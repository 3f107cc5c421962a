"""The drafting benchmark's corpora: where they are found, and how they are rebuilt."""
