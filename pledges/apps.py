from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "pledges"
    verbose_name = _("Pledges and scoring")

    def ready(self):
        from documents import registry
        from members import services as members_services
        from pledges import printing, services

        if services.open_year not in members_services.YEAR_OPENERS:
            members_services.YEAR_OPENERS.append(services.open_year)
        if services.phase_problems not in members_services.PHASE_CHECKS:
            members_services.PHASE_CHECKS.append(services.phase_problems)
        if services.phase_entered not in members_services.PHASE_ENTERED:
            members_services.PHASE_ENTERED.append(services.phase_entered)
        registry.register("pledge", printing.render_pledge)
        registry.register("ranking", printing.render_ranking)
        registry.register("scoring_table", printing.render_scoring_table)
