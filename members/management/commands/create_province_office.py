"""The first account of a province's emulation office, the one step before the app takes over:
from it the office creates blocs, appoints their secretariats, and invites colleagues."""

import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

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

    @transaction.atomic
    def handle(self, *args, **options):
        name = " ".join(options["province"].split())
        province, created = Province.objects.get_or_create(
            name=name, defaults={"slug": vn_slugify(name)}
        )
        User = get_user_model()
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"The account “{options['username']}” already exists.")
        password = options["password"] or getpass.getpass("Password: ")
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
        self.stdout.write(
            self.style.SUCCESS(
                f"{'Created' if created else 'Found'} the province {province.name}; "
                f"{user.username} is its emulation office. Log in at /accounts/login/."
            )
        )
