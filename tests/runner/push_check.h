// A `push` step: starts a push query on the engine, collects its rows until its LIMIT ends it or
// the expected number arrived and a quiet period passed (within a timeout), and compares them
// with the expected rows, typed by the query's column types. Not thread-safe (uses one engine).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "engine/api/engine.h"
#include "tests/runner/test_case.h"

namespace runnel::runner {

// nullopt when the step holds; else why not. `properties` are the request properties.
std::optional<std::string> RunPushStep(api::Engine& engine, const Step& step,
                                       const std::map<std::string, std::string>& properties,
                                       int timeout_ms, int settle_ms);

// Whether an error message satisfies a pattern (substring, or regex search).
bool ErrorMatches(const ErrorPattern& pattern, const std::string& message);

}  // namespace runnel::runner
