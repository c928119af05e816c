"""Import pages from JSON Lines (`manage.py import_content`) or a legacy portal's saved pages.

A row travels one way: :mod:`.rows` reads it into a :class:`~.rows.PageSpec`, checking all that
needs no database (field values by :mod:`.values`, the body by :mod:`.body`); :mod:`.writer`
creates or updates its page; :mod:`.report` says what became of each row. :mod:`.legacy` builds
specs from saved HTML or text pages and hands them to the same writer.
The row format is described in docs/import_format.md.

Guarantees: a row is imported in its own transaction, so a bad row never leaves half a page and
never stops the rest; re-importing a ``source_id`` updates the page recorded in
:class:`~articles.models.ImportRecord` and publishes a new revision only when something changed.
"""
