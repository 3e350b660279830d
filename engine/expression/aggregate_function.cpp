#include "engine/expression/aggregate_function.h"

#include <cctype>

#include "engine/expression/functions/aggregate/aggregate_functions.h"

namespace runnel::expression {

namespace {

std::string Upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

const AggregateRegistry& AggregateRegistry::Builtins() {
    static const AggregateRegistry* registry = [] {
        auto* r = new AggregateRegistry();
        RegisterCountFunctions(*r);
        RegisterSumFunctions(*r);
        RegisterAverageFunction(*r);
        RegisterMinMaxFunctions(*r);
        RegisterCollectFunctions(*r);
        RegisterHistogramFunction(*r);
        RegisterOffsetFunctions(*r);
        RegisterTopkFunctions(*r);
        RegisterStatsFunctions(*r);
        RegisterAttrFunction(*r);
        return r;
    }();
    return *registry;
}

void AggregateRegistry::Add(AggregateFunction fn) {
    fn.name = Upper(fn.name);
    auto name = fn.name;
    functions_[name] = std::move(fn);
}

bool AggregateRegistry::Has(std::string_view name) const {
    return functions_.count(Upper(name)) > 0;
}

Result<BoundAggregate> AggregateRegistry::Bind(std::string_view name,
                                               const AggregateCall& call) const {
    auto it = functions_.find(Upper(name));
    if (it == functions_.end()) {
        return Status::NotFound("Can't find any functions with the name '" + Upper(name) + "'");
    }
    return it->second.bind(call);
}

}  // namespace runnel::expression
