"""The claim extractor: text in, claims with provenance out. Pure: no I/O, no clock."""
