#include "crmcore/decimal.h"

#include <algorithm>
#include <stdexcept>

#include "util/text.h"

namespace crmsync::core {

namespace {

constexpr int kMaxDigits = 36;  // well inside the 38 digits an Int128 holds

Int128 pow10(int n) {
    Int128 result = 1;
    for (int i = 0; i < n; ++i) {
        result *= 10;
    }
    return result;
}

std::string digitsOf(Int128 value) {
    if (value == 0) {
        return "0";
    }
    std::string out;
    while (value > 0) {
        out.push_back(static_cast<char>('0' + static_cast<int>(value % 10)));
        value /= 10;
    }
    std::reverse(out.begin(), out.end());
    return out;
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
    text = util::trimmed(text);
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    if (text.empty()) {
        return std::nullopt;
    }
    Int128 mantissa = 0;
    int scale = 0;
    int digits = 0;
    bool seen_point = false;
    bool seen_digit = false;
    for (char c : text) {
        if (c == '.') {
            if (seen_point) {
                return std::nullopt;
            }
            seen_point = true;
            continue;
        }
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        seen_digit = true;
        if (mantissa != 0 || c != '0') {
            ++digits;
        }
        if (digits > kMaxDigits) {
            return std::nullopt;
        }
        mantissa = mantissa * 10 + (c - '0');
        if (seen_point) {
            ++scale;
        }
    }
    if (!seen_digit || scale > kMaxScale) {
        return std::nullopt;
    }
    return Decimal(negative ? -mantissa : mantissa, scale).normalized();
}

Decimal Decimal::normalized() const {
    Int128 m = mantissa_;
    int s = scale_;
    while (s > 0 && m % 10 == 0) {
        m /= 10;
        --s;
    }
    return Decimal(m, s);
}

std::string Decimal::toString() const {
    Decimal n = normalized();
    bool negative = n.mantissa_ < 0;
    std::string digits = digitsOf(negative ? -n.mantissa_ : n.mantissa_);
    if (n.scale_ > 0) {
        if (static_cast<int>(digits.size()) <= n.scale_) {
            digits.insert(0, static_cast<std::size_t>(n.scale_ + 1) - digits.size(), '0');
        }
        digits.insert(digits.size() - static_cast<std::size_t>(n.scale_), 1, '.');
    }
    return negative ? "-" + digits : digits;
}

std::string Decimal::toString(int scale) const {
    if (scale < 0 || scale > kMaxScale) {
        throw std::invalid_argument("Decimal::toString: scale out of range");
    }
    Int128 m = mantissa_;
    if (scale_ > scale) {
        Int128 divisor = pow10(scale_ - scale);
        Int128 quotient = m / divisor;
        Int128 remainder = m % divisor;
        if (remainder * 2 >= divisor) {
            ++quotient;
        } else if (remainder * 2 <= -divisor) {
            --quotient;
        }
        m = quotient;
    } else {
        m *= pow10(scale - scale_);
    }
    bool negative = m < 0;
    std::string digits = digitsOf(negative ? -m : m);
    if (scale > 0) {
        if (static_cast<int>(digits.size()) <= scale) {
            digits.insert(0, static_cast<std::size_t>(scale + 1) - digits.size(), '0');
        }
        digits.insert(digits.size() - static_cast<std::size_t>(scale), 1, '.');
    }
    return negative ? "-" + digits : digits;
}

int Decimal::compare(const Decimal& other) const {
    int scale = std::max(scale_, other.scale_);
    Int128 a = mantissa_ * pow10(scale - scale_);
    Int128 b = other.mantissa_ * pow10(scale - other.scale_);
    return a < b ? -1 : (a > b ? 1 : 0);
}

Decimal Decimal::operator+(const Decimal& other) const {
    int scale = std::max(scale_, other.scale_);
    return Decimal(mantissa_ * pow10(scale - scale_) + other.mantissa_ * pow10(scale - other.scale_),
                   scale)
        .normalized();
}

Decimal Decimal::operator-(const Decimal& other) const {
    int scale = std::max(scale_, other.scale_);
    return Decimal(mantissa_ * pow10(scale - scale_) - other.mantissa_ * pow10(scale - other.scale_),
                   scale)
        .normalized();
}

Decimal Decimal::operator*(const Decimal& other) const {
    Decimal product(mantissa_ * other.mantissa_, scale_ + other.scale_);
    product = product.normalized();
    if (product.scale_ > kMaxScale) {
        throw std::overflow_error("Decimal multiplication exceeds 18 fraction digits");
    }
    return product;
}

}  // namespace crmsync::core
