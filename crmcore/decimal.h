#pragma once
// Exact decimal for money and quantities. Never binary floating point: 0.1 + 0.2 must be 0.3
// in an accountant's ledger.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crmsync::core {

// GCC extension; the typedef keeps -Wpedantic quiet everywhere else.
__extension__ typedef __int128 Int128;

class Decimal {
public:
    static constexpr int kMaxScale = 18;

    Decimal() = default;
    static Decimal fromInteger(std::int64_t value) { return Decimal(value, 0); }

    // Parses the plain form 1C writes: optional sign, digits, optional '.' and digits.
    // Leading/trailing blanks are ignored; a comma, exponent, thousands separator, more than
    // kMaxScale fraction digits or more than 36 significant digits yield nullopt.
    static std::optional<Decimal> parse(std::string_view text);

    // Canonical text: no exponent, no trailing fraction zeros ("100.50" -> "100.5", "-0" -> "0").
    std::string toString() const;
    // Text with exactly `scale` fraction digits (rounded half away from zero), e.g. for 1C replies.
    std::string toString(int scale) const;

    bool isZero() const { return mantissa_ == 0; }
    int scale() const { return scale_; }

    Decimal operator+(const Decimal& other) const;
    Decimal operator-(const Decimal& other) const;
    Decimal operator*(const Decimal& other) const;

    // Equality by value: 1.50 == 1.5.
    bool operator==(const Decimal& other) const { return compare(other) == 0; }
    std::strong_ordering operator<=>(const Decimal& other) const {
        int c = compare(other);
        return c < 0 ? std::strong_ordering::less
                     : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
    }

private:
    Decimal(Int128 mantissa, int scale) : mantissa_(mantissa), scale_(scale) {}
    int compare(const Decimal& other) const;
    Decimal normalized() const;

    Int128 mantissa_ = 0;
    int scale_ = 0;
};

}  // namespace crmsync::core
