"""The content's HTTP API: pages, media, search and v2 (django-ninja; schema at /api/openapi.json).

Each module's `router` is wired in cms/api.py; importing this package loads none of
them, so blocks can name the shapes in `reference_schemas` without an import cycle.
"""
