from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from auditlog.signals import post_log

        from audit.tagging import tag_log_entry

        post_log.connect(tag_log_entry, dispatch_uid="audit.tag_log_entry")
