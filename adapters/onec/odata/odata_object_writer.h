#pragma once
// The engine's ObjectSetWriter over 1C's standard OData interface: POST to create, PATCH with
// If-Match to update, /Post to post a document, a $filter on one property to find an object
// again after a lost answer.
#include "adapters/onec/odata/odata_client.h"
#include "crmcore/object_set_writer.h"

namespace crmsync::odata {

// The JSON body 1C expects for `properties`: decimals as numbers (1C's have at most 15
// significant digits, which a double carries exactly to the text it is written as), dates as
// "YYYY-MM-DDThh:mm:ss", lists of nested rows as tabular sections, a null reference (…_Key) as
// the empty reference and any other null as JSON null.
Poco::JSON::Object::Ptr odataBody(const std::vector<core::Field>& properties);

class OdataObjectWriter final : public core::ObjectSetWriter {
public:
    explicit OdataObjectWriter(OdataClient& client) : client_(client) {}

    std::optional<core::ObjectVersion> findBy(const std::string& object_set,
                                              const std::string& property,
                                              const std::string& value) override;
    std::vector<core::Field> read(const std::string& object_set, const std::string& key,
                                  const std::vector<std::string>& properties) override;
    core::ObjectVersion create(const std::string& object_set,
                               const std::vector<core::Field>& properties) override;
    core::ObjectVersion update(const std::string& object_set, const std::string& key,
                               const std::vector<core::Field>& properties,
                               const std::string& expected_version) override;
    core::ObjectVersion post(const std::string& object_set, const std::string& key) override;
    std::uint64_t requestCount() const override { return client_.requestCount(); }

private:
    OdataClient& client_;
};

}  // namespace crmsync::odata
