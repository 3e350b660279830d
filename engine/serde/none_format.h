// The NONE format: a side that carries no columns (typically the key of a keyless stream).
// Reading does nothing; writing produces a null record. Deserializers and serializers are
// stateless; the functions here are thread-safe.
#pragma once

#include <memory>

#include "engine/serde/serde.h"

namespace runnel::serde {

// The layout must be empty.
Status ValidateNoneFormat(const SideLayout& layout);

std::unique_ptr<Deserializer> MakeNoneDeserializer();
std::unique_ptr<Serializer> MakeNoneSerializer();

}  // namespace runnel::serde
