"""HTTP plumbing shared by every API endpoint: errors, parameters, limits, caching.

Not a Django app: it holds no models. It imports only Django, Wagtail, django-ninja
and `public`, so every content app may use it and it depends on none of them.
"""
