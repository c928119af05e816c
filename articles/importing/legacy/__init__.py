"""Import pages saved from an old portal: `manage.py import_legacy FOLDER`.

* :mod:`~articles.importing.legacy.encodings` reads the bytes and repairs text typed in the legacy
  Vietnamese font encodings (TCVN3/ABC, VNI) or mis-decoded (windows-1258, UTF-8 read as
  windows-1252);
* :mod:`~articles.importing.legacy.dates` reads dates written the Vietnamese way;
* :mod:`~articles.importing.legacy.extract` turns one saved page into a
  :class:`~articles.importing.legacy.article.LegacyArticle`, through
  :mod:`~articles.importing.legacy.html_page` or :mod:`~articles.importing.legacy.text_page`,
  leaving the portal's boilerplate out;
* :mod:`~articles.importing.legacy.images` brings the images saved next to a page into Wagtail;
* :mod:`~articles.importing.legacy.importer` walks the folder and hands each article to
  :class:`articles.importing.writer.ContentImporter`, which gives the same guarantees as
  ``import_content``.

Operator documentation: docs/legacy_import.md.
"""
