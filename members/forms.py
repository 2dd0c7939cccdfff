from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import BlocYear, Organization


class OrganizationForm(forms.ModelForm):
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
        self.fields["predecessors"].queryset = predecessors.select_related("bloc").order_by("name")
        self.fields["predecessors"].label_from_instance = _organization_with_bloc

    def clean_name(self):
        # The form has no bloc field, so Django would skip the (bloc, name) constraint here.
        name = " ".join(self.cleaned_data["name"].split())
        duplicates = self.instance.bloc.organizations.filter(name__iexact=name)
        if duplicates.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("The bloc already has an organization named “%(name)s”."), params={"name": name}
            )
        return name


def _organization_with_bloc(organization: Organization) -> str:
    return f"{organization.name} ({organization.bloc.short_name or organization.bloc.name})"


class MembershipAddForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label=_("Organization"))

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class MembershipFlagForm(forms.Form):
    nomination_blocked = forms.BooleanField(
        required=False, label=_("Under discipline review, inspection or complaint")
    )
    block_reason = forms.CharField(required=False, max_length=255, label=_("Reason"))


class LeadershipForm(forms.Form):
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


class BlocYearForm(forms.ModelForm):
    class Meta:
        model = BlocYear
        fields = ["phase", "province_name", "place_name", "legal_bases"]
        widgets = {"legal_bases": forms.Textarea(attrs={"rows": 6})}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    MAX_SIZE = 2 * 1024 * 1024

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if not uploaded.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Choose an Excel file ending in .xlsx."))
        if uploaded.size > self.MAX_SIZE:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return uploaded
