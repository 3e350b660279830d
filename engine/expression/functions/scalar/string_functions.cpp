// String functions (a first set; the full ksqlDB library is tracked by the functions issue).
#include <algorithm>

#include "engine/expression/functions/scalar/scalar_functions.h"

namespace runnel::expression {

namespace {

ScalarFunction Fn(std::string name, std::vector<SqlType> params, SqlType ret, ScalarImpl impl,
                  std::string description) {
    ScalarFunction f;
    f.name = std::move(name);
    f.params = std::move(params);
    f.return_type = std::move(ret);
    f.impl = std::move(impl);
    f.description = std::move(description);
    f.category = "STRING";
    return f;
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& r) {
    const SqlType s = SqlType::String();
    auto upper = [](const Args& a, Value& out) {
        std::string& o = out.MutableString();
        o.assign(a[0].AsString());
        for (auto& c : o) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    };
    auto lower = [](const Args& a, Value& out) {
        std::string& o = out.MutableString();
        o.assign(a[0].AsString());
        for (auto& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    };
    r.Add(Fn("UCASE", {s}, s, upper, "Returns the string in upper case."));
    r.Add(Fn("LCASE", {s}, s, lower, "Returns the string in lower case."));
    r.Add(Fn("LEN", {s}, SqlType::Int(),
             [](const Args& a, Value& out) {
                 // Length in UTF-16 code units would match Java; count code points for now.
                 int64_t n = 0;
                 for (unsigned char c : a[0].AsString()) n += (c & 0xC0) != 0x80;
                 out.SetInt(n);
             },
             "Returns the length of the string."));
    r.Add(Fn("TRIM", {s}, s,
             [](const Args& a, Value& out) {
                 std::string_view v = a[0].AsString();
                 while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
                 while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
                 out.SetString(v);
             },
             "Removes leading and trailing whitespace."));
    ScalarFunction concat = Fn(
        "CONCAT", {s}, s,
        [](const Args& a, Value& out) {
            std::string& o = out.MutableString();
            o.clear();
            for (size_t i = 0; i < a.size(); ++i) {
                if (!a[i].is_null()) o.append(a[i].AsString());
            }
        },
        "Concatenates strings; null arguments are skipped.");
    concat.variadic = true;
    concat.null_on_null_input = false;
    r.Add(std::move(concat));
    auto substring = [](const Args& a, Value& out) {
        std::string_view v = a[0].AsString();
        int64_t len = static_cast<int64_t>(v.size());
        int64_t pos = a[1].AsInt();
        int64_t start = pos > 0 ? pos - 1 : (pos < 0 ? len + pos : 0);
        if (start < 0) start = 0;
        if (start > len) start = len;
        int64_t count = a.size() > 2 ? a[2].AsInt() : len - start;
        if (count < 0) count = 0;
        out.SetString(v.substr(static_cast<size_t>(start), static_cast<size_t>(count)));
    };
    r.Add(Fn("SUBSTRING", {s, SqlType::Int()}, s, substring,
             "Returns the substring from a 1-based position (negative: from the end)."));
    r.Add(Fn("SUBSTRING", {s, SqlType::Int(), SqlType::Int()}, s, substring,
             "Returns at most len characters from a 1-based position."));
    r.Add(Fn("REPLACE", {s, s, s}, s,
             [](const Args& a, Value& out) {
                 std::string_view v = a[0].AsString(), from = a[1].AsString(), to = a[2].AsString();
                 std::string& o = out.MutableString();
                 o.clear();
                 if (from.empty()) { o.assign(v); return; }
                 size_t i = 0;
                 while (true) {
                     size_t j = v.find(from, i);
                     if (j == std::string_view::npos) break;
                     o.append(v.substr(i, j - i));
                     o.append(to);
                     i = j + from.size();
                 }
                 o.append(v.substr(i));
             },
             "Replaces every occurrence of a substring."));
}

}  // namespace runnel::expression
