#include "tests/runner/source_check.h"

#include "tests/runner/sql_scan.h"
#include "tests/runner/text_util.h"
#include "tests/runner/type_text.h"

namespace runnel::runner {

namespace {

std::optional<std::string> CheckOne(const catalog::Catalog& catalog, const SourceCheck& c) {
    auto src = catalog.Find(c.name);
    if (!src) src = catalog.Find(Upper(c.name));
    if (!src) return "source " + c.name + " does not exist";
    std::string prefix = "source " + src->name + ": ";
    if (c.type && !EqualsIgnoreCase(*c.type, src->KindName())) {
        return prefix + "expected a " + Lower(*c.type) + ", got a " + Lower(src->KindName());
    }
    if (c.schema) {
        auto expected = NormalizeSchemaText(*c.schema);
        if (!expected.ok()) {
            return prefix + "cannot read expected schema '" + *c.schema +
                   "': " + expected.status().message();
        }
        std::string actual_text = src->schema.ToString();
        auto actual = NormalizeSchemaText(actual_text);
        std::string got = actual.ok() ? actual.value() : actual_text;
        if (expected.value() != got) {
            return prefix + "schema: expected " + expected.value() + ", got " + got;
        }
    }
    if (c.key_format && !EqualsIgnoreCase(*c.key_format, src->key_format.name)) {
        return prefix + "key format: expected " + *c.key_format + ", got " + src->key_format.name;
    }
    if (c.value_format && !EqualsIgnoreCase(*c.value_format, src->value_format.name)) {
        return prefix + "value format: expected " + *c.value_format + ", got " +
               src->value_format.name;
    }
    if (c.window_type || c.window_size_ms) {
        if (!src->is_windowed)
            return prefix + "expected a windowed key, the source is not windowed";
        auto w = WindowFromSql(src->sql);
        if (!src->window_type.empty()) {
            WindowInfo info;
            info.kind = src->window_type;
            info.session = info.kind == "SESSION";
            info.size_ms = src->window_size_ms;
            w = info;
        }
        if (c.window_type && (!w || !EqualsIgnoreCase(w->kind, *c.window_type))) {
            return prefix + "window type: expected " + *c.window_type + ", got " +
                   (w && !w->kind.empty() ? w->kind : "unknown");
        }
        if (c.window_size_ms && (!w || w->size_ms != *c.window_size_ms)) {
            return prefix + "window size: expected " + std::to_string(*c.window_size_ms) +
                   " ms, got " + (w && w->size_ms ? std::to_string(w->size_ms) + " ms" : "unknown");
        }
    }
    if (c.wrap_single_value && *c.wrap_single_value != src->value_format.wrap_single_value) {
        return prefix +
               (*c.wrap_single_value ? "expected WRAP_SINGLES" : "expected UNWRAP_SINGLES");
    }
    if (c.is_source && *c.is_source != src->is_source) {
        return prefix +
               (*c.is_source ? "expected a read-only source" : "expected a writable source");
    }
    if (c.topic && *c.topic != src->topic) {
        return prefix + "topic: expected " + *c.topic + ", got " + src->topic;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> CheckSources(const catalog::Catalog& catalog,
                                        const std::vector<SourceCheck>& checks) {
    for (const auto& c : checks) {
        if (auto d = CheckOne(catalog, c)) return d;
    }
    return std::nullopt;
}

}  // namespace runnel::runner
