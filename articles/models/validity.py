"""Hiệu lực (validity) of a document: the four codes, defined once for models, admin and API."""

import datetime
from typing import Literal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Validity(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    PARTLY_EXPIRED = "partly_expired", _("Partly no longer in force")
    EXPIRED = "expired", _("No longer in force")
    NOT_YET = "not_yet", _("Not yet in force")


#: The same codes as a type, for API schemas and parameters (an enum in OpenAPI).
ValidityCode = Literal[tuple(Validity.values)]


def today() -> datetime.date:
    """The day validity is judged on; tests replace it to describe a fixed day."""
    return timezone.localdate()
