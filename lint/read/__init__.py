"""Readers: the only place that knows file formats. A draft on disk becomes decoded
text lines (SourceText) or an UnreadableInput that says why not."""
