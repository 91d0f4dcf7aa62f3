#pragma once
// The [jobs] section (lease and history settings) and the [job.NAME] sections of the daemon
// config: exchange jobs, each with its own action, schedule and triggers (README "Jobs").
#include <chrono>
#include <string>
#include <vector>

#include "config/ini_file.h"

namespace crmsync::config {

struct JobConfig {
    std::string name;  // NAME of [job.NAME]
    // odata-pull | odata-push | odata-sync | drop-folder | retention (jobActionNames()).
    std::string action;
    // The CRM entities it writes: jobs sharing one never run at once. Empty: every entity.
    std::vector<std::string> entities;
    // Cron with seconds ("0 0 2 * * *") or "every 5m"; empty: only triggers start it. Checked
    // when the daemon builds the job; schedule_at says where it was written.
    std::string schedule;
    std::string schedule_at;  // "file:line"
    std::string timezone;     // IANA name; empty = UTC
    bool misfire_skip = false;  // misfire = skip (default run-once)
    std::chrono::seconds timeout{0};  // 0: none
    // on = crm-change(order, order_line): CRM tables whose changes start a run.
    std::vector<std::string> on_crm_change;
    std::chrono::milliseconds debounce{200};  // triggers within it fold into one run
    int retry_attempts = 3;                    // tries per fire, the first included
    std::chrono::seconds retry_base{10};       // first wait; doubles per try, full jitter
    std::chrono::seconds retry_max{600};       // longest wait between tries
};

struct JobsConfig {
    std::chrono::seconds lease_ttl{15};  // a lease not renewed for this long is taken over
    int keep_succeeded_days = 30;        // job run rows kept; failures are kept longer
    int keep_failed_days = 90;
    std::vector<JobConfig> jobs;  // in file order
};

const std::vector<std::string>& jobActionNames();

// True when `entry` belongs to [jobs] or a [job.NAME] section; applies it to `jobs`. Throws
// ConfigFileError "file:line: job.NAME.key: message" for an unknown key or a bad value.
bool applyJobEntry(JobsConfig& jobs, const IniEntry& entry);

// After the whole file: every job has an action, and the settings fit together. Throws
// ConfigFileError naming the section and key.
void validateJobs(const JobsConfig& jobs, const std::string& file);

}  // namespace crmsync::config
