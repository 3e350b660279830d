#include "engine/serde/none_format.h"

#include "engine/serde/format_support.h"

namespace runnel::serde {

namespace {

class NoneDeserializer final : public Deserializer {
public:
    Status Deserialize(const char*, size_t, Row&) override { return Status::Ok(); }
};

class NoneSerializer final : public Serializer {
public:
    Status Serialize(const Row&, std::string& out, bool* is_null) override {
        out.clear();
        *is_null = true;
        return Status::Ok();
    }
};

}  // namespace

Status ValidateNoneFormat(const SideLayout& layout) {
    if (layout.columns.empty()) return Status::Ok();
    return Status::Invalid(
        "The 'NONE' format can only be used when no columns are defined. Got: " +
        DescribeColumns(layout));
}

std::unique_ptr<Deserializer> MakeNoneDeserializer() {
    return std::make_unique<NoneDeserializer>();
}

std::unique_ptr<Serializer> MakeNoneSerializer() { return std::make_unique<NoneSerializer>(); }

}  // namespace runnel::serde
