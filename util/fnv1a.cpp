#include "util/fnv1a.h"

namespace crmsync::util {

std::string hex16(std::uint64_t value) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text(16, '0');
    for (auto digit = text.rbegin(); digit != text.rend(); ++digit, value >>= 4) {
        *digit = kDigits[value & 0xF];
    }
    return text;
}

}  // namespace crmsync::util
