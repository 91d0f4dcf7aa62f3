#include "crmcore/json_reader.h"

#include <charconv>

namespace crmsync::core {

namespace {

constexpr int kMaxDepth = 64;

class JsonReader {
public:
    explicit JsonReader(std::string_view text) : text_(text) {}

    std::optional<Value> document() {
        auto value = parseValue(0);
        skipBlanks();
        if (!value || pos_ != text_.size()) {
            return std::nullopt;
        }
        return value;
    }

private:
    void skipBlanks() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                       text_[pos_] == '\n' || text_[pos_] == '\r')) {
            ++pos_;
        }
    }

    bool consume(std::string_view word) {
        if (text_.substr(pos_, word.size()) != word) {
            return false;
        }
        pos_ += word.size();
        return true;
    }

    std::optional<Value> parseValue(int depth) {
        skipBlanks();
        if (pos_ >= text_.size() || depth > kMaxDepth) {
            return std::nullopt;
        }
        char c = text_[pos_];
        if (c == '{') {
            return parseObject(depth);
        }
        if (c == '[') {
            return parseArray(depth);
        }
        if (c == '"') {
            auto s = parseString();
            return s ? std::optional<Value>(Value(std::move(*s))) : std::nullopt;
        }
        if (consume("null")) {
            return Value();
        }
        if (consume("true")) {
            return Value(true);
        }
        if (consume("false")) {
            return Value(false);
        }
        return parseNumber();
    }

    std::optional<Value> parseObject(int depth) {
        ++pos_;  // '{'
        Nested members;
        skipBlanks();
        if (consume("}")) {
            return Value(std::move(members));
        }
        while (true) {
            skipBlanks();
            auto name = pos_ < text_.size() && text_[pos_] == '"' ? parseString() : std::nullopt;
            skipBlanks();
            if (!name || !consume(":")) {
                return std::nullopt;
            }
            auto value = parseValue(depth + 1);
            if (!value) {
                return std::nullopt;
            }
            members.push_back({std::move(*name), std::move(*value)});
            skipBlanks();
            if (consume("}")) {
                return Value(std::move(members));
            }
            if (!consume(",")) {
                return std::nullopt;
            }
        }
    }

    std::optional<Value> parseArray(int depth) {
        ++pos_;  // '['
        List items;
        skipBlanks();
        if (consume("]")) {
            return Value(std::move(items));
        }
        while (true) {
            auto value = parseValue(depth + 1);
            if (!value) {
                return std::nullopt;
            }
            items.push_back(std::move(*value));
            skipBlanks();
            if (consume("]")) {
                return Value(std::move(items));
            }
            if (!consume(",")) {
                return std::nullopt;
            }
        }
    }

    std::optional<Value> parseNumber() {
        std::size_t start = pos_;
        if (pos_ < text_.size() && text_[pos_] == '-') {
            ++pos_;
        }
        bool integral = true;
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (c == '.' || c == 'e' || c == 'E' || c == '+') {
                integral = false;
            } else if ((c < '0' || c > '9') && c != '-') {
                break;
            }
            ++pos_;
        }
        std::string_view number = text_.substr(start, pos_ - start);
        if (integral) {
            std::int64_t value = 0;
            auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
            if (ec == std::errc() && end == number.data() + number.size()) {
                return Value(value);
            }
        }
        // Past int64 or with a fraction: exact, as money must be. Exponents are refused.
        auto decimal = Decimal::parse(number);
        return decimal ? std::optional<Value>(Value(std::move(*decimal))) : std::nullopt;
    }

    static void appendUtf8(std::string& out, std::uint32_t code) {
        if (code < 0x80) {
            out.push_back(static_cast<char>(code));
        } else if (code < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (code >> 6)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else if (code < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (code >> 12)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (code >> 18)));
            out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        }
    }

    std::optional<std::uint32_t> hex4() {
        if (pos_ + 4 > text_.size()) {
            return std::nullopt;
        }
        std::uint32_t code = 0;
        auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, code, 16);
        if (ec != std::errc() || end != text_.data() + pos_ + 4) {
            return std::nullopt;
        }
        pos_ += 4;
        return code;
    }

    std::optional<std::string> parseString() {
        ++pos_;  // '"'
        std::string out;
        while (pos_ < text_.size()) {
            char c = text_[pos_++];
            if (c == '"') {
                return out;
            }
            if (c != '\\') {
                out.push_back(c);
                continue;
            }
            if (pos_ >= text_.size()) {
                return std::nullopt;
            }
            char e = text_[pos_++];
            switch (e) {
                case '"': out.push_back('"'); break;
                case '\\': out.push_back('\\'); break;
                case '/': out.push_back('/'); break;
                case 'b': out.push_back('\b'); break;
                case 'f': out.push_back('\f'); break;
                case 'n': out.push_back('\n'); break;
                case 'r': out.push_back('\r'); break;
                case 't': out.push_back('\t'); break;
                case 'u': {
                    auto code = hex4();
                    if (!code) {
                        return std::nullopt;
                    }
                    // A surrogate pair spells one character beyond the basic plane.
                    if (*code >= 0xD800 && *code < 0xDC00 && consume("\\u")) {
                        auto low = hex4();
                        if (!low || *low < 0xDC00 || *low >= 0xE000) {
                            return std::nullopt;
                        }
                        *code = 0x10000 + ((*code - 0xD800) << 10) + (*low - 0xDC00);
                    }
                    appendUtf8(out, *code);
                    break;
                }
                default:
                    return std::nullopt;
            }
        }
        return std::nullopt;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace

std::optional<Value> parseJson(std::string_view text) { return JsonReader(text).document(); }

}  // namespace crmsync::core
