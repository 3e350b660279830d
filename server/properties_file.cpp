#include "server/properties_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

namespace runnel::server {

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

void AppendUtf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
        out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// Resolves backslash escapes of one logical line's key or value.
std::string Unescape(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c != '\\' || i + 1 >= s.size()) {
            out.push_back(c);
            continue;
        }
        char e = s[++i];
        switch (e) {
            case 't': out.push_back('\t'); break;
            case 'n': out.push_back('\n'); break;
            case 'r': out.push_back('\r'); break;
            case 'f': out.push_back('\f'); break;
            case 'u': {
                uint32_t cp = 0;
                size_t j = 0;
                for (; j < 4 && i + 1 + j < s.size(); ++j) {
                    char h = s[i + 1 + j];
                    int v = (h >= '0' && h <= '9')   ? h - '0'
                            : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                            : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                                     : -1;
                    if (v < 0) break;
                    cp = cp * 16 + static_cast<uint32_t>(v);
                }
                if (j == 4) {
                    AppendUtf8(cp, &out);
                    i += 4;
                } else {
                    out.push_back('u');
                }
                break;
            }
            default: out.push_back(e); break;  // \\ \= \: \# \! and any other char
        }
    }
    return out;
}

// Joins physical lines into logical lines (a line ending in an odd number of backslashes
// continues on the next one, whose leading blanks are dropped).
std::vector<std::string> LogicalLines(std::string_view text) {
    std::vector<std::string> lines;
    std::string current;
    bool continuing = false;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos = end + 1;
        if (continuing) {
            while (!line.empty() && IsBlank(line.front())) line.remove_prefix(1);
        } else {
            size_t i = 0;
            while (i < line.size() && IsBlank(line[i])) ++i;
            if (i == line.size() || line[i] == '#' || line[i] == '!') {
                if (end == text.size()) break;
                continue;  // blank or comment
            }
        }
        size_t backslashes = 0;
        while (backslashes < line.size() && line[line.size() - 1 - backslashes] == '\\') {
            ++backslashes;
        }
        continuing = backslashes % 2 == 1;
        if (continuing) line.remove_suffix(1);
        current.append(line);
        if (!continuing) {
            lines.push_back(std::move(current));
            current.clear();
        }
        if (end == text.size()) break;
    }
    if (!current.empty()) lines.push_back(std::move(current));
    return lines;
}

}  // namespace

Properties ParseProperties(std::string_view text) {
    Properties props;
    for (const std::string& line : LogicalLines(text)) {
        size_t i = 0;
        while (i < line.size() && IsBlank(line[i])) ++i;
        size_t key_start = i;
        while (i < line.size()) {
            char c = line[i];
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '=' || c == ':' || IsBlank(c)) break;
            ++i;
        }
        size_t key_end = std::min(i, line.size());
        while (i < line.size() && IsBlank(line[i])) ++i;
        if (i < line.size() && (line[i] == '=' || line[i] == ':')) ++i;
        while (i < line.size() && IsBlank(line[i])) ++i;
        std::string key = Unescape(std::string_view(line).substr(key_start, key_end - key_start));
        std::string value = Unescape(std::string_view(line).substr(std::min(i, line.size())));
        if (!key.empty()) props[key] = value;
    }
    return props;
}

Result<Properties> LoadPropertiesFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Status::IoError("Could not read config file " + path + ": " + std::strerror(errno));
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    return ParseProperties(buffer.str());
}

}  // namespace runnel::server
