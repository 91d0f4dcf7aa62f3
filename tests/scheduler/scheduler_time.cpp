#include "tests/scheduler/scheduler_time.h"

#include <sstream>
#include <stdexcept>

#include <date/date.h>

namespace crmsync::test {

scheduler::TimePoint utc(const std::string& text) {
    std::istringstream in(text);
    scheduler::TimePoint t;
    in >> date::parse("%Y-%m-%dT%H:%M:%SZ", t);
    if (in.fail()) {
        throw std::invalid_argument("not a UTC time: " + text);
    }
    return t;
}

std::string utcText(scheduler::TimePoint t) {
    return date::format("%Y-%m-%dT%H:%M:%SZ", std::chrono::floor<std::chrono::seconds>(t));
}

}  // namespace crmsync::test
