// Kafka Connect's JsonConverter envelope: with schemas.enable=true a record is
// {"schema": {...}, "payload": <value>}. Helpers to detect it and to take the raw text of its
// parts (views into the record's padded buffer, valid while the buffer is), shared by the JSON
// key reader and the DEBEZIUM_JSON format. Pure functions over one document; thread-safe as
// long as each document is used by one thread.
#pragma once

#include <string_view>

#include "engine/serde/json_decoder.h"

namespace runnel::serde {

struct ConnectEnvelope {
    bool wrapped = false;      // the root is exactly {"schema": ..., "payload": ...}
    std::string_view schema;   // raw JSON text of the schema ("null" when null)
    std::string_view payload;  // raw JSON text of the payload
};

// Reads the root of `doc` when it is an object whose first key is "schema" or "payload" and
// fills `out`; any other document leaves out->wrapped false after looking at one key at most.
// The document is consumed either way: the caller rewinds it (doc.rewind()) to read it again.
// False (error in `decoder`) only on malformed JSON.
bool ReadConnectEnvelope(od::document& doc, JsonDecoder& decoder, ConnectEnvelope* out);

// The raw JSON text of a value (object, array or scalar, without trailing whitespace); the
// value is consumed.
bool RawValueText(od::value& value, JsonDecoder& decoder, std::string_view* out);

}  // namespace runnel::serde
