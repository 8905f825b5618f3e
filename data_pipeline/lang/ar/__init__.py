"""Arabic, shared by every extractor (the shape of spaCy's ``lang/``).

- ``letters``: named letters and the definite article with its prefixes;
- ``clitics``: proclitics and pronoun suffixes;
- ``punctuation``: quotation marks;
- ``normalize``: the normalised view of a text, with a map back to the original offsets;
- ``sentences``: the one definition of a sentence end;
- ``patterns``: the one prefix-tree regex builder for word lists;
- ``lexicon``: word lists declared once and loaded from ``resources/``.
"""
