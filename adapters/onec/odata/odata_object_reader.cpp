#include "adapters/onec/odata/odata_object_reader.h"

#include <map>

#include <Poco/JSON/Array.h>

#include "adapters/onec/odata/odata_literals.h"
#include "adapters/onec/odata/odata_record.h"
#include "crmcore/error.h"

namespace crmsync::odata {

namespace {

const std::string kRefKey = "Ref_Key";
const std::string kDataVersion = "DataVersion";
const std::string kPeriod = "Period";

bool isRegister(const std::string& object_set) {
    return object_set.find("Register_") != std::string::npos;
}

bool keyedByRef(const core::ObjectSetQuery& query) {
    return query.key_fields.size() == 1 && query.key_fields.front() == kRefKey;
}

std::string joined(const std::vector<std::string>& names, const std::string& separator) {
    std::string out;
    for (const auto& name : names) {
        out += out.empty() ? name : separator + name;
    }
    return out;
}

// "(<set filter>) and (<extra>)", either part may be empty.
std::string both(const std::string& set_filter, const std::string& extra) {
    if (set_filter.empty() || extra.empty()) {
        return set_filter.empty() ? extra : set_filter;
    }
    return "(" + set_filter + ") and (" + extra + ")";
}

std::string textOf(const Poco::JSON::Object& entity, const std::string& name) {
    return entity.has(name) && !entity.isNull(name) ? entity.get(name).convert<std::string>()
                                                    : std::string();
}

}  // namespace

OdataObjectReader::OdataObjectReader(OdataClient& client, std::size_t keys_per_request)
    : client_(client), keys_per_request_(std::max<std::size_t>(keys_per_request, 1)) {}

bool OdataObjectReader::versioned(const core::ObjectSetQuery& query) const {
    return keyedByRef(query) && !isRegister(query.object_set);
}

void OdataObjectReader::scanVersions(
    const core::ObjectSetQuery& query,
    const std::function<void(const std::string& key, const std::string& version)>& visit) {
    if (!versioned(query)) {
        throw Error("1C OData: " + query.object_set + " has no versions to scan");
    }
    OdataQuery scan;
    scan.select = {kRefKey, kDataVersion};
    scan.filter = query.filter;
    scan.orderby = kRefKey;  // a stable order keeps $skip paging from skipping or repeating
    client_.listObjects(query.object_set, scan, [&](const Poco::JSON::Object& entity) {
        visit(textOf(entity, kRefKey), textOf(entity, kDataVersion));
    });
}

void OdataObjectReader::readKeys(const core::ObjectSetQuery& query,
                                 const std::vector<std::string>& keys, core::RecordSink& sink) {
    if (!keyedByRef(query)) {
        throw Error("1C OData: " + query.object_set + " cannot be read by Ref_Key");
    }
    for (std::size_t start = 0; start < keys.size(); start += keys_per_request_) {
        std::size_t end = std::min(keys.size(), start + keys_per_request_);
        std::string any;
        for (std::size_t i = start; i < end; ++i) {
            any += (i == start ? "" : " or ") + kRefKey + " eq " + guidLiteral(keys[i]);
        }
        readWhere(query, both(query.filter, any), sink);
    }
}

void OdataObjectReader::readAll(const core::ObjectSetQuery& query, core::RecordSink& sink) {
    readWhere(query, query.filter, sink);
}

bool OdataObjectReader::periodic(const core::ObjectSetQuery& query) const {
    return isRegister(query.object_set) && !keyedByRef(query);
}

void OdataObjectReader::readWhere(const core::ObjectSetQuery& query, const std::string& filter,
                                  core::RecordSink& sink) {
    OdataQuery read;
    read.filter = filter;
    read.orderby = joined(query.key_fields, ",");
    if (periodic(query)) {
        read.virtual_table = "SliceLast()";
    }
    client_.listObjects(query.object_set, read,
                        [&](const Poco::JSON::Object& entity) { emit(query, entity, sink); });
}

void OdataObjectReader::readSince(const core::ObjectSetQuery& query, const std::string& period,
                                  core::RecordSink& sink) {
    if (!periodic(query)) {
        throw Error("1C OData: " + query.object_set + " is not a periodic register");
    }
    OdataQuery read;
    read.filter = both(query.filter, kPeriod + " gt " + datetimeLiteral(core::DateTime{period}));
    read.orderby = kPeriod;
    // Few records follow the last pull; of several for one key, the latest is what the slice
    // would show (the last listed among equal Periods, as 1C orders by Period then line).
    std::map<std::string, Poco::JSON::Object::Ptr> latest;
    std::vector<std::string> order;
    client_.listObjects(query.object_set, read, [&](const Poco::JSON::Object& entity) {
        std::string key = odataKey(entity, query.key_fields);
        auto [slot, fresh] = latest.try_emplace(key);
        if (fresh) {
            order.push_back(key);
        }
        slot->second = new Poco::JSON::Object(entity);
    });
    for (const auto& key : order) {
        emit(query, *latest[key], sink);
    }
}

void OdataObjectReader::emit(const core::ObjectSetQuery& query, const Poco::JSON::Object& entity,
                             core::RecordSink& sink) const {
    core::Record record;
    record.entity = query.entity;
    record.key = odataKey(entity, query.key_fields);
    // A catalog's or document's DataVersion; a register record's Period, which is how far a
    // later pull may skip (readSince).
    record.source_version =
        periodic(query) ? textOf(entity, kPeriod) : textOf(entity, kDataVersion);
    record.origin.file = query.object_set + "(" + record.key + ")";
    if (!record.source_version.empty()) {
        record.origin.file += (periodic(query) ? " Period " : " DataVersion ") +
                              record.source_version;
    }
    std::vector<std::string> sections;
    for (const auto& section : query.sections) {
        sections.push_back(section.section);
    }
    record.fields = odataFields(entity, sections);
    std::string owner = record.origin.file;
    sink.record(std::move(record));

    for (const auto& section : query.sections) {
        auto rows = entity.getArray(section.section);
        if (!rows) {
            // Not selected or not published: the rows stay as they are.
            sink.present(section.entity, odataKey(entity, query.key_fields));
            continue;
        }
        for (const auto& item : *rows) {
            auto row = item.extract<Poco::JSON::Object::Ptr>();
            if (!row) {
                throw Error("1C OData: " + owner + " has a " + section.section +
                            " row that is not an object");
            }
            core::Record line;
            line.entity = section.entity;
            line.key = odataKey(*row, section.key_fields);
            line.fields = odataFields(*row);
            line.origin.file = owner + " " + section.section;
            if (row->has("LineNumber")) {
                line.origin.line = row->get("LineNumber").convert<std::size_t>();
            }
            sink.record(std::move(line));
        }
    }
}

}  // namespace crmsync::odata
