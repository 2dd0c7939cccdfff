from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KhoithiduaConfig(AppConfig):
    name = "khoithidua"
    verbose_name = _("Emulation bloc")
