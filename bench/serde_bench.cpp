// JSON hot path: decode and encode of ~160-byte records with Runnel's serde (simdjson on-demand
// into reused rows; a hand-written writer into a reused buffer), next to a plain nlohmann_json
// round trip of the same records in the same run. Reports records/s (items) and MB/s (bytes).
//
//   serde_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "engine/common/row.h"
#include "engine/common/schema.h"
#include "engine/serde/serde.h"

namespace {

using namespace runnel;

constexpr size_t kRecords = 4096;

LogicalSchema Schema() {
    return LogicalSchema({
        {"ID", SqlType::Bigint(), ColumnNamespace::kValue, ""},
        {"CUSTOMER", SqlType::String(), ColumnNamespace::kValue, ""},
        {"ITEM", SqlType::String(), ColumnNamespace::kValue, ""},
        {"AMOUNT", SqlType::Double(), ColumnNamespace::kValue, ""},
        {"QTY", SqlType::Int(), ColumnNamespace::kValue, ""},
        {"TS", SqlType::Bigint(), ColumnNamespace::kValue, ""},
    });
}

std::vector<std::string> Records() {
    std::vector<std::string> out;
    const char* items[] = {"apple", "banana", "cherry", "durian", "elderberry"};
    for (size_t i = 0; i < kRecords; ++i) {
        out.push_back("{\"id\":" + std::to_string(i) + ",\"customer\":\"customer-" +
                      std::to_string(i % 5000) + "\",\"item\":\"" + items[i % 5] +
                      "\",\"amount\":" + std::to_string(i % 1000) + ".25,\"qty\":" +
                      std::to_string(1 + i % 7) + ",\"ts\":" + std::to_string(1700000000000 + i) +
                      ",\"status\":\"PAID\"}");
    }
    return out;
}

size_t TotalBytes(const std::vector<std::string>& records) {
    size_t n = 0;
    for (const auto& r : records) n += r.size();
    return n;
}

serde::SideLayout Layout(const LogicalSchema& schema) {
    serde::SideLayout layout{&schema, {}};
    for (size_t i = 0; i < schema.size(); ++i) layout.columns.push_back(i);
    return layout;
}

void BM_RunnelJsonDecode(benchmark::State& state) {
    auto schema = Schema();
    auto records = Records();
    auto de = serde::MakeDeserializer({"JSON", {}, true}, Layout(schema), false).value();
    Row row;
    row.Resize(schema.size());
    for (auto _ : state) {
        for (const auto& r : records) {
            if (!de->Deserialize(r.data(), r.size(), row).ok()) state.SkipWithError("decode");
        }
        benchmark::DoNotOptimize(row);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * records.size()));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes(records)));
}

void BM_RunnelJsonEncode(benchmark::State& state) {
    auto schema = Schema();
    auto records = Records();
    auto de = serde::MakeDeserializer({"JSON", {}, true}, Layout(schema), false).value();
    auto se = serde::MakeSerializer({"JSON", {}, true}, Layout(schema), false).value();
    std::vector<Row> rows(records.size());
    for (size_t i = 0; i < records.size(); ++i) {
        rows[i].Resize(schema.size());
        (void)de->Deserialize(records[i].data(), records[i].size(), rows[i]);
    }
    std::string out;
    size_t bytes = 0;
    for (auto _ : state) {
        for (const auto& row : rows) {
            bool is_null = false;
            (void)se->Serialize(row, out, &is_null);
            bytes += out.size();
        }
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * rows.size()));
    state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

// Baseline: parse each record into a DOM, pick the same six fields, build an object, dump it.
void BM_NlohmannRoundTrip(benchmark::State& state) {
    auto records = Records();
    std::string out;
    for (auto _ : state) {
        for (const auto& r : records) {
            auto j = nlohmann::json::parse(r);
            nlohmann::json o;
            o["ID"] = j["id"];
            o["CUSTOMER"] = j["customer"];
            o["ITEM"] = j["item"];
            o["AMOUNT"] = j["amount"];
            o["QTY"] = j["qty"];
            o["TS"] = j["ts"];
            out = o.dump();
        }
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * records.size()));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes(records)));
}

void BM_RunnelJsonRoundTrip(benchmark::State& state) {
    auto schema = Schema();
    auto records = Records();
    auto de = serde::MakeDeserializer({"JSON", {}, true}, Layout(schema), false).value();
    auto se = serde::MakeSerializer({"JSON", {}, true}, Layout(schema), false).value();
    Row row;
    row.Resize(schema.size());
    std::string out;
    for (auto _ : state) {
        for (const auto& r : records) {
            (void)de->Deserialize(r.data(), r.size(), row);
            bool is_null = false;
            (void)se->Serialize(row, out, &is_null);
        }
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * records.size()));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes(records)));
}

}  // namespace

BENCHMARK(BM_RunnelJsonDecode);
BENCHMARK(BM_RunnelJsonEncode);
BENCHMARK(BM_RunnelJsonRoundTrip);
BENCHMARK(BM_NlohmannRoundTrip);
BENCHMARK_MAIN();
