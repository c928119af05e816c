"""No models: roles are auth groups, workflows are Wagtail's.

The module exists because Django sends post_migrate only to apps with a models module,
and `editorial.roles.complete_administrators_role` listens to it.
"""
