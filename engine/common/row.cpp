#include "engine/common/row.h"

namespace runnel {

void RowBatch::Compact(const std::vector<uint8_t>& keep) {
    size_t out = 0;
    for (size_t i = 0; i < size_; ++i) {
        if (!keep[i]) continue;
        if (out != i) std::swap(rows_[out], rows_[i]);
        ++out;
    }
    size_ = out;
}

}  // namespace runnel
