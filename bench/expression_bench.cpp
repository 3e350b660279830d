// Micro benchmark of compiled expression evaluation: ns per row for a WHERE with three
// predicates and a projection with five function calls, over a reused RowBatch of order rows.
// Expressions go through the real parser and analyzer, then Compile(); the loop only evaluates.
//
//   expression_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/analyzer/expression_analyzer.h"
#include "engine/common/row.h"
#include "engine/common/schema.h"
#include "engine/expression/evaluator.h"
#include "engine/expression/function_registry.h"
#include "engine/parser/parser.h"

namespace {

using namespace runnel;

constexpr size_t kRows = 1024;

LogicalSchema OrdersSchema() {
    return LogicalSchema({
        {"ID", SqlType::Int(), ColumnNamespace::kKey, ""},
        {"CUSTOMER", SqlType::String(), ColumnNamespace::kValue, ""},
        {"ITEM", SqlType::String(), ColumnNamespace::kValue, ""},
        {"AMOUNT", SqlType::Double(), ColumnNamespace::kValue, ""},
        {"QTY", SqlType::Int(), ColumnNamespace::kValue, ""},
        {"STATUS", SqlType::String(), ColumnNamespace::kValue, ""},
        {"PRICE", SqlType::Decimal(8, 2), ColumnNamespace::kValue, ""},
    });
}

RowBatch MakeBatch() {
    RowBatch batch;
    const char* items[] = {"apple", "banana", "cherry", "durian", "elderberry"};
    for (size_t i = 0; i < kRows; ++i) {
        Row& r = batch.Append(7);
        r.values[0].SetInt(static_cast<int64_t>(i));
        r.values[1].SetString("customer-" + std::to_string(i % 500));
        r.values[2].SetString(items[i % 5]);
        r.values[3].SetDouble(static_cast<double>(i % 1000) + 0.25);
        r.values[4].SetInt(static_cast<int64_t>(1 + i % 7));
        r.values[5].SetString(i % 10 == 0 ? "CANCELLED" : "PAID");
        r.values[6].SetDecimal(static_cast<__int128>(i % 10000) * 3 + 99);
        r.timestamp = 1700000000000LL + static_cast<int64_t>(i);
    }
    return batch;
}

std::unique_ptr<expression::Evaluator> CompileSql(const std::string& sql, const LogicalSchema& schema) {
    analyzer::Scope scope;
    scope.schema = &schema;
    analyzer::ExpressionAnalyzer a(scope, expression::FunctionRegistry::Builtins());
    auto parsed = parser::ParseExpression(sql);
    if (!parsed.ok()) {
        std::fprintf(stderr, "parse %s: %s\n", sql.c_str(), parsed.status().ToString().c_str());
        std::abort();
    }
    auto typed = a.Analyze(**parsed);
    if (!typed.ok()) {
        std::fprintf(stderr, "analyze %s: %s\n", sql.c_str(), typed.status().ToString().c_str());
        std::abort();
    }
    auto ev = expression::Compile(**typed);
    if (!ev.ok()) std::abort();
    return std::move(ev).value();
}

const char* kFilter = "AMOUNT > 10.5 AND STATUS = 'PAID' AND QTY BETWEEN 2 AND 6";
const char* kProjection[] = {
    "UCASE(CUSTOMER)", "LEN(ITEM)", "ABS(AMOUNT - 500)", "SUBSTRING(CUSTOMER, 1, 8)",
    "CONCAT(ITEM, '-', STATUS)",
};

void BM_Filter3Predicates(benchmark::State& state) {
    LogicalSchema schema = OrdersSchema();
    RowBatch batch = MakeBatch();
    auto filter = CompileSql(kFilter, schema);
    int64_t kept = 0;
    for (auto _ : state) {
        for (size_t i = 0; i < batch.size(); ++i) kept += expression::IsTrue(filter->Eval(batch[i]));
    }
    benchmark::DoNotOptimize(kept);
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kRows));
    state.counters["ns_per_row"] = benchmark::Counter(
        static_cast<double>(state.iterations() * kRows), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_Projection5Functions(benchmark::State& state) {
    LogicalSchema schema = OrdersSchema();
    RowBatch batch = MakeBatch();
    std::vector<std::unique_ptr<expression::Evaluator>> cols;
    for (const char* sql : kProjection) cols.push_back(CompileSql(sql, schema));
    std::vector<Value> out(cols.size());
    for (auto _ : state) {
        for (size_t i = 0; i < batch.size(); ++i) {
            for (size_t c = 0; c < cols.size(); ++c) out[c] = cols[c]->Eval(batch[i]);
        }
    }
    benchmark::DoNotOptimize(out);
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kRows));
    state.counters["ns_per_row"] = benchmark::Counter(
        static_cast<double>(state.iterations() * kRows), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// Filter then project the kept rows, as a stateless query's operators do.
void BM_FilterThenProject(benchmark::State& state) {
    LogicalSchema schema = OrdersSchema();
    RowBatch batch = MakeBatch();
    auto filter = CompileSql(kFilter, schema);
    std::vector<std::unique_ptr<expression::Evaluator>> cols;
    for (const char* sql : kProjection) cols.push_back(CompileSql(sql, schema));
    std::vector<Value> out(cols.size());
    for (auto _ : state) {
        for (size_t i = 0; i < batch.size(); ++i) {
            if (!expression::IsTrue(filter->Eval(batch[i]))) continue;
            for (size_t c = 0; c < cols.size(); ++c) out[c] = cols[c]->Eval(batch[i]);
        }
    }
    benchmark::DoNotOptimize(out);
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kRows));
    state.counters["ns_per_row"] = benchmark::Counter(
        static_cast<double>(state.iterations() * kRows), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// DECIMAL arithmetic and a lambda over a constructed array, for the heavier paths.
void BM_DecimalAndLambda(benchmark::State& state) {
    LogicalSchema schema = OrdersSchema();
    RowBatch batch = MakeBatch();
    auto dec = CompileSql("PRICE * QTY + 1.50", schema);
    auto lambda = CompileSql("REDUCE(ARRAY[QTY, QTY * 2, QTY * 3], 0, (s, x) => s + x)", schema);
    int64_t sink = 0;
    for (auto _ : state) {
        for (size_t i = 0; i < batch.size(); ++i) {
            sink += dec->Eval(batch[i]).is_null();
            sink += lambda->Eval(batch[i]).AsInt();
        }
    }
    benchmark::DoNotOptimize(sink);
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kRows));
    state.counters["ns_per_row"] = benchmark::Counter(
        static_cast<double>(state.iterations() * kRows), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

BENCHMARK(BM_Filter3Predicates);
BENCHMARK(BM_Projection5Functions);
BENCHMARK(BM_FilterThenProject);
BENCHMARK(BM_DecimalAndLambda);

}  // namespace

BENCHMARK_MAIN();
