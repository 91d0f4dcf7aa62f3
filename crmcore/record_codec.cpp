#include "crmcore/record_codec.h"

#include <cstring>

#include "crmcore/error.h"
#include "util/fnv1a.h"

namespace crmsync::core {

namespace {

enum class Tag : std::uint8_t { Null, False, True, Integer, Decimal, String, DateTime, List, Nested };

void putSize(std::string& out, std::size_t n) {
    // LEB128: most sizes fit one byte, which keeps the spool of a 100k catalog small.
    do {
        auto byte = static_cast<std::uint8_t>(n & 0x7F);
        n >>= 7;
        if (n != 0) {
            byte |= 0x80;
        }
        out.push_back(static_cast<char>(byte));
    } while (n != 0);
}

void putString(std::string& out, std::string_view s) {
    putSize(out, s.size());
    out.append(s);
}

void putValue(std::string& out, const Value& value);

void putFields(std::string& out, const std::vector<Field>& fields) {
    putSize(out, fields.size());
    for (const auto& field : fields) {
        putString(out, field.name);
        putValue(out, field.value);
    }
}

void putValue(std::string& out, const Value& value) {
    std::visit(
        [&out](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                out.push_back(static_cast<char>(Tag::Null));
            } else if constexpr (std::is_same_v<T, bool>) {
                out.push_back(static_cast<char>(v ? Tag::True : Tag::False));
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                out.push_back(static_cast<char>(Tag::Integer));
                putString(out, std::to_string(v));
            } else if constexpr (std::is_same_v<T, Decimal>) {
                out.push_back(static_cast<char>(Tag::Decimal));
                putString(out, v.toString());
            } else if constexpr (std::is_same_v<T, std::string>) {
                out.push_back(static_cast<char>(Tag::String));
                putString(out, v);
            } else if constexpr (std::is_same_v<T, DateTime>) {
                out.push_back(static_cast<char>(Tag::DateTime));
                putString(out, v.iso);
            } else if constexpr (std::is_same_v<T, List>) {
                out.push_back(static_cast<char>(Tag::List));
                putSize(out, v.size());
                for (const auto& item : v) {
                    putValue(out, item);
                }
            } else {
                out.push_back(static_cast<char>(Tag::Nested));
                putFields(out, v);
            }
        },
        value.data);
}

[[noreturn]] void corrupt() { throw Error("record spool is corrupt"); }

std::size_t getSize(std::string_view& in) {
    std::size_t n = 0;
    int shift = 0;
    while (true) {
        if (in.empty() || shift > 56) {
            corrupt();
        }
        auto byte = static_cast<std::uint8_t>(in.front());
        in.remove_prefix(1);
        n |= static_cast<std::size_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) {
            return n;
        }
        shift += 7;
    }
}

std::string_view getView(std::string_view& in) {
    std::size_t n = getSize(in);
    if (in.size() < n) {
        corrupt();
    }
    std::string_view s = in.substr(0, n);
    in.remove_prefix(n);
    return s;
}

std::string getString(std::string_view& in) { return std::string(getView(in)); }

Value getValue(std::string_view& in);

std::vector<Field> getFields(std::string_view& in) {
    std::size_t n = getSize(in);
    std::vector<Field> fields;
    fields.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::string name = getString(in);
        fields.push_back(Field{std::move(name), getValue(in)});
    }
    return fields;
}

Value getValue(std::string_view& in) {
    if (in.empty()) {
        corrupt();
    }
    auto tag = static_cast<Tag>(in.front());
    in.remove_prefix(1);
    switch (tag) {
        case Tag::Null: return Value{};
        case Tag::False: return Value{false};
        case Tag::True: return Value{true};
        case Tag::Integer: return Value{static_cast<std::int64_t>(std::stoll(getString(in)))};
        case Tag::Decimal: {
            auto d = Decimal::parse(getString(in));
            if (!d) {
                corrupt();
            }
            return Value{*d};
        }
        case Tag::String: return Value{getString(in)};
        case Tag::DateTime: return Value{DateTime{getString(in)}};
        case Tag::List: {
            std::size_t n = getSize(in);
            List list;
            list.reserve(n);
            for (std::size_t i = 0; i < n; ++i) {
                list.push_back(getValue(in));
            }
            return Value{std::move(list)};
        }
        case Tag::Nested: return Value{getFields(in)};
    }
    corrupt();
}

void encodeContent(const Record& record, std::string& out) {
    putString(out, record.entity);
    putString(out, record.key);
    putFields(out, record.fields);
}

// What an encoding holds beyond the content: left out of the hash.
void encodeSource(const Record& record, std::string& out) {
    putString(out, record.source_version);
    putString(out, record.origin.file);
    putSize(out, record.origin.line);
}

}  // namespace

void encodeRecord(const Record& record, std::string& out) {
    encodeContent(record, out);
    encodeSource(record, out);
}

Record decodeRecord(std::string_view& in) {
    Record record;
    record.entity = getString(in);
    record.key = getString(in);
    record.fields = getFields(in);
    record.source_version = getString(in);
    record.origin.file = getString(in);
    record.origin.line = getSize(in);
    return record;
}

namespace {

std::string hashOfContent(std::string_view content) { return util::hex16(util::fnv1a(content)); }

}  // namespace

std::string contentHash(const Record& record) {
    thread_local std::string buffer;
    buffer.clear();
    encodeContent(record, buffer);
    return hashOfContent(buffer);
}

std::string encodeRecordHashed(const Record& record, std::string& out) {
    std::size_t start = out.size();
    encodeContent(record, out);
    std::string hash = hashOfContent(std::string_view(out).substr(start));
    encodeSource(record, out);
    return hash;
}

EncodedKey encodedKey(std::string_view encoded) {
    EncodedKey found;
    found.entity = getView(encoded);
    found.key = getView(encoded);
    return found;
}

}  // namespace crmsync::core
