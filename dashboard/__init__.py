"""Marsad's analyst dashboard: reads the pipeline's tables and draws them.

Only ``app.py`` and ``views/`` import Streamlit (and ``data.py`` for caching);
filtering (``filters``), highlighting (``highlight``), chart building
(``charts``) and export (``export``) are pure functions, tested on their own.
The dashboard never imports an extractor.
"""
