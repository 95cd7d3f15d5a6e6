from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "guichet.notify"
    label = "notify"
    verbose_name = _("Notifications and events")

    def ready(self) -> None:
        from . import consumers  # noqa: F401  (registers the outbox consumers)
