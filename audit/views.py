from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from audit import selectors
from documents.query import query_int
from members.access import Role, get_year_for_user
from members.selectors import member_organizations

# Who reads the trail: the people who answer for the year, and the province's observers.
READERS = {Role.ADMIN, Role.PROVINCE_OFFICE, Role.SECRETARIAT, Role.LEADER, Role.OBSERVER}


@login_required
def year_audit(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    if access.role_in(bloc_year) not in READERS:
        raise PermissionDenied(
            _("Only the secretariat, the leaders and observers see the audit trail.")
        )
    organization_id = query_int(request, "organization")
    kind = query_int(request, "kind")
    entries = selectors.entries_of_year(bloc_year, organization_id=organization_id, kind=kind)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    context = {
        "bloc_year": bloc_year,
        "page": page,
        "organizations": member_organizations(bloc_year),
        "kinds": selectors.kinds(),
        "organization_id": organization_id,
        "kind": kind,
    }
    return render(request, "audit/year_audit.html", context)
