#include "adapters/onec/commerceml/exchange_reply.h"

#include <Poco/TextConverter.h>
#include <Poco/UTF8Encoding.h>
#include <Poco/Windows1251Encoding.h>

namespace crmsync::commerceml {

std::string toWindows1251(const std::string& utf8) {
    Poco::UTF8Encoding from;
    Poco::Windows1251Encoding to;
    Poco::TextConverter converter(from, to, '?');
    std::string out;
    converter.convert(utf8, out);
    return out;
}

ExchangeReply textReply(const std::vector<std::string>& utf8_lines) {
    std::string text;
    for (const auto& line : utf8_lines) {
        text += line;
        text += '\n';
    }
    ExchangeReply reply;
    reply.content_type = "text/plain; charset=windows-1251";
    reply.body = toWindows1251(text);
    return reply;
}

ExchangeReply successReply(const std::string& detail) {
    return detail.empty() ? textReply({"success"}) : textReply({"success", detail});
}

ExchangeReply progressReply(const std::string& detail) { return textReply({"progress", detail}); }

ExchangeReply failureReply(const std::string& reason) { return textReply({"failure", reason}); }

}  // namespace crmsync::commerceml
