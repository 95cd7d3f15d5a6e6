from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "guichet.guidance"
    label = "guidance"
    verbose_name = _("Guided funnel")
