#pragma once
// Result of a per-record step where failure is normal (a bad record goes to quarantine): the
// caller must look at ok() before taking the value. GCC 12 has no std::expected.
#include <string>
#include <utility>
#include <variant>

namespace crmsync::core {

struct RecordError {
    std::string field;    // source field at fault, "" for the record as a whole
    std::string message;  // for an admin: what is wrong and what was expected

    std::string describe() const { return field.empty() ? message : field + ": " + message; }
};

template <typename T>
class Result {
public:
    Result(T value) : data_(std::move(value)) {}
    Result(RecordError error) : data_(std::move(error)) {}

    bool ok() const { return data_.index() == 0; }
    T& value() { return std::get<0>(data_); }
    const T& value() const { return std::get<0>(data_); }
    const RecordError& error() const { return std::get<1>(data_); }

private:
    std::variant<T, RecordError> data_;
};

}  // namespace crmsync::core
