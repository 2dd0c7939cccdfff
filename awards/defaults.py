"""The defaults a new year's rules start from when there is no earlier year to copy. The bloc
changes them on the rules page; nothing reads these once the rows exist."""

from awards.models import ThresholdBase

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
        "submission_attachments": "\n".join(
            [
                "Biên bản Hội nghị tổng kết công tác thi đua, khen thưởng của Khối;",
                "Báo cáo thành tích của các tập thể được đề nghị khen thưởng.",
            ]
        ),
    }
