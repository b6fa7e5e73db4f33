"""Text handling: decoding, normalization with offset maps, script detection, analysis."""
