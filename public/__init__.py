"""What the public sees: which pages, on which site, at which frontend path.

A plain package (not a Django app) importing only Django and Wagtail, so every
layer above it — the API plumbing, search, the content apps, the site shell —
applies the same rules without importing each other.
"""
