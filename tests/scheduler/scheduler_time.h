#pragma once
// UTC times written as text in scheduler tests: "2026-03-29T01:00:00Z".
#include <string>

#include "scheduler/clock.h"

namespace crmsync::test {

scheduler::TimePoint utc(const std::string& text);
std::string utcText(scheduler::TimePoint t);

}  // namespace crmsync::test
