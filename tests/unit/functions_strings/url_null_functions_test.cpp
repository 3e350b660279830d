// URL functions (java.net.URI rules) and the null functions.
#include "tests/unit/functions_strings/call_util.h"

namespace runnel::expression::testing {
namespace {

std::string Url(const char* fn, const char* url) { return Str(Call(fn, {S(url)})); }

TEST(UrlFunctions, Extract) {
    EXPECT_EQ(Url("URL_EXTRACT_FRAGMENT", "http://test.com#frag"), "frag");
    EXPECT_EQ(Url("URL_EXTRACT_FRAGMENT", "http://test.com#frag%20space"), "frag space");
    EXPECT_EQ(Url("URL_EXTRACT_FRAGMENT", "http://test.com"), "<null>");
    EXPECT_EQ(Url("URL_EXTRACT_HOST", "http://test.com:8080/path"), "test.com");
    EXPECT_EQ(Url("URL_EXTRACT_HOST", "http://user@[::1]:80/"), "[::1]");
    EXPECT_EQ(Url("URL_EXTRACT_HOST", "mailto:a@b.com"), "<null>");
    EXPECT_EQ(Url("URL_EXTRACT_HOST", "http://test.123/"), "<null>");  // registry authority
    EXPECT_EQ(Url("URL_EXTRACT_PATH", "http://test.com/path/to#a"), "/path/to");
    EXPECT_EQ(Url("URL_EXTRACT_PATH", "http://test.com"), "");
    EXPECT_EQ(Url("URL_EXTRACT_PATH", "http://test.com/a%20b"), "/a b");
    EXPECT_EQ(Url("URL_EXTRACT_PATH", "mailto:a@b.com"), "<null>");
    EXPECT_EQ(Url("URL_EXTRACT_PROTOCOL", "http://test.com?a=foo&b=bar"), "http");
    EXPECT_EQ(Url("URL_EXTRACT_PROTOCOL", "/relative/path"), "<null>");
    EXPECT_EQ(Url("URL_EXTRACT_QUERY", "http://test.com?a=foo%20bar&b=baz"), "a=foo bar&b=baz");
    EXPECT_EQ(Url("URL_EXTRACT_QUERY", "http://test.com/"), "<null>");
    EXPECT_EQ(Call("URL_EXTRACT_PORT", {S("http://localhost:8080/path")}).AsInt(), 8080);
    EXPECT_TRUE(Call("URL_EXTRACT_PORT", {S("http://localhost/path")}).is_null());
    for (const char* bad : {"http://test.com/a b", "http://test.com/%zz", "://x", "http:"}) {
        EXPECT_EQ(Url("URL_EXTRACT_PATH", bad), "<null>") << bad;
    }
}

TEST(UrlFunctions, Parameters) {
    auto param = [](const char* url, const char* name) {
        return Str(Call("URL_EXTRACT_PARAMETER", {S(url), S(name)}));
    };
    EXPECT_EQ(param("http://test.com?a%20b=c%20d", "a b"), "c d");
    EXPECT_EQ(param("http://test.com?a=foo&b=bar", "b"), "bar");
    EXPECT_EQ(param("http://test.com?a=foo&b", "b"), "");
    EXPECT_EQ(param("http://test.com?a=foo&b=x=y", "b"), "x=y");
    EXPECT_EQ(param("http://test.com?a=foo", "c"), "<null>");
    EXPECT_EQ(Url("URL_ENCODE_PARAM", "url encoded/é*~"), "url+encoded%2F%C3%A9*%7E");
    EXPECT_EQ(Url("URL_DECODE_PARAM", "url%20encoded+x%C3%A9"), "url encoded xé");
    EXPECT_EQ(Url("URL_DECODE_PARAM", "bad%2"), "<null>");
}

TEST(NullFunctions, CoalesceIfNullNullIf) {
    EXPECT_EQ(Call("COALESCE", {Null(SqlType::Int()), I(2), I(3)}).AsInt(), 2);
    EXPECT_TRUE(Call("COALESCE", {Null(SqlType::Int())}).is_null());
    EXPECT_EQ(Str(Call("COALESCE", {Null(SqlType::String()), S("x")})), "x");
    CallResult widened = CallFn("COALESCE", {Null(SqlType::Int()), L(5)});
    ASSERT_TRUE(widened.resolved) << widened.error;
    EXPECT_EQ(widened.type, SqlType::Bigint());
    CallResult dec = CallFn("COALESCE", {{SqlType::Decimal(4, 2), Value()}, I(5)});
    ASSERT_TRUE(dec.resolved) << dec.error;
    EXPECT_EQ(dec.type, SqlType::Decimal(12, 2));
    EXPECT_FALSE(CallFn("COALESCE", {}).resolved);
    EXPECT_FALSE(CallFn("COALESCE", {S("a"), I(1)}).resolved);
    CallResult arr = CallFn("COALESCE", {Null(SqlType::Array(SqlType::Int())), NullLit()});
    ASSERT_TRUE(arr.resolved) << arr.error;
    EXPECT_EQ(arr.type, SqlType::Array(SqlType::Int()));

    EXPECT_EQ(Call("IFNULL", {Null(SqlType::Int()), I(10)}).AsInt(), 10);
    EXPECT_EQ(Call("IFNULL", {I(1), I(10)}).AsInt(), 1);
    EXPECT_FALSE(CallFn("IFNULL", {I(1)}).resolved);

    EXPECT_TRUE(Call("NULLIF", {S("x"), S("x")}).is_null());
    EXPECT_EQ(Str(Call("NULLIF", {S("X"), S("x")})), "X");
    EXPECT_TRUE(Call("NULLIF", {Null(SqlType::String()), S("x")}).is_null());
    EXPECT_EQ(Str(Call("NULLIF", {S("x"), Null(SqlType::String())})), "x");
    Value list = Value::List({Value::Int(1), Value::Int(2)});
    SqlType arr_t = SqlType::Array(SqlType::Int());
    EXPECT_TRUE(
        Call("NULLIF", {{arr_t, list}, {arr_t, Value::List({Value::Int(1), Value::Int(2)})}})
            .is_null());
    EXPECT_FALSE(Call("NULLIF", {{arr_t, list}, {arr_t, Value::List({Value::Int(1)})}}).is_null());
}

}  // namespace
}  // namespace runnel::expression::testing
