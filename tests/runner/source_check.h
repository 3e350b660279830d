// Checks of the engine's catalog after a case (QTT post.sources, .test `source` blocks): the
// source exists with the expected kind, schema (compared in canonical spelling), formats, window,
// single-value wrapping, read-only flag and topic. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/catalog/catalog.h"
#include "tests/runner/test_case.h"

namespace runnel::runner {

// nullopt when every check holds; else the first that does not.
std::optional<std::string> CheckSources(const catalog::Catalog& catalog,
                                        const std::vector<SourceCheck>& checks);

}  // namespace runnel::runner
