#pragma once
// Lenient reading of the scalar text 1C writes. Every value leaves the reader as text; these
// functions only undo 1C's habits (padding, "1 234,50", unpadded hours, the empty date "T").
// A value that still does not fit is passed on unchanged, so the mapping quarantines the one
// record with its reason instead of the whole file being refused.
#include <optional>
#include <string>
#include <string_view>

namespace crmsync::commerceml {

// "1 234,50" -> "1234.50": blanks (also no-break spaces) between digits dropped and a lone
// comma taken as the decimal separator. Text that is still not a plain decimal comes back as
// given, for the mapping to refuse.
std::string normalizeDecimal(const std::string& text);

// "2014-06-01T0:36:33" -> "2014-06-01T00:36:33", "2017-08-01" -> "2017-08-01T00:00:00".
// nullopt for what 1C means as "no date": "", "T", "0001-01-01...". Unparseable text comes
// back as given.
std::optional<std::string> normalizeDateTime(const std::string& text);

// "true"/"Да"/"1" -> "true", "false"/"Нет"/"0" -> "false" (case-insensitive for the Latin
// forms); nullopt for ""; anything else comes back as given.
std::optional<std::string> normalizeBoolean(const std::string& text);

}  // namespace crmsync::commerceml
