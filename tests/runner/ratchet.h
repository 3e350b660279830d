// The conformance ratchet: a committed baseline of the QTT cases that pass, one line per case,
// "<file> <FNV-1a 64 hash of the variant name>" (so no third-party text enters the repository).
// A run checks that every baseline case of the files it loaded still passes, and can rewrite the
// baseline from its passing cases. Pure functions plus file I/O; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "engine/common/status.h"
#include "tests/runner/report.h"

namespace runnel::runner {

struct BaselineEntry {
    std::string file;
    std::string hash;
};

Result<std::vector<BaselineEntry>> ReadBaseline(const std::string& path);

// Writes the passing QTT cases of `records`, sorted, with a comment header.
Status WriteBaseline(const std::string& path, const std::vector<CaseRecord>& records);

struct RatchetReport {
    // "file hash (case name): now fail: reason" for each baseline case that no longer passes.
    std::vector<std::string> violations;
    size_t checked = 0;     // baseline cases found in this run
    size_t not_loaded = 0;  // baseline cases of files this run did not load, or filtered out
    size_t new_passes = 0;  // passing cases not yet in the baseline
};

// `loaded` are the names of every case of the loaded files (before --filter), per file, so a
// baseline case that vanished from a loaded file is a violation, not an omission.
RatchetReport CheckRatchet(const std::vector<BaselineEntry>& baseline,
                           const std::vector<CaseRecord>& records,
                           const std::vector<std::pair<std::string, std::string>>& loaded);

}  // namespace runnel::runner
