// Small helpers shared by the format implementations: describing a side's columns in error
// messages, nulling a side's columns, checking that a row is wide enough for a layout, and
// checking that a column type is fully resolved. Pure functions; thread-safe.
#pragma once

#include <string>

#include "engine/serde/serde.h"

namespace runnel::serde {

// "[`ID` BIGINT, `NAME` STRING]": the layout's columns, for error messages.
std::string DescribeColumns(const SideLayout& layout);

// Sets every column of the layout to null.
void SetColumnsNull(const std::vector<size_t>& columns, Row& row);

// The smallest row width that holds every column index of the layout.
size_t RequiredWidth(const std::vector<size_t>& columns);

// Status::Internal when the row is narrower than `width`.
Status CheckRowWidth(const Row& row, size_t width);

// Invalid when the type (or a nested type) is NULL or an unresolved custom type name, or a
// DECIMAL with a precision/scale outside ksqlDB's limits.
Status CheckTypeResolved(const SqlType& type);

}  // namespace runnel::serde
