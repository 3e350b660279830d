#include "engine/serde/field_matcher.h"

#include <gtest/gtest.h>

namespace runnel::serde {
namespace {

TEST(FieldMatcherTest, ExactAndCaseInsensitive) {
    FieldMatcher m({"ID", "NAME", "price"});
    auto r = m.Find("ID");
    EXPECT_EQ(r.index, 0);
    EXPECT_TRUE(r.exact);
    r = m.Find("name");
    EXPECT_EQ(r.index, 1);
    EXPECT_FALSE(r.exact);
    r = m.Find("PRICE");
    EXPECT_EQ(r.index, 2);
    EXPECT_FALSE(r.exact);
    r = m.Find("price");
    EXPECT_EQ(r.index, 2);
    EXPECT_TRUE(r.exact);
    EXPECT_EQ(m.Find("other").index, -1);
    EXPECT_EQ(m.Find("").index, -1);
    EXPECT_EQ(m.Find("NAMES").index, -1);
}

TEST(FieldMatcherTest, CachedSpellingsStayCorrect) {
    FieldMatcher m({"A", "B"});
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(m.Find("a").index, 0);
        EXPECT_EQ(m.Find("b").index, 1);
    }
    // Out of order, and switching spellings.
    EXPECT_EQ(m.Find("b").index, 1);
    EXPECT_EQ(m.Find("A").index, 0);
    EXPECT_TRUE(m.Find("B").exact);
    EXPECT_FALSE(m.Find("a").exact);
}

TEST(FieldMatcherTest, NamesDifferingOnlyInCase) {
    // Quoted identifiers can make two columns that differ only in case.
    FieldMatcher m({"id", "ID"});
    auto r = m.Find("ID");
    EXPECT_EQ(r.index, 1);
    EXPECT_TRUE(r.exact);
    r = m.Find("id");
    EXPECT_EQ(r.index, 0);
    EXPECT_TRUE(r.exact);
    r = m.Find("Id");
    EXPECT_EQ(r.index, 0);
    EXPECT_FALSE(r.exact);
    r = m.Find("ID");
    EXPECT_EQ(r.index, 1);
    EXPECT_TRUE(r.exact);
}

TEST(FieldMatcherTest, NonAsciiComparedExactly) {
    FieldMatcher m({"CAFÉ"});
    EXPECT_EQ(m.Find("café").index, -1);  // only ASCII letters fold
    EXPECT_EQ(m.Find("cafÉ").index, 0);
}

TEST(FieldMatcherTest, EqualsIgnoreAsciiCase) {
    EXPECT_TRUE(EqualsIgnoreAsciiCase("Delimiter", "DELIMITER"));
    EXPECT_FALSE(EqualsIgnoreAsciiCase("a", "ab"));
    EXPECT_FALSE(EqualsIgnoreAsciiCase("[", "{"));
}

}  // namespace
}  // namespace runnel::serde
