from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvinceConfig(AppConfig):
    name = "province"
    verbose_name = _("Province")

    def ready(self):
        # Large imports of a bloc run as this app's background jobs, with its progress page.
        from members.views import BACKGROUND_IMPORTS
        from province import services

        BACKGROUND_IMPORTS["organizations"] = services.organizations_import_start
