#include "mapping/transform.h"

#include <algorithm>

#include "mapping/datetime_format.h"
#include "mapping/text_case.h"
#include "mapping/value_conversion.h"
#include "util/text.h"

namespace crmsync::mapping {

namespace {

using Outcome = std::optional<std::string>;

constexpr const char* kBlanks = " \t\r\n";

std::string trimmed(const std::string& s) { return std::string(util::trimmed(s)); }

// Text steps work on the text of scalars; lists and nested values are left alone.
template <typename Edit>
class TextStep : public Transform {
public:
    explicit TextStep(Edit edit) : edit_(std::move(edit)) {}
    Outcome apply(core::Value& value, const core::Record&) const override {
        if (auto* s = std::get_if<std::string>(&value.data)) {
            *s = edit_(*s);
        } else if (!value.isNull() && !std::holds_alternative<core::List>(value.data) &&
                   !std::holds_alternative<core::Nested>(value.data)) {
            value = core::Value(edit_(value.toText()));
        }
        return std::nullopt;
    }

private:
    Edit edit_;
};

template <typename Edit>
TransformPtr textStep(Edit edit) {
    return std::make_unique<TextStep<Edit>>(std::move(edit));
}

class RegexExtract : public Transform {
public:
    RegexExtract(std::regex pattern, std::size_t group)
        : pattern_(std::move(pattern)), group_(group) {}
    Outcome apply(core::Value& value, const core::Record&) const override {
        if (value.isNull()) {
            return std::nullopt;
        }
        std::string text = value.toText();
        std::smatch match;
        if (std::regex_search(text, match, pattern_) && match[group_].matched) {
            value = core::Value(match[group_].str());
        } else {
            value = core::Value();
        }
        return std::nullopt;
    }

private:
    std::regex pattern_;
    std::size_t group_;
};

class DecimalStep : public Transform {
public:
    explicit DecimalStep(std::optional<int> scale) : scale_(scale) {}
    Outcome apply(core::Value& value, const core::Record&) const override {
        if (isEmptyValue(value)) {
            value = core::Value();
            return std::nullopt;
        }
        std::string text = value.toText();
        auto parsed = core::Decimal::parse(text);
        if (!parsed) {
            return "invalid decimal '" + text + "' (expected digits with '.' as the separator)";
        }
        if (scale_) {
            parsed = core::Decimal::parse(parsed->toString(*scale_));
        }
        value = core::Value(*parsed);
        return std::nullopt;
    }

private:
    std::optional<int> scale_;
};

class IntegerStep : public Transform {
public:
    Outcome apply(core::Value& value, const core::Record&) const override {
        if (isEmptyValue(value)) {
            value = core::Value();
            return std::nullopt;
        }
        auto converted = convertValue(value, core::ColumnType::Integer);
        if (!converted.ok()) {
            return converted.error().message;
        }
        value = core::Value(static_cast<std::int64_t>(std::stoll(*converted.value())));
        return std::nullopt;
    }
};

class BooleanStep : public Transform {
public:
    BooleanStep(std::vector<std::string> yes, std::vector<std::string> no)
        : yes_(lowered(std::move(yes))), no_(lowered(std::move(no))) {}
    Outcome apply(core::Value& value, const core::Record&) const override {
        if (std::holds_alternative<bool>(value.data)) {
            return std::nullopt;
        }
        if (isEmptyValue(value)) {
            value = core::Value();
            return std::nullopt;
        }
        std::string word = toLowerUtf8(trimmed(value.toText()));
        if (std::find(yes_.begin(), yes_.end(), word) != yes_.end()) {
            value = core::Value(true);
        } else if (std::find(no_.begin(), no_.end(), word) != no_.end()) {
            value = core::Value(false);
        } else {
            return "invalid boolean '" + value.toText() + "' (expected " + join(yes_) + " or " +
                   join(no_) + ")";
        }
        return std::nullopt;
    }

private:
    static std::vector<std::string> lowered(std::vector<std::string> words) {
        for (auto& w : words) {
            w = toLowerUtf8(w);
        }
        return words;
    }
    static std::string join(const std::vector<std::string>& words) {
        std::string out;
        for (const auto& w : words) {
            out += (out.empty() ? "" : "|") + w;
        }
        return out;
    }
    std::vector<std::string> yes_;
    std::vector<std::string> no_;
};

class DateTimeStep : public Transform {
public:
    explicit DateTimeStep(DateTimeFormat format) : format_(std::move(format)) {}
    Outcome apply(core::Value& value, const core::Record&) const override {
        if (isEmptyValue(value)) {
            value = core::Value();
            return std::nullopt;
        }
        std::string text = trimmed(value.toText());
        std::optional<std::string> iso;
        if (format_.pattern.empty()) {
            iso = normalizeTimestamp(text);
            if (iso && iso->empty()) {  // 1C's empty date
                value = core::Value();
                return std::nullopt;
            }
            if (iso && format_.utc_offset_minutes) {
                iso = toUtc(*iso, *format_.utc_offset_minutes);
            }
        } else {
            iso = parseDateTime(text, format_.pattern, format_.utc_offset_minutes);
        }
        if (!iso) {
            return "invalid date '" + text + "' (expected " +
                   (format_.pattern.empty() ? std::string("YYYY-MM-DD[Thh:mm:ss]")
                                            : "the format " + format_.pattern) +
                   ")";
        }
        value = core::Value(core::DateTime{*iso});
        return std::nullopt;
    }

private:
    DateTimeFormat format_;
};

class Concat : public Transform {
public:
    Concat(std::string separator, std::vector<ConcatPart> parts)
        : separator_(std::move(separator)), parts_(std::move(parts)) {}
    Outcome apply(core::Value& value, const core::Record& record) const override {
        std::string out;
        for (const auto& part : parts_) {
            std::string text;
            if (part.kind == ConcatPart::Kind::Text) {
                text = part.text;
            } else if (part.kind == ConcatPart::Kind::Current) {
                text = value.toText();
            } else if (const core::Value* v = part.source.find(record)) {
                text = v->toText();
            }
            if (text.empty()) {
                continue;
            }
            if (!out.empty()) {
                out += separator_;
            }
            out += text;
        }
        value = out.empty() ? core::Value() : core::Value(std::move(out));
        return std::nullopt;
    }
    bool fillsAbsent() const override { return true; }

private:
    std::string separator_;
    std::vector<ConcatPart> parts_;
};

class DefaultStep : public Transform {
public:
    explicit DefaultStep(std::string value) : value_(std::move(value)) {}
    Outcome apply(core::Value& value, const core::Record&) const override {
        if (isEmptyValue(value)) {
            value = core::Value(value_);
        }
        return std::nullopt;
    }
    bool fillsAbsent() const override { return true; }

private:
    std::string value_;
};

class ConstantStep : public Transform {
public:
    explicit ConstantStep(std::string value) : value_(std::move(value)) {}
    Outcome apply(core::Value& value, const core::Record&) const override {
        value = core::Value(value_);
        return std::nullopt;
    }
    bool fillsAbsent() const override { return true; }

private:
    std::string value_;
};

class ValueMapStep : public Transform {
public:
    explicit ValueMapStep(std::shared_ptr<const ValueMapTable> table) : table_(std::move(table)) {}
    Outcome apply(core::Value& value, const core::Record&) const override {
        if (value.isNull()) {
            return std::nullopt;
        }
        std::string text = value.toText();
        auto it = table_->entries.find(text);
        if (it != table_->entries.end()) {
            value = core::Value(it->second);
            return std::nullopt;
        }
        switch (table_->unmapped) {
            case ValueMapTable::Unmapped::Keep: return std::nullopt;
            case ValueMapTable::Unmapped::Empty: value = core::Value(); return std::nullopt;
            case ValueMapTable::Unmapped::Error: break;
        }
        return "value '" + text + "' is not in value-map '" + table_->name + "'";
    }

private:
    std::shared_ptr<const ValueMapTable> table_;
};

}  // namespace

bool isEmptyValue(const core::Value& value) {
    if (value.isNull()) {
        return true;
    }
    const auto* s = std::get_if<std::string>(&value.data);
    return s != nullptr && s->find_first_not_of(kBlanks) == std::string::npos;
}

TransformPtr makeTrim() { return textStep(trimmed); }
TransformPtr makeUpper() { return textStep(toUpperUtf8); }
TransformPtr makeLower() { return textStep(toLowerUtf8); }

TransformPtr makeReplace(std::string from, std::string to) {
    return textStep([from = std::move(from), to = std::move(to)](const std::string& s) {
        std::string out;
        std::size_t start = 0;
        for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, start)) {
            out.append(s, start, pos - start);
            out += to;
            start = pos + from.size();
        }
        out.append(s, start, std::string::npos);
        return out;
    });
}

TransformPtr makeRegexExtract(std::regex pattern, std::size_t group) {
    return std::make_unique<RegexExtract>(std::move(pattern), group);
}
TransformPtr makeDecimal(std::optional<int> scale) { return std::make_unique<DecimalStep>(scale); }
TransformPtr makeInteger() { return std::make_unique<IntegerStep>(); }
TransformPtr makeBoolean(std::vector<std::string> true_words,
                         std::vector<std::string> false_words) {
    return std::make_unique<BooleanStep>(std::move(true_words), std::move(false_words));
}
TransformPtr makeDateTime(DateTimeFormat format) {
    return std::make_unique<DateTimeStep>(std::move(format));
}
TransformPtr makeConcat(std::string separator, std::vector<ConcatPart> parts) {
    return std::make_unique<Concat>(std::move(separator), std::move(parts));
}
TransformPtr makeDefault(std::string value) { return std::make_unique<DefaultStep>(std::move(value)); }
TransformPtr makeConstant(std::string value) {
    return std::make_unique<ConstantStep>(std::move(value));
}
TransformPtr makeValueMap(std::shared_ptr<const ValueMapTable> table) {
    return std::make_unique<ValueMapStep>(std::move(table));
}

}  // namespace crmsync::mapping
