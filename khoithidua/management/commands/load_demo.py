from django.core.management.base import BaseCommand
from django.db import transaction

from members import demo as members_demo

# Each app adds its part of the demo here, in dependency order.
DEMO_PARTS = ["members.demo", "pledges.demo", "awards.demo", "khoithidua.demo"]


class Command(BaseCommand):
    help = "Loads the demo bloc (idempotent): the seed bloc of Yên Bái, its years and its users."

    @transaction.atomic
    def handle(self, *args, **options):
        from importlib import import_module
        from importlib.util import find_spec

        for name in DEMO_PARTS:
            if find_spec(name) is not None:
                import_module(name).load()
        self.stdout.write(self.style.SUCCESS("Demo bloc loaded: http://127.0.0.1:8000/"))
        self.stdout.write(f"Logins (password “{members_demo.PASSWORD}”):")
        for username, who in members_demo.DEMO_LOGINS:
            self.stdout.write(f"  {username:<11} {who}")
