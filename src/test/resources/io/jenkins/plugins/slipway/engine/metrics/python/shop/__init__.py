"""A small shop with deliberate problems for the analysers."""
