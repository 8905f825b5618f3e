"""Dashboard pages, one per file, run by ``st.navigation`` from ``dashboard/app.py``."""
