// Changelog topic names, configs and creation; ChangelogWriter::Send.

#include "engine/state/changelog.h"

#include <fmt/format.h>

namespace runnel::state {

std::string ApplicationId(std::string_view service_id, std::string_view query_id) {
    return fmt::format("_runnel_{}_query_{}", service_id, query_id);
}

std::string ChangelogTopicName(std::string_view application_id, std::string_view store_name) {
    return fmt::format("{}-{}-changelog", application_id, store_name);
}

Status ValidateStoreName(std::string_view name) {
    if (name.empty() || name.size() > 200) {
        return Status::Invalid(fmt::format("store name '{}' must have 1 to 200 characters", name));
    }
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok) {
            return Status::Invalid(
                fmt::format("store name '{}' has a character outside [A-Za-z0-9._-]", name));
        }
    }
    if (name == "." || name == "..") return Status::Invalid("store name cannot be . or ..");
    return Status::Ok();
}

std::map<std::string, std::string> ChangelogTopicConfigs(const ChangelogTopicSpec& spec) {
    if (!spec.windowed) return {{"cleanup.policy", "compact"}};
    return {{"cleanup.policy", "compact,delete"},
            {"retention.ms", std::to_string(spec.retention_ms)}};
}

Status EnsureChangelogTopic(kafka::Admin& admin, const ChangelogTopicSpec& spec) {
    Status s = admin.CreateTopic(spec.name, spec.partitions, spec.replication,
                                 ChangelogTopicConfigs(spec));
    if (s.ok()) return s;
    if (s.code() != StatusCode::kAlreadyExists) return s;
    auto info = admin.DescribeTopic(spec.name);
    if (!info.ok()) return info.status();
    if (info->partitions < spec.partitions) {
        return Status::Invalid(
            fmt::format("changelog topic {} has {} partitions, the query needs {}", spec.name,
                        info->partitions, spec.partitions));
    }
    return Status::Ok();
}

Status ChangelogWriter::Send(std::string_view key, const std::string* value, int64_t timestamp) {
    static const char kEmpty = 0;  // non-null pointer for an empty (not null) key or value
    const char* k = key.empty() ? &kEmpty : key.data();
    const char* v = value == nullptr ? nullptr : (value->empty() ? &kEmpty : value->data());
    const size_t v_size = value == nullptr ? 0 : value->size();
    RETURN_IF_ERROR(producer_->Produce(topic_, partition_, k, key.size(), v, v_size,
                                       timestamp < 0 ? 0 : timestamp, nullptr));
    ++sent_;
    return Status::Ok();
}

}  // namespace runnel::state
