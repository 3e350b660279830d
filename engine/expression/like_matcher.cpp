#include "engine/expression/like_matcher.h"

namespace runnel::expression {

LikeMatcher::LikeMatcher(std::string_view pattern, char escape) {
    for (size_t i = 0; i < pattern.size(); ++i) {
        char c = pattern[i];
        if (escape != 0 && c == escape && i + 1 < pattern.size()) {
            items_.push_back({Tok::kChar, pattern[++i]});
        } else if (c == '%') {
            items_.push_back({Tok::kAny, 0});
        } else if (c == '_') {
            items_.push_back({Tok::kOne, 0});
        } else {
            items_.push_back({Tok::kChar, c});
        }
    }
}

bool LikeMatcher::Matches(std::string_view s) const {
    // Greedy matching with backtracking to the last '%'.
    size_t si = 0, pi = 0, star_p = std::string::npos, star_s = 0;
    while (si < s.size()) {
        if (pi < items_.size() && items_[pi].tok == Tok::kAny) {
            star_p = pi++;
            star_s = si;
        } else if (pi < items_.size() &&
                   (items_[pi].tok == Tok::kOne || items_[pi].c == s[si])) {
            ++pi;
            ++si;
        } else if (star_p != std::string::npos) {
            pi = star_p + 1;
            si = ++star_s;
        } else {
            return false;
        }
    }
    while (pi < items_.size() && items_[pi].tok == Tok::kAny) ++pi;
    return pi == items_.size();
}

}  // namespace runnel::expression
