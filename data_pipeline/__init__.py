"""Marsad's preprocessing pipeline: Arabic news articles -> evidence-linked fact tables."""

__version__ = "0.1.0"
