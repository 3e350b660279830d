// Geographic functions: GEO_DISTANCE, the great-circle (haversine) distance between two
// latitude/longitude points in decimal degrees, in kilometres (the default) or miles.
#include <cmath>
#include <string_view>

#include "engine/expression/functions/scalar/coll_registration.h"
#include "engine/expression/functions/scalar/scalar_functions.h"

namespace runnel::expression {

namespace {

constexpr double kEarthRadiusKm = 6371.0;
constexpr double kEarthRadiusMiles = 3959.0;
constexpr double kPi = 3.141592653589793;

// Degrees to radians as the reference results were computed (x / 180 * pi).
double ToRadians(double degrees) { return degrees / 180.0 * kPi; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
        if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
        if (x != y) return false;
    }
    return true;
}

// The earth radius for a unit name; 0 for an unknown unit.
double RadiusFor(std::string_view unit) {
    if (EqualsIgnoreCase(unit, "KM") || EqualsIgnoreCase(unit, "KILOMETER") ||
        EqualsIgnoreCase(unit, "KILOMETERS") || EqualsIgnoreCase(unit, "KILOMETRE") ||
        EqualsIgnoreCase(unit, "KILOMETRES")) {
        return kEarthRadiusKm;
    }
    if (EqualsIgnoreCase(unit, "MI") || EqualsIgnoreCase(unit, "MILE") ||
        EqualsIgnoreCase(unit, "MILES")) {
        return kEarthRadiusMiles;
    }
    return 0;
}

void Distance(const Args& a, double radius, Value& out) {
    for (size_t i = 0; i < 4; ++i) {
        if (a[i].is_null()) {
            out.SetNull();
            return;
        }
    }
    const double lat1 = a[0].AsDouble(), lon1 = a[1].AsDouble();
    const double lat2 = a[2].AsDouble(), lon2 = a[3].AsDouble();
    if (std::fabs(lat1) > 90 || std::fabs(lat2) > 90 || std::fabs(lon1) > 180 ||
        std::fabs(lon2) > 180) {
        out.SetNull();  // ksqlDB rejects coordinates out of range
        return;
    }
    const double dlat = ToRadians(lat2 - lat1);
    const double dlon = ToRadians(lon2 - lon1);
    const double h = std::pow(std::sin(dlat / 2), 2) + std::pow(std::sin(dlon / 2), 2) *
                                                           std::cos(ToRadians(lat1)) *
                                                           std::cos(ToRadians(lat2));
    out.SetDouble(2 * radius * std::asin(std::sqrt(h)));
}

}  // namespace

void RegisterGeoFunctions(FunctionRegistry& r) {
    const SqlType d = SqlType::Double();
    const char* desc =
        "GEO_DISTANCE(lat1, lon1, lat2, lon2 [, unit]): the great-circle distance between two "
        "points given in decimal degrees, in KM (the default, also when unit is null) or MI.";
    r.Add(builtin::Fixed(
        "GEO_DISTANCE", {d, d, d, d}, d,
        [](const Args& a, Value& out) { Distance(a, kEarthRadiusKm, out); }, desc,
        builtin::kCategoryGeo));
    ScalarFunction with_unit = builtin::Fixed(
        "GEO_DISTANCE", {d, d, d, d, SqlType::String()}, d,
        [](const Args& a, Value& out) {
            const double radius = a[4].is_null() ? kEarthRadiusKm : RadiusFor(a[4].AsString());
            if (radius == 0) {
                out.SetNull();  // unknown unit: ksqlDB throws, the row gets null
                return;
            }
            Distance(a, radius, out);
        },
        desc, builtin::kCategoryGeo);
    with_unit.null_on_null_input = false;
    r.Add(std::move(with_unit));
}

}  // namespace runnel::expression
