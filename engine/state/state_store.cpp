// StoreKindName.

#include "engine/state/state_store.h"

namespace runnel::state {

const char* StoreKindName(StoreKind kind) {
    switch (kind) {
        case StoreKind::kKeyValue:
            return "key-value";
        case StoreKind::kWindow:
            return "window";
        case StoreKind::kSession:
            return "session";
    }
    return "unknown";
}

}  // namespace runnel::state
