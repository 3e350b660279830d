// Map functions: MAP_KEYS, MAP_VALUES, MAP_UNION, AS_MAP, ENTRIES. Generic over key and value
// types; keys compare with Java's equals (coll_compare.h). Maps keep insertion order.
#include <algorithm>
#include <string>
#include <vector>

#include "engine/expression/functions/scalar/coll_compare.h"
#include "engine/expression/functions/scalar/coll_registration.h"
#include "engine/expression/functions/scalar/coll_types.h"
#include "engine/expression/functions/scalar/scalar_functions.h"

namespace runnel::expression {

namespace {

using builtin::Generic;
using builtin::IsArray;
using builtin::IsMap;
using builtin::JavaEquals;
using builtin::kCategoryMap;
using builtin::NoMatch;

// Puts key -> value into an insertion-ordered map, replacing the value of an equal key.
void Put(ValueMap& map, const Value& key, const Value& value) {
    for (auto& [k, v] : map) {
        if (JavaEquals(k, key)) {
            v = value;
            return;
        }
    }
    map.emplace_back(key, value);
}

TypeResolver OneMap(std::function<SqlType(const SqlType&)> ret) {
    return [=](const std::vector<SqlType>& args, std::vector<SqlType>& params) -> Result<SqlType> {
        if (args.size() != 1 || !IsMap(args[0])) return NoMatch();
        params = args;
        return ret(args[0]);
    };
}

void RegisterKeysValues(FunctionRegistry& r) {
    r.Add(Generic(
        "MAP_KEYS", "MAP<K, V>",
        OneMap([](const SqlType& m) { return SqlType::Array(m.map_key()); }),
        [](const Args& a, Value& out) {
            auto list = std::make_shared<ValueList>();
            list->reserve(a[0].AsMap().size());
            for (const auto& kv : a[0].AsMap()) list->push_back(kv.first);
            out.SetList(std::move(list));
        },
        "Returns an array of the keys of a map.", kCategoryMap));
    r.Add(Generic(
        "MAP_VALUES", "MAP<K, V>",
        OneMap([](const SqlType& m) { return SqlType::Array(m.map_value()); }),
        [](const Args& a, Value& out) {
            auto list = std::make_shared<ValueList>();
            list->reserve(a[0].AsMap().size());
            for (const auto& kv : a[0].AsMap()) list->push_back(kv.second);
            out.SetList(std::move(list));
        },
        "Returns an array of the values of a map.", kCategoryMap));
}

void RegisterUnion(FunctionRegistry& r) {
    ScalarFunction f = Generic(
        "MAP_UNION", "MAP<K, V>, MAP<K, V>",
        [](const std::vector<SqlType>& args, std::vector<SqlType>& params) -> Result<SqlType> {
            if (args.size() != 2) return NoMatch();
            auto t = builtin::UnifyMaps(args[0], args[1]);
            if (!t) return NoMatch();
            params = {*t, *t};
            return *t;
        },
        [](const Args& a, Value& out) {
            if (a[0].is_null() && a[1].is_null()) {
                out.SetNull();
                return;
            }
            auto map = std::make_shared<ValueMap>();
            if (!a[0].is_null()) *map = a[0].AsMap();
            if (!a[1].is_null()) {
                for (const auto& [k, v] : a[1].AsMap()) Put(*map, k, v);
            }
            out.SetMap(std::move(map));
        },
        "Returns the union of two maps; for a key in both, the second map's value. Null only "
        "when both maps are null.",
        kCategoryMap);
    f.null_on_null_input = false;
    r.Add(std::move(f));
}

void RegisterAsMap(FunctionRegistry& r) {
    r.Add(Generic(
        "AS_MAP", "ARRAY<K>, ARRAY<V>",
        [](const std::vector<SqlType>& args, std::vector<SqlType>& params) -> Result<SqlType> {
            if (args.size() != 2 || !IsArray(args[0]) || !IsArray(args[1])) return NoMatch();
            const SqlType& key = args[0].element();
            if (!key.IsPrimitive() || key.kind() == TypeKind::kNull) return NoMatch();
            params = args;
            return SqlType::Map(key, args[1].element());
        },
        [](const Args& a, Value& out) {
            const auto& keys = a[0].AsList();
            const auto& values = a[1].AsList();
            auto map = std::make_shared<ValueMap>();
            map->reserve(keys.size());
            const Value null_value;
            for (size_t i = 0; i < keys.size(); ++i) {
                if (keys[i].is_null()) continue;  // a map has no null keys
                Put(*map, keys[i], i < values.size() ? values[i] : null_value);
            }
            out.SetMap(std::move(map));
        },
        "AS_MAP(keys, values): a map from an array of keys and an array of values (a key "
        "without a value maps to null).",
        kCategoryMap));
}

void RegisterEntries(FunctionRegistry& r) {
    r.Add(Generic(
        "ENTRIES", "MAP<STRING, V>, BOOLEAN",
        [](const std::vector<SqlType>& args, std::vector<SqlType>& params) -> Result<SqlType> {
            if (args.size() != 2 || !IsMap(args[0])) return NoMatch();
            if (args[0].map_key().kind() != TypeKind::kString) return NoMatch();
            if (!CanWiden(args[1], SqlType::Boolean())) return NoMatch();
            params = {args[0], SqlType::Boolean()};
            return SqlType::Array(SqlType::Struct(
                {StructField{"K", SqlType::String()}, StructField{"V", args[0].map_value()}}));
        },
        [](const Args& a, Value& out) {
            const auto& map = a[0].AsMap();
            std::vector<const std::pair<Value, Value>*> entries;
            entries.reserve(map.size());
            for (const auto& kv : map) entries.push_back(&kv);
            if (a[1].AsBool()) {
                std::stable_sort(entries.begin(), entries.end(), [](const auto* x, const auto* y) {
                    return builtin::CompareJavaStrings(x->first.AsString(), y->first.AsString()) <
                           0;
                });
            }
            auto list = std::make_shared<ValueList>();
            list->reserve(entries.size());
            for (const auto* kv : entries) list->push_back(Value::List({kv->first, kv->second}));
            out.SetList(std::move(list));
        },
        "ENTRIES(map, sorted): an array of STRUCT<K, V> entries of a map, sorted by key when "
        "sorted is true.",
        kCategoryMap));
}

}  // namespace

void RegisterMapFunctions(FunctionRegistry& r) {
    RegisterKeysValues(r);
    RegisterUnion(r);
    RegisterAsMap(r);
    RegisterEntries(r);
}

}  // namespace runnel::expression
