from django.apps import AppConfig


class ApiConfig(AppConfig):
    """HTTP plumbing. An app only so that its signal handler is connected in `ready()`."""

    name = "api"
    verbose_name = "HTTP API"

    def ready(self):
        from api.signal_handlers import register_signal_handlers

        register_signal_handlers()
