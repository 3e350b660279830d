#include "protocol/stream_framing.h"

#include "protocol/error_messages.h"
#include "protocol/json_text.h"

namespace runnel::protocol {

namespace {

std::string Metadata(const StreamHeader& header) {
    OrderedJson meta;
    meta["queryId"] = header.query_id;
    meta["columnNames"] = header.column_names;
    meta["columnTypes"] = header.column_types;
    return DumpJson(meta);
}

}  // namespace

std::string FrameBegin(StreamFormat format, const StreamHeader& header) {
    switch (format) {
        case StreamFormat::kQueryV1: {
            OrderedJson inner;
            inner["queryId"] = header.query_id;
            inner["schema"] = header.schema;
            OrderedJson row;
            row["header"] = std::move(inner);
            return "[" + DumpJson(row) + ",\n";
        }
        case StreamFormat::kDelimited:
            return Metadata(header) + "\n";
        case StreamFormat::kJsonArray:
            return "[" + Metadata(header);
    }
    return {};
}

std::string FrameRow(StreamFormat format, std::string_view row_json) {
    std::string out;
    switch (format) {
        case StreamFormat::kQueryV1:
            out.reserve(row_json.size() + 24);
            out.append("{\"row\":{\"columns\":").append(row_json).append("}},\n");
            break;
        case StreamFormat::kDelimited:
            out.reserve(row_json.size() + 1);
            out.append(row_json).append("\n");
            break;
        case StreamFormat::kJsonArray:
            out.reserve(row_json.size() + 1);
            out.append(",").append(row_json);
            break;
    }
    return out;
}

std::string FrameEnd(StreamFormat format, std::string_view final_message) {
    switch (format) {
        case StreamFormat::kQueryV1: {
            OrderedJson fin;
            fin["finalMessage"] = std::string(final_message);
            return DumpJson(fin) + "]\n";
        }
        case StreamFormat::kDelimited:
            return {};
        case StreamFormat::kJsonArray:
            return "]";
    }
    return {};
}

std::string FrameError(StreamFormat format, int error_code, std::string_view message) {
    OrderedJson error = GenericError(error_code, message);
    switch (format) {
        case StreamFormat::kQueryV1: {
            OrderedJson row;
            row["errorMessage"] = std::move(error);
            return DumpJson(row) + "]\n";
        }
        case StreamFormat::kDelimited:
            return DumpJson(error) + "\n";
        case StreamFormat::kJsonArray:
            return "," + DumpJson(error) + "]";
    }
    return {};
}

}  // namespace runnel::protocol
