"""The rulebook as plain functions: each rule passes or fails with the words the user reads.
No database: rules and standings are built in memory."""

from decimal import Decimal

import pytest

from awards import rules as rulebook
from awards.models import AwardRule, AwardSettings, AwardType
from awards.rules import Held, Standing

GOV = AwardType(pk=1, code="GOV_FLAG", name="Cờ thi đua của Chính phủ", precedence=1)
PROVINCE = AwardType(pk=2, code="PROVINCE_FLAG", name="Cờ thi đua của UBND tỉnh", precedence=2)
MERIT = AwardType(pk=3, code="MERIT_CERTIFICATE", name="Bằng khen", precedence=3)


def make_rule(award_type=MERIT, **values) -> AwardRule:
    fields = {
        "offered": True,
        "quota": 2,
        "min_rank": None,
        "min_score": None,
        "prerequisite": None,
        "prerequisite_years": 0,
        "allows_second_award": False,
        "threshold_strict": True,
        "threshold_numerator": 1,
        "threshold_denominator": 2,
        "threshold_base": "present",
        **values,
    }
    return AwardRule(award_type=award_type, **fields)


def standing(org_id=10, name="Hội Khuyến học tỉnh", **values) -> Standing:
    return Standing(organization_id=org_id, name=name, **values)


def checks(rule, who, *, used=0, year=2022, rules=None):
    return rulebook.nomination_checks(
        rule=rule,
        standing=who,
        used=used,
        year=year,
        rules_by_type=rules or {rule.award_type_id: rule},
    )


def messages(result, passed):
    return [c.message for c in result if c.passed is passed]


# --- minimum rank and score -------------------------------------------------------------------


def test_a_nominee_ranked_below_the_minimum_fails_in_words():
    result = checks(make_rule(min_rank=2), standing(rank=3, total=Decimal("90")))
    assert "Xếp hạng 3, quy định tối thiểu hạng 2." in messages(result, False)


def test_a_nominee_ranked_within_the_minimum_passes_and_says_so():
    result = checks(make_rule(min_rank=2), standing(rank=2, total=Decimal("95")))
    assert "Xếp hạng 2, quy định tối thiểu hạng 2." in messages(result, True)
    assert not rulebook.failures(result)


def test_a_nominee_without_a_rank_fails_a_rank_rule():
    result = checks(make_rule(min_rank=2), standing())
    assert "Chưa có xếp hạng, quy định tối thiểu hạng 2." in messages(result, False)


def test_a_score_below_the_minimum_fails_with_the_score_in_vietnamese_style():
    result = checks(make_rule(min_score=Decimal("95")), standing(rank=1, total=Decimal("94.5")))
    assert "Tổng điểm 94,5, quy định tối thiểu 95 điểm." in messages(result, False)


# --- the quota --------------------------------------------------------------------------------


def test_the_last_place_of_a_quota_passes():
    result = checks(make_rule(quota=2), standing(), used=1)
    assert "Trong chỉ tiêu: 2/2." in messages(result, True)


def test_a_nomination_over_the_quota_fails():
    result = checks(make_rule(quota=1), standing(), used=1)
    assert "Vượt chỉ tiêu: được đề nghị 1, đã đề nghị 1." in messages(result, False)


def test_an_award_not_offered_this_year_fails():
    result = checks(make_rule(offered=False), standing())
    assert "Bằng khen không được xét trong năm nay." in messages(result, False)


# --- prerequisites ----------------------------------------------------------------------------


def test_a_prerequisite_award_of_an_earlier_year_passes():
    rule = make_rule(GOV, prerequisite=PROVINCE)
    who = standing(granted=[Held(PROVINCE.pk, PROVINCE.name, 2020)])
    assert "Đã được tặng Cờ thi đua của UBND tỉnh năm 2020." in messages(checks(rule, who), True)


def test_a_missing_prerequisite_fails():
    rule = make_rule(GOV, prerequisite=PROVINCE)
    assert "Chưa được tặng Cờ thi đua của UBND tỉnh, quy định bắt buộc phải có." in messages(
        checks(rule, standing()), False
    )


def test_a_prerequisite_too_old_for_the_window_fails():
    rule = make_rule(GOV, prerequisite=PROVINCE, prerequisite_years=2)
    who = standing(granted=[Held(PROVINCE.pk, PROVINCE.name, 2019)])
    assert (
        "Chưa được tặng Cờ thi đua của UBND tỉnh trong 2 năm liền trước, quy định bắt buộc phải có."
        in messages(checks(rule, who, year=2022), False)
    )


def test_the_same_year_does_not_count_as_an_earlier_year():
    rule = make_rule(GOV, prerequisite=PROVINCE)
    who = standing(granted=[Held(PROVINCE.pk, PROVINCE.name, 2022)])
    assert rulebook.failures(checks(rule, who, year=2022))


# --- one award a year -------------------------------------------------------------------------


def test_a_second_award_the_same_year_is_refused_by_default():
    rule = make_rule(MERIT)
    who = standing(nominated=[Held(PROVINCE.pk, PROVINCE.name, 2022)])
    assert (
        "Đã được đề nghị Cờ thi đua của UBND tỉnh trong năm nay: mỗi đơn vị chỉ được nhận một "
        "hình thức khen thưởng trong năm." in messages(checks(rule, who), False)
    )


def test_a_second_award_passes_when_both_rules_allow_it():
    merit = make_rule(MERIT, allows_second_award=True)
    province = make_rule(PROVINCE, allows_second_award=True)
    who = standing(nominated=[Held(PROVINCE.pk, PROVINCE.name, 2022)])
    result = checks(merit, who, rules={MERIT.pk: merit, PROVINCE.pk: province})
    assert not rulebook.failures(result)


def test_a_second_award_fails_when_the_other_rule_does_not_allow_it():
    merit = make_rule(MERIT, allows_second_award=True)
    province = make_rule(PROVINCE, allows_second_award=False)
    who = standing(nominated=[Held(PROVINCE.pk, PROVINCE.name, 2022)])
    assert rulebook.failures(checks(merit, who, rules={MERIT.pk: merit, PROVINCE.pk: province}))


# --- the flag ---------------------------------------------------------------------------------


def test_a_flagged_member_fails_with_the_reason_shown():
    who = standing(rank=1, block_reason="Đang bị thanh tra tài chính")
    assert (
        "Không được đề nghị: đang bị xem xét kỷ luật, thanh tra hoặc khiếu nại "
        "(Đang bị thanh tra tài chính)." in messages(checks(make_rule(), who), False)
    )


def test_a_member_not_flagged_passes_the_flag_rule():
    assert "Không bị xem xét kỷ luật, thanh tra, khiếu nại." in messages(
        checks(make_rule(), standing()), True
    )


# --- thresholds on both bases -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("votes_for", "passed"),
    [(6, True), (5, False)],  # 6/10 > 1/2; 5/10 is not more than half
)
def test_more_than_half_of_those_present(votes_for, passed):
    outcome = rulebook.tally_outcome(
        votes_for=votes_for, voters=10, members=11, rule=make_rule(threshold_strict=True)
    )
    assert outcome.passed is passed
    assert outcome.base == 10


def test_at_least_two_thirds_is_exact_not_rounded():
    rule = make_rule(threshold_strict=False, threshold_numerator=2, threshold_denominator=3)
    assert rulebook.tally_outcome(votes_for=2, voters=3, members=3, rule=rule).passed
    assert not rulebook.tally_outcome(votes_for=7, voters=11, members=11, rule=rule).passed
    assert rulebook.tally_outcome(votes_for=8, voters=11, members=11, rule=rule).passed


def test_the_base_of_all_members_counts_the_absent_against():
    rule = make_rule(
        threshold_strict=False,
        threshold_numerator=4,
        threshold_denominator=5,
        threshold_base="members",
    )
    # 8 present, all for: 100 % of those present but 8/11 < 80 % of the bloc. A secret ballot.
    outcome = rulebook.tally_outcome(votes_for=8, voters=8, members=11, rule=rule)
    assert not outcome.passed
    assert outcome.percent == Decimal("72.73")
    assert outcome.message == (
        "8/11 phiếu đồng ý (72,73 %): không đạt, quy định từ 80 % trở lên tổng số đơn vị "
        "thành viên của Khối."
    )


def test_the_base_of_those_present_ignores_the_absent():
    rule = make_rule(
        threshold_strict=False,
        threshold_numerator=4,
        threshold_denominator=5,
        threshold_base="present",
    )
    outcome = rulebook.tally_outcome(votes_for=8, voters=8, members=11, rule=rule, secret=False)
    assert outcome.passed
    assert outcome.message == (  # a show of hands
        "8/8 phiếu tán thành (100 %): đạt, quy định từ 80 % trở lên số đơn vị có mặt."
    )


def test_the_election_threshold_comes_from_the_settings():
    settings = AwardSettings(
        threshold_strict=True,
        threshold_numerator=1,
        threshold_denominator=2,
        threshold_base="members",
    )
    assert not rulebook.tally_outcome(votes_for=5, voters=10, members=10, rule=settings).passed


def test_no_votes_on_an_empty_base_never_pass():
    assert not rulebook.tally_outcome(votes_for=0, voters=0, members=0, rule=make_rule()).passed


# --- quorum -----------------------------------------------------------------------------------


def test_a_quorum_of_two_thirds_needs_eight_of_eleven():
    assert rulebook.quorum(present=8, members=11, numerator=2, denominator=3).met
    missing = rulebook.quorum(present=7, members=11, numerator=2, denominator=3)
    assert not missing.met
    assert missing.message == "7/11 đơn vị có mặt: không đủ số lượng (cần 8)."


def test_minimum_counts_for_strict_and_inclusive_shares():
    assert rulebook.minimum_count(10, 1, 2, strict=True) == 6
    assert rulebook.minimum_count(10, 1, 2, strict=False) == 5
    assert rulebook.minimum_count(11, 4, 5, strict=False) == 9


def test_shares_read_as_percentages_when_whole():
    assert rulebook.share_text(4, 5) == "80 %"
    assert rulebook.share_text(2, 3) == "2/3"


# --- the proposal from the ranking ------------------------------------------------------------


def test_the_plan_gives_the_best_ranks_the_highest_awards_within_quotas():
    rules = [make_rule(GOV, quota=1), make_rule(PROVINCE, quota=1), make_rule(MERIT, quota=2)]
    standings = {i: standing(i, f"Hội {i}", rank=i) for i in range(1, 6)}
    plan = rulebook.plan_from_ranking(rules=rules, standings=standings, used={}, year=2022)
    assert [(s.organization_id, r.award_type.code) for s, r, _tie in plan] == [
        (1, "GOV_FLAG"),
        (2, "PROVINCE_FLAG"),
        (3, "MERIT_CERTIFICATE"),
        (4, "MERIT_CERTIFICATE"),
    ]


def test_the_plan_skips_a_flagged_member_and_one_below_the_minimum_rank():
    rules = [make_rule(GOV, quota=1, min_rank=2), make_rule(MERIT, quota=1)]
    standings = {
        1: standing(1, "A", rank=1, block_reason="Khiếu nại"),
        2: standing(2, "B", rank=2),
        3: standing(3, "C", rank=3),
    }
    plan = rulebook.plan_from_ranking(rules=rules, standings=standings, used={}, year=2022)
    assert [(s.name, r.award_type.code) for s, r, _tie in plan] == [
        ("B", "GOV_FLAG"),
        ("C", "MERIT_CERTIFICATE"),
    ]


def test_the_plan_counts_existing_nominations_against_the_quota():
    rules = [make_rule(MERIT, quota=2)]
    standings = {1: standing(1, "A", rank=1), 2: standing(2, "B", rank=2)}
    standings[1].nominated.append(Held(MERIT.pk, MERIT.name, 2022))
    plan = rulebook.plan_from_ranking(
        rules=rules, standings=standings, used={MERIT.pk: 1}, year=2022
    )
    assert [s.name for s, _r, _tie in plan] == ["B"]


# --- the election -----------------------------------------------------------------------------


class Tally:
    def __init__(self, votes_for, passed=True):
        self.votes_for, self.passed = votes_for, passed


def test_the_candidate_with_most_votes_among_those_passing_is_elected():
    result = rulebook.post_result([("Hội A", Tally(7)), ("Hội B", Tally(4, passed=False))])
    assert result.decided and result.winner == "Hội A"


def test_a_tie_at_the_top_asks_for_another_round():
    result = rulebook.post_result([("Hội A", Tally(5)), ("Hội B", Tally(5))])
    assert not result.decided and result.tie
    assert result.message == "Hội A, Hội B cùng được 5 phiếu: cần bầu thêm một vòng."


def test_nobody_passing_elects_nobody():
    result = rulebook.post_result([("Hội A", Tally(3, passed=False))])
    assert not result.decided and not result.tie


def test_a_tie_short_of_the_threshold_still_asks_for_another_round():
    result = rulebook.post_result(
        [("Hội A", Tally(2, passed=False)), ("Hội B", Tally(2, passed=False))]
    )
    assert result.tie and not result.decided


def test_a_year_whose_award_types_were_emptied_gets_the_standard_ones_back(db, bloc_year):
    from awards.models import AwardRule, AwardType
    from awards.services import year_setup_ensure

    AwardType.objects.all().delete()
    year_setup_ensure(bloc_year=bloc_year)
    assert list(AwardType.objects.order_by("precedence").values_list("code", flat=True)) == [
        "GOV_FLAG",
        "PROVINCE_FLAG",
        "MERIT_CERTIFICATE",
        "EXCELLENT_COLLECTIVE",
        "ADVANCED_COLLECTIVE",
    ]
    assert AwardRule.objects.filter(bloc_year=bloc_year).count() == 5
