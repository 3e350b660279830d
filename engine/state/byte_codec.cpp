// PrefixSuccessor: the exclusive upper bound of a prefix scan.

#include "engine/state/byte_codec.h"

namespace runnel::state {

std::string PrefixSuccessor(std::string_view prefix) {
    std::string out(prefix);
    while (!out.empty()) {
        auto& last = reinterpret_cast<unsigned char&>(out.back());
        if (last != 0xff) {
            ++last;
            return out;
        }
        out.pop_back();
    }
    return out;
}

}  // namespace runnel::state
