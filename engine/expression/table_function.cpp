#include "engine/expression/table_function.h"

#include <cctype>

#include "engine/expression/functions/table/table_functions.h"

namespace runnel::expression {

namespace {

std::string Upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

const TableFunctionRegistry& TableFunctionRegistry::Builtins() {
    static const TableFunctionRegistry* registry = [] {
        auto* r = new TableFunctionRegistry();
        RegisterExplodeFunctions(*r);
        return r;
    }();
    return *registry;
}

void TableFunctionRegistry::Add(TableFunction fn) {
    fn.name = Upper(fn.name);
    auto name = fn.name;
    functions_[name].push_back(std::make_unique<TableFunction>(std::move(fn)));
}

bool TableFunctionRegistry::Has(std::string_view name) const {
    return functions_.count(Upper(name)) > 0;
}

Result<const TableFunction*> TableFunctionRegistry::Resolve(std::string_view name,
                                                            const std::vector<SqlType>& arg_types,
                                                            std::vector<SqlType>* param_types,
                                                            SqlType* return_type) const {
    auto it = functions_.find(Upper(name));
    if (it == functions_.end()) {
        return Status::NotFound("Can't find any functions with the name '" + Upper(name) + "'");
    }
    for (const auto& fn : it->second) {
        std::vector<SqlType> params;
        auto rt = fn->resolve(arg_types, params);
        if (!rt.ok()) continue;
        if (param_types) *param_types = std::move(params);
        if (return_type) *return_type = std::move(rt).value();
        return fn.get();
    }
    std::string args;
    for (size_t i = 0; i < arg_types.size(); ++i) {
        if (i) args += ", ";
        args += arg_types[i].ToString();
    }
    return Status::Invalid("Function '" + it->first + "' does not accept parameters (" + args +
                           ").");
}

}  // namespace runnel::expression
