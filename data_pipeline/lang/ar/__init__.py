"""Arabic: named characters and punctuation shared by every extractor (``punctuation``)."""
