#pragma once
// What the exchange endpoint answers, before HTTP. 1C reads the body line by line: the first
// line is success, progress or failure, the rest goes to its exchange log. Bitrix, the reference
// server, answers in windows-1251; 1C copes with UTF-8 too, but windows-1251 is what every 1C
// configuration reads correctly (protocols.md b.3), so text answers are converted.
#include <string>
#include <utility>
#include <vector>

namespace crmsync::commerceml {

struct ExchangeReply {
    int status = 200;  // 1C looks at the body, not the status; errors still answer 200
    std::string content_type;
    std::string body;  // bytes as sent
    std::vector<std::pair<std::string, std::string>> headers;
};

// "text/plain; charset=windows-1251" with `utf8_lines` joined by "\n". A character windows-1251
// lacks becomes '?'.
ExchangeReply textReply(const std::vector<std::string>& utf8_lines);
ExchangeReply successReply(const std::string& detail = {});
ExchangeReply progressReply(const std::string& detail);
ExchangeReply failureReply(const std::string& reason);

std::string toWindows1251(const std::string& utf8);

}  // namespace crmsync::commerceml
