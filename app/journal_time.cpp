#include "app/journal_time.h"

#include <regex>

namespace crmsync::app {

std::string journalTime(const std::string& value) {
    static const std::regex form(
        R"((\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(\.\d{1,3})?)?Z?)");
    std::smatch m;
    if (!std::regex_match(value, m, form)) {
        return "";
    }
    std::string fraction = m[4].matched ? m[4].str().substr(1) : "";
    fraction.resize(3, '0');
    return m[1].str() + "T" + (m[2].matched ? m[2].str() : "00:00") +
           (m[3].matched ? m[3].str() : ":00") + "." + fraction + "Z";
}

}  // namespace crmsync::app
