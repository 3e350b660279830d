// The ANTLR-free pieces: lexical scanning, statement splitting, variable substitution and the
// source map.
#include <gtest/gtest.h>

#include "engine/parser/source_map.h"
#include "engine/parser/sql_scanner.h"
#include "engine/parser/statement_splitter.h"
#include "engine/parser/variable_substituter.h"

namespace runnel::parser {
namespace {

std::vector<std::string> Pieces(std::string_view script) {
    std::vector<std::string> out;
    for (const StatementSpan& span : SplitStatements(script)) {
        out.emplace_back(script.substr(span.begin, span.end - span.begin));
    }
    return out;
}

TEST(SqlScanner, Segments) {
    const std::string text = "a 'b;''c' \"d\" `e` -- f\n/* g */;";
    std::vector<SegmentKind> kinds;
    for (const Segment& segment : ScanSegments(text)) kinds.push_back(segment.kind);
    const std::vector<SegmentKind> expected = {
        SegmentKind::kCode,        SegmentKind::kWhitespace,           SegmentKind::kString,
        SegmentKind::kWhitespace,  SegmentKind::kQuotedIdentifier,     SegmentKind::kWhitespace,
        SegmentKind::kBackQuotedIdentifier, SegmentKind::kWhitespace,  SegmentKind::kLineComment,
        SegmentKind::kWhitespace,  SegmentKind::kBlockComment,         SegmentKind::kSemicolon};
    EXPECT_EQ(kinds, expected);
}

TEST(StatementSplitter, SplitsOnTopLevelSemicolons) {
    EXPECT_EQ(Pieces("a; b;c"), (std::vector<std::string>{"a;", "b;", "c"}));
    EXPECT_EQ(Pieces("x 'y;z'; w"), (std::vector<std::string>{"x 'y;z';", "w"}));
    EXPECT_EQ(Pieces("-- c;\n x /* ; */ y ; -- tail"),
              (std::vector<std::string>{"x /* ; */ y ;"}));
    EXPECT_EQ(Pieces(";; ;"), std::vector<std::string>{});
    EXPECT_EQ(Pieces("\xEF\xBB\xBFSHOW STREAMS"), std::vector<std::string>{"SHOW STREAMS"});
    EXPECT_EQ(Pieces("a 'unterminated; b"), std::vector<std::string>{"a 'unterminated; b"});
    EXPECT_EQ(Pieces("a -- no newline"), std::vector<std::string>{"a"});
}

TEST(VariableSubstituter, ReplacesAndMaps) {
    VariableMap vars = {{"A", "xyz"}, {"Q", "it's"}};
    SubstitutedText out = SubstituteVariables("s ${a} t", vars);
    EXPECT_EQ(out.text, "s xyz t");
    ASSERT_EQ(out.origin.size(), out.text.size() + 1);
    EXPECT_EQ(out.origin[2], 2u);  // x -> the '$'
    EXPECT_EQ(out.origin[4], 2u);
    EXPECT_EQ(out.origin[6], 7u);  // t
    EXPECT_EQ(out.origin.back(), 8u);

    EXPECT_EQ(SubstituteVariables("'${q}'", vars).text, "'it''s'");
    EXPECT_EQ(SubstituteVariables("`${q}`", vars).text, "`it's`");
    EXPECT_EQ(SubstituteVariables("$${a}", vars).text, "${a}");
    EXPECT_EQ(SubstituteVariables("-- ${a}", vars).text, "-- ${a}");
    EXPECT_EQ(SubstituteVariables("${unknown} ${a", vars).text, "${unknown} ${a");
    EXPECT_TRUE(SubstituteVariables("${unknown}", vars).origin.empty());
    EXPECT_TRUE(SubstituteVariables("no variables", vars).origin.empty());
}

TEST(SourceMapTest, LinesAndCodePointColumns) {
    const std::string script = "ab\ncé d\n";
    SourceMap map(script);
    EXPECT_EQ(map.Locate(0).line, 1);
    EXPECT_EQ(map.Locate(0).column, 1);
    EXPECT_EQ(map.Locate(3).line, 2);
    EXPECT_EQ(map.Locate(3).column, 1);
    // 'd' is byte 7 but the third code point after "c" and "é".
    EXPECT_EQ(map.Locate(7).column, 4);

    // A statement starting at byte 3 whose text had "${v}" replaced by "value".
    SubstitutedText sub = SubstituteVariables("${v} x", {{"V", "value"}});
    const std::string script2 = "-- \n${v} x";
    SourceMap map2(script2);
    StatementSource source(&map2, 4, sub.text, sub.origin);
    SourceLocation x = source.LocateCharIndex(6);  // 'x' in "value x"
    EXPECT_EQ(x.line, 2);
    EXPECT_EQ(x.column, 6);
    SourceLocation by_line = source.LocateLineColumn(1, 6);
    EXPECT_EQ(by_line.column, 6);
}

}  // namespace
}  // namespace runnel::parser
