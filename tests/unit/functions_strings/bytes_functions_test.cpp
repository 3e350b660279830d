// Bytes functions and ENCODE: conversions between BYTES and text, numbers from bytes.
#include "tests/unit/functions_strings/call_util.h"

namespace runnel::expression::testing {
namespace {

using Strings = std::vector<std::string>;

TEST(BytesFunctions, ToAndFromBytes) {
    EXPECT_EQ(Str(Call("FROM_BYTES", {B("!"), S("hex")})), "21");
    EXPECT_EQ(Str(Call("FROM_BYTES", {B("\x1a\xb2"), S("HEX")})), "1AB2");
    EXPECT_EQ(Str(Call("TO_BYTES", {S("1aB2"), S("hex")})), "\x1a\xb2");
    EXPECT_TRUE(Call("TO_BYTES", {S("abc"), S("hex")}).is_null());
    EXPECT_EQ(Str(Call("FROM_BYTES", {B("!"), S("ascii")})), "!");
    EXPECT_EQ(Str(Call("FROM_BYTES", {B("\xc3\x9c"), S("ascii")})), "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(Str(Call("FROM_BYTES", {B("\xc3\x9c!"), S("utf8")})), "Ü!");
    EXPECT_EQ(Str(Call("FROM_BYTES", {B("a\xff"), S("utf8")})), "a\xEF\xBF\xBD");
    EXPECT_EQ(Str(Call("TO_BYTES", {S("é!"), S("ascii")})), "?!");
    EXPECT_EQ(Str(Call("FROM_BYTES", {B("!"), S("base64")})), "IQ==");
    EXPECT_EQ(Str(Call("TO_BYTES", {S("IQ=="), S("base64")})), "!");
    // Java's MIME encoder breaks lines at 76 characters.
    std::string sixty;
    for (int i = 0; i < 60; ++i) sixty.push_back(static_cast<char>(i));
    EXPECT_EQ(Str(Call("FROM_BYTES", {B(sixty), S("base64")})),
              "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4\r\n"
              "OTo7");
    EXPECT_TRUE(Call("FROM_BYTES", {B("!"), S("ebcdic")}).is_null());
}

TEST(BytesFunctions, NumbersFromBytes) {
    EXPECT_EQ(Call("INT_FROM_BYTES", {B(std::string("\0\0\x07\xe5", 4))}).AsInt(), 2021);
    EXPECT_EQ(
        Call("INT_FROM_BYTES", {B(std::string("\xe5\x07\0\0", 4)), S("LITTLE_ENDIAN")}).AsInt(),
        2021);
    EXPECT_EQ(Call("INT_FROM_BYTES", {B("\xff\xff\xff\xff")}).AsInt(), -1);
    EXPECT_TRUE(Call("INT_FROM_BYTES", {B("abc")}).is_null());
    EXPECT_TRUE(Call("INT_FROM_BYTES", {B("abcd"), S("MIDDLE_ENDIAN")}).is_null());
    EXPECT_EQ(Call("BIGINT_FROM_BYTES", {B(std::string("\0\0\0\x01\x2a\x05\xf2\0", 8))}).AsInt(),
              5000000000LL);
    EXPECT_DOUBLE_EQ(
        Call("DOUBLE_FROM_BYTES", {B(std::string("\x40\x80\xa6\xfd\x9b\xc9\xf5\x82", 8))})
            .AsDouble(),
        532.8738323);
}

TEST(BytesFunctions, StringFunctionOverloads) {
    EXPECT_EQ(Str(Call("SUBSTRING", {B("abcdef"), I(2), I(3)})), "bcd");
    EXPECT_EQ(Str(Call("SUBSTRING", {B("abcdef"), I(-2)})), "ef");
    EXPECT_EQ(Str(Call("CONCAT", {B("ab"), Null(SqlType::Bytes()), B("c")})), "abc");
    EXPECT_EQ(Str(Call("CONCAT_WS", {B("-"), B("a"), B("b")})), "a-b");
    // bytes-lpad-rpad: "yes" padded with "no"
    EXPECT_EQ(Str(Call("LPAD", {B("yes"), I(8), B("no")})),
              "nonon"
              "yes");
    EXPECT_EQ(Str(Call("RPAD", {B("yes"), I(8), B("no")})), "yesnonon");
    EXPECT_EQ(Str(Call("LPAD", {B("yes"), I(5), B("no")})), "noyes");
    EXPECT_EQ(Str(Call("LPAD", {B("yes"), I(2), B("no")})), "ye");
    EXPECT_EQ(Str(Call("LPAD", {B("yes"), I(0), B("no")})), "");
    EXPECT_TRUE(Call("LPAD", {B("yes"), I(-1), B("no")}).is_null());
    EXPECT_TRUE(Call("RPAD", {B("yes"), I(3), B("")}).is_null());
}

TEST(BytesFunctions, Encode) {
    auto enc = [](const char* s, const char* from, const char* to) {
        return Call("ENCODE", {S(s), S(from), S(to)});
    };
    EXPECT_EQ(Str(enc("4578616d706C6521", "hex", "ascii")), "Example!");
    EXPECT_EQ(Str(enc("4578616d706C6521", "hex", "base64")), "RXhhbXBsZSE=");
    EXPECT_EQ(Str(enc("ce95cebbcebbceacceb4ceb1", "hex", "utf8")), "Ελλάδα");
    EXPECT_EQ(Str(enc("c39c6265726d656e736368", "hex", "ascii")),
              "\xEF\xBF\xBD\xEF\xBF\xBD"
              "bermensch");
    EXPECT_EQ(Str(enc("0x4578616d706C6521", "hex", "utf8")), "Example!");
    EXPECT_EQ(Str(enc("X'4578616d706C6521'", "hex", "utf8")), "Example!");
    EXPECT_EQ(Str(enc("x''", "hex", "utf8")), "");
    EXPECT_EQ(Str(enc("0x", "hex", "utf8")), "");
    EXPECT_EQ(Str(enc("0x578616d706C6521", "hex", "utf8")), "\x05xample!");
    for (const char* bad :
         {"0x0x", "X'", "x'4578616d706C6521", "x'578616d706C6521'", "578616d706C6521"}) {
        EXPECT_TRUE(enc(bad, "hex", "utf8").is_null()) << bad;
    }
    EXPECT_EQ(Str(enc("Example!", "ascii", "hex")), "4578616d706c6521");
    EXPECT_EQ(Str(enc("Ελλάδα", "ascii", "utf8")), "??????");
    EXPECT_EQ(Str(enc("Ελλάδα", "ascii", "base64")), "Pz8/Pz8/");
    EXPECT_EQ(Str(enc("zpXOu867zqzOtM6x", "base64", "hex")), "ce95cebbcebbceacceb4ceb1");
    EXPECT_EQ(Str(enc("zpXOu867zqzOtM6x", "base64", "utf8")), "Ελλάδα");
    EXPECT_TRUE(enc("RXhhbXBsZSE=", "base64", "null").is_null());
    EXPECT_TRUE(enc("RXhhbXBsZSE=", "null", "utf8").is_null());
}

}  // namespace
}  // namespace runnel::expression::testing
