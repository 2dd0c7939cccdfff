from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.forms import CleanForm
from signing.models import SigningKey
from signing.services import MAX_PDF_BYTES, pkcs11_modules


def _read(upload, limit: int) -> bytes:
    """An uploaded file's bytes, refused past `limit` before it is read into memory."""
    if upload.size > limit:
        raise forms.ValidationError(
            _("The file is larger than %(size)s.") % {"size": filesizeformat(limit)}
        )
    return upload.read()


class KeyForm(CleanForm):
    organization = forms.ModelChoiceField(queryset=None, label=_("Organization"))
    label = forms.CharField(
        label=_("Name of the key"),
        max_length=120,
        help_text=_("For example: “Chairwoman’s key, 2023–2025”."),
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("signing key", "Kind"),
        choices=SigningKey.Kind.choices,
        widget=forms.RadioSelect,
    )
    key_file = forms.FileField(
        label=_("Key file (.p12, .pfx)"),
        required=False,
        help_text=_("Exported with a passphrase; the file is kept as it is, still encrypted."),
    )
    module = forms.ChoiceField(label=_("Token module"), required=False)
    token_label = forms.CharField(label=_("Token name"), max_length=120, required=False)
    key_label = forms.CharField(label=_("Key name on the token"), max_length=120, required=False)
    secret = forms.CharField(
        label=_("Passphrase or PIN"),
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        max_length=200,
        help_text=_("Used now to check the key, never kept."),
    )
    signature_image = forms.FileField(
        label=_("Signature image (PNG or JPEG)"),
        required=False,
        help_text=_("Shown centred between the title and the name."),
    )
    seal_image = forms.FileField(
        label=_("Seal image (PNG or JPEG)"),
        required=False,
        help_text=_("Shown over the left third of the signature."),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if organizations.count() == 1:
            self.fields["organization"].initial = organizations.first()
        modules = pkcs11_modules()
        self.fields["module"].choices = [("", "—")] + [(name, name) for name in modules]
        if not modules:  # the server offers no token: only key files
            self.fields["kind"].choices = [SigningKey.Kind.choices[0]]
            for name in ("module", "token_label", "key_label"):
                del self.fields[name]
        self.fields["kind"].initial = SigningKey.Kind.PKCS12

    def clean_key_file(self):
        upload = self.cleaned_data.get("key_file")
        return _read(upload, 64 * 1024) if upload else b""

    def clean_signature_image(self):
        upload = self.cleaned_data.get("signature_image")
        return _read(upload, 2 * 1024 * 1024) if upload else b""

    def clean_seal_image(self):
        upload = self.cleaned_data.get("seal_image")
        return _read(upload, 2 * 1024 * 1024) if upload else b""

    def clean(self):
        data = super().clean()
        if (
            data.get("kind") == SigningKey.Kind.PKCS12
            and not data.get("key_file")
            and "key_file" not in self.errors  # refused already, with its own reason
        ):
            self.add_error("key_file", _("Choose the key file."))
        return data


class SignForm(CleanForm):
    key = forms.ModelChoiceField(queryset=None, label=_("Key"), empty_label=None)
    secret = forms.CharField(
        label=_("Passphrase or PIN"),
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        max_length=200,
        help_text=_("Asked at each signing, never kept."),
    )

    def __init__(self, *args, keys, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].queryset = keys


class SignedUploadForm(CleanForm):
    file = forms.FileField(label=_("Signed PDF"))

    def clean_file(self):
        return _read(self.cleaned_data["file"], MAX_PDF_BYTES)


class WithdrawForm(CleanForm):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnchorForm(CleanForm):
    name = forms.CharField(
        label=pgettext_lazy("trust anchor", "Name"),
        max_length=255,
        required=False,
        help_text=_("Left empty: the name in the certificate."),
    )
    certificate = forms.FileField(label=_("Certificate (.crt, .cer, .pem)"))

    def clean_certificate(self):
        return _read(self.cleaned_data["certificate"], 256 * 1024)


class VerifyForm(CleanForm):
    file = forms.FileField(label=_("PDF to check"))

    def clean_file(self):
        return _read(self.cleaned_data["file"], MAX_PDF_BYTES)
