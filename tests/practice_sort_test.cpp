// The practice lists are sorted with a parallel sort (core/practice.cpp): each sort key holds every field of
// its row, so rows equal on the key are identical and the sorted lists, which the rules read in order, are
// the same whatever the thread count and the input order.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <random>
#include <vector>

#include "core/practice.hpp"

namespace recon {
namespace {

// Registrations of a few patients, many of them equal on NHS number, practice and both dates and differing
// only in date of birth, sex or date of death (the fields the register's key once left out).
std::vector<Registration> tied_registrations() {
  std::vector<Registration> rows;
  for (NhsNumber nhs : {NhsNumber{9434765919}, NhsNumber{9434765870}, NhsNumber{4010232137}})
    for (int k = 0; k < 400; ++k) {
      Registration r;
      r.nhs = nhs;
      r.gpprac = Code::of(k % 3 ? "A81001" : "B82002");
      r.regdate = 18000 + k % 2;
      r.deregdate = k % 5 ? kNoDay : 19000;
      r.dob = 10000 + k % 7;
      r.sex = Code::of(k % 2 ? "1" : "2");
      r.dod = k % 11 ? kNoDay : 20000 + k % 3;
      rows.push_back(r);
    }
  return rows;
}

std::vector<Referral> tied_referrals() {
  std::vector<Referral> rows;
  for (int k = 0; k < 3000; ++k) {
    Referral r;
    r.nhs = 9434765919 + static_cast<NhsNumber>(k % 4);
    r.gpprac = Code::of("A81001");
    r.refdate = 18000 + k % 3;
    r.procode = Code::of(k % 2 ? "RXH" : "");
    r.tretspef = Code::of(k % 3 ? "100" : "110");
    rows.push_back(r);
  }
  return rows;
}

bool same_registration(const Registration& a, const Registration& b) {
  return a.nhs == b.nhs && a.gpprac == b.gpprac && a.dob == b.dob && a.sex == b.sex &&
         a.regdate == b.regdate && a.deregdate == b.deregdate && a.dod == b.dod;
}

PracticeData sorted_with(int threads, unsigned shuffle_seed) {
  PracticeData p;
  p.registrations = tied_registrations();
  p.referrals = tied_referrals();
  std::mt19937 rng(shuffle_seed);
  std::shuffle(p.registrations.begin(), p.registrations.end(), rng);
  std::shuffle(p.referrals.begin(), p.referrals.end(), rng);
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(threads));
  p.sort_all();
  return p;
}

TEST(PracticeSort, ListsComeOutTheSameWhateverTheThreadsAndTheInputOrder) {
  const PracticeData one = sorted_with(1, 1);
  for (const auto& [threads, seed] : {std::pair{4, 2u}, std::pair{8, 3u}, std::pair{2, 4u}}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    const PracticeData other = sorted_with(threads, seed);
    ASSERT_EQ(other.registrations.size(), one.registrations.size());
    for (std::size_t i = 0; i < one.registrations.size(); ++i)
      ASSERT_TRUE(same_registration(one.registrations[i], other.registrations[i])) << "at " << i;
    ASSERT_EQ(other.referrals.size(), one.referrals.size());
    for (std::size_t i = 0; i < one.referrals.size(); ++i) {
      ASSERT_EQ(one.referrals[i].nhs, other.referrals[i].nhs) << i;
      ASSERT_EQ(one.referrals[i].refdate, other.referrals[i].refdate) << i;
      ASSERT_EQ(one.referrals[i].procode, other.referrals[i].procode) << i;
      ASSERT_EQ(one.referrals[i].tretspef, other.referrals[i].tretspef) << i;
    }
    EXPECT_EQ(other.register_practices, one.register_practices);
  }
}

TEST(PracticeSort, EachPatientsRowsAreFoundAndInDateOrder) {
  const PracticeData p = sorted_with(2, 5);
  const auto regs = p.registrations_of(9434765870);
  ASSERT_EQ(regs.size(), 400u);
  for (std::size_t i = 1; i < regs.size(); ++i) EXPECT_LE(regs[i - 1].regdate, regs[i].regdate);
  EXPECT_EQ(p.referrals_of(9434765919 + 2).size(), 750u);
  EXPECT_TRUE(p.registrations_of(1234567881).empty());
  const std::vector<Code> expected{Code::of("A81001"), Code::of("B82002")};
  EXPECT_EQ(p.register_practices, expected) << "each practice once, sorted";
}

}  // namespace
}  // namespace recon
