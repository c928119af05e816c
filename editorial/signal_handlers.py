"""Editorial's own connections. The content apps connect editorial's rules to their page
types themselves (a new section gets its workflow: `articles.signal_handlers`)."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate

from editorial.roles import complete_administrators_role


def register_signal_handlers(app_config: AppConfig) -> None:
    # After every migrate the administrators' group receives the permissions of new models.
    post_migrate.connect(
        complete_administrators_role, sender=app_config, dispatch_uid="editorial-administrators"
    )
