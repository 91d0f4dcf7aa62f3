#pragma once
// Whole exchanges as a 1C node runs them, built on OneCClient: the catalog push (plain files or
// one zip, in parts) with its import loop, and the sale cycle. Used by the end-to-end tests,
// the demo and the benchmark (through the onec-emulator command).
#include <filesystem>
#include <string>
#include <vector>

#include "tests/emulator/onec_client.h"

namespace crmsync::emulator {

struct ExchangeFile {
    std::string name;            // as 1C names it in filename=, e.g. "goods/1/import.xml"
    std::filesystem::path path;  // where the bytes are
};

// The XML files under `folder` (recursively), named relative to it, in exchange order
// (classifier and catalog, offers, prices, rests, documents).
std::vector<ExchangeFile> exchangeFilesIn(const std::filesystem::path& folder);

struct CatalogPushOptions {
    bool zip = false;         // send one archive (only if the server offers zip=yes)
    std::uint64_t chunk = 0;  // bytes per POST; 0: the file_limit the server announced
    std::string zip_name = "v8_exchange.zip";
};

struct PushReport {
    bool ok = false;
    std::string failure;  // the failure answer's text, with the call that got it
    int progress_calls = 0;
    std::vector<Answer> final_answers;  // the success of each import, in order
    double upload_seconds = 0;  // checkauth, init and every mode=file call
    double import_seconds = 0;  // every mode=import call until the last success
};

// checkauth, init, upload, then mode=import for every file until success; deactivate and
// complete at the end, as 1C 8.3 does. Stops at the first failure.
PushReport pushCatalog(OneCClient& client, const std::vector<ExchangeFile>& files,
                       const CatalogPushOptions& options);

// An archive holding `files` under their names.
std::string zipArchive(const std::vector<ExchangeFile>& files);

// What 1C sends back about one order it received (protocols.md a.5, 1C → site requisites).
struct OrderStatus {
    std::string id;      // the order's Ид as the site sent it
    std::string number;  // the site's Номер
    std::string onec_number;
    std::string onec_date;  // "YYYY-MM-DDThh:mm:ss"
    bool posted = true;
    bool paid = false;
    bool shipped = false;
    bool cancelled = false;
    std::string status;
    std::string comment;  // the Комментарий 1C holds ("" = none written)
};

// A CommerceML 2.08 documents file (UTF-8 with BOM, as 1C writes it) with one Документ per
// status.
std::string orderStatusFile(const std::vector<OrderStatus>& statuses);

// The Ид of every Документ in a mode=query answer, in order.
std::vector<std::string> documentIds(const std::string& query_body);

}  // namespace crmsync::emulator
