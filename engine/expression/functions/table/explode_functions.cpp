// EXPLODE and CUBE_EXPLODE: the array table functions.
//
// EXPLODE(ARRAY<T>) gives one row per element, in order (null elements included); a null or
// empty array gives none. CUBE_EXPLODE(ARRAY<T>) gives every combination of the elements kept or
// replaced by null, as ARRAY<T> rows: 2^n rows for n elements, fewer when elements are already
// null (a null element has one choice, not two, so no row repeats). Rows come in binary order of
// the kept elements, the first element being the highest bit: [a, b] gives [null, null],
// [null, b], [a, null], [a, b].
#include "engine/expression/functions/table/table_functions.h"

namespace runnel::expression {

namespace {

// CUBE_EXPLODE refuses inputs whose 2^n rows would exhaust memory, as ksqlDB does.
constexpr size_t kMaxCubeColumns = 20;

// ARRAY<T> -> T (EXPLODE) or ARRAY<T> (CUBE_EXPLODE); anything else does not fit.
TypeResolver ArrayResolver(bool cube) {
    return
        [cube](const std::vector<SqlType>& args, std::vector<SqlType>& params) -> Result<SqlType> {
            if (args.size() != 1 || args[0].kind() != TypeKind::kArray) {
                return Status::Invalid("arguments do not match");
            }
            params = args;
            return cube ? args[0] : args[0].element();
        };
}

Status Explode(const Args& args, ValueList& out) {
    const Value& list = args[0];
    if (list.tag() != Value::Tag::kList) return Status::Ok();
    const ValueList& items = list.AsList();
    out.insert(out.end(), items.begin(), items.end());
    return Status::Ok();
}

Status CubeExplode(const Args& args, ValueList& out) {
    const Value& list = args[0];
    if (list.tag() != Value::Tag::kList) return Status::Ok();
    const ValueList& items = list.AsList();
    const size_t n = items.size();
    if (n > kMaxCubeColumns) {
        return Status::Invalid("CUBE_EXPLODE input size (" + std::to_string(n) +
                               ") exceeds the maximum of " + std::to_string(kMaxCubeColumns) +
                               " columns. The output cardinality is 2^N rows and would exhaust "
                               "server memory.");
    }
    // Bit (n - 1 - i) of a mask stands for element i; masks that keep a null element are the
    // same row as the mask without it, so they are skipped.
    uint32_t present = 0;
    for (size_t i = 0; i < n; ++i) {
        if (!items[i].is_null()) present |= 1u << (n - 1 - i);
    }
    const uint32_t combinations = 1u << n;
    for (uint32_t mask = 0; mask < combinations; ++mask) {
        if ((mask & present) != mask) continue;
        ValueList row(n);
        for (size_t i = 0; i < n; ++i) {
            if (mask & (1u << (n - 1 - i))) row[i] = items[i];
        }
        out.push_back(Value::List(std::move(row)));
    }
    return Status::Ok();
}

TableFunction Make(std::string name, bool cube, TableImpl impl, std::string description) {
    TableFunction f;
    f.name = std::move(name);
    f.resolve = ArrayResolver(cube);
    f.signature = {"ARRAY<T>"};
    f.return_display = cube ? "ARRAY<T>" : "T";
    f.impl = std::move(impl);
    f.description = std::move(description);
    return f;
}

}  // namespace

void RegisterExplodeFunctions(TableFunctionRegistry& registry) {
    registry.Add(Make("EXPLODE", false, Explode,
                      "Explodes an array: one row for each element of the array, in order. A "
                      "null or empty array gives no rows."));
    registry.Add(Make("CUBE_EXPLODE", true, CubeExplode,
                      "Takes an array of columns and outputs every combination of them, each "
                      "column either kept or replaced by null: 2^n rows for n columns. A column "
                      "that is already null does not double the rows."));
}

}  // namespace runnel::expression
