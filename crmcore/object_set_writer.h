#pragma once
// Writing CRM changes into a 1C object set (the OData interface): the port the push uses.
// Properties are 1C's, named as 1C names them, built by the mapping's reverse rules.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crmcore/record.h"

namespace crmsync::core {

// An object as 1C holds it after a write: its key and the version that write gave it.
struct ObjectVersion {
    std::string key;
    std::string version;
};

// Throws crmsync::Error when 1C refuses a request, crmsync::VersionConflict when an update's
// expected version no longer holds, and crmsync::ExternalUnavailable when 1C is unreachable —
// for create() also when the answer was lost, so the object may or may not exist now.
class ObjectSetWriter {
public:
    virtual ~ObjectSetWriter() = default;

    // The object whose `property` holds exactly `value`; nullopt when there is none.
    virtual std::optional<ObjectVersion> findBy(const std::string& object_set,
                                                const std::string& property,
                                                const std::string& value) = 0;
    // The current values of `properties` of one object.
    virtual std::vector<Field> read(const std::string& object_set, const std::string& key,
                                    const std::vector<std::string>& properties) = 0;
    virtual ObjectVersion create(const std::string& object_set,
                                 const std::vector<Field>& properties) = 0;
    // Sets `properties`; with a non-empty `expected_version`, only if the object still has it.
    virtual ObjectVersion update(const std::string& object_set, const std::string& key,
                                 const std::vector<Field>& properties,
                                 const std::string& expected_version) = 0;
    // Posts a document (Document_X) so it makes its movements; returns its new version.
    virtual ObjectVersion post(const std::string& object_set, const std::string& key) = 0;

    virtual std::uint64_t requestCount() const = 0;
};

}  // namespace crmsync::core
