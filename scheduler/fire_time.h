#pragma once
// Fire times as the run table stores them: UTC "YYYY-MM-DDThh:mm:ss.mmmZ" (util/utc_time.h),
// which sorts as text in time order on both databases.
#include <optional>
#include <string>

#include "scheduler/clock.h"

namespace crmsync::scheduler {

std::string fireText(TimePoint at);
// nullopt for text not of that form.
std::optional<TimePoint> parseFireText(const std::string& text);

}  // namespace crmsync::scheduler
