#include "tests/emulator/odata_filter.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <sstream>

namespace crmsync::emulator {

namespace {

enum class LiteralKind { Guid, DateTime, String, Number, Boolean };

struct Literal {
    LiteralKind kind = LiteralKind::String;
    std::string text;  // unquoted
    double number = 0;
};

// Compares a stored property with a literal; nullopt when the property is absent or null, which
// matches no comparison (as SQL NULL does in 1C's query language).
std::optional<int> compare(const Poco::JSON::Object& entity, const std::string& property,
                           const Literal& literal) {
    if (!entity.has(property) || entity.isNull(property)) {
        return std::nullopt;
    }
    const Poco::Dynamic::Var value = entity.get(property);
    switch (literal.kind) {
    case LiteralKind::Number: {
        double stored = value.convert<double>();
        return stored < literal.number ? -1 : (stored > literal.number ? 1 : 0);
    }
    case LiteralKind::Boolean: {
        bool stored = value.convert<bool>();
        bool wanted = literal.text == "true";
        return stored == wanted ? 0 : (stored ? 1 : -1);
    }
    case LiteralKind::Guid:
    case LiteralKind::DateTime:
    case LiteralKind::String:
        // ISO dates and GUIDs order correctly as text. Stored text is compared in place: a
        // key filter is evaluated against every object of a large set.
        if (value.type() == typeid(std::string)) {
            int order = value.extract<std::string>().compare(literal.text);
            return order < 0 ? -1 : (order > 0 ? 1 : 0);
        }
        std::string stored = value.convert<std::string>();
        return stored.compare(literal.text) < 0 ? -1 : (stored == literal.text ? 0 : 1);
    }
    return std::nullopt;
}

class FilterParser {
public:
    explicit FilterParser(const std::string& text) : text_(text) {}

    EntityPredicate parse() {
        EntityPredicate whole = disjunction();
        skipSpaces();
        if (pos_ < text_.size()) {
            fail("expected 'and', 'or' or the end");
        }
        return whole;
    }

private:
    // OData's precedence: not, then and, then or; parentheses group.
    EntityPredicate disjunction() {
        std::vector<EntityPredicate> terms{conjunction()};
        while (nextWordIs("or")) {
            terms.push_back(conjunction());
        }
        if (terms.size() == 1) {
            return terms.front();
        }
        return [terms](const Poco::JSON::Object& entity) {
            return std::any_of(terms.begin(), terms.end(),
                               [&](const auto& term) { return term(entity); });
        };
    }

    EntityPredicate conjunction() {
        std::vector<EntityPredicate> terms{unary()};
        while (nextWordIs("and")) {
            terms.push_back(unary());
        }
        if (terms.size() == 1) {
            return terms.front();
        }
        return [terms](const Poco::JSON::Object& entity) {
            return std::all_of(terms.begin(), terms.end(),
                               [&](const auto& term) { return term(entity); });
        };
    }

    EntityPredicate unary() {
        skipSpaces();
        if (pos_ < text_.size() && text_[pos_] == '(') {
            ++pos_;
            EntityPredicate inner = disjunction();
            skipSpaces();
            if (pos_ >= text_.size() || text_[pos_] != ')') {
                fail("expected ')'");
            }
            ++pos_;
            return inner;
        }
        if (nextWordIs("not")) {
            EntityPredicate inner = unary();
            return [inner](const Poco::JSON::Object& entity) { return !inner(entity); };
        }
        return comparison();
    }

    // Consumes the next word when it is `keyword`.
    bool nextWordIs(const std::string& keyword) {
        std::size_t before = pos_;
        if (word() == keyword) {
            return true;
        }
        pos_ = before;
        return false;
    }

    [[noreturn]] void fail(const std::string& what) const {
        throw QueryError("$filter at position " + std::to_string(pos_ + 1) + ": " + what);
    }

    void skipSpaces() {
        while (pos_ < text_.size() && text_[pos_] == ' ') {
            ++pos_;
        }
    }

    // A property name or keyword: letters (any UTF-8 byte above ASCII, so Cyrillic), digits, _.
    std::string word() {
        skipSpaces();
        std::size_t start = pos_;
        while (pos_ < text_.size()) {
            auto c = static_cast<unsigned char>(text_[pos_]);
            if (std::isalnum(c) == 0 && c != '_' && c < 0x80) {
                break;
            }
            ++pos_;
        }
        return text_.substr(start, pos_ - start);
    }

    std::string quoted() {
        if (pos_ >= text_.size() || text_[pos_] != '\'') {
            fail("expected '");
        }
        std::string out;
        for (++pos_; pos_ < text_.size(); ++pos_) {
            if (text_[pos_] == '\'') {
                if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '\'') {
                    out += '\'';
                    ++pos_;
                    continue;
                }
                ++pos_;
                return out;
            }
            out += text_[pos_];
        }
        fail("unterminated string");
    }

    Literal literal() {
        skipSpaces();
        Literal out;
        if (pos_ < text_.size() && text_[pos_] == '\'') {
            out.text = quoted();
            return out;
        }
        if (pos_ < text_.size() &&
            (std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0 || text_[pos_] == '-')) {
            std::size_t used = 0;
            try {
                out.number = std::stod(text_.substr(pos_), &used);
            } catch (const std::logic_error&) {
                fail("bad number");
            }
            out.kind = LiteralKind::Number;
            pos_ += used;
            return out;
        }
        std::string prefix = word();
        if (prefix == "true" || prefix == "false") {
            out.kind = LiteralKind::Boolean;
            out.text = prefix;
            return out;
        }
        if (prefix == "guid") {
            out.kind = LiteralKind::Guid;
        } else if (prefix == "datetime") {
            out.kind = LiteralKind::DateTime;
        } else {
            fail("expected a literal, found '" + prefix + "'");
        }
        out.text = quoted();
        return out;
    }

    EntityPredicate comparison() {
        std::string property = word();
        if (property.empty()) {
            fail("expected a property name");
        }
        std::string op = word();
        Literal value = literal();
        std::function<bool(int)> test;
        if (op == "eq") {
            test = [](int c) { return c == 0; };
        } else if (op == "ne") {
            test = [](int c) { return c != 0; };
        } else if (op == "gt") {
            test = [](int c) { return c > 0; };
        } else if (op == "ge") {
            test = [](int c) { return c >= 0; };
        } else if (op == "lt") {
            test = [](int c) { return c < 0; };
        } else if (op == "le") {
            test = [](int c) { return c <= 0; };
        } else {
            fail("unknown operator '" + op + "'");
        }
        return [property, value, test](const Poco::JSON::Object& entity) {
            auto result = compare(entity, property, value);
            return result.has_value() && test(*result);
        };
    }

    const std::string& text_;
    std::size_t pos_ = 0;
};

}  // namespace

EntityPredicate parseFilter(const std::string& filter) {
    return FilterParser(filter).parse();
}

std::vector<SortKey> parseOrderBy(const std::string& orderby) {
    std::vector<SortKey> keys;
    std::istringstream parts(orderby);
    std::string part;
    while (std::getline(parts, part, ',')) {
        std::istringstream words(part);
        SortKey key;
        std::string direction;
        std::string extra;
        words >> key.property >> direction >> extra;
        if (key.property.empty() || !extra.empty() ||
            (!direction.empty() && direction != "asc" && direction != "desc")) {
            throw QueryError("$orderby: cannot read '" + part + "'");
        }
        key.descending = direction == "desc";
        keys.push_back(key);
    }
    return keys;
}

bool entityLess(const Poco::JSON::Object& a, const Poco::JSON::Object& b,
                const std::vector<SortKey>& keys) {
    for (const auto& key : keys) {
        Poco::Dynamic::Var x = a.has(key.property) ? a.get(key.property) : Poco::Dynamic::Var();
        Poco::Dynamic::Var y = b.has(key.property) ? b.get(key.property) : Poco::Dynamic::Var();
        int order = 0;
        if (x.isEmpty() || y.isEmpty()) {
            order = x.isEmpty() == y.isEmpty() ? 0 : (x.isEmpty() ? -1 : 1);
        } else if (x.isNumeric() && y.isNumeric()) {
            double dx = x.convert<double>();
            double dy = y.convert<double>();
            order = dx < dy ? -1 : (dx > dy ? 1 : 0);
        } else if (x.type() == typeid(std::string) && y.type() == typeid(std::string)) {
            order = x.extract<std::string>().compare(y.extract<std::string>());
        } else {
            order = x.convert<std::string>().compare(y.convert<std::string>());
        }
        if (order != 0) {
            return key.descending ? order > 0 : order < 0;
        }
    }
    return false;
}

}  // namespace crmsync::emulator
