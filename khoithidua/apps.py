from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KhoithiduaConfig(AppConfig):
    name = "khoithidua"
    verbose_name = _("Emulation bloc")

    def ready(self):
        from documents import registry
        from khoithidua import printing

        registry.register("report", printing.render_report)
        registry.register("dossier", printing.render_dossier)
