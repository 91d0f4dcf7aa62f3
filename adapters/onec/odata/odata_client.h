#pragma once
// A client of 1C:Enterprise's standard OData interface (v3, JSON): reading entity sets page by
// page, reading one entity, creating, updating and posting documents. Entities are the JSON
// objects 1C sends, with 1C's own (Russian) property names; turning them into Records is the
// mapping's job.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "adapters/onec/odata/odata_query.h"
#include "adapters/onec/odata/odata_settings.h"
#include "adapters/onec/odata/odata_transport.h"

namespace crmsync::odata {

// Receives one page of entities; the page is gone once the callback returns.
using PageCallback = std::function<void(const Poco::JSON::Array& page)>;

// Every call throws crmsync::Error when 1C refuses it (4xx, with 1C's message; 401/403 as
// "authentication failed") or answers something that is not the expected JSON (the message
// names the URL, never the password), and crmsync::ExternalUnavailable when 1C stays
// unreachable, overloaded or silent through all retries. Not thread-safe; use one client per
// thread.
class OdataClient {
public:
    explicit OdataClient(const OdataSettings& settings, Sleeper sleeper = sleepFor);

    // Reads `entity_set` in pages of settings.page_size with $top/$skip, honouring the query's
    // own $top/$skip as an overall window, and hands each page to `on_page`; stops after the
    // first short page. 1C has no server-side paging token, so rows inserted or deleted during
    // the scan may shift pages: give an $orderby on a stable key (Ref_Key) and treat the scan
    // as a snapshot only when nothing writes meanwhile. Returns the number of entities read.
    std::size_t list(const std::string& entity_set, const OdataQuery& query,
                     const PageCallback& on_page);

    // list(), one entity at a time; throws crmsync::Error when a listed item is not an object.
    std::size_t listObjects(const std::string& entity_set, const OdataQuery& query,
                            const std::function<void(const Poco::JSON::Object&)>& each);

    // The entity with this Ref_Key; throws crmsync::Error (1C's 404) when there is none.
    Poco::JSON::Object::Ptr get(const std::string& entity_set, const std::string& ref_key,
                                const std::vector<std::string>& select = {});

    // Creates an entity and returns it as 1C stored it (with its new Ref_Key and DataVersion).
    // Never sent twice once it went out: a lost answer throws ExternalUnavailable, and the
    // caller must look the entity up by its own key before trying again.
    Poco::JSON::Object::Ptr create(const std::string& entity_set, const Poco::JSON::Object& entity);

    // Changes the given properties of one entity; returns the entity after the change. With
    // `if_match` (the DataVersion last read) 1C refuses, and this throws VersionConflict, when
    // someone changed the entity since.
    Poco::JSON::Object::Ptr update(const std::string& entity_set, const std::string& ref_key,
                                   const Poco::JSON::Object& changes,
                                   const std::string& if_match = {});

    // Posts a document (Document_X) in non-operational mode, as an accountant's "Post" does for a
    // document dated in the past. Posting twice gives the same movements, so it is retried.
    void post(const std::string& document_set, const std::string& ref_key);

    // Requests sent so far, retries included.
    std::uint64_t requestCount() const { return transport_.requestCount(); }

    static void sleepFor(std::chrono::milliseconds delay);

private:
    Poco::JSON::Object::Ptr parseObject(const std::string& what, const std::string& target,
                                        const std::string& body) const;

    std::size_t page_size_;
    OdataTransport transport_;
};

}  // namespace crmsync::odata
