"""The defaults a new year's rules start from when there is no earlier year to copy. The bloc
changes them on the rules page; nothing reads these once the rows exist."""

from decimal import Decimal

from awards.models import AwardType, ThresholdBase

# The standard collective awards (DOMAIN.md §3), as the data migration 0002 seeds them. Kept here
# too so a database whose award types were emptied (a test run's flush, a restore gone wrong)
# gets them back on the first year set-up instead of a year that cannot nominate anyone.
AWARD_TYPES = [
    # code, name, level, precedence, prize multiple, offered by default, names leading bloc
    ("GOV_FLAG", "Cờ thi đua của Chính phủ", "national", 1, "12.0", True, True),
    ("PROVINCE_FLAG", "Cờ thi đua của Ủy ban nhân dân tỉnh", "provincial", 2, "8.0", True, True),
    (
        "MERIT_CERTIFICATE",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "provincial",
        3,
        "2.0",
        True,
        False,
    ),  # noqa: E501
    ("EXCELLENT_COLLECTIVE", "Tập thể lao động xuất sắc", "provincial", 4, "1.5", False, False),
    ("ADVANCED_COLLECTIVE", "Tập thể lao động tiên tiến", "agency", 5, "0.8", False, False),
]


def award_types_ensure() -> None:
    if AwardType.objects.exists():
        return
    AwardType.objects.bulk_create(
        AwardType(
            code=code,
            name=name,
            level=level,
            precedence=precedence,
            prize_multiple=Decimal(prize),
            offered_by_default=offered,
            names_leading_bloc=leading,
        )
        for code, name, level, precedence, prize, offered, leading in AWARD_TYPES
    )


# code -> AwardRule field values. Flags follow the stricter custom (≥ 80 % of all members);
# the bloc's regulation decides (DOMAIN.md §3).
RULE_DEFAULTS = {
    "GOV_FLAG": {
        "quota": 1,
        "threshold_strict": False,
        "threshold_numerator": 4,
        "threshold_denominator": 5,
        "threshold_base": ThresholdBase.MEMBERS,
    },
    "PROVINCE_FLAG": {
        "quota": 1,
        "threshold_strict": False,
        "threshold_numerator": 4,
        "threshold_denominator": 5,
        "threshold_base": ThresholdBase.MEMBERS,
    },
    "MERIT_CERTIFICATE": {"quota": 2},
    "EXCELLENT_COLLECTIVE": {"quota": 3},
    "ADVANCED_COLLECTIVE": {"quota": 5},
}
GENERIC_RULE = {"quota": 1}


def rule_defaults(award_type) -> dict:
    values = {**GENERIC_RULE, **RULE_DEFAULTS.get(award_type.code, {})}
    values["offered"] = award_type.offered_by_default
    return values


def settings_defaults(bloc_year) -> dict:
    """Printed texts of the submission; Vietnamese by nature (they go on the document). No year
    in them: they are copied into the following years."""
    return {
        "submission_recipient": f"Hội đồng Thi đua – Khen thưởng tỉnh {bloc_year.province_name}",
        "document_symbol": bloc_year.bloc.words.symbol,  # "KTĐ", or "CTĐ" for a cụm
    }
