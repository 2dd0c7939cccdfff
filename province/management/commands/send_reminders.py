"""The scheduled job of reminders and notices. Run it from cron (e.g. every hour), or let it loop
(`--every 3600`) beside the task worker, as `make run` does. Running it twice never sends an
e-mail twice (see province/notices.py)."""

import time

from django.core.management.base import BaseCommand

from province import notices


class Command(BaseCommand):
    help = "Send the reminders and notices due now by e-mail (never twice for one event)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=int, default=0, help="Run again every this many seconds."
        )

    def handle(self, *args, every, **options):
        while True:
            sent = notices.send_due()
            self.stdout.write(f"{sent} e-mail(s) sent")
            if not every:
                return
            time.sleep(every)
