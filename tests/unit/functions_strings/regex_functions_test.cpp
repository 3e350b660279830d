// Regular expression functions with Java pattern syntax.
#include "engine/expression/functions/scalar/str_regex.h"
#include "tests/unit/functions_strings/call_util.h"

namespace runnel::expression::testing {
namespace {

using Strings = std::vector<std::string>;

std::string Replace(const char* in, const char* re, const char* with) {
    return Str(Call("REGEXP_REPLACE", {S(in), S(re), S(with)}));
}

TEST(RegexFunctions, Extract) {
    EXPECT_EQ(Str(Call("REGEXP_EXTRACT", {S("(.*) (.*)"), S("hello there"), I(2)})), "there");
    EXPECT_EQ(Str(Call("REGEXP_EXTRACT", {S("[0-9]+"), S("ab 123 45")})), "123");
    EXPECT_TRUE(Call("REGEXP_EXTRACT", {S("x"), S("abc")}).is_null());
    EXPECT_TRUE(Call("REGEXP_EXTRACT", {S("(a)"), S("abc"), I(2)}).is_null());
    EXPECT_TRUE(Call("REGEXP_EXTRACT", {S("(a)|(b)"), S("a"), I(2)}).is_null());
    EXPECT_TRUE(Call("REGEXP_EXTRACT", {S("(unclosed"), S("abc")}).is_null());
    EXPECT_EQ(Str(Call("REGEXP_EXTRACT", {S("(?<word>\\w+)@(\\w+)"), S("mail bob@host"), I(2)})),
              "host");
    EXPECT_EQ(Str(Call("REGEXP_EXTRACT", {S("(?i)HELLO"), S("say hello")})), "hello");
    EXPECT_EQ(Str(Call("REGEXP_EXTRACT", {S("."), S("é")})), "é");  // code points
    EXPECT_EQ(Str(Call("REGEXP_EXTRACT", {S("\\p{Punct}+"), S("ab!?c")})), "!?");
    EXPECT_EQ(Str(Call("REGEXP_EXTRACT", {S("\\p{L}+"), S("12 éclair")})), "éclair");
    EXPECT_EQ(Str(Call("REGEXP_EXTRACT", {S("\\Qa.b\\E"), S("axb a.b")})), "a.b");
    EXPECT_EQ(Str(Call("REGEXP_EXTRACT", {S("[a-c[x-z]]+"), S("--bzx--")})), "bzx");
    EXPECT_EQ(Str(Call("REGEXP_EXTRACT", {S("\\d++"), S("a123")})), "123");
    EXPECT_EQ(Str(Call("REGEXP_EXTRACT", {S("c$"), S("abc\n")})), "c");  // Java's '$'
    EXPECT_TRUE(Call("REGEXP_EXTRACT", {S("a.c"), S("a\nc")}).is_null());
    EXPECT_EQ(Str(Call("REGEXP_EXTRACT", {S("(?s)a.c"), S("a\nc")})), "a\nc");
    EXPECT_TRUE(Call("REGEXP_EXTRACT", {S("(?<=a)b"), S("ab")}).is_null());  // unsupported
}

TEST(RegexFunctions, JavaClassesAndFlags) {
    auto all = [](const char* re, const char* in) {
        return StrList(Call("REGEXP_EXTRACT_ALL", {S(re), S(in)}));
    };
    EXPECT_EQ(all("[a-z&&[^aeiou]]+", "hello world"), (Strings{"h", "ll", "w", "rld"}));
    EXPECT_EQ(all("[^a-c[x-z]]+", "abxdefz"), (Strings{"def"}));
    EXPECT_EQ(all("a(?i)b", "ab aB Ab"), (Strings{"ab", "aB"}));
    EXPECT_EQ(all("(?i:h)ello", "Hello hEllo"), (Strings{"Hello"}));
    EXPECT_EQ(all("(?i)é", "éÉ"), (Strings{"é"}));           // ASCII-only folding by default
    EXPECT_EQ(all("(?iu)é", "éÉ"), (Strings{"é", "É"}));     // UNICODE_CASE
    EXPECT_EQ(all("\\b\\w+\\b", "ça va"), (Strings{"va"}));  // \b sees 'ç' as a letter
    EXPECT_EQ(all("\\w+", "ça"), (Strings{"a"}));            // \w is ASCII
    EXPECT_EQ(all("(?x) a b  # spaces and comments are ignored", "ab a b"), (Strings{"ab"}));
    EXPECT_EQ(all("^*a", "aa"), (Strings{"a", "a"}));  // a quantified anchor is allowed
    EXPECT_TRUE(Call("REGEXP_EXTRACT_ALL", {S("a**"), S("aa")}).is_null());  // dangling '*'
    EXPECT_EQ(all("(a)|b\\2", "ab"), (Strings{"a"}));  // a void back reference never matches
}

TEST(RegexFunctions, ExtractAll) {
    EXPECT_EQ(
        StrList(Call("REGEXP_EXTRACT_ALL", {S("(\\w+) (\\w+)"), S("hello there nice day"), I(2)})),
        (Strings{"there", "day"}));
    EXPECT_EQ(StrList(Call("REGEXP_EXTRACT_ALL", {S("\\d"), S("a1b2c3")})),
              (Strings{"1", "2", "3"}));
    EXPECT_EQ(StrList(Call("REGEXP_EXTRACT_ALL", {S("x"), S("abc")})), Strings{});
    EXPECT_EQ(StrList(Call("REGEXP_EXTRACT_ALL", {S("(a)|b"), S("ab"), I(1)})),
              (Strings{"a", "<null>"}));
    EXPECT_EQ(StrList(Call("REGEXP_EXTRACT_ALL", {S("a*"), S("baaa")})), (Strings{"", "aaa", ""}));
}

TEST(RegexFunctions, Replace) {
    EXPECT_EQ(Replace("baababaa", "(ab)+", "cat"), "bacataa");
    EXPECT_EQ(Replace("baabbabaa", "(ab)+", "cat"), "bacatbcataa");
    EXPECT_EQ(Replace("abc", "x*", "-"), "-a-b-c-");
    EXPECT_EQ(Replace("John Smith", "(\\w+) (\\w+)", "$2, $1"), "Smith, John");
    EXPECT_EQ(Replace("John Smith", "(?<first>\\w+) (?<last>\\w+)", "${last}"), "Smith");
    EXPECT_EQ(Replace("a.b", "\\.", "\\$"), "a$b");
    EXPECT_EQ(Replace("ab", "(a)", "$12"), "a2b");  // $1 then '2': group 12 does not exist
    EXPECT_EQ(Replace("ab", "a", "$"), "<null>");
    EXPECT_EQ(Replace("ab", "a", "$2"), "<null>");
    EXPECT_TRUE(Call("REGEXP_REPLACE", {S("ab"), Null(SqlType::String()), S("x")}).is_null());
}

TEST(RegexFunctions, SplitToArray) {
    auto split = [](const char* in, const char* re) {
        return StrList(Call("REGEXP_SPLIT_TO_ARRAY", {S(in), S(re)}));
    };
    EXPECT_EQ(split("a.b.c", "\\."), (Strings{"a", "b", "c"}));
    EXPECT_EQ(split(".a..b.", "\\."), (Strings{"", "a", "", "b", ""}));
    EXPECT_EQ(split("abc", "x"), (Strings{"abc"}));
    EXPECT_EQ(split("abc", ""), (Strings{"a", "b", "c"}));
    EXPECT_EQ(split("", ""), (Strings{""}));
    EXPECT_EQ(split("a1b22c", "\\d*"), (Strings{"a", "", "b", "", "c"}));  // as Java
    EXPECT_EQ(split("aaa", "a*"), Strings{});
    EXPECT_EQ(split("a-b_c", "[-_]"), (Strings{"a", "b", "c"}));
}

TEST(RegexFunctions, LongInputsRunOnABigStack) {
    std::string big(200000, 'a');
    Value v = Call("REGEXP_EXTRACT", {S(".*"), S(big)});
    ASSERT_FALSE(v.is_null());
    EXPECT_EQ(v.AsString().size(), big.size());
    EXPECT_EQ(Replace(std::string(50000, 'b').c_str(), "b+", "x"), "x");
}

TEST(RegexFunctions, CompiledPatternIsCachedPerThread) {
    auto a = str::JavaRegex::Get("[a-z]+\\d");
    auto b = str::JavaRegex::Get("[a-z]+\\d");
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a.value().get(), b.value().get());
    EXPECT_EQ(a.value()->group_count(), 0u);
    EXPECT_FALSE(str::JavaRegex::Get("a{").ok());
}

}  // namespace
}  // namespace runnel::expression::testing
