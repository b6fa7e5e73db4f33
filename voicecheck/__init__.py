"""voicecheck: hold every social post to the brand's style guide."""

__version__ = "0.1.0"
