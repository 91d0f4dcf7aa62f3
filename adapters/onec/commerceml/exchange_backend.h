#pragma once
// The engine behind the 1C exchange endpoint, as the endpoint sees it. The endpoint speaks
// HTTP and files; app/ implements this port with sync::Importer and the CRM store, which the
// adapter may not know (architecture.md). A fake of it lets the protocol be tested alone.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "crmcore/crm_store.h"

namespace crmsync::commerceml {

struct UploadedFile {
    std::filesystem::path path;  // where the upload lies on disk
    std::string display_name;    // the name 1C gave it, for errors and the journal
};

struct ImportProgress {
    enum class State { Running, Succeeded, Failed };
    State state = State::Running;
    // Lines for 1C's exchange log, in words an accountant can act on; a failure names the file
    // and the line.
    std::string text;
};

class ExchangeBackend {
public:
    virtual ~ExchangeBackend() = default;

    // Imports `files` in the order given as one run, in the background. The first call for a
    // `job` starts it, later calls with the same job check on it; every call returns once the
    // job ended or `deadline` passed (then Running). A file whose content was already imported
    // in full (every record applied, none quarantined) is acknowledged without being applied
    // again. After a daemon restart the same
    // call simply starts the job again: records already applied are skipped by content hash,
    // so it resumes at the last committed batch. Thread safe; never throws for bad input.
    virtual ImportProgress importFiles(const std::string& job,
                                       const std::vector<UploadedFile>& files,
                                       std::chrono::steady_clock::time_point deadline) = 0;

    // Orders created or changed in the CRM that 1C has not acknowledged, remembered as sent
    // under `batch` (one per mode=query). Throws crmsync::Error when the database fails.
    virtual std::vector<core::OrderDocumentData> ordersToSend(const std::string& batch) = 0;

    // 1C confirmed it received `batch`: only now do those orders count as delivered. Returns
    // how many orders were acknowledged (0 when the batch is unknown or already acknowledged).
    virtual std::size_t acknowledgeOrders(const std::string& batch) = 0;
};

}  // namespace crmsync::commerceml
