// Text tables as ksqlDB's CLI prints them.
//  - RenderListTable: the listing style of SHOW / DESCRIBE / command results:
//        " Stream Name | Kafka Topic "
//        "---------------------------"
//        " S1          | s1          "
//        "---------------------------"
//  - BoxTable: the boxed style of query results, printed a row at a time as rows stream in:
//        "+------+------+" / "|ID    |NAME  |" / "+------+------+" / "|1     |a     |" ...
//    Cells have a fixed width derived from the terminal width; longer values wrap onto more lines.
// Widths count UTF-8 code points. Stateless functions and an immutable class; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace runnel::protocol {

// Number of code points in UTF-8 text.
size_t DisplayWidth(std::string_view text);

// `max_width` > 0 caps the separator lines, as ksqlDB caps them at the console width.
std::string RenderListTable(const std::vector<std::string>& headers,
                            const std::vector<std::vector<std::string>>& rows,
                            size_t max_width = 0);

class BoxTable {
public:
    // `total_width` is the terminal width; each cell gets max(total_width / columns - 2, 5).
    BoxTable(std::vector<std::string> columns, size_t total_width);

    size_t cell_width() const { return cell_width_; }
    // Top border, the column names, and the border under them.
    std::string Header() const;
    // One row (wrapped over several lines when a value is wider than a cell).
    std::string Row(const std::vector<std::string>& cells) const;
    // The closing border.
    std::string Footer() const;

private:
    std::string Border() const;

    std::vector<std::string> columns_;
    size_t cell_width_;
};

}  // namespace runnel::protocol
