from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "guichet.guidance"
    label = "guidance"
    verbose_name = _("Guided funnel")

    def ready(self) -> None:
        from guichet.catalog import exchange

        from . import services

        # The guided flows travel in the catalogue's JSON document, as a "flows" section.
        exchange.register_section(
            "flows", export=services.export_published_flows, load=services.load_flows_section
        )
