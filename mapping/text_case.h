#pragma once
// Upper and lower case for UTF-8 text: Latin and Cyrillic letters (with Ё and the other
// letters of U+0400..U+045F), which is what 1C names contain. Other characters pass unchanged.
#include <string>

namespace crmsync::mapping {

std::string toUpperUtf8(const std::string& text);
std::string toLowerUtf8(const std::string& text);

}  // namespace crmsync::mapping
