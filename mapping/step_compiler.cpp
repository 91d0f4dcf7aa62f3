#include "mapping/step_compiler.h"

#include "crmcore/decimal.h"
#include "mapping/commerceml_paths.h"
#include "mapping/datetime_format.h"

namespace crmsync::mapping {

namespace {

std::vector<std::string> splitWords(const std::string& text) {
    std::vector<std::string> words;
    std::size_t start = 0;
    for (std::size_t bar = text.find('|');; bar = text.find('|', start)) {
        words.push_back(text.substr(start, bar == std::string::npos ? bar : bar - start));
        if (bar == std::string::npos) {
            return words;
        }
        start = bar + 1;
    }
}

std::string text(const model::Step& step, const char* name, const std::string& fallback = "") {
    const auto* a = step.argument(name);
    return a == nullptr ? fallback : a->value;
}

// Steps whose input cannot be told from their output: a field that goes back to 1C through one
// of them must say in <reverse> how the 1C value is built.
bool isIrreversible(const std::string& kind) {
    return kind == "regex-extract" || kind == "concat" || kind == "default" ||
           kind == "constant" || kind == "lookup";
}

}  // namespace

std::optional<SourcePath> compileSourcePath(const model::Attribute& where, const std::string& entity,
                                            bool commerceml, Diagnostics& out) {
    auto segments = parsePath(where.value);
    if (!segments || segments->empty()) {
        out.add(where.at, "invalid source path '" + where.value +
                              "' (expected name/name, name[key='value']/name)");
        return std::nullopt;
    }
    if (!commerceml) {
        return SourcePath(std::move(*segments));
    }
    auto translated = commerceMlRecordPath(entity, *segments);
    if (auto* error = std::get_if<std::string>(&translated)) {
        out.add(where.at, "source '" + where.value + "': " + *error);
        return std::nullopt;
    }
    return SourcePath(std::move(std::get<std::vector<PathSegment>>(translated)));
}

CompiledChain StepCompiler::compile(const std::vector<model::Step>& steps,
                                    const std::string& entity, bool commerceml) {
    CompiledChain chain;
    const model::Step* closing = nullptr;  // a <reference> or <lookup> seen so far
    for (const auto& step : steps) {
        if (closing != nullptr) {
            out_.add(closing->at, "<" + closing->kind + "> must be the last step of the chain");
            closing = nullptr;  // reported once; the chain is refused anyway
        }
        if (isIrreversible(step.kind)) {
            chain.irreversible.push_back(step.kind);
        }
        if (step.kind == "reference") {
            chain.reference_entity = text(step, "entity");
            chain.reference = closing = &step;
            continue;
        }
        if (step.kind == "lookup") {
            chain.lookup = closing = &step;
            continue;
        }
        if (auto transform = compileStep(step, entity, commerceml)) {
            chain.fills_absent = chain.fills_absent || transform->fillsAbsent();
            chain.steps.push_back(std::move(transform));
        }
    }
    return chain;
}

TransformPtr StepCompiler::compileStep(const model::Step& step, const std::string& entity,
                                       bool commerceml) {
    const std::string& kind = step.kind;
    if (kind == "trim") {
        return makeTrim();
    }
    if (kind == "upper") {
        return makeUpper();
    }
    if (kind == "lower") {
        return makeLower();
    }
    if (kind == "replace") {
        return makeReplace(text(step, "from"), text(step, "to"));
    }
    if (kind == "regex-extract") {
        return regexExtract(step);
    }
    if (kind == "decimal") {
        return decimal(step);
    }
    if (kind == "integer") {
        return makeInteger();
    }
    if (kind == "boolean") {
        return boolean(step);
    }
    if (kind == "datetime") {
        return datetime(step);
    }
    if (kind == "concat") {
        return concat(step, entity, commerceml);
    }
    if (kind == "default") {
        return makeDefault(text(step, "value"));
    }
    if (kind == "constant") {
        return makeConstant(text(step, "value"));
    }
    if (kind == "map") {
        return valueMap(step);
    }
    // The XSD admits only the kinds above; a new one added there must be compiled here.
    out_.add(step.at, "unknown transform <" + kind + ">");
    return nullptr;
}

TransformPtr StepCompiler::regexExtract(const model::Step& step) {
    const model::Attribute* pattern = step.argument("pattern");
    std::size_t group = std::stoul(text(step, "group", "0"));
    try {
        std::regex compiled(pattern->value, std::regex::ECMAScript);
        if (group > compiled.mark_count()) {
            const model::Attribute* g = step.argument("group");
            out_.add(g->at, "regex-extract group " + std::to_string(group) + " does not exist: '" +
                                pattern->value + "' has " + std::to_string(compiled.mark_count()) +
                                " group(s)");
            return nullptr;
        }
        return makeRegexExtract(std::move(compiled), group);
    } catch (const std::regex_error& e) {
        out_.add(pattern->at,
                 "invalid regular expression '" + pattern->value + "': " + e.what());
        return nullptr;
    }
}

TransformPtr StepCompiler::decimal(const model::Step& step) {
    const model::Attribute* scale = step.argument("scale");
    if (scale == nullptr) {
        return makeDecimal(std::nullopt);
    }
    // The XSD guarantees an integer; its range is ours to check.
    long long value = std::stoll(scale->value);
    if (value < 0 || value > core::Decimal::kMaxScale) {
        out_.add(scale->at, "decimal scale must be 0.." + std::to_string(core::Decimal::kMaxScale) +
                                ", not " + scale->value);
        return nullptr;
    }
    return makeDecimal(static_cast<int>(value));
}

TransformPtr StepCompiler::boolean(const model::Step& step) {
    return makeBoolean(splitWords(text(step, "true", "true|1|да")),
                       splitWords(text(step, "false", "false|0|нет")));
}

TransformPtr StepCompiler::datetime(const model::Step& step) {
    DateTimeFormat format;
    bool ok = true;
    if (const auto* pattern = step.argument("format")) {
        if (auto problem = checkDateTimePattern(pattern->value)) {
            out_.add(pattern->at, *problem);
            ok = false;
        }
        format.pattern = pattern->value;
    }
    if (const auto* zone = step.argument("zone")) {
        format.utc_offset_minutes = parseUtcOffset(zone->value);
        if (!format.utc_offset_minutes) {
            out_.add(zone->at, "invalid zone '" + zone->value +
                                   "' (expected a UTC offset such as +03:00, or UTC)");
            ok = false;
        }
    }
    return ok ? makeDateTime(std::move(format)) : nullptr;
}

TransformPtr StepCompiler::concat(const model::Step& step, const std::string& entity,
                                  bool commerceml) {
    std::vector<ConcatPart> parts;
    bool ok = true;
    for (const auto& part : step.parts) {
        const auto* source = part.argument("source");
        const auto* literal = part.argument("text");
        ConcatPart compiled;
        if (source != nullptr && literal != nullptr) {
            out_.add(part.at, "a concat part takes source or text, not both");
            ok = false;
        } else if (source != nullptr) {
            auto path = compileSourcePath(*source, entity, commerceml, out_);
            ok = ok && path.has_value();
            compiled.kind = ConcatPart::Kind::Source;
            compiled.source = path ? std::move(*path) : SourcePath();
        } else if (literal != nullptr) {
            compiled.kind = ConcatPart::Kind::Text;
            compiled.text = literal->value;
        }
        parts.push_back(std::move(compiled));
    }
    return ok ? makeConcat(text(step, "separator"), std::move(parts)) : nullptr;
}

TransformPtr StepCompiler::valueMap(const model::Step& step) {
    const model::Attribute* name = step.argument("name");
    auto it = maps_.find(name->value);
    if (it == maps_.end()) {
        std::string declared;
        for (const auto& [n, _] : maps_) {
            declared += (declared.empty() ? "" : ", ") + n;
        }
        out_.add(name->at, "unknown value-map '" + name->value + "' (declared: " +
                               (declared.empty() ? "none" : declared) + ")");
        return nullptr;
    }
    return makeValueMap(it->second);
}

}  // namespace crmsync::mapping
