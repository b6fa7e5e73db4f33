"""Term bases: a guide's terms as a translator's or brand team's term base, in and out.

CSV (one row per word form, UTF-8 with BOM, English or Chinese headers) and TBX-Basic
(ISO 30042, read safely: no entity expansion, no external entities). Both map onto the
guide's `terms` (guide/model.Term); `merge` folds imported entries into a guide.
"""

from .forms import Form, TermBaseError, forms_of, merge, read_terms, term_from, write_terms

__all__ = ["Form", "TermBaseError", "forms_of", "merge", "read_terms", "term_from",
           "write_terms"]
