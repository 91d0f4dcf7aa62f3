#include "adapters/onec/odata/odata_object_writer.h"

#include <charconv>

#include <Poco/JSON/Array.h>

#include "adapters/onec/odata/odata_literals.h"
#include "adapters/onec/odata/odata_record.h"
#include "crmcore/error.h"

namespace crmsync::odata {

namespace {

const std::string kEmptyRef = "00000000-0000-0000-0000-000000000000";

bool isReference(const std::string& property) {
    return property.size() > 4 && property.compare(property.size() - 4, 4, "_Key") == 0;
}

Poco::Dynamic::Var jsonValue(const std::string& property, const core::Value& value) {
    struct Visitor {
        const std::string& property;
        Poco::Dynamic::Var operator()(std::monostate) const {
            return isReference(property) ? Poco::Dynamic::Var(kEmptyRef) : Poco::Dynamic::Var();
        }
        Poco::Dynamic::Var operator()(bool b) const { return b; }
        Poco::Dynamic::Var operator()(std::int64_t i) const { return i; }
        Poco::Dynamic::Var operator()(const core::Decimal& d) const {
            std::string text = d.toString();
            double number = 0;
            std::from_chars(text.data(), text.data() + text.size(), number);
            return number;
        }
        Poco::Dynamic::Var operator()(const std::string& s) const { return s; }
        Poco::Dynamic::Var operator()(const core::DateTime& t) const { return t.iso; }
        Poco::Dynamic::Var operator()(const core::List& list) const {
            Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
            for (const auto& item : list) {
                array->add(jsonValue(property, item));
            }
            return array;
        }
        Poco::Dynamic::Var operator()(const core::Nested& fields) const {
            return odataBody(fields);
        }
    };
    return std::visit(Visitor{property}, value.data);
}

std::string textOf(const Poco::JSON::Object& entity, const std::string& name) {
    return entity.has(name) && !entity.isNull(name) ? entity.get(name).convert<std::string>()
                                                    : std::string();
}

core::ObjectVersion versionOf(const Poco::JSON::Object& entity) {
    return {textOf(entity, "Ref_Key"), textOf(entity, "DataVersion")};
}

}  // namespace

Poco::JSON::Object::Ptr odataBody(const std::vector<core::Field>& properties) {
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& field : properties) {
        body->set(field.name, jsonValue(field.name, field.value));
    }
    return body;
}

std::optional<core::ObjectVersion> OdataObjectWriter::findBy(const std::string& object_set,
                                                             const std::string& property,
                                                             const std::string& value) {
    OdataQuery query;
    query.select = {"Ref_Key", "DataVersion"};
    query.filter = property + " eq " + stringLiteral(value);
    query.top = 2;
    std::vector<core::ObjectVersion> found;
    client_.listObjects(object_set, query, [&](const Poco::JSON::Object& entity) {
        found.push_back(versionOf(entity));
    });
    if (found.size() > 1) {
        throw Error("1C OData: " + object_set + " has several objects whose " + property +
                    " is '" + value + "'; crmsync cannot tell which one it wrote");
    }
    return found.empty() ? std::nullopt : std::optional(found.front());
}

std::vector<core::Field> OdataObjectWriter::read(const std::string& object_set,
                                                 const std::string& key,
                                                 const std::vector<std::string>& properties) {
    auto entity = client_.get(object_set, key, properties);
    std::vector<core::Field> fields;
    for (const auto& name : properties) {
        fields.push_back({name, entity->has(name) ? odataValue(entity->get(name)) : core::Value()});
    }
    return fields;
}

core::ObjectVersion OdataObjectWriter::create(const std::string& object_set,
                                              const std::vector<core::Field>& properties) {
    auto created = client_.create(object_set, *odataBody(properties));
    auto version = versionOf(*created);
    if (version.key.empty()) {
        throw Error("1C OData: " + object_set + " answered a create without Ref_Key");
    }
    return version;
}

core::ObjectVersion OdataObjectWriter::update(const std::string& object_set,
                                              const std::string& key,
                                              const std::vector<core::Field>& properties,
                                              const std::string& expected_version) {
    return versionOf(*client_.update(object_set, key, *odataBody(properties), expected_version));
}

core::ObjectVersion OdataObjectWriter::post(const std::string& object_set, const std::string& key) {
    client_.post(object_set, key);
    return versionOf(*client_.get(object_set, key, {"Ref_Key", "DataVersion"}));
}

}  // namespace crmsync::odata
