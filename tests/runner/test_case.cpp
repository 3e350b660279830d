#include "tests/runner/test_case.h"

#include "tests/runner/text_util.h"

namespace runnel::runner {

std::string FieldSpec::Describe() const {
    switch (kind) {
        case Kind::kAbsent:
        case Kind::kNull:
            return "null";
        case Kind::kJson:
            return json.Dump();
        case Kind::kText:
            return text;
        case Kind::kBytes:
            return "hex:" + HexEncode(text);
    }
    return "";
}

std::string RecordSpec::Describe() const {
    std::string out = "key=" + key.Describe();
    if (window) {
        out += " window=[" + std::to_string(window->start) + "," + std::to_string(window->end) +
               (window->session ? "]" : ")");
    }
    if (timestamp) out += " ts=" + std::to_string(*timestamp);
    if (partition) out += " partition=" + std::to_string(*partition);
    if (headers) {
        out += " headers=[";
        bool first = true;
        for (const auto& h : *headers) {
            if (!first) out += ",";
            first = false;
            out += h.key + ":" + (h.value ? Base64Encode(*h.value) : "null");
        }
        out += "]";
    }
    out += " value=" + value.Describe();
    return out;
}

}  // namespace runnel::runner
