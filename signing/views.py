"""Signing pages. Access first: outside the user's blocs (or province) 404; not the issuer's
signer, or a closed year, 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents import signatures
from documents.registry import as_rendered
from documents.rendering import file_response
from members.access import (
    get_bloc_for_user,
    get_province_for_office,
    get_province_for_user,
    get_year_for_user,
    require_open,
)
from members.models import Organization
from members.views import add_errors, posted
from signing import selectors, services
from signing.forms import AnchorForm, KeyForm, SignedUploadForm, SignForm, VerifyForm, WithdrawForm
from signing.models import SigningKey, TrustAnchor


def may_sign(access, bloc_year, document) -> bool:
    """The issuer's own people sign its documents; for the head unit's documents, also whoever
    finishes the year for the leaders (the year's sign-off setting)."""
    if access.kind == "admin" or access.represents(document.issuer):
        return True
    return document.is_head_document and access.finishes(bloc_year, "sign_off_by")


def _signable(request, slug, year, doc):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    return bloc_year, access, selectors.document_of_year(bloc_year, doc)


def _for_signer(request, slug, year, doc):
    bloc_year, access, document = _signable(request, slug, year, doc)
    if not may_sign(access, bloc_year, document):
        raise PermissionDenied(
            _("Only the signer of %(issuer)s may keep, sign or withdraw this document.")
            % {"issuer": document.issuer}
        )
    require_open(bloc_year)
    return bloc_year, access, document


def _to_document(bloc_year, document):
    return redirect("signing:document", bloc_year.bloc.slug, bloc_year.year, document.slug)


@login_required
def year_documents(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    documents = selectors.documents_of_year(bloc_year)
    context = {
        "bloc_year": bloc_year,
        "bloc": bloc_year.bloc,
        "access": access,
        "documents": [(d, may_sign(access, bloc_year, d)) for d in documents],
        "anchors": selectors.anchors_of(selectors.province_of(bloc_year)).count(),
    }
    return render(request, "signing/year_documents.html", context)


def _document_page(request, bloc_year, access, document, *, forms=None, status=200):
    kept = selectors.kept_copy(document)
    checks = []
    if kept is not None and kept.is_signed:
        roots = selectors.trust_roots(selectors.province_of(bloc_year))
        checks = signatures.verify_pdf(bytes(kept.content), trust_roots=roots)
    can_sign = may_sign(access, bloc_year, document) and not bloc_year.is_closed
    forms = forms or {}
    context = {
        "bloc_year": bloc_year,
        "bloc": bloc_year.bloc,
        "document": document,
        "kept": kept,
        "intact": kept.verify() if kept is not None else None,
        "checks": checks,
        "can_sign": can_sign,
        "records": selectors.records_of(bloc_year, document.key),
        "sign_form": forms.get("sign")
        or SignForm(keys=selectors.keys_for_signing(document.issuer)),
        "upload_form": forms.get("upload") or SignedUploadForm(),
        "withdraw_form": forms.get("withdraw") or WithdrawForm(),
        "has_keys": selectors.keys_for_signing(document.issuer).exists(),
    }
    return render(request, "signing/document.html", context, status=status)


@login_required
def document_detail(request, slug, year, doc):
    bloc_year, access, document = _signable(request, slug, year, doc)
    return _document_page(request, bloc_year, access, document)


@login_required
def document_file(request, slug, year, doc):
    """The kept copy, byte for byte (the one to sign in the office's own tool)."""
    _bloc_year, _access, document = _signable(request, slug, year, doc)
    kept = selectors.kept_copy(document)
    if kept is None:
        raise Http404
    return file_response(as_rendered(kept), inline=False)


def _act(request, bloc_year, document, act, success: str):
    try:
        act()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return _to_document(bloc_year, document)


@login_required
@require_POST
def document_keep(request, slug, year, doc):
    bloc_year, _access, document = _for_signer(request, slug, year, doc)
    return _act(
        request,
        bloc_year,
        document,
        lambda: services.document_keep(bloc_year=bloc_year, document=document, user=request.user),
        _("The copy for signing is kept: download it, or sign it here."),
    )


def _on_form(request, bloc_year, access, document, form, name: str, act, success: str):
    """A signer's form on the document's page: valid and taken by the service, back to the page
    saying `success`; otherwise the page again, the form saying why (400)."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, success)
            return _to_document(bloc_year, document)
    return _document_page(request, bloc_year, access, document, forms={name: form}, status=400)


@login_required
@require_POST
def document_sign(request, slug, year, doc):
    bloc_year, access, document = _for_signer(request, slug, year, doc)
    form = SignForm(request.POST, keys=selectors.keys_for_signing(document.issuer))
    return _on_form(
        request,
        bloc_year,
        access,
        document,
        form,
        "sign",
        lambda data: services.document_sign(
            bloc_year=bloc_year,
            document=document,
            key=data["key"],
            secret=data["secret"],
            user=request.user,
        ),
        _("The document is signed."),
    )


@login_required
@require_POST
def document_upload(request, slug, year, doc):
    bloc_year, access, document = _for_signer(request, slug, year, doc)
    return _on_form(
        request,
        bloc_year,
        access,
        document,
        SignedUploadForm(*posted(request)),
        "upload",
        lambda data: services.document_accept(
            bloc_year=bloc_year, document=document, data=data["file"], user=request.user
        ),
        _("The signed copy is accepted and kept."),
    )


@login_required
@require_POST
def document_withdraw(request, slug, year, doc):
    bloc_year, access, document = _for_signer(request, slug, year, doc)
    return _on_form(
        request,
        bloc_year,
        access,
        document,
        WithdrawForm(request.POST),
        "withdraw",
        lambda data: services.document_withdraw(
            bloc_year=bloc_year, document=document, user=request.user, reason=data["reason"]
        ),
        _("The copy is withdrawn: the document prints anew."),
    )


# --- checking any PDF -------------------------------------------------------------------------


def _verify(request, province, context: dict):
    """Check an uploaded PDF against the province's anchors; nothing is kept."""
    form = VerifyForm(*posted(request))
    checks = None
    if request.method == "POST" and form.is_valid():
        try:
            checks = signatures.verify_pdf(
                form.cleaned_data["file"], trust_roots=selectors.trust_roots(province)
            )
        except ValidationError as error:
            add_errors(form, error)
    status = 400 if request.method == "POST" and checks is None else 200
    context.update(form=form, checks=checks, province=province)
    return render(request, "signing/verify.html", context, status=status)


@login_required
def verify(request, slug, year):
    bloc_year, _access = get_year_for_user(request.user, slug, year)
    context = {"bloc_year": bloc_year, "bloc": bloc_year.bloc}
    return _verify(request, selectors.province_of(bloc_year), context)


@login_required
def province_verify(request, slug):
    province, _role = get_province_for_user(request.user, slug)
    return _verify(request, province, {})


# --- keys -------------------------------------------------------------------------------------


def _key_organizations(access, bloc):
    """Whose keys this user may add or retire: the secretariat all the bloc's members'; a
    member's representative its own organization's; anyone else none."""
    organizations = Organization.objects.filter(bloc=bloc)
    if access.manages_bloc:
        return organizations
    if access.organization_id is not None and access.kind not in ("observer",):
        return organizations.filter(pk=access.organization_id)
    return organizations.none()


@login_required
def keys(request, slug):
    bloc, access = get_bloc_for_user(request.user, slug)
    context = {
        "bloc": bloc,
        "keys": selectors.keys_of(
            Organization.objects.filter(bloc=bloc),
            trust_roots=selectors.trust_roots(selectors.province_of_bloc(bloc)),
        ),
        "may_add": _key_organizations(access, bloc).exists(),
        "own": set(_key_organizations(access, bloc).values_list("pk", flat=True)),
    }
    return render(request, "signing/keys.html", context)


@login_required
def key_new(request, slug):
    bloc, access = get_bloc_for_user(request.user, slug)
    organizations = _key_organizations(access, bloc)
    if not organizations.exists():
        raise PermissionDenied(_("Only the secretariat or the organization itself adds its keys."))
    form = KeyForm(*posted(request), organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.key_add(
                organization=data["organization"],
                user=request.user,
                label=data["label"],
                kind=data["kind"],
                secret=data["secret"],
                pkcs12_data=data.get("key_file") or b"",
                module=data.get("module") or "",
                token_label=data.get("token_label") or "",
                key_label=data.get("key_label") or "",
                signature_image=data.get("signature_image"),
                seal_image=data.get("seal_image"),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The key was added."))
            return redirect("signing:keys", bloc.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "signing/key_form.html", {"bloc": bloc, "form": form}, status=status)


@login_required
@require_POST
def key_active(request, slug, pk):
    bloc, access = get_bloc_for_user(request.user, slug)
    key = get_object_or_404(SigningKey, pk=pk, organization__bloc=bloc)
    if not _key_organizations(access, bloc).filter(pk=key.organization_id).exists():
        raise PermissionDenied(
            _("Only the secretariat or the organization itself retires its keys.")
        )
    services.key_set_active(key=key, active=request.POST.get("active") == "1")
    messages.success(request, _("Saved."))
    return redirect("signing:keys", bloc.slug)


# --- the province's trust anchors -------------------------------------------------------------


@login_required
def anchors(request, slug):
    province, role = get_province_for_user(request.user, slug)
    form = AnchorForm(*posted(request))
    if request.method == "POST":
        province = get_province_for_office(request.user, slug)
        if form.is_valid():
            try:
                services.anchor_add(
                    province=province,
                    user=request.user,
                    data=form.cleaned_data["certificate"],
                    name=form.cleaned_data["name"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The certificate is trusted from now on."))
                return redirect("signing:anchors", province.slug)
    context = {
        "province": province,
        "anchors": selectors.anchors_of(province),
        "form": form,
        "can_act": role is None or role.kind == role.Kind.OFFICE,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "signing/anchors.html", context, status=status)


@login_required
@require_POST
def anchor_remove(request, slug, pk):
    province = get_province_for_office(request.user, slug)
    anchor = get_object_or_404(TrustAnchor, pk=pk, province=province)
    services.anchor_remove(anchor=anchor)
    messages.success(request, _("The certificate is no longer trusted."))
    return redirect("signing:anchors", province.slug)
