// The per-field three-way merge and the policies' verdicts, without a database.
#include <boost/test/unit_test.hpp>

#include "sync/three_way_merge.h"

namespace crmsync::sync {

namespace {

using mapping::ConflictPolicy;
using mapping::Direction;

MergeSlot slot(std::string column, Direction direction = Direction::Both,
               ConflictPolicy policy = ConflictPolicy::OneCWins, std::string attribute = "") {
    return {std::move(column), std::move(attribute), direction, policy, ""};
}

struct Judged {
    std::vector<std::string> asked;
    Verdict answer = Verdict::Park;
    ConflictJudge judge() {
        return [this](const SlotConflict& c) {
            asked.push_back(c.slot->name());
            return answer;
        };
    }
};

std::optional<std::string> value(const core::Row& row, const std::string& column) {
    const auto* found = core::findColumn(row, column);
    return found != nullptr ? found->text : std::nullopt;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(three_way_merge)

BOOST_AUTO_TEST_CASE(each_side_keeps_what_only_it_changed) {
    std::vector<MergeSlot> slots{slot("name"), slot("full_name")};
    core::Row base{{"name", "A"}, {"full_name", "Full A"}};
    core::Row crm{{"name", "A by CRM"}, {"full_name", "Full A"}};
    core::Row onec{{"name", "A"}, {"full_name", "Full A by 1C"}};
    Judged judged;
    auto merged = mergeRecord(slots, base, crm, onec, judged.judge());
    BOOST_TEST(judged.asked.empty());
    BOOST_TEST((merged.writes == (core::Row{{"full_name", "Full A by 1C"}})));
    BOOST_TEST(merged.took_onec);
    BOOST_TEST(merged.kept_crm);
    // The base moves only where both sides agree now: the CRM's name is still to be sent.
    BOOST_TEST((value(merged.snapshot, "name") == std::optional<std::string>("A")));
    BOOST_TEST((value(merged.snapshot, "full_name") == std::optional<std::string>("Full A by 1C")));
}

BOOST_AUTO_TEST_CASE(the_same_change_on_both_sides_converges_and_moves_the_base) {
    std::vector<MergeSlot> slots{slot("name")};
    Judged judged;
    auto merged = mergeRecord(slots, core::Row{{"name", "A"}}, core::Row{{"name", "B"}},
                              core::Row{{"name", "B"}}, judged.judge());
    BOOST_TEST(judged.asked.empty());
    BOOST_TEST(merged.writes.empty());
    BOOST_TEST((value(merged.snapshot, "name") == std::optional<std::string>("B")));
}

BOOST_AUTO_TEST_CASE(different_changes_ask_the_judge_and_follow_its_verdict) {
    std::vector<MergeSlot> slots{slot("name")};
    for (Verdict verdict : {Verdict::TakeOneC, Verdict::KeepCrm, Verdict::Park}) {
        Judged judged;
        judged.answer = verdict;
        auto merged = mergeRecord(slots, core::Row{{"name", "A"}}, core::Row{{"name", "CRM"}},
                                  core::Row{{"name", "1C"}}, judged.judge());
        BOOST_TEST((judged.asked == std::vector<std::string>{"name"}));
        if (verdict == Verdict::TakeOneC) {
            BOOST_TEST((merged.writes == (core::Row{{"name", "1C"}})));
            BOOST_TEST((value(merged.snapshot, "name") == std::optional<std::string>("1C")));
        } else {
            BOOST_TEST(merged.writes.empty());
            BOOST_TEST((value(merged.snapshot, "name") == std::optional<std::string>("A")));
            BOOST_TEST(merged.kept_crm);
        }
    }
}

BOOST_AUTO_TEST_CASE(without_a_base_every_difference_is_a_conflict) {
    std::vector<MergeSlot> slots{slot("name"), slot("inn")};
    Judged judged;
    judged.answer = Verdict::TakeOneC;
    auto merged = mergeRecord(slots, std::nullopt, core::Row{{"name", "CRM"}, {"inn", "1"}},
                              core::Row{{"name", "1C"}, {"inn", "1"}}, judged.judge());
    BOOST_TEST((judged.asked == std::vector<std::string>{"name"}));
    BOOST_TEST((merged.writes == (core::Row{{"name", "1C"}})));
}

BOOST_AUTO_TEST_CASE(one_way_fields_never_flow_back) {
    std::vector<MergeSlot> slots{slot("onec_number", Direction::FromOneC),
                                 slot("kind", Direction::ToOneC)};
    Judged judged;
    core::Row base{{"onec_number", "1"}, {"kind", "company"}};
    core::Row crm{{"onec_number", "typed in CRM"}, {"kind", "person"}};
    core::Row onec{{"onec_number", "2"}, {"kind", "company"}};
    auto merged = mergeRecord(slots, base, crm, onec, judged.judge());
    BOOST_TEST(judged.asked.empty());
    // from-1c: 1C's value whatever the CRM did; to-1c: the CRM's, waiting for the push.
    BOOST_TEST((merged.writes == (core::Row{{"onec_number", "2"}})));
    BOOST_TEST((value(merged.snapshot, "kind") == std::optional<std::string>("company")));
}

BOOST_AUTO_TEST_CASE(attribute_keys_merge_one_by_one_and_keep_the_crm_own_keys) {
    std::vector<MergeSlot> slots{
        slot("attributes", Direction::Both, ConflictPolicy::OneCWins, "code"),
        slot("attributes", Direction::Both, ConflictPolicy::OneCWins, "color")};
    core::Row base{{"attributes", R"({"code":"C1","color":"red"})"}};
    core::Row crm{{"attributes", R"({"code":"C1","color":"blue","note":"VIP"})"}};
    core::Row onec{{"attributes", R"({"code":"C2","color":"red"})"}};
    Judged judged;
    auto merged = mergeRecord(slots, base, crm, onec, judged.judge());
    BOOST_TEST(judged.asked.empty());
    BOOST_TEST_REQUIRE(merged.writes.size() == 1u);
    BOOST_TEST(*merged.writes[0].text == R"({"code":"C2","color":"blue","note":"VIP"})");
    BOOST_TEST(merged.kept_crm);
    BOOST_TEST((slots[1].read(merged.snapshot) == std::optional<std::string>("\"red\"")));
}

BOOST_AUTO_TEST_CASE(policies_decide_as_named) {
    MergeSlot name = slot("name");
    SlotConflict filled{&name, std::optional<SlotValue>(SlotValue("A")), SlotValue("crm"),
                        SlotValue("1c")};
    SlotConflict blank_crm{&name, std::nullopt, SlotValue("  "), SlotValue("1c")};
    SlotConflict blank_onec{&name, std::nullopt, SlotValue("crm"), std::nullopt};
    BOOST_TEST((policyVerdict(ConflictPolicy::OneCWins, filled, "", "") == Verdict::TakeOneC));
    BOOST_TEST((policyVerdict(ConflictPolicy::CrmWins, filled, "", "") == Verdict::KeepCrm));
    BOOST_TEST((policyVerdict(ConflictPolicy::Manual, filled, "", "") == Verdict::Park));
    BOOST_TEST((policyVerdict(ConflictPolicy::CrmWinsUnlessBlank, filled, "", "") ==
                Verdict::KeepCrm));
    BOOST_TEST((policyVerdict(ConflictPolicy::CrmWinsUnlessBlank, blank_crm, "", "") ==
                Verdict::TakeOneC));
    BOOST_TEST((policyVerdict(ConflictPolicy::OneCWinsUnlessBlank, filled, "", "") ==
                Verdict::TakeOneC));
    BOOST_TEST((policyVerdict(ConflictPolicy::OneCWinsUnlessBlank, blank_onec, "", "") ==
                Verdict::KeepCrm));
    BOOST_TEST((policyVerdict(ConflictPolicy::NewestWins, filled, "2026-12-02T10:00:00.000Z",
                              "2026-12-02T09:00:00") == Verdict::KeepCrm));
    BOOST_TEST((policyVerdict(ConflictPolicy::NewestWins, filled, "2026-12-02T08:00:00.000Z",
                              "2026-12-02T09:00:00") == Verdict::TakeOneC));
    BOOST_TEST((policyVerdict(ConflictPolicy::NewestWins, filled, "", "2026-12-02T09:00:00") ==
                Verdict::TakeOneC));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace crmsync::sync
