// crmsync token add: an API token for scripts. It is printed once; the database keeps only
// its SHA-256 (a random 256-bit token needs no slow hash).
#include <iostream>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/web/credentials.h"
#include "app/web/principal.h"
#include "app/web/store_pool.h"

namespace crmsync::app {

int runToken(const Words& words) {
    if (words.empty() || words.front() != "add") {
        throw UsageError("token needs add");
    }
    CliArgs args(Words(words.begin() + 1, words.end()), {"db", "role"}, {});
    if (args.positional().size() != 1 || args.positional().front().empty() ||
        args.positional().front().find_first_of(" \t\r\n\"") != std::string::npos) {
        throw UsageError("expected one token name (no spaces or quotes)");
    }
    std::string name = args.positional().front();
    std::string role = args.required("role");
    web::Role parsed;
    if (!web::parseRole(role, parsed)) {
        throw UsageError("--role '" + role + "': expected accountant or admin");
    }
    auto store = web::openWebStore(args.required("db"));
    std::string token = web::randomToken();
    store->accounts().addToken({name, role}, web::tokenHash(token));
    // The only time the token is shown: the database keeps its hash.
    std::cout << token << "\n";
    std::cerr << "API token " << name << " (" << role
              << ") added; keep it now, it is not shown again\n";
    return 0;
}

}  // namespace crmsync::app
