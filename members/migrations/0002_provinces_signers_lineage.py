"""Issue 9: provinces own blocs (a province office role per province), the signer of an
organization is a fact of each year (Membership), an organization may have several predecessors,
and the year records who finishes it and whether it was entered afterwards. Existing rows are
carried over: provinces from the blocs' province names, signers from the organizations' leaders
into every year they were members of, predecessors from the single predecessor link."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils.text import slugify


def _fold(text):
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def provinces_from_names(apps, schema_editor):
    Bloc = apps.get_model("members", "Bloc")
    Province = apps.get_model("members", "Province")
    for bloc in Bloc.objects.all():
        name = (bloc.province or "").strip() or "—"
        province, _ = Province.objects.get_or_create(
            name=name, defaults={"slug": slugify(_fold(name)) or "tinh"}
        )
        bloc.province_ref = province
        bloc.save(update_fields=["province_ref"])


def signers_and_predecessors(apps, schema_editor):
    Organization = apps.get_model("members", "Organization")
    Membership = apps.get_model("members", "Membership")
    for organization in Organization.objects.all():
        Membership.objects.filter(organization=organization).update(
            signer_name=organization.leader_name, signer_title=organization.leader_title
        )
        if organization.predecessor_id:
            organization.predecessors.add(organization.predecessor_id)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Province",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                ("slug", models.SlugField(max_length=100, unique=True, verbose_name="slug")),
                ("merged_on", models.DateField(blank=True, null=True, verbose_name="merged on")),
                ("merged_into", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="merged_provinces", to="members.province", verbose_name="merged into")),
            ],
            options={"verbose_name": "province", "verbose_name_plural": "provinces", "ordering": ["name"]},
        ),
        migrations.AddConstraint(
            model_name="province",
            constraint=models.CheckConstraint(condition=models.Q(("merged_into__isnull", True), models.Q(("merged_into", models.F("pk")), _negated=True), _connector="OR"), name="province_not_merged_into_itself"),
        ),
        migrations.AddField(
            model_name="bloc",
            name="province_ref",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="members.province"),
        ),
        migrations.RunPython(provinces_from_names, migrations.RunPython.noop),
        migrations.RemoveField(model_name="bloc", name="province"),
        migrations.RenameField(model_name="bloc", old_name="province_ref", new_name="province"),
        migrations.AlterField(
            model_name="bloc",
            name="province",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="blocs", to="members.province", verbose_name="province"),
        ),
        migrations.CreateModel(
            name="ProvinceRole",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("office", "Province emulation office"), ("observer", "Province observer (read only)")], default="office", max_length=20, verbose_name="role")),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
                ("province", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="roles", to="members.province", verbose_name="province")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="province_roles", to=settings.AUTH_USER_MODEL, verbose_name="user")),
            ],
            options={"verbose_name": "province role", "verbose_name_plural": "province roles"},
        ),
        migrations.AddConstraint(
            model_name="provincerole",
            constraint=models.UniqueConstraint(fields=("user", "province"), name="provincerole_one_per_user"),
        ),
        migrations.AddField(
            model_name="bloc",
            name="superior_body",
            field=models.CharField(blank=True, help_text="The line above the issuing body in a document's header (cơ quan chủ quản), proposed for each new year.", max_length=200, verbose_name="superior body on documents"),
        ),
        migrations.AddField(
            model_name="membership",
            name="signer_name",
            field=models.CharField(blank=True, max_length=100, verbose_name="signer's name"),
        ),
        migrations.AddField(
            model_name="membership",
            name="signer_title",
            field=models.CharField(blank=True, max_length=100, verbose_name="signer's title"),
        ),
        migrations.AddField(
            model_name="organization",
            name="predecessors",
            field=models.ManyToManyField(blank=True, related_name="successors", to="members.organization", verbose_name="predecessors (renamed, merged or split from)"),
        ),
        migrations.RunPython(signers_and_predecessors, migrations.RunPython.noop),
        migrations.RemoveField(model_name="organization", name="leader_name"),
        migrations.RemoveField(model_name="organization", name="leader_title"),
        migrations.RemoveField(model_name="organization", name="predecessor"),
        migrations.AddField(
            model_name="blocrole",
            name="is_active",
            field=models.BooleanField(default=True, verbose_name="active"),
        ),
        migrations.AddField(
            model_name="blocyear",
            name="approval_by",
            field=models.CharField(choices=[("leaders", "The leaders only"), ("leaders_or_secretariat", "The leaders, or the secretariat acting for them")], default="leaders", max_length=30, verbose_name="who approves nominations"),
        ),
        migrations.AddField(
            model_name="blocyear",
            name="close_by",
            field=models.CharField(choices=[("leaders", "The leaders only"), ("leaders_or_secretariat", "The leaders, or the secretariat acting for them")], default="leaders", max_length=30, verbose_name="who closes the year"),
        ),
        migrations.AddField(
            model_name="blocyear",
            name="sign_off_by",
            field=models.CharField(choices=[("leaders", "The leaders only"), ("leaders_or_secretariat", "The leaders, or the secretariat acting for them")], default="leaders", max_length=30, verbose_name="who signs off the report"),
        ),
        migrations.AddField(
            model_name="blocyear",
            name="entered_afterwards",
            field=models.BooleanField(default=False, help_text="The year's records were entered after the fact: every act takes its date of record from the secretariat, never the date of data entry.", verbose_name="entered afterwards"),
        ),
        migrations.AddField(
            model_name="blocyear",
            name="superior_body",
            field=models.CharField(blank=True, help_text="Printed in capitals above the issuing body (cơ quan chủ quản).", max_length=200, verbose_name="superior body on documents"),
        ),
        migrations.AlterField(
            model_name="blocrole",
            name="bloc",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="roles", to="members.bloc", verbose_name="bloc"),
        ),
        migrations.AlterField(
            model_name="blocrole",
            name="user",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="bloc_roles", to=settings.AUTH_USER_MODEL, verbose_name="user"),
        ),
        migrations.AlterField(
            model_name="blocyear",
            name="bloc",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="years", to="members.bloc", verbose_name="bloc"),
        ),
        migrations.AlterField(
            model_name="membership",
            name="bloc_year",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="memberships", to="members.blocyear", verbose_name="year"),
        ),
        migrations.AlterField(
            model_name="membership",
            name="organization",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="memberships", to="members.organization", verbose_name="organization"),
        ),
        migrations.AlterField(
            model_name="organization",
            name="search_text",
            field=models.TextField(blank=True, editable=False, verbose_name="search text"),
        ),
    ]
