#pragma once
// The engine's ObjectSetReader over 1C's standard OData interface: versions are scanned with
// $select=Ref_Key,DataVersion, changed objects are read a few dozen keys per request, and a
// register keyed by its dimensions is read through its SliceLast() virtual table, which gives
// the latest value per key (what a CRM price list wants).
#include <cstddef>
#include <string>

#include "adapters/onec/odata/odata_client.h"
#include "crmcore/object_set_reader.h"

namespace crmsync::odata {

class OdataObjectReader final : public core::ObjectSetReader {
public:
    // `keys_per_request` bounds the "Ref_Key eq … or …" filter of readKeys(): 1C builds a
    // query from it, and web servers cap URL length (IIS 16 KB, Apache 8 KB by default).
    explicit OdataObjectReader(OdataClient& client, std::size_t keys_per_request = 40);

    bool versioned(const core::ObjectSetQuery& query) const override;
    void scanVersions(const core::ObjectSetQuery& query,
                      const std::function<void(const std::string& key,
                                               const std::string& version)>& visit) override;
    void readKeys(const core::ObjectSetQuery& query, const std::vector<std::string>& keys,
                  core::RecordSink& sink) override;
    void readAll(const core::ObjectSetQuery& query, core::RecordSink& sink) override;
    bool periodic(const core::ObjectSetQuery& query) const override;
    void readSince(const core::ObjectSetQuery& query, const std::string& period,
                   core::RecordSink& sink) override;
    std::uint64_t requestCount() const override { return client_.requestCount(); }

private:
    void readWhere(const core::ObjectSetQuery& query, const std::string& filter,
                   core::RecordSink& sink);
    void emit(const core::ObjectSetQuery& query, const Poco::JSON::Object& entity,
              core::RecordSink& sink) const;

    OdataClient& client_;
    std::size_t keys_per_request_;
};

}  // namespace crmsync::odata
