"""A view's unhandled database error is remembered on its request, so the API answers
503 with Retry-After instead of 500 (`api.errors`). Connected in `ApiConfig.ready()`."""

from django.core.signals import got_request_exception

from api.errors import note_database_unavailable


def register_signal_handlers() -> None:
    got_request_exception.connect(note_database_unavailable, dispatch_uid="database_unavailable")
