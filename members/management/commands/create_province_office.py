"""The first account of a province's emulation office, the one step before the app takes over:
from it the office creates blocs, appoints their secretariats, and invites colleagues."""

import getpass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from members.models import Province, ProvinceRole, vn_slugify


class Command(BaseCommand):
    help = "Creates a province (if new) and an account of its emulation office."

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help="e.g. “Lào Cai”")
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--password", help="asked on the terminal when left out (never kept in history)"
        )

    def handle(self, *args, **options):
        # The operator reads the answers in the app's language, whatever the shell's locale.
        with translation.override(settings.LANGUAGE_CODE):
            self._create(options)

    @transaction.atomic
    def _create(self, options):
        name = " ".join(options["province"].split())
        province, created = Province.objects.get_or_create(
            name=name, defaults={"slug": vn_slugify(name)}
        )
        User = get_user_model()
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(
                _("The account “%(name)s” already exists.") % {"name": options["username"]}
            )
        password = options["password"] or self._ask_password()
        user = User(
            username=options["username"],
            email=options["email"],
            first_name=options["first_name"],
            last_name=options["last_name"],
        )
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user.set_password(password)
        user.save()
        ProvinceRole.objects.create(user=user, province=province, kind=ProvinceRole.Kind.OFFICE)
        message = (
            _("Created the province %(province)s; %(user)s is its emulation office.")
            if created
            else _("Found the province %(province)s; %(user)s is its emulation office.")
        )
        # Outside the f-string: makemessages does not read a call inside one.
        log_in = _("Log in at /accounts/login/.")
        said = message % {"province": province.name, "user": user.username}
        self.stdout.write(self.style.SUCCESS(f"{said} {log_in}"))

    def _ask_password(self) -> str:
        # Twice, as createsuperuser does: a typo here locks the office out of its only account.
        password = getpass.getpass(pgettext("terminal prompt", "Password: "))
        if password != getpass.getpass(pgettext("terminal prompt", "Password (again): ")):
            raise CommandError(_("The two passwords differ: nothing was created."))
        return password
