#pragma once
// One compiled step of a field's chain (trim, decimal, value map, ...). Built once when the
// mapping is loaded, with everything that can be prepared (regexes compiled, maps hashed), so a
// record costs only the work itself. Immutable after construction: safe to share between threads.
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <unordered_map>
#include <vector>

#include "crmcore/record.h"
#include "mapping/source_path.h"

namespace crmsync::mapping {

class Transform {
public:
    virtual ~Transform() = default;
    // Rewrites `value` (null when the record lacks the field). Returns a message for an admin
    // when the value cannot be transformed, e.g. "invalid decimal '12,5x' (...)".
    virtual std::optional<std::string> apply(core::Value& value,
                                             const core::Record& record) const = 0;
    // True for steps that give a value even when the record has none (default, constant).
    virtual bool fillsAbsent() const { return false; }
};

using TransformPtr = std::unique_ptr<const Transform>;

// A declared <value-map>.
struct ValueMapTable {
    enum class Unmapped { Error, Keep, Empty };
    std::string name;
    Unmapped unmapped = Unmapped::Error;
    std::unordered_map<std::string, std::string> entries;
};

// A part of <concat>: the current value, another source path, or fixed text.
struct ConcatPart {
    enum class Kind { Current, Source, Text };
    Kind kind = Kind::Current;
    SourcePath source;
    std::string text;
};

// A UTC offset in minutes, or none: the time is kept as written.
struct DateTimeFormat {
    std::string pattern;  // "" = the forms 1C writes (see normalizeTimestamp)
    std::optional<int> utc_offset_minutes;
};

TransformPtr makeTrim();
TransformPtr makeUpper();
TransformPtr makeLower();
TransformPtr makeReplace(std::string from, std::string to);
TransformPtr makeRegexExtract(std::regex pattern, std::size_t group);
TransformPtr makeDecimal(std::optional<int> scale);
TransformPtr makeInteger();
TransformPtr makeBoolean(std::vector<std::string> true_words, std::vector<std::string> false_words);
TransformPtr makeDateTime(DateTimeFormat format);
TransformPtr makeConcat(std::string separator, std::vector<ConcatPart> parts);
TransformPtr makeDefault(std::string value);
TransformPtr makeConstant(std::string value);
TransformPtr makeValueMap(std::shared_ptr<const ValueMapTable> table);

// Empty in the sense of the mapping: null, or text of blanks only.
bool isEmptyValue(const core::Value& value);

}  // namespace crmsync::mapping
