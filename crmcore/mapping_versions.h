#pragma once
// The saved versions of the daemon's mapping files (schema migration 8): every text an admin
// put in force from the web UI, numbered 1, 2, ... per mapping, so a mistake can be rolled
// back to any earlier text. Append only: a roll back is a new version with an old text. Each
// call commits on its own. Throws crmsync::ExternalUnavailable when the database is down and
// crmsync::Error otherwise.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crmsync::core {

struct MappingVersion {
    std::string name;          // the mapping's name in the API ("catalog", "odata")
    std::int64_t number = 0;   // 1, 2, ... per name
    std::string path;          // the file it was written to
    std::string content;       // the whole file; left empty by list()
    std::string content_hash;  // SHA-256 hex of content
    std::string saved_at;      // UTC, as the database keeps it
    std::string saved_by;      // the person or API token
    std::string comment;
};

class MappingVersions {
public:
    virtual ~MappingVersions() = default;
    // Stores `version` under the next number of its name (number and saved_at are ignored)
    // and returns it as stored. Throws crmsync::Error when another save took that number at
    // the same moment (the caller may try again).
    virtual MappingVersion add(const MappingVersion& version) = 0;
    // The versions of `name` without their content, newest first.
    virtual std::vector<MappingVersion> list(const std::string& name) = 0;
    // One version with its content; nullopt when there is none of that number.
    virtual std::optional<MappingVersion> find(const std::string& name, std::int64_t number) = 0;
    // The newest version with its content; nullopt when none was saved.
    virtual std::optional<MappingVersion> latest(const std::string& name) = 0;
};

}  // namespace crmsync::core
