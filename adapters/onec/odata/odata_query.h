#pragma once
// Building the part of a 1C OData URL after the publication root: the resource path with its
// percent-encoded (UTF-8) entity set name and key, and the query options.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace crmsync::odata {

// The system query options crmsync uses. $format=json is always added: 1C answers Atom XML
// without it.
struct OdataQuery {
    std::vector<std::string> select;  // property names; empty = all
    std::string filter;               // built with the helpers of odata_literals.h
    std::string orderby;              // e.g. "Ref_Key" or "Date desc"
    std::optional<std::size_t> top;
    std::optional<std::size_t> skip;
    // A virtual table of a register, read instead of its records: "SliceLast()" gives the
    // latest record per dimension values. Appended to the path as written.
    std::string virtual_table;
};

// Percent-encodes every byte outside RFC 3986's unreserved set and `keep`.
std::string percentEncode(const std::string& text, const std::string& keep = {});

// "Catalog_%D0%9D..." for a collection; with `ref_key`, "Catalog_...(guid'...')". Throws
// crmsync::Error if ref_key is not a GUID.
std::string resourcePath(const std::string& entity_set, const std::string& ref_key = {});

// "?$format=json&$select=...&$filter=..." with each value percent-encoded.
std::string queryString(const OdataQuery& query);

}  // namespace crmsync::odata
