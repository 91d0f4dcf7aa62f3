#pragma once
// The neutral Record every layer speaks: what an adapter read from 1C (or the CRM), before and
// after mapping. Plain values, no I/O, comparable as a whole.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "crmcore/decimal.h"

namespace crmsync::core {

// A point in time as ISO-8601 text "YYYY-MM-DDThh:mm:ss" (no zone: 1C writes local time).
struct DateTime {
    std::string iso;
    bool operator==(const DateTime&) const = default;
};

struct Field;
struct Value;
using List = std::vector<Value>;
using Nested = std::vector<Field>;

struct Value {
    using Variant =
        std::variant<std::monostate, bool, std::int64_t, Decimal, std::string, DateTime, List, Nested>;
    Variant data;

    Value() = default;
    Value(bool b) : data(b) {}
    Value(std::int64_t i) : data(i) {}
    Value(Decimal d) : data(std::move(d)) {}
    Value(std::string s) : data(std::move(s)) {}
    Value(const char* s) : data(std::string(s)) {}
    Value(DateTime t) : data(std::move(t)) {}
    Value(List l) : data(std::move(l)) {}
    Value(Nested n) : data(std::move(n)) {}

    bool isNull() const { return std::holds_alternative<std::monostate>(data); }
    bool operator==(const Value& other) const;

    // Scalar as text (decimal canonical, bool "1"/"0", null ""). Lists and nested values are
    // rendered as JSON.
    std::string toText() const;
};

struct Field {
    std::string name;
    Value value;
    bool operator==(const Field&) const = default;
};

// Where a record came from, for quarantine and the journal's lineage.
struct Origin {
    std::string file;
    std::size_t line = 0;
    bool operator==(const Origin&) const = default;
};

struct Record {
    std::string entity;          // journal entity name: "product", "price", ...
    std::string key;             // the 1C key: Ид, "product#variant", "offer|priceType"
    std::vector<Field> fields;   // in source order
    std::string source_version;  // 1C НомерВерсии / DataVersion when known
    Origin origin;

    bool operator==(const Record&) const = default;

    // Null value when the field is absent.
    const Value& get(std::string_view name) const;
    bool has(std::string_view name) const;
    void set(std::string name, Value value);
};

// JSON text of a value (strings escaped, decimals as strings so no reader turns them to floats).
std::string toJson(const Value& value);
std::string toJson(const Nested& fields);
void appendJsonString(std::string& out, std::string_view text);

}  // namespace crmsync::core
