#include "adapters/onec/odata/odata_client.h"

#include <algorithm>
#include <sstream>
#include <thread>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequest.h>

#include "adapters/onec/odata/odata_literals.h"
#include "crmcore/error.h"

namespace crmsync::odata {

namespace {

const std::string kJsonQuery = "?$format=json";

std::string label(const std::string& method, const std::string& entity_set) {
    return method + " " + entity_set;
}

}  // namespace

OdataClient::OdataClient(const OdataSettings& settings, Sleeper sleeper)
    : page_size_(settings.page_size), transport_(settings, std::move(sleeper)) {
    if (page_size_ == 0) {
        throw Error("1C OData: page size must be at least 1");
    }
}

void OdataClient::sleepFor(std::chrono::milliseconds delay) {
    std::this_thread::sleep_for(delay);
}

Poco::JSON::Object::Ptr OdataClient::parseObject(const std::string& what,
                                                 const std::string& target,
                                                 const std::string& body) const {
    Poco::JSON::Object::Ptr object;
    try {
        Poco::JSON::Parser parser;
        object = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& e) {
        throw Error("1C OData " + what + " " + transport_.displayUrl(target) +
                    ": malformed JSON reply: " + e.displayText());
    }
    if (!object) {
        throw Error("1C OData " + what + " " + transport_.displayUrl(target) +
                    ": the reply is not a JSON object");
    }
    return object;
}

std::size_t OdataClient::list(const std::string& entity_set, const OdataQuery& query,
                              const PageCallback& on_page) {
    const std::string what = label("GET", entity_set);
    std::size_t read = 0;
    std::size_t skip = query.skip.value_or(0);
    for (;;) {
        std::size_t want = page_size_;
        if (query.top) {
            if (read >= *query.top) {
                break;
            }
            want = std::min(want, *query.top - read);
        }
        OdataQuery page_query = query;
        page_query.top = want;
        page_query.skip = skip;
        std::string target = resourcePath(entity_set);
        if (!query.virtual_table.empty()) {
            target += '/' + percentEncode(query.virtual_table, "(),='");
        }
        target += queryString(page_query);
        auto reply = transport_.send(Poco::Net::HTTPRequest::HTTP_GET, target, {}, Replay::Safe,
                                     what);
        auto page = parseObject(what, target, reply.body)->getArray("value");
        if (!page) {
            throw Error("1C OData " + what + " " + transport_.displayUrl(target) +
                        ": the reply has no \"value\" array");
        }
        if (page->size() > 0) {
            on_page(*page);
        }
        read += page->size();
        skip += page->size();
        if (page->size() < want) {
            break;
        }
    }
    return read;
}

std::size_t OdataClient::listObjects(
    const std::string& entity_set, const OdataQuery& query,
    const std::function<void(const Poco::JSON::Object&)>& each) {
    return list(entity_set, query, [&](const Poco::JSON::Array& page) {
        for (const auto& item : page) {
            if (item.type() != typeid(Poco::JSON::Object::Ptr)) {
                throw Error("1C OData: " + entity_set + " listed something not an object");
            }
            each(*item.extract<Poco::JSON::Object::Ptr>());
        }
    });
}

Poco::JSON::Object::Ptr OdataClient::get(const std::string& entity_set,
                                         const std::string& ref_key,
                                         const std::vector<std::string>& select) {
    OdataQuery query;
    query.select = select;
    std::string target = resourcePath(entity_set, ref_key) + queryString(query);
    const std::string what = label("GET", entity_set);
    auto reply = transport_.send(Poco::Net::HTTPRequest::HTTP_GET, target, {}, Replay::Safe, what);
    return parseObject(what, target, reply.body);
}

Poco::JSON::Object::Ptr OdataClient::create(const std::string& entity_set,
                                            const Poco::JSON::Object& entity) {
    std::ostringstream body;
    entity.stringify(body);
    std::string target = resourcePath(entity_set) + kJsonQuery;
    const std::string what = label("POST", entity_set);
    auto reply = transport_.send(Poco::Net::HTTPRequest::HTTP_POST, target, body.str(),
                                 Replay::NotAfterSend, what);
    return parseObject(what, target, reply.body);
}

Poco::JSON::Object::Ptr OdataClient::update(const std::string& entity_set,
                                            const std::string& ref_key,
                                            const Poco::JSON::Object& changes,
                                            const std::string& if_match) {
    std::ostringstream body;
    changes.stringify(body);
    std::string target = resourcePath(entity_set, ref_key) + kJsonQuery;
    const std::string what = label("PATCH", entity_set);
    // Setting the same values again leaves the same entity, so a lost answer is simply retried.
    auto reply = transport_.send(Poco::Net::HTTPRequest::HTTP_PATCH, target, body.str(),
                                 Replay::Safe, what, if_match);
    return parseObject(what, target, reply.body);
}

void OdataClient::post(const std::string& document_set, const std::string& ref_key) {
    std::string target =
        resourcePath(document_set, ref_key) + "/Post?PostingModeOperational=false";
    transport_.send(Poco::Net::HTTPRequest::HTTP_POST, target, {}, Replay::Safe,
                    label("POST", document_set + "/Post"));
}

}  // namespace crmsync::odata
