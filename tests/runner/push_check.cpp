#include "tests/runner/push_check.h"

#include <chrono>
#include <regex>

#include "tests/runner/json_value.h"
#include "tests/runner/type_text.h"
#include "tests/runner/value_matcher.h"

namespace runnel::runner {

namespace {

using Clock = std::chrono::steady_clock;

std::optional<std::string> MatchRow(const JsonValue& expected, const JsonValue& actual,
                                    const std::vector<std::optional<SqlType>>& types) {
    if (!actual.is_array()) return "not a row: " + actual.Dump();
    if (expected.array().size() != actual.array().size()) {
        return "expected " + std::to_string(expected.array().size()) + " columns, got " +
               std::to_string(actual.array().size()) + ": " + actual.Dump();
    }
    for (size_t i = 0; i < expected.array().size(); ++i) {
        const SqlType* t = i < types.size() && types[i] ? &*types[i] : nullptr;
        auto d = MatchJson(expected.array()[i], actual.array()[i], t);
        if (d) return "column " + std::to_string(i + 1) + " " + *d;
    }
    return std::nullopt;
}

std::string Where(const Step& step) {
    return step.line > 0 ? "push at line " + std::to_string(step.line) : "push query";
}

}  // namespace

bool ErrorMatches(const ErrorPattern& pattern, const std::string& message) {
    if (!pattern.regex) return message.find(pattern.pattern) != std::string::npos;
    try {
        return std::regex_search(message, std::regex(pattern.pattern));
    } catch (const std::regex_error&) {
        return false;
    }
}

std::optional<std::string> RunPushStep(api::Engine& engine, const Step& step,
                                       const std::map<std::string, std::string>& properties,
                                       int timeout_ms, int settle_ms) {
    auto props = properties;
    if (!step.latest && !props.count("auto.offset.reset")) props["auto.offset.reset"] = "earliest";
    auto started = engine.StartPushQuery(step.sql, props, {});
    if (!started.ok()) {
        if (step.error) {
            if (ErrorMatches(*step.error, started.status().message())) return std::nullopt;
            return Where(step) + ": failed with '" + started.status().message() +
                   "', expected an error matching '" + step.error->pattern + "'";
        }
        return Where(step) + " failed to start: " + started.status().message();
    }
    auto query = std::move(started).value();
    if (step.error) {
        query->Close();
        return Where(step) + " started, expected an error matching '" + step.error->pattern + "'";
    }
    std::vector<std::string> rows;
    auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    auto last_change = Clock::now();
    bool ended = false;
    while (Clock::now() < deadline) {
        size_t before = rows.size();
        if (!query->Poll(rows, 50)) {
            ended = true;
            break;
        }
        if (rows.size() != before) last_change = Clock::now();
        if (rows.size() >= step.rows.size() &&
            Clock::now() - last_change >= std::chrono::milliseconds(settle_ms)) {
            break;
        }
    }
    bool failed = ended && query->failed();
    std::string end_message = ended ? query->end_message() : "";
    std::vector<std::optional<SqlType>> types;
    for (const auto& t : query->column_types()) {
        auto parsed = ParseSqlType(t);
        types.push_back(parsed.ok() ? std::optional<SqlType>(parsed.value()) : std::nullopt);
    }
    query->Close();
    if (failed) return Where(step) + " failed: " + end_message;

    std::vector<JsonValue> actual;
    for (const auto& r : rows) {
        auto v = ParseJson(r);
        if (!v.ok()) return Where(step) + ": a row is not JSON: " + r;
        actual.push_back(std::move(v).value());
    }
    std::string counts = "expected " + std::to_string(step.rows.size()) + " rows, got " +
                         std::to_string(actual.size());
    if (!step.unordered) {
        size_t n = std::min(step.rows.size(), actual.size());
        for (size_t i = 0; i < n; ++i) {
            if (auto d = MatchRow(step.rows[i], actual[i], types)) {
                return Where(step) + ": row " + std::to_string(i + 1) + ": " + *d +
                       "\n    expected: " + step.rows[i].Dump() +
                       "\n    actual:   " + actual[i].Dump();
            }
        }
        if (step.rows.size() > actual.size()) {
            return Where(step) + ": " + counts + "; first missing: " + step.rows[n].Dump();
        }
        if (actual.size() > step.rows.size()) {
            return Where(step) + ": " + counts + "; first extra: " + actual[n].Dump();
        }
        return std::nullopt;
    }
    std::vector<bool> used(actual.size(), false);
    for (const auto& e : step.rows) {
        bool found = false;
        for (size_t j = 0; j < actual.size() && !found; ++j) {
            if (!used[j] && !MatchRow(e, actual[j], types)) used[j] = found = true;
        }
        if (!found) return Where(step) + ": no row matches " + e.Dump() + " (" + counts + ")";
    }
    for (size_t j = 0; j < actual.size(); ++j) {
        if (!used[j]) return Where(step) + ": " + counts + "; unexpected " + actual[j].Dump();
    }
    return std::nullopt;
}

}  // namespace runnel::runner
