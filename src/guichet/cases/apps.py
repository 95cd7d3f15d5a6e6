from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "guichet.cases"
    label = "cases"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the periodic deadline sweep)
