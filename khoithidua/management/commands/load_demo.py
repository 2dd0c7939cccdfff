from auditlog.context import disable_auditlog
from django.core.management.base import BaseCommand
from django.db import transaction

from awards import demo as awards_demo
from khoithidua import demo as year_end_demo
from members import demo as members_demo
from pledges import demo as pledges_demo
from signing import demo as signing_demo

# Each app's part of the demo, in dependency order: the bloc, its scores, its meeting, its report,
# the key that signs it.
DEMO_PARTS = [members_demo, pledges_demo, awards_demo, year_end_demo, signing_demo]


class Command(BaseCommand):
    help = "Loads the demo bloc (idempotent): the seed bloc of Yên Bái, its years and its users."

    @transaction.atomic
    def handle(self, *args, **options):
        # The demo's rows are seed data, not anyone's change: its audit trail starts empty, as a
        # real bloc's does (logging its 1,500 rows took half the load).
        with disable_auditlog():
            for part in DEMO_PARTS:
                part.load()
        self.stdout.write(self.style.SUCCESS("Demo bloc loaded: http://127.0.0.1:8000/"))
        self.stdout.write(f"Logins (password “{members_demo.PASSWORD}”):")
        for username, who in members_demo.DEMO_LOGINS:
            self.stdout.write(f"  {username:<11} {who}")
