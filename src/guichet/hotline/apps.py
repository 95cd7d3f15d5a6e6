from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotlineConfig(AppConfig):
    name = "guichet.hotline"
    label = "hotline"
    verbose_name = _("12345 hotline")

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (periodic sweeps register themselves)
