"""The seed bloc of the demo: Khối Thi đua các tổ chức Hội đặc thù tỉnh Yên Bái, as the news of
its 2022 year-end meeting tells it (shared/seed). Idempotent: every row is found by its natural
key and updated, never duplicated."""

from django.contrib.auth import get_user_model

from members.models import (
    Bloc,
    BlocRole,
    BlocYear,
    Membership,
    Organization,
    Province,
    ProvinceRole,
)

SLUG = "hoi-dac-thu-yen-bai"
PASSWORD = "khoithidua"
ILLUSTRATIVE = (
    "Đơn vị minh họa: nguồn tin công khai không nêu tên đủ 11 thành viên của Khối, "
    "tên này chỉ dùng cho dữ liệu mẫu."
)

# (name, short name, abbreviation, leader title, leader name, illustrative?)
ORGANIZATIONS = [
    (
        "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh",
        "Liên hiệp các Hội KH&KT",
        "LHH",
        "Phó Chủ tịch Thường trực",
        "Nguyễn Bình Minh",
        False,
    ),
    ("Hội Chữ thập đỏ tỉnh", "Hội Chữ thập đỏ", "CTĐ", "Chủ tịch", "Hà Thị Ngoan", False),
    ("Hội Khuyến học tỉnh", "Hội Khuyến học", "KH", "Chủ tịch", "", False),
    (
        "Hội Liên hiệp Văn học Nghệ thuật tỉnh",
        "Hội LH Văn học Nghệ thuật",
        "VHNT",
        "Chủ tịch",
        "",
        False,
    ),
    ("Hội Nhà báo tỉnh", "Hội Nhà báo", "NB", "Chủ tịch", "", False),
    ("Hội Luật gia tỉnh", "Hội Luật gia", "LG", "Chủ tịch", "", False),
    ("Hội Cựu Thanh niên xung phong tỉnh", "Hội Cựu TNXP", "TNXP", "Chủ tịch", "", False),
    ("Liên minh Hợp tác xã tỉnh", "Liên minh HTX", "LMHTX", "Chủ tịch", "", False),
    ("Hội Người mù tỉnh", "Hội Người mù", "NM", "Chủ tịch", "", True),
    ("Hội Đông y tỉnh", "Hội Đông y", "ĐY", "Chủ tịch", "", True),
    ("Hội Nạn nhân chất độc da cam/dioxin tỉnh", "Hội NNCĐDC/dioxin", "DC", "Chủ tịch", "", True),
]

LEGAL_BASES_2022 = "\n".join(
    [
        "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng ngày 16 tháng 11 năm 2013;",  # noqa: E501
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, Khen thưởng;",  # noqa: E501
        "Căn cứ Quy chế hoạt động của Khối Thi đua các tổ chức Hội đặc thù tỉnh Yên Bái;",
    ]
)

SUPERIOR_BODY = "Ủy ban nhân dân tỉnh Yên Bái"
SIGNERS = {name: (title, leader) for name, _s, _a, title, leader, _i in ORGANIZATIONS}

HEAD_2022 = "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"
DEPUTY_2022 = "Hội Chữ thập đỏ tỉnh"
HEAD_2023 = "Hội Chữ thập đỏ tỉnh"
DEPUTY_2023 = "Hội Liên hiệp Văn học Nghệ thuật tỉnh"


def load() -> Bloc:
    province, _ = Province.objects.get_or_create(name="Yên Bái", defaults={"slug": "yen-bai"})
    bloc, _ = Bloc.objects.update_or_create(
        slug=SLUG,
        defaults={
            "name": "Khối Thi đua các tổ chức Hội đặc thù tỉnh Yên Bái",
            "short_name": "Khối các tổ chức Hội đặc thù",
            "kind": Bloc.Kind.KHOI,
            "province": province,
            "superior_body": SUPERIOR_BODY,
        },
    )
    orgs = {}
    for name, short, abbr, _title, _leader, illustrative in ORGANIZATIONS:
        orgs[name], _ = Organization.objects.update_or_create(
            bloc=bloc,
            name=name,
            defaults={
                "short_name": short,
                "abbreviation": abbr,
                "address": "Thành phố Yên Bái, tỉnh Yên Bái",
                "notes": ILLUSTRATIVE if illustrative else "",
            },
        )
    _year(bloc, 2022, BlocYear.Phase.MEETING, orgs)
    _year(bloc, 2023, BlocYear.Phase.SCORING, orgs)
    _users(bloc, orgs)
    _province_office(province)
    return bloc


def _year(bloc, year, phase, orgs) -> BlocYear:
    bloc_year, created = BlocYear.objects.get_or_create(
        bloc=bloc,
        year=year,
        defaults={
            "phase": phase,
            "superior_body": SUPERIOR_BODY,
            "province_name": "Yên Bái",
            "place_name": "Yên Bái",
            "legal_bases": LEGAL_BASES_2022,
        },
    )
    for position, name in enumerate(orgs, start=1):
        title, leader = SIGNERS[name]
        Membership.objects.get_or_create(
            bloc_year=bloc_year,
            organization=orgs[name],
            defaults={"position": position, "signer_title": title, "signer_name": leader},
        )
    if created:
        head, deputy = (HEAD_2022, DEPUTY_2022) if year == 2022 else (HEAD_2023, DEPUTY_2023)
        bloc_year.head, bloc_year.deputy = orgs[head], orgs[deputy]
        bloc_year.save(update_fields=["head", "deputy"])
    return bloc_year


def _users(bloc, orgs) -> None:
    User = get_user_model()
    people = [
        ("thuky", "Nguyễn Thị Thư", BlocRole.Kind.SECRETARIAT, None),
        ("truongkhoi", "Hà Thị Ngoan", BlocRole.Kind.REPRESENTATIVE, orgs["Hội Chữ thập đỏ tỉnh"]),
        ("hoivien", "Trần Văn Học", BlocRole.Kind.REPRESENTATIVE, orgs["Hội Khuyến học tỉnh"]),
        ("quansat", "Lê Văn Sát", BlocRole.Kind.OBSERVER, None),
    ]
    for username, full_name, kind, organization in people:
        last, _, first = full_name.rpartition(" ")
        user, _ = User.objects.update_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        user.set_password(PASSWORD)
        user.save()
        BlocRole.objects.update_or_create(
            user=user, bloc=bloc, defaults={"kind": kind, "organization": organization}
        )
    admin, _ = User.objects.update_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True}
    )
    admin.set_password(PASSWORD)
    admin.save()


def _province_office(province) -> None:
    User = get_user_model()
    user, _ = User.objects.update_or_create(
        username="bantdkt", defaults={"first_name": "Khen", "last_name": "Phạm Thi Đua"}
    )
    user.set_password(PASSWORD)
    user.save()
    ProvinceRole.objects.update_or_create(
        user=user, province=province, defaults={"kind": ProvinceRole.Kind.OFFICE}
    )


DEMO_LOGINS = [
    ("thuky", "Văn phòng Khối (thư ký)"),
    ("truongkhoi", "Đại diện Hội Chữ thập đỏ tỉnh (Phó Trưởng khối 2022, Trưởng khối 2023)"),
    ("hoivien", "Đại diện Hội Khuyến học tỉnh (thành viên)"),
    ("quansat", "Cán bộ Ban Thi đua – Khen thưởng tỉnh (quan sát)"),
    ("bantdkt", "Ban Thi đua – Khen thưởng tỉnh Yên Bái (cấp tỉnh: lập khối, cử văn phòng khối)"),
    ("admin", "Quản trị hệ thống"),
]
