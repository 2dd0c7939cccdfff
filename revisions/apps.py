from django.apps import AppConfig


class RevisionsConfig(AppConfig):
    name = "revisions"
    verbose_name = "Revisions"

    def ready(self):
        from django.core.signals import request_finished, request_started
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from revisions import reads

        connection_created.connect(reads.watch, dispatch_uid="revisions.watch")
        pre_migrate.connect(reads.pause, dispatch_uid="revisions.pause")
        post_migrate.connect(reads.resume, dispatch_uid="revisions.resume")
        request_started.connect(reads.request_began, dispatch_uid="revisions.began")
        request_finished.connect(reads.request_ended, dispatch_uid="revisions.ended")
