"""The collective titles and awards a bloc can put forward (DOMAIN.md §3). The names are the
official Vietnamese names printed on documents; prize multiples are multiples of the base salary
(Decree 98/2023/NĐ-CP; a collective's certificate of merit is twice a person's 1.0×). The
lower labour-collective titles are not offered unless a bloc turns them on."""

from decimal import Decimal

from django.db import migrations

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
    ),
    ("EXCELLENT_COLLECTIVE", "Tập thể lao động xuất sắc", "provincial", 4, "1.5", False, False),
    ("ADVANCED_COLLECTIVE", "Tập thể lao động tiên tiến", "agency", 5, "0.8", False, False),
]


def seed(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    for code, name, level, precedence, prize, offered, leading in AWARD_TYPES:
        AwardType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "level": level,
                "precedence": precedence,
                "prize_multiple": Decimal(prize),
                "offered_by_default": offered,
                "names_leading_bloc": leading,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
