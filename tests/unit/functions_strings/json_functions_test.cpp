// JSON functions: Jackson's reading rules, compact output, ksqlDB's JSONPath subset.
#include "tests/unit/functions_strings/call_util.h"

namespace runnel::expression::testing {
namespace {

using Strings = std::vector<std::string>;
using Map = std::vector<std::pair<std::string, std::string>>;

std::string Extract(const char* json, const char* path) {
    return Str(Call("EXTRACTJSONFIELD", {S(json), S(path)}));
}

TEST(JsonFunctions, ExtractJsonField) {
    const char* doc = R"({"name": "cdc", "version": "1", "@type": "UDF"})";
    EXPECT_EQ(Extract(doc, "$.name"), "cdc");
    EXPECT_EQ(Extract(doc, "$.@type"), "UDF");
    EXPECT_EQ(Extract(R"({"name": "cdd"}})", "$.name"), "cdd");  // trailing text is ignored
    EXPECT_EQ(Extract(R"({"array": [1, 2, 3]})", "$.array[0]"), "1");
    EXPECT_EQ(Extract(R"({"array": [1, 2, 3]})", "$.array[1]"), "2");
    EXPECT_EQ(Extract(R"({"array": [1, 2, 3]})", "$.array[-1]"), "<null>");
    EXPECT_EQ(Extract(R"({"array": [1.23450]})", "$.array[0]"), "1.23450");
    EXPECT_EQ(Extract(R"({"array": [1.23450]})", "$.array[1]"), "<null>");
    EXPECT_EQ(Extract(R"({"log": {"cloud": "gcp", "n": 4}})", "$.log"), R"({"cloud":"gcp","n":4})");
    EXPECT_EQ(Extract(R"({"log": {"cloud": "gcp"}})", "$.log.cloud"), "gcp");
    EXPECT_EQ(Extract(R"({"log": {"a b": "x"}})", R"($.log["a b"])"), "x");
    EXPECT_EQ(Extract(R"({"a": null})", "$.a"), "null");
    EXPECT_EQ(Extract(R"({"a": "x\ny\u00e9"})", "$.a"), "x\nyé");
    EXPECT_EQ(Extract(R"({"a": 1e5, "b": -0, "c": 0.0000001})", "$.a"), "1E+5");
    EXPECT_EQ(Extract(R"({"a": 1e5, "b": -0})", "$.b"), "0");
    EXPECT_EQ(Extract(R"({"c": 0.0000001})", "$.c"), "1E-7");
    EXPECT_EQ(Extract(R"({"a": 1, "a": 2})", "$.a"), "2");
    EXPECT_EQ(Extract(R"({"a": "x"})", "$.a.b"), "<null>");
    EXPECT_EQ(Extract("not json", "$.a"), "<null>");
    EXPECT_EQ(Extract(R"({"a": 1})", "a"), "<null>");  // invalid path
    EXPECT_EQ(Extract(R"({"a": [{"b": true}]})", "$.a[0].b"), "true");
    EXPECT_EQ(Extract(R"({"a": {"0": "zero"}})", "$.a[0]"), "zero");
}

TEST(JsonFunctions, IsJsonStringAndArrayLength) {
    for (const char* ok : {"1", "[1, 2, 3]", "\"abc\"", "{}", "null", " true ", "[1] x"}) {
        EXPECT_TRUE(Call("IS_JSON_STRING", {S(ok)}).AsBool()) << ok;
    }
    for (const char* bad : {"abc", "", "  ", "1x", "[1,]", "{\"a\" 1}", "01", "truex"}) {
        EXPECT_FALSE(Call("IS_JSON_STRING", {S(bad)}).AsBool()) << bad;
    }
    EXPECT_FALSE(Call("IS_JSON_STRING", {Null(SqlType::String())}).AsBool());
    EXPECT_EQ(Call("JSON_ARRAY_LENGTH", {S("[1, [1, [2]], 3]")}).AsInt(), 3);
    EXPECT_EQ(Call("JSON_ARRAY_LENGTH", {S("[]")}).AsInt(), 0);
    EXPECT_TRUE(Call("JSON_ARRAY_LENGTH", {S("{}")}).is_null());
    EXPECT_TRUE(Call("JSON_ARRAY_LENGTH", {S("")}).is_null());
    EXPECT_TRUE(Call("JSON_ARRAY_LENGTH", {S("abc")}).is_null());
}

TEST(JsonFunctions, ArrayContains) {
    auto contains = [](const char* json, Arg v) {
        CallResult r = CallFn("JSON_ARRAY_CONTAINS", {S(json), std::move(v)});
        EXPECT_TRUE(r.resolved) << r.error;
        return r.value.is_null() ? std::string("<null>") : r.value.AsBool() ? "true" : "false";
    };
    EXPECT_EQ(contains(R"(["Pink", "Yellow"])", S("Pink")), "true");
    EXPECT_EQ(contains(R"(["Red", "Green"])", S("Pink")), "false");
    EXPECT_EQ(contains(R"([1, 2, 3])", I(3)), "true");
    EXPECT_EQ(contains(R"([1, 2, 3])", L(3)), "true");
    EXPECT_EQ(contains(R"([1.0, 2])", D(1.0)), "true");
    EXPECT_EQ(contains(R"([1, 2])", D(1.0)), "false");
    EXPECT_EQ(contains(R"([true])", Bool(true)), "true");
    EXPECT_EQ(contains(R"(["a", null])", Null(SqlType::String())), "true");
    EXPECT_EQ(contains(R"([[3], {"a": 3}])", I(3)), "false");
    EXPECT_EQ(contains(R"(["Pink", oops])", S("Pink")), "true");  // streaming, as Jackson
    EXPECT_EQ(contains(R"({"a": 1})", I(1)), "false");
    EXPECT_EQ(contains(R"([3])", B("3")), "false");
    EXPECT_EQ(contains(R"([3])", {SqlType::Date(), Value::Int(3)}), "false");
    EXPECT_EQ(contains(R"([3])", {SqlType::Decimal(4, 1), Value::Decimal(30)}), "false");
}

TEST(JsonFunctions, ConcatKeysRecordsItems) {
    auto concat = [](std::vector<Arg> args) { return Str(Call("JSON_CONCAT", args)); };
    EXPECT_EQ(concat({S(R"({"a": 1})"), S(R"({"b": 2})")}), R"({"a":1,"b":2})");
    EXPECT_EQ(concat({S(R"({"a": {"5": 6}})"), S(R"({"a": {"3": 4}})")}), R"({"a":{"3":4}})");
    EXPECT_EQ(concat({S("[1, 2]"), S("[3, 4]")}), "[1,2,3,4]");
    EXPECT_EQ(concat({S("null"), S("null")}), "[null,null]");
    EXPECT_EQ(concat({S("[1, 2]"), S(R"({"a": 1})")}), R"([1,2,{"a":1}])");
    EXPECT_EQ(concat({S("[1, [2]]"), S("[[[3]], [[[4]]]]")}), "[1,[2],[[3]],[[[4]]]]");
    EXPECT_EQ(concat({S("[1, 2]"), S(R"({"a": 1})"), S("4")}), R"([1,2,{"a":1},4])");
    EXPECT_EQ(concat({S(R"({"a":1,"b":2})"), S(R"({"a":3})")}), R"({"a":3,"b":2})");
    EXPECT_EQ(concat({S("[1e2]"), S("[]")}), "[100]");  // the mapper writes plain numbers
    EXPECT_EQ(concat({S("1"), S("")}), "<null>");
    EXPECT_EQ(concat({S("abc"), S("[1]")}), "<null>");
    EXPECT_EQ(concat({Null(SqlType::String()), S("[1]")}), "<null>");

    EXPECT_EQ(StrList(Call("JSON_KEYS", {S(R"({"a": "abc", "b": {"c": "a"}, "d": 1})")})),
              (Strings{"a", "b", "d"}));
    EXPECT_EQ(StrList(Call("JSON_KEYS", {S("{}")})), Strings{});
    EXPECT_TRUE(Call("JSON_KEYS", {S("[]")}).is_null());
    EXPECT_EQ(StrMap(Call("JSON_RECORDS", {S(R"({"a": "abc", "b": { "c": "a" }, "d": 1})")})),
              (Map{{"a", "\"abc\""}, {"b", R"({"c":"a"})"}, {"d", "1"}}));
    EXPECT_TRUE(Call("JSON_RECORDS", {S("123")}).is_null());
    EXPECT_EQ(StrList(Call("JSON_ITEMS",
                           {S(R"([{"type": "A", "timestamp": "2022-01-27"}, {"type": "B"}])")})),
              (Strings{R"({"type":"A","timestamp":"2022-01-27"})", R"({"type":"B"})"}));
    EXPECT_EQ(StrList(Call("JSON_ITEMS", {S("[]")})), Strings{});
    EXPECT_TRUE(Call("JSON_ITEMS", {S("[1]")}).is_null());
}

TEST(JsonFunctions, ToJsonString) {
    EXPECT_EQ(Str(Call("TO_JSON_STRING", {I(1)})), "1");
    EXPECT_EQ(Str(Call("TO_JSON_STRING", {D(15.3)})), "15.3");
    EXPECT_EQ(Str(Call("TO_JSON_STRING", {D(1e10)})), "1.0E10");
    EXPECT_EQ(Str(Call("TO_JSON_STRING", {S("a\"bc")})), "\"a\\\"bc\"");
    EXPECT_EQ(Str(Call("TO_JSON_STRING", {Bool(true)})), "true");
    EXPECT_EQ(Str(Call("TO_JSON_STRING", {Null(SqlType::String())})), "null");
    EXPECT_EQ(Str(Call("TO_JSON_STRING", {{SqlType::Date(), Value::Int(18911)}})),
              "\"2021-10-11\"");
    EXPECT_EQ(Str(Call("TO_JSON_STRING", {{SqlType::Time(), Value::Int(48300000)}})), "\"13:25\"");
    EXPECT_EQ(Str(Call("TO_JSON_STRING", {{SqlType::Time(), Value::Int(48301500)}})),
              "\"13:25:01\"");
    EXPECT_EQ(Str(Call("TO_JSON_STRING", {{SqlType::Timestamp(), Value::Int(1625055519446)}})),
              "\"2021-06-30T12:18:39.446\"");
    EXPECT_EQ(Str(Call("TO_JSON_STRING", {B("!")})), "\"IQ==\"");
    // DECIMAL is cast to STRING at plan time (see the resolver): the call gets the text.
    CallResult dec = CallFn("TO_JSON_STRING", {{SqlType::Decimal(4, 2), Value::Decimal(150)}});
    EXPECT_TRUE(dec.resolved) << dec.error;
}

}  // namespace
}  // namespace runnel::expression::testing
