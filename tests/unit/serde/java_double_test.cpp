#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <string>

#include "engine/serde/serde.h"

namespace runnel::serde {
namespace {

std::string J(double d) {
    std::string s;
    AppendJavaDouble(d, s);
    return s;
}

double FromBits(uint64_t bits) {
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
}

struct Case {
    double value;
    const char* text;
};

// Expected texts are Java's Double.toString. All but the few marked JDK19 were checked against
// OpenJDK 17; those marked JDK19 are where JDK 18 and older printed a longer, non-shortest form
// and JDK 19+ (shortest digits, closest among 1-2 digits) differs.
TEST(JavaDoubleTest, MatchesJavaTable) {
    const Case kCases[] = {
        {0.0, "0.0"},
        {-0.0, "-0.0"},
        {1.0, "1.0"},
        {-1.0, "-1.0"},
        {100.0, "100.0"},
        {0.001, "0.001"},
        {0.0001, "1.0E-4"},
        {1234567.0, "1234567.0"},
        {9999999.0, "9999999.0"},
        {1.0E7, "1.0E7"},
        {10000000.5, "1.00000005E7"},
        {3.14, "3.14"},
        {0.1, "0.1"},
        {0.2, "0.2"},
        {0.1 + 0.2, "0.30000000000000004"},
        {1.0 / 3, "0.3333333333333333"},
        {2.0 / 3, "0.6666666666666666"},
        {123456.789, "123456.789"},
        {1.234E-5, "1.234E-5"},
        {0.001 * 0.999, "9.99E-4"},
        {1.7976931348623157E308, "1.7976931348623157E308"},
        {std::numeric_limits<double>::denorm_min(), "4.9E-324"},
        {std::numeric_limits<double>::min(), "2.2250738585072014E-308"},
        {1e21, "1.0E21"},
        {1e22, "1.0E22"},
        {1e-7, "1.0E-7"},
        {12345678.9, "1.23456789E7"},
        {0.5, "0.5"},
        {0.25, "0.25"},
        {0.125, "0.125"},
        {100.5, "100.5"},
        {-273.15, "-273.15"},
        {6.02214076e23, "6.02214076E23"},
        {1.602176634e-19, "1.602176634E-19"},
        {299792458.0, "2.99792458E8"},
        {42.0, "42.0"},
        {1e100, "1.0E100"},
        {1.0E-100, "1.0E-100"},
        {9007199254740992.0, "9.007199254740992E15"},
        {0.3, "0.3"},
        {2.5e-3, "0.0025"},
        {1e6, "1000000.0"},
        {999999.9999, "999999.9999"},
        {9999999.999999998, "9999999.999999998"},
        {0.0012345, "0.0012345"},
        {123.0e10, "1.23E12"},
        {3.141592653589793, "3.141592653589793"},
        {2.718281828459045, "2.718281828459045"},
        {2.0E-322, "2.0E-322"},
        {4.35E-322, "4.35E-322"},
        {1.0E15, "1.0E15"},
        {1.0E16, "1.0E16"},
        {123456789012345680.0, "1.2345678901234568E17"},
        {0.009, "0.009"},
        {65.5, "65.5"},
        {1.1, "1.1"},
        {7.0E-10, "7.0E-10"},
        {1.0E-9, "1.0E-9"},
        {-1.5E-10, "-1.5E-10"},
        {1e7 - 1e-9, "9999999.999999998"},  // below 1e7 stays plain
        // JDK19: older JDKs printed 9.999999999999999E22, 1.9999999999999998E23,
        // 8.409999999999999E21 and 1.0E-323.
        {1e23, "1.0E23"},
        {2e23, "2.0E23"},
        {8.41E21, "8.41E21"},
        {FromBits(2), "9.9E-324"},
    };
    for (const Case& c : kCases) EXPECT_EQ(J(c.value), c.text) << "value " << c.value;
}

TEST(JavaDoubleTest, SpecialValues) {
    EXPECT_EQ(J(std::numeric_limits<double>::quiet_NaN()), "NaN");
    EXPECT_EQ(J(std::numeric_limits<double>::infinity()), "Infinity");
    EXPECT_EQ(J(-std::numeric_limits<double>::infinity()), "-Infinity");
    EXPECT_EQ(J(-std::numeric_limits<double>::max()), "-1.7976931348623157E308");
}

TEST(JavaDoubleTest, AppendsWithoutClearing) {
    std::string s = "x=";
    AppendJavaDouble(2.5, s);
    EXPECT_EQ(s, "x=2.5");
}

TEST(JavaDoubleTest, RoundTripsRandomBitPatterns) {
    uint64_t state = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 20000; ++i) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        double d = FromBits(state);
        if (d != d || d == std::numeric_limits<double>::infinity() ||
            d == -std::numeric_limits<double>::infinity()) {
            continue;
        }
        std::string s = J(d);
        ASSERT_EQ(std::strtod(s.c_str(), nullptr), d) << s;
        bool plain = std::abs(d) >= 1e-3 && std::abs(d) < 1e7;
        EXPECT_EQ(s.find('E') == std::string::npos, plain || d == 0) << s;
        EXPECT_NE(s.find('.'), std::string::npos) << s;
    }
}

}  // namespace
}  // namespace runnel::serde
