// Reads Java-style .properties text (the format of ksqlDB's server config files): key=value,
// key: value or key value; # and ! comments; backslash line continuation; \t \n \r \f \\ and
// \uXXXX escapes. Stateless functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "engine/common/status.h"

namespace runnel::server {

using Properties = std::map<std::string, std::string>;

Properties ParseProperties(std::string_view text);

// Reads and parses a file; kIoError when it cannot be read.
Result<Properties> LoadPropertiesFile(const std::string& path);

}  // namespace runnel::server
