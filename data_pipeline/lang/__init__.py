"""Language data and the small tools built on it, one package per language (``lang/ar``).

Extractors import their letters, punctuation and word lists from here, never define their own:
the flow is resources -> lang -> extractors -> records -> build -> tables -> dashboard.
"""
