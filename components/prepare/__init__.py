"""The Prepare page's views: one module per step, and `store` for the article being prepared.

These views may import the drafting engine; the reader's views never import them.
"""
