// String functions: ksqlDB's results, Java String semantics (UTF-16 lengths, case mapping).
#include "tests/unit/functions_strings/call_util.h"

namespace runnel::expression::testing {
namespace {

using Strings = std::vector<std::string>;

TEST(StringFunctions, CaseTrimAndSubstring) {
    EXPECT_EQ(Str(Call("LCASE", {S("MiXeD")})), "mixed");
    EXPECT_EQ(Str(Call("UCASE", {S("MiXeD")})), "MIXED");
    EXPECT_EQ(Str(Call("UCASE", {S("straße é")})), "STRASSE É");
    EXPECT_EQ(Str(Call("LCASE", {S("ÀÉÎ ΟΔΟΣ")})), "àéî οδος");
    EXPECT_EQ(Str(Call("TRIM", {S(" \t with white space \t")})), "with white space");
    EXPECT_EQ(Str(Call("SUBSTRING", {S(" \t with white space \t"), I(2), I(5)})), "\t wit");
    EXPECT_EQ(Str(Call("SUBSTRING", {S("s"), I(2), I(5)})), "");
    EXPECT_EQ(Str(Call("SUBSTRING", {S("long enough"), I(2), I(5)})), "ong e");
    EXPECT_EQ(Str(Call("SUBSTRING", {S("stream"), I(1), I(4)})), "stre");
    EXPECT_EQ(Str(Call("SUBSTRING", {S("stream"), I(-3)})), "eam");
    EXPECT_EQ(Str(Call("SUBSTRING", {S("stream"), I(0), I(2)})), "st");
    EXPECT_EQ(Str(Call("SUBSTRING", {S("stream"), I(3), I(-1)})), "");
    EXPECT_TRUE(Call("SUBSTRING", {S("stream"), Null(SqlType::Int())}).is_null());
    // Positions count UTF-16 units: '😀' is two of them.
    EXPECT_EQ(Str(Call("SUBSTRING", {S("a😀b"), I(2), I(2)})), "😀");
    EXPECT_EQ(Str(Call("SUBSTRING", {S("a😀b"), I(4)})), "b");
    EXPECT_EQ(Str(Call("SUBSTRING", {S("añb"), I(2), I(1)})), "ñ");
}

TEST(StringFunctions, LenCountsUtf16Units) {
    EXPECT_EQ(Call("LEN", {S("ABC")}).AsInt(), 3);
    EXPECT_EQ(Call("LEN", {S("")}).AsInt(), 0);
    EXPECT_EQ(Call("LEN", {S("é😀")}).AsInt(), 3);
    EXPECT_EQ(Call("LEN", {B("abc")}).AsInt(), 3);
    EXPECT_TRUE(Call("LEN", {Null(SqlType::String())}).is_null());
}

TEST(StringFunctions, ConcatSkipsNulls) {
    EXPECT_EQ(Str(Call("CONCAT", {S("a"), Null(SqlType::String()), S("b")})), "ab");
    EXPECT_EQ(Str(Call("CONCAT", {Null(SqlType::String()), Null(SqlType::String())})), "");
    EXPECT_TRUE(Call("CONCAT", {S("only")}).is_null());  // ksqlDB wants two inputs
    EXPECT_EQ(Str(Call("CONCAT_WS",
                       {S(", "), S("apple"), S("banana"), Null(SqlType::String()), S("date")})),
              "apple, banana, date");
    EXPECT_TRUE(Call("CONCAT_WS", {Null(SqlType::String()), S("a")}).is_null());
}

TEST(StringFunctions, ReplaceAndInitCap) {
    EXPECT_EQ(Str(Call("REPLACE", {S("anaconda"), S("a"), S("o")})), "onocondo");
    EXPECT_TRUE(Call("REPLACE", {S("anaconda"), Null(SqlType::String()), S("o")}).is_null());
    EXPECT_EQ(Str(Call("REPLACE", {S("ab"), S(""), S("-")})), "-a-b-");
    EXPECT_EQ(Str(Call("INITCAP", {S("some_string")})), "Some_string");
    EXPECT_EQ(Str(Call("INITCAP", {S("the   Quick br0wn fOx")})), "The   Quick Br0wn Fox");
    EXPECT_EQ(Str(Call("INITCAP", {S("  leading")})), "Leading");  // ksqlDB drops it
    EXPECT_EQ(Str(Call("INITCAP", {S("ÉCOLE élève")})), "École Élève");
}

TEST(StringFunctions, Instr) {
    EXPECT_EQ(Call("INSTR", {S("corporate floor"), S("or")}).AsInt(), 2);
    EXPECT_EQ(Call("INSTR", {S("should I stay or should I go"), S("or")}).AsInt(), 15);
    EXPECT_EQ(Call("INSTR", {S("no substring"), S("or")}).AsInt(), 0);
    EXPECT_EQ(Call("INSTR", {S("corporate floor"), S("or"), I(4)}).AsInt(), 5);
    EXPECT_EQ(Call("INSTR", {S("short"), S("or"), I(4)}).AsInt(), 0);
    EXPECT_EQ(Call("INSTR", {S("corporate floor"), S("or"), I(4), I(2)}).AsInt(), 14);
    EXPECT_EQ(Call("INSTR", {S("corporate floor"), S("or"), I(-4)}).AsInt(), 5);
    EXPECT_EQ(Call("INSTR", {S("corporate floor"), S("or"), I(-4), I(2)}).AsInt(), 2);
    EXPECT_EQ(Call("INSTR", {S("short"), S("or"), I(-4), I(2)}).AsInt(), 0);
    EXPECT_EQ(Call("INSTR", {S("CORPORATE FLOOR"), S("OR"), I(3)}).AsInt(), 5);
    EXPECT_EQ(Call("INSTR", {S("CORPORATE FLOOR"), S("OR"), I(-3), I(2)}).AsInt(), 2);
    EXPECT_EQ(Call("INSTR", {Null(SqlType::String()), S("or")}).AsInt(), 0);
    EXPECT_TRUE(Call("INSTR", {S("abc"), S("b"), Null(SqlType::Int())}).is_null());
}

TEST(StringFunctions, Pads) {
    struct Case {
        const char* subject;
        int64_t len;
        const char* pad;
        const char* left;
        const char* right;
    };
    for (const Case& c : std::vector<Case>{{"foo", 7, "Bar", "BarBfoo", "fooBarB"},
                                           {"foo", 5, "Bar", "Bafoo", "fooBa"},
                                           {"foo", 2, "Bar", "fo", "fo"},
                                           {"", 7, "Bar", "BarBarB", "BarBarB"},
                                           {"123", 5, "0", "00123", "12300"}}) {
        EXPECT_EQ(Str(Call("LPAD", {S(c.subject), I(c.len), S(c.pad)})), c.left);
        EXPECT_EQ(Str(Call("RPAD", {S(c.subject), I(c.len), S(c.pad)})), c.right);
    }
    EXPECT_TRUE(Call("LPAD", {S("foo"), I(-1), S("Bar")}).is_null());
    EXPECT_TRUE(Call("RPAD", {S("foo"), I(7), S("")}).is_null());
    EXPECT_TRUE(Call("LPAD", {S("foo"), I(5), Null(SqlType::String())}).is_null());
}

TEST(StringFunctions, Chr) {
    EXPECT_EQ(Str(Call("CHR", {I(75)})), "K");
    EXPECT_EQ(Str(Call("CHR", {I(22909)})), "好");
    EXPECT_EQ(Str(Call("CHR", {I(99000)})), "\xF0\x98\x8A\xB8");  // U+182B8
    EXPECT_TRUE(Call("CHR", {I(-1)}).is_null());
    EXPECT_EQ(Str(Call("CHR", {S("\\u004b")})), "K");
    EXPECT_EQ(Str(Call("CHR", {S("\\u597d")})), "好");
    EXPECT_EQ(Str(Call("CHR", {S("\\ud820\\udeb8")})), "\xF0\x98\x8A\xB8");
    EXPECT_EQ(Str(Call("CHR", {S("\\u0041\\q\\101")})), "AqA");  // commons-lang unescaping
    for (const char* bad : {"75", "004b", "bogus", "", "\\uzzzz"}) {
        EXPECT_TRUE(Call("CHR", {S(bad)}).is_null()) << bad;
    }
}

TEST(StringFunctions, EltAndField) {
    EXPECT_EQ(Str(Call("ELT", {I(2), S("ignored"), S("something")})), "something");
    EXPECT_TRUE(Call("ELT", {I(2), S("ignored"), Null(SqlType::String())}).is_null());
    EXPECT_TRUE(Call("ELT", {I(3), S("a"), S("b")}).is_null());
    EXPECT_TRUE(Call("ELT", {I(0), S("a")}).is_null());
    EXPECT_EQ(Call("FIELD", {S("hello"), S("hello"), S("world")}).AsInt(), 1);
    EXPECT_EQ(Call("FIELD", {S("hello"), Null(SqlType::String()), S("hello")}).AsInt(), 2);
    EXPECT_EQ(Call("FIELD", {S("hello"), Null(SqlType::String()), S("world")}).AsInt(), 0);
    EXPECT_EQ(Call("FIELD", {Null(SqlType::String()), S("a")}).AsInt(), 0);
}

TEST(StringFunctions, Split) {
    EXPECT_EQ(StrList(Call("SPLIT", {S("a,b,,c,"), S(",")})), (Strings{"a", "b", "", "c", ""}));
    EXPECT_EQ(StrList(Call("SPLIT", {S("abc"), S("")})), (Strings{"a", "b", "c"}));
    EXPECT_EQ(StrList(Call("SPLIT", {S("é😀"), S("")})), (Strings{"é", "😀"}));
    EXPECT_EQ(StrList(Call("SPLIT", {S(""), S(",")})), (Strings{""}));
    EXPECT_EQ(StrList(Call("SPLIT", {S("a.b"), S(".")})), (Strings{"a", "b"}));
    EXPECT_EQ(StrList(Call("SPLIT", {B("a-b"), B("-")})), (Strings{"a", "b"}));
    EXPECT_EQ(StrList(Call("SPLIT", {B("ab"), B("")})), (Strings{"a", "b"}));
}

TEST(StringFunctions, SplitToMap) {
    using Map = std::vector<std::pair<std::string, std::string>>;
    auto split = [](const char* in, const char* e, const char* kv) {
        return Call("SPLIT_TO_MAP", {S(in), S(e), S(kv)});
    };
    EXPECT_EQ(StrMap(split("apple:green/banana:yellow/cherry:red", "/", ":")),
              (Map{{"apple", "green"}, {"banana", "yellow"}, {"cherry", "red"}}));
    EXPECT_EQ(StrMap(split("apple:green/banana:yellow/cherry:red", "&&", ":")),
              (Map{{"apple", "green/banana"}}));
    EXPECT_EQ(StrMap(split("apple:green//banana:yellow//cherry:red/", "/", ":")),
              (Map{{"apple", "green"}, {"banana", "yellow"}, {"cherry", "red"}}));
    EXPECT_EQ(StrMap(split("apple:green/banana:yellow", "/", "=")), Map{});
    EXPECT_EQ(StrMap(split("a:1/a:2", "/", ":")), (Map{{"a", "2"}}));
    EXPECT_EQ(StrMap(split("", "/", ":")), Map{});
    EXPECT_TRUE(split("apple:green", "", ":").is_null());
    EXPECT_TRUE(split("apple:green", "/", "").is_null());
    EXPECT_TRUE(split("apple:green", ":", ":").is_null());
}

TEST(StringFunctions, Masks) {
    EXPECT_EQ(Str(Call("MASK", {S("My Test $123")})), "Xx-Xxxx--nnn");
    EXPECT_EQ(Str(Call("MASK", {S("My Test $123"), S("*"), Null(SqlType::String()), S("1"),
                                Null(SqlType::String())})),
              "*y *est $111");
    EXPECT_EQ(Str(Call("MASK_KEEP_LEFT", {S("My Test $123"), I(4)})), "My Txxx--nnn");
    EXPECT_EQ(Str(Call("MASK_KEEP_RIGHT", {S("My Test $123"), I(4)})), "Xx-Xxxx-$123");
    EXPECT_EQ(Str(Call("MASK_LEFT", {S("My Test $123"), I(4)})), "Xx-Xest $123");
    EXPECT_EQ(Str(Call("MASK_RIGHT", {S("My Test $123"), I(4)})), "My Test -nnn");
    EXPECT_EQ(Str(Call("MASK_LEFT", {S("ab"), I(10)})), "xx");
    EXPECT_EQ(Str(Call("MASK", {S("Éé٣")})), "Xxn");
    EXPECT_TRUE(Call("MASK_LEFT", {S("abc"), I(-1)}).is_null());
    EXPECT_TRUE(Call("MASK", {S("abc"), S("XX"), S("x"), S("n"), S("-")}).is_null());
    EXPECT_TRUE(Call("MASK", {Null(SqlType::String())}).is_null());
}

TEST(StringFunctions, Md5AndUuid) {
    EXPECT_EQ(Str(Call("MD5", {S("r1")})), "7c92cf1eee8d99cc85f8355a3d6e4b86");
    EXPECT_EQ(Str(Call("MD5", {S("")})), "d41d8cd98f00b204e9800998ecf8427e");
    EXPECT_EQ(Str(Call("MD5", {S("  ")})), "23b58def11b45727d3351702515f86af");
    EXPECT_EQ(Str(Call("MD5", {S(std::string(100, 'a'))})), "36a92cc94a9e0fa21f625f8bfb007adf");
    std::string u = Str(Call("UUID", {}));
    ASSERT_EQ(u.size(), 36u);
    EXPECT_EQ(u[8], '-');
    EXPECT_EQ(u[14], '4');
    EXPECT_NE(u, Str(Call("UUID", {})));
    EXPECT_EQ(Str(Call("UUID", {B(std::string("\x12\x34\x56\x78\x9a\xbc\xde\xf0\x01\x23\x45\x67"
                                              "\x89\xab\xcd\xef",
                                              16))})),
              "12345678-9abc-def0-0123-456789abcdef");
}

}  // namespace
}  // namespace runnel::expression::testing
