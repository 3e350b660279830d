// SPLIT(STRING, STRING) and SPLIT_TO_MAP: literal (non-regex) splitting as ksqlDB does it with
// Guava's Splitter: every empty piece is kept, an empty delimiter splits into characters.
#include "engine/expression/functions/scalar/str_fn.h"
#include "engine/expression/functions/scalar/str_text.h"

namespace runnel::expression::str {

namespace {

// Calls `piece` for each piece of `s` split on the non-empty `delim`, empties included.
template <typename F>
void ForEachPiece(std::string_view s, std::string_view delim, F&& piece) {
    size_t i = 0;
    for (size_t j; (j = s.find(delim, i)) != std::string_view::npos; i = j + delim.size()) {
        piece(s.substr(i, j - i));
    }
    piece(s.substr(i));
}

void Split(const Args& a, Value& out) {
    std::string_view s = a[0].AsString(), delim = a[1].AsString();
    ValueList items;
    if (delim.empty()) {
        // Java's Pattern("").split: one piece per character; "" gives [""].
        if (s.empty()) items.push_back(Value::String(""));
        for (size_t i = 0; i < s.size();) {
            size_t start = i;
            NextCodePoint(s, i);
            items.push_back(Value::String(s.substr(start, i - start)));
        }
    } else {
        ForEachPiece(s, delim, [&](std::string_view p) { items.push_back(Value::String(p)); });
    }
    SetStringList(std::move(items), out);
}

void SplitToMap(const Args& a, Value& out) {
    std::string_view s = a[0].AsString(), entry_delim = a[1].AsString(), kv_delim = a[2].AsString();
    if (entry_delim.empty() || kv_delim.empty() || entry_delim == kv_delim) {
        out.SetNull();
        return;
    }
    ValueMap entries;
    ForEachPiece(s, entry_delim, [&](std::string_view entry) {
        if (entry.empty()) return;  // omitEmptyStrings
        size_t k = entry.find(kv_delim);
        if (k == std::string_view::npos) return;
        std::string_view key = entry.substr(0, k);
        std::string_view rest = entry.substr(k + kv_delim.size());
        std::string_view value = rest.substr(0, rest.find(kv_delim));  // the second piece only
        for (auto& [ek, ev] : entries) {
            if (ek.AsString() == key) {  // the latest value wins
                ev = Value::String(value);
                return;
            }
        }
        entries.emplace_back(Value::String(key), Value::String(value));
    });
    out.SetMap(std::make_shared<const ValueMap>(std::move(entries)));
}

}  // namespace

void RegisterStringSplitFunctions(FunctionRegistry& r) {
    const SqlType s = SqlType::String();
    r.Add(MakeFn("SPLIT", {s, s}, SqlType::Array(s), Split,
                 "Splits a string into an array of substrings on a literal delimiter; empty "
                 "pieces are kept and an empty delimiter splits into characters.",
                 kCategoryString));
    r.Add(MakeFn("SPLIT_TO_MAP", {s, s, s}, SqlType::Map(s, s), SplitToMap,
                 "Splits a string into key-value pairs with an entry delimiter and a key-value "
                 "delimiter and builds a map; for a repeated key the latest value wins. Null "
                 "when a delimiter is empty or both are equal.",
                 kCategoryString));
}

}  // namespace runnel::expression::str
