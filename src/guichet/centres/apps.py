from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentresConfig(AppConfig):
    name = "guichet.centres"
    label = "centres"
    verbose_name = _("Service centres")

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers reminders and the no-show sweep)
