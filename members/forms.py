from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.forms import CleanForm, CleanModelForm, choices_by_name
from documents.text import name_key
from members.models import (
    Bloc,
    BlocRole,
    BlocYear,
    Membership,
    Organization,
    ProvinceRole,
    vn_slugify,
)
from members.services import is_invited


class OrganizationForm(CleanModelForm):
    class Meta:
        model = Organization
        fields = [
            "name",
            "short_name",
            "abbreviation",
            "address",
            "phone",
            "email",
            "notes",
            "predecessors",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "predecessors": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, bloc, **kwargs):
        super().__init__(*args, **kwargs)
        # The unique (bloc, name) check needs the bloc before validation runs.
        self.instance.bloc = bloc
        # Mergers and splits cross blocs, never provinces.
        predecessors = Organization.objects.filter(bloc__province_id=bloc.province_id)
        if self.instance.pk:
            predecessors = predecessors.exclude(pk=self.instance.pk)
        self.fields["predecessors"].label_from_instance = _organization_with_bloc
        choices_by_name(self.fields["predecessors"], predecessors.select_related("bloc"))

    def clean_name(self):
        # The form has no bloc field, so Django would skip the (bloc, name_key) constraint here.
        name = self.cleaned_data["name"]
        duplicates = self.instance.bloc.organizations.filter(name_key=name_key(name))
        if duplicates.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("The bloc already has an organization named “%(name)s”."), params={"name": name}
            )
        return name


def _organization_with_bloc(organization: Organization) -> str:
    return f"{organization.name} ({organization.bloc.short_name or organization.bloc.name})"


class MembershipAddForm(CleanForm):
    organization = forms.ModelMultipleChoiceField(
        queryset=None,
        label=_("Organizations to add"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every organization to add; they come after the last member, in order."),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        choices_by_name(self.fields["organization"], organizations)


class MembershipFlagForm(CleanForm):
    nomination_blocked = forms.BooleanField(
        required=False, label=_("Under discipline review, inspection or complaint")
    )
    block_reason = forms.CharField(required=False, max_length=255, label=_("Reason"))


class LeadershipForm(CleanForm):
    head = forms.ModelChoiceField(queryset=None, required=False, label=_("Head (Trưởng khối)"))
    deputy = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Deputy head (Phó Trưởng khối)")
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = organizations
        self.fields["deputy"].queryset = organizations

    def clean(self):
        data = super().clean()
        if data.get("head") and data.get("head") == data.get("deputy"):
            self.add_error(
                "deputy", _("The head and the deputy head must be different organizations.")
            )
        return data


class BlocYearForm(CleanModelForm):
    """What the secretariat sets on a year. Never the phase: it changes only through the
    year's actions (open the next step, close, reopen) and their checks."""

    class Meta:
        model = BlocYear
        fields = ["superior_body", "province_name", "place_name", "legal_bases"]
        widgets = {"legal_bases": forms.Textarea(attrs={"rows": 6})}


class FinishersForm(CleanModelForm):
    """Who may approve, sign off and close: the province's say, not the secretariat's, since
    it widens the secretariat's own powers."""

    class Meta:
        model = BlocYear
        fields = ["approval_by", "sign_off_by", "close_by"]


class PhaseForm(CleanForm):
    phase = forms.ChoiceField(label=_("Phase"), choices=())

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = choices


class BlocForm(CleanModelForm):
    """A bloc of the province office's province. The slug is made from the short name (or the
    name) when left empty, transliterated from Vietnamese."""

    class Meta:
        model = Bloc
        fields = ["kind", "name", "short_name", "slug", "superior_body"]
        help_texts = {
            "slug": _("Part of the bloc's web address; left empty, it is made from the name.")
        }

    def __init__(self, *args, province, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.province = province
        self.fields["slug"].required = False
        # What the office types ("Khối Đảng đoàn thể") is transliterated in clean_slug, not
        # refused by the slug validator (whose message Django's catalogue leaves in English).
        self.fields["slug"].validators = []

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        # Case-folded in Python: SQLite folds only ASCII letters ("KHỐI" ≠ "Khối" there).
        others = Bloc.objects.exclude(pk=self.instance.pk).values_list("name", flat=True)
        if name.casefold() in {other.casefold() for other in others}:
            raise forms.ValidationError(
                _("A bloc named “%(name)s” exists already."), params={"name": name}
            )
        return name

    def clean_slug(self):
        source = self.data.get("short_name") or self.data.get("name") or ""
        slug = vn_slugify(self.cleaned_data.get("slug") or source)
        if not source.strip() and not slug:
            return ""  # the name's own "required" message says it
        if not slug:
            raise forms.ValidationError(
                _("The name has no letter or digit to make the web address from: type one.")
            )
        if self.instance.pk and slug != self.instance.slug and self.instance.years.exists():
            # Issued documents are filed under "<slug>/<year>/<kind>" (register, stored and
            # signed copies), and e-mails carry links with it: it stays once there are years.
            raise forms.ValidationError(
                _(
                    "The web address cannot change once the bloc has years: their documents "
                    "are filed under it. Keep “%(slug)s”."
                ),
                params={"slug": self.instance.slug},
            )
        taken = Bloc.objects.filter(slug=slug).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("The address “%(slug)s” is taken by another bloc: choose another."),
                params={"slug": slug},
            )
        return slug


class YearOpenForm(CleanForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    source = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Copy the members from"),
        empty_label=_("— none: a blank year —"),
    )
    copy_criteria = forms.BooleanField(required=False, initial=True, label=_("Copy the criteria"))
    copy_rules = forms.BooleanField(
        required=False, initial=True, label=_("Copy the award rules and meeting settings")
    )
    copy_settings = forms.BooleanField(
        required=False,
        initial=True,
        label=_("Copy the scoring settings, legal bases and who finishes the year"),
    )
    superior_body = forms.CharField(
        required=False, max_length=200, label=_("Superior body on documents")
    )
    province_name = forms.CharField(
        required=False, max_length=100, label=_("Province name on documents")
    )
    place_name = forms.CharField(required=False, max_length=100, label=_("Place name on documents"))

    def __init__(self, *args, bloc, **kwargs):
        super().__init__(*args, **kwargs)
        self.bloc = bloc
        self.fields["source"].queryset = bloc.years.order_by("-year")
        self.fields["source"].label_from_instance = lambda y: str(y.year)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year + 1:
            raise forms.ValidationError(
                _("A year can be opened at most one year ahead (%(year)s)."),
                params={"year": timezone.localdate().year + 1},
            )
        if self.bloc.years.filter(year=year).exists():
            raise forms.ValidationError(
                _("The year %(year)s already exists."), params={"year": year}
            )
        return year

    def parts(self) -> frozenset:
        names = {"copy_criteria": "criteria", "copy_rules": "rules", "copy_settings": "settings"}
        return frozenset(part for field, part in names.items() if self.cleaned_data.get(field))


class SignerForm(CleanModelForm):
    class Meta:
        model = Membership
        fields = ["signer_name", "signer_title"]


class RoleForm(CleanForm):
    """A role in the bloc, and the organization a representative speaks for. Which kinds are
    offered is the caller's choice: only the province office appoints the secretariat."""

    kind = forms.ChoiceField(label=_("Role"), choices=())
    organization = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Organization represented")
    )

    def __init__(self, *args, bloc, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, BlocRole.Kind(k).label) for k in kinds]
        choices_by_name(self.fields["organization"], bloc.organizations.all())

    def clean(self):
        data = super().clean()
        representative = data.get("kind") == BlocRole.Kind.REPRESENTATIVE
        if representative and not data.get("organization"):
            self.add_error("organization", _("Choose the organization this person represents."))
        if not representative:
            data["organization"] = None
        return data


class ColleagueForm(CleanForm):
    email = forms.EmailField(label=_("E-mail"))
    last_name = forms.CharField(label=_("Family and middle name"), max_length=150, required=False)
    first_name = forms.CharField(label=_("Given name"), max_length=150)
    kind = forms.ChoiceField(label=_("Role"), choices=ProvinceRole.Kind.choices)


class InviteForm(RoleForm):
    email = forms.EmailField(label=_("E-mail"))
    last_name = forms.CharField(label=_("Family and middle name"), max_length=150, required=False)
    first_name = forms.CharField(label=_("Given name"), max_length=150)

    field_order = ["email", "last_name", "first_name", "kind", "organization"]


class ImportForm(CleanForm):
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    MAX_SIZE = 2 * 1024 * 1024

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if not uploaded.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Choose an Excel file ending in .xlsx."))
        if uploaded.size > self.MAX_SIZE:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return uploaded


class RecordDateForm(CleanForm):
    on = forms.DateField(required=False, label=_("Date of record"))


def record_date(data):
    """The date of record posted with an act of a year entered afterwards ("on"), or None.
    A malformed date is refused with the field's message (members.services.recorded_at then
    decides whether the year takes one)."""
    form = RecordDateForm(data)
    if not form.is_valid():
        raise forms.ValidationError({"on": form.errors["on"]})
    return form.cleaned_data["on"]


class MembershipOrderForm(forms.Form):
    """One number per member: its wanted place (rows dragged on the page fill the numbers)."""

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = list(memberships)
        for index, membership in enumerate(self.memberships, start=1):
            self.fields[f"position_{membership.pk}"] = forms.IntegerField(
                label=membership.organization.name, min_value=1, max_value=10_000, initial=index
            )

    def positions(self) -> dict[int, int]:
        return {m.pk: self.cleaned_data[f"position_{m.pk}"] for m in self.memberships}


class PasswordResetForm(auth_forms.PasswordResetForm):
    """The login page's forgotten password, also for someone invited who has not chosen a
    password yet: the page of an expired or used invitation link sends them here, and Django's
    own form would silently skip an account without a usable password."""

    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return (
            user
            for user in users
            if (user.has_usable_password() or is_invited(user))
            and auth_forms._unicode_ci_compare(email, user.email)
        )
