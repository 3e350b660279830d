// A reader of TZif files (RFC 8536), the compiled time zone database under /usr/share/zoneinfo:
// transitions, local-time types and the POSIX TZ footer for instants after the last transition.
// Version 1 files use their 32-bit data; later versions their 64-bit data. Leap-second records
// are ignored, as Java's time zones ignore them. Pure functions; thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "engine/common/status.h"
#include "engine/expression/functions/scalar/time_zone.h"

namespace runnel::expression::builtin {

// Parses the bytes of a TZif file into a zone named `id`. Invalid for malformed data.
Result<std::shared_ptr<const TimeZone>> ParseTzif(std::string id, std::string_view bytes);

// The directory of the time zone database (RUNNEL_ZONEINFO overrides the default
// /usr/share/zoneinfo).
std::string ZoneInfoDirectory();

}  // namespace runnel::expression::builtin
