#include "engine/common/value.h"

#include <fmt/format.h>

namespace runnel {

Value Value::List(ValueList items) {
    Value v;
    v.SetList(std::make_shared<const ValueList>(std::move(items)));
    return v;
}

Value Value::Map(ValueMap entries) {
    Value v;
    v.SetMap(std::make_shared<const ValueMap>(std::move(entries)));
    return v;
}

bool Value::operator==(const Value& o) const {
    if (tag_ != o.tag_) return false;
    switch (tag_) {
        case Tag::kNull: return true;
        case Tag::kBool: return b_ == o.b_;
        case Tag::kInt: return i_ == o.i_;
        case Tag::kDouble: return d_ == o.d_;
        case Tag::kDecimal: return dec_ == o.dec_;
        case Tag::kString: return s_ == o.s_;
        case Tag::kList: return *list_ == *o.list_;
        case Tag::kMap: return *map_ == *o.map_;
    }
    return false;
}

std::string Value::DebugString() const {
    switch (tag_) {
        case Tag::kNull: return "null";
        case Tag::kBool: return b_ ? "true" : "false";
        case Tag::kInt: return std::to_string(i_);
        case Tag::kDouble: return fmt::format("{}", d_);
        case Tag::kDecimal: {
            __int128 v = dec_;
            bool neg = v < 0;
            if (neg) v = -v;
            std::string digits;
            do {
                digits.insert(digits.begin(), char('0' + int(v % 10)));
                v /= 10;
            } while (v != 0);
            return (neg ? "-" : "") + digits + "(unscaled)";
        }
        case Tag::kString: return "'" + s_ + "'";
        case Tag::kList: {
            std::string s = "[";
            for (size_t i = 0; i < list_->size(); ++i) {
                if (i) s += ", ";
                s += (*list_)[i].DebugString();
            }
            return s + "]";
        }
        case Tag::kMap: {
            std::string s = "{";
            for (size_t i = 0; i < map_->size(); ++i) {
                if (i) s += ", ";
                s += (*map_)[i].first.DebugString() + ": " + (*map_)[i].second.DebugString();
            }
            return s + "}";
        }
    }
    return "?";
}

}  // namespace runnel
