// Registration of the built-in aggregate function families into an AggregateRegistry. One file
// per family under functions/aggregate/; each registers its functions with their metadata.
// Called once, while AggregateRegistry::Builtins() builds the registry (not thread-safe).
#pragma once

#include "engine/expression/aggregate_function.h"

namespace runnel::expression {

void RegisterCountFunctions(AggregateRegistry& registry);     // count_functions.cpp
void RegisterSumFunctions(AggregateRegistry& registry);       // sum_functions.cpp
void RegisterAverageFunction(AggregateRegistry& registry);    // average_function.cpp
void RegisterMinMaxFunctions(AggregateRegistry& registry);    // min_max_functions.cpp
void RegisterCollectFunctions(AggregateRegistry& registry);   // collect_functions.cpp
void RegisterHistogramFunction(AggregateRegistry& registry);  // histogram_function.cpp
void RegisterOffsetFunctions(AggregateRegistry& registry);    // offset_functions.cpp
void RegisterTopkFunctions(AggregateRegistry& registry);      // topk_functions.cpp
void RegisterStatsFunctions(AggregateRegistry& registry);     // stats_functions.cpp
void RegisterAttrFunction(AggregateRegistry& registry);       // attr_function.cpp

}  // namespace runnel::expression
