from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards and elections")

    def ready(self):
        from awards import printing, selectors, services, views
        from documents import registry
        from documents.layout import SYMBOL_READERS
        from members.services import YEAR_OPENERS
        from members.views import ORGANIZATION_SECTIONS

        if views.organization_awards_section not in ORGANIZATION_SECTIONS:
            ORGANIZATION_SECTIONS.append(views.organization_awards_section)
        if services.year_opened not in YEAR_OPENERS:
            YEAR_OPENERS.append(services.year_opened)
        if selectors.document_symbol not in SYMBOL_READERS:
            SYMBOL_READERS.append(selectors.document_symbol)
        registry.register("minutes", printing.render_minutes)
        registry.register("submission", printing.render_submission)
