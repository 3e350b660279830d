// Null functions: COALESCE, IFNULL and NULLIF, generic over every SQL type. Arguments are brought
// to one common type at plan time (a bare NULL takes the others' type; INT, BIGINT, DECIMAL and
// DOUBLE widen to the widest of them; other types must be equal), so the implementations only
// pick or compare values. Complex values (ARRAY, MAP, STRUCT) are not inspected: COALESCE and
// IFNULL test the value itself for null, NULLIF compares values structurally.
#include "engine/expression/functions/scalar/scalar_functions.h"
#include "engine/expression/functions/scalar/str_fn.h"

namespace runnel::expression {

namespace {

int NumericRank(TypeKind k) {
    switch (k) {
        case TypeKind::kInt:
            return 1;
        case TypeKind::kBigint:
            return 2;
        case TypeKind::kDecimal:
            return 3;
        case TypeKind::kDouble:
            return 4;
        default:
            return 0;
    }
}

// The DECIMAL that holds every value of an INT, BIGINT or DECIMAL type.
SqlType AsDecimal(const SqlType& t) {
    if (t.kind() == TypeKind::kInt) return SqlType::Decimal(10, 0);
    if (t.kind() == TypeKind::kBigint) return SqlType::Decimal(19, 0);
    return t;
}

// The type both `a` and `b` convert to without loss, or nothing.
std::optional<SqlType> Unify(const SqlType& a, const SqlType& b) {
    if (a == b) return a;
    int ra = NumericRank(a.kind()), rb = NumericRank(b.kind());
    if (ra == 0 || rb == 0) return std::nullopt;
    if (ra == 4 || rb == 4) return SqlType::Double();
    if (ra < 3 && rb < 3) return ra > rb ? a : b;
    SqlType da = AsDecimal(a), db = AsDecimal(b);
    int scale = std::max(da.scale(), db.scale());
    int digits = std::max(da.precision() - da.scale(), db.precision() - db.scale());
    return SqlType::Decimal(std::min(38, digits + scale), scale);
}

std::string DescribeTypes(const std::vector<SqlType>& args) {
    std::string s;
    for (size_t i = 0; i < args.size(); ++i) {
        if (i) s += ", ";
        s += args[i].ToString();
    }
    return s;
}

// A TypeResolver for `name` taking between min_args and max_args arguments of one type T and
// returning T.
TypeResolver SameTypeResolver(std::string name, size_t min_args, size_t max_args) {
    return [name = std::move(name), min_args, max_args](
               const std::vector<SqlType>& args, std::vector<SqlType>& params) -> Result<SqlType> {
        if (args.size() < min_args || args.size() > max_args) {
            return Status::Invalid("Function '" + name + "' does not accept parameters (" +
                                   DescribeTypes(args) + ")");
        }
        std::optional<SqlType> common;
        for (const auto& t : args) {
            if (t.kind() == TypeKind::kNull) continue;
            if (!common) {
                common = t;
                continue;
            }
            common = Unify(*common, t);
            if (!common) {
                return Status::Invalid("Function '" + name +
                                       "' needs arguments of one type, "
                                       "got (" +
                                       DescribeTypes(args) + ")");
            }
        }
        if (!common) {
            return Status::Invalid(
                "Can't infer a type of null. Please explicitly cast it to a "
                "required type, e.g. CAST(null AS VARCHAR).");
        }
        params.assign(args.size(), *common);
        return *common;
    };
}

ScalarFunction Generic(std::string name, TypeResolver resolve, std::string signature,
                       ScalarImpl impl, std::string description) {
    ScalarFunction f;
    f.name = std::move(name);
    f.resolve = std::move(resolve);
    f.signature = std::move(signature);
    f.null_on_null_input = false;
    f.impl = std::move(impl);
    f.description = std::move(description);
    f.category = str::kCategoryConditional;
    return f;
}

}  // namespace

void RegisterNullFunctions(FunctionRegistry& r) {
    r.Add(Generic(
        "COALESCE", SameTypeResolver("COALESCE", 1, SIZE_MAX), "T, T...",
        [](const Args& a, Value& out) {
            for (size_t i = 0; i < a.size(); ++i) {
                if (!a[i].is_null()) {
                    out = a[i];
                    return;
                }
            }
            out.SetNull();
        },
        "Returns the first argument that is not null; all arguments have one type."));
    r.Add(Generic(
        "IFNULL", SameTypeResolver("IFNULL", 2, 2), "T, T",
        [](const Args& a, Value& out) { out = a[0].is_null() ? a[1] : a[0]; },
        "Returns the expression, or altValue when the expression is null."));
    r.Add(Generic(
        "NULLIF", SameTypeResolver("NULLIF", 2, 2), "T, T",
        [](const Args& a, Value& out) {
            if (a[0].is_null() || (!a[1].is_null() && a[0] == a[1])) {
                out.SetNull();
            } else {
                out = a[0];
            }
        },
        "Returns null when the two expressions are equal, otherwise the first one."));
    // AS_VALUE(key column): the key's value as a value column. A call is never a bare key
    // reference, so the analyzer's key rules already place its result in the value.
    ScalarFunction as_value = Generic(
        "AS_VALUE", SameTypeResolver("AS_VALUE", 1, 1), "T",
        [](const Args& a, Value& out) { out = a[0]; },
        "Copies a key column into the value of a query's result.");
    as_value.category = "OTHER";
    r.Add(std::move(as_value));
}

}  // namespace runnel::expression
