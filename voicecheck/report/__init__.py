"""Report writers: text (compiler-style), json; batch adds csv and html."""
