#include "engine/common/status.h"

namespace runnel {

std::string Status::ToString() const {
    const char* name = "OK";
    switch (code_) {
        case StatusCode::kOk: return "OK";
        case StatusCode::kInvalidArgument: name = "Invalid argument"; break;
        case StatusCode::kSyntaxError: name = "Syntax error"; break;
        case StatusCode::kNotFound: name = "Not found"; break;
        case StatusCode::kAlreadyExists: name = "Already exists"; break;
        case StatusCode::kNotImplemented: name = "Not implemented"; break;
        case StatusCode::kIoError: name = "IO error"; break;
        case StatusCode::kUnavailable: name = "Unavailable"; break;
        case StatusCode::kInternal: name = "Internal error"; break;
    }
    return std::string(name) + ": " + message_;
}

}  // namespace runnel
