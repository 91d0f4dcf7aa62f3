#pragma once
// A 1C object set read on demand (the OData interface): the port through which the engine pulls
// records incrementally. Unlike a file, the set can be asked first for the key and version of
// every object, and then for the records of chosen keys only.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "crmcore/record_sink.h"

namespace crmsync::core {

// A tabular section of the objects of a set, read as records of their own entity together with
// the object that holds them (order lines with their order).
struct SectionQuery {
    std::string entity;                   // "order_line"
    std::string section;                  // "Товары"
    std::vector<std::string> key_fields;  // joined with '|' into Record::key
};

// What one CRM entity reads from 1C.
struct ObjectSetQuery {
    std::string entity;                   // "product"
    std::string object_set;               // "Catalog_Номенклатура"
    std::string filter;                   // extra condition in the set's query language; "" = all
    std::vector<std::string> key_fields;  // joined with '|' into Record::key
    std::vector<SectionQuery> sections;
};

// Throws crmsync::Error when 1C refuses a request or answers something unreadable, and
// crmsync::ExternalUnavailable when 1C stays unreachable through all retries.
class ObjectSetReader {
public:
    virtual ~ObjectSetReader() = default;

    // True when every object of the set carries a version that changes on every write (1C's
    // DataVersion of catalogs and documents), so that scanVersions() can be trusted.
    virtual bool versioned(const ObjectSetQuery& query) const = 0;
    // The key and version of every object of the set, without reading the objects themselves.
    virtual void scanVersions(
        const ObjectSetQuery& query,
        const std::function<void(const std::string& key, const std::string& version)>& visit) = 0;
    // The records of the objects with these keys (keys of vanished objects are left out), each
    // followed by the records of its sections, or by present(section entity, object key) when
    // 1C did not send a section.
    virtual void readKeys(const ObjectSetQuery& query, const std::vector<std::string>& keys,
                          RecordSink& sink) = 0;
    // The records of every object of the set, each followed by its sections as in readKeys().
    // For a register keyed by its dimensions, the latest record per key, with its Period as
    // Record::source_version.
    virtual void readAll(const ObjectSetQuery& query, RecordSink& sink) = 0;

    // True for a periodic register keyed by its dimensions (prices): it has no versions, but
    // readSince() can bring what was recorded after a point in time.
    virtual bool periodic(const ObjectSetQuery& query) const = 0;
    // Of the register records whose Period is after `period` ("YYYY-MM-DDThh:mm:ss"), the
    // latest per key, with its Period as Record::source_version. A record dated back before
    // `period` is not seen: a full read catches it.
    virtual void readSince(const ObjectSetQuery& query, const std::string& period,
                           RecordSink& sink) = 0;

    // Requests sent to 1C so far, for the run's report.
    virtual std::uint64_t requestCount() const = 0;
};

}  // namespace crmsync::core
