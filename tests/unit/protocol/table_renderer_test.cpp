#include "protocol/table_renderer.h"

#include <gtest/gtest.h>

namespace runnel::protocol {
namespace {

TEST(ListTable, MessageTableLikeKsqlDb) {
    EXPECT_EQ(RenderListTable({"Message"}, {{"Stream created"}}),
              " Message        \n"
              "----------------\n"
              " Stream created \n"
              "----------------\n");
}

TEST(ListTable, ColumnsPadToWidestCell) {
    EXPECT_EQ(RenderListTable({"Stream Name", "Windowed"},
                              {{"S", "false"}, {"LONGER_NAME_X", "true"}}),
              " Stream Name   | Windowed \n"
              "--------------------------\n"
              " S             | false    \n"
              " LONGER_NAME_X | true     \n"
              "--------------------------\n");
}

TEST(ListTable, SeparatorCappedAtWidthAndUtf8Counted) {
    std::string out = RenderListTable({"A"}, {{"\xC3\xA9t\xC3\xA9"}}, 3);
    EXPECT_EQ(out, " A   \n---\n \xC3\xA9t\xC3\xA9 \n---\n");
    EXPECT_EQ(DisplayWidth("\xC3\xA9t\xC3\xA9"), 3u);
}

TEST(BoxTable, HeaderRowsFooter) {
    BoxTable table({"ID", "NAME"}, 20);  // 20 / 2 - 2 = 8 per cell
    EXPECT_EQ(table.cell_width(), 8u);
    EXPECT_EQ(table.Header(),
              "+--------+--------+\n"
              "|ID      |NAME    |\n"
              "+--------+--------+\n");
    EXPECT_EQ(table.Row({"1", "a"}), "|1       |a       |\n");
    EXPECT_EQ(table.Footer(), "+--------+--------+\n");
}

TEST(BoxTable, LongValuesWrapAndNarrowTerminalsKeepMinimum) {
    BoxTable table({"A", "B"}, 20);
    EXPECT_EQ(table.Row({"0123456789AB", "x"}),
              "|01234567|x       |\n"
              "|89AB    |        |\n");
    BoxTable narrow({"A", "B", "C"}, 10);
    EXPECT_EQ(narrow.cell_width(), 5u);
}

}  // namespace
}  // namespace runnel::protocol
