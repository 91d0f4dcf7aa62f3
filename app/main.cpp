// crmsync: the command-line entry. Dispatches to the sub-commands; every failure becomes a
// message on stderr and a non-zero exit code, never an uncaught exception.
#include <iostream>
#include <map>

#include "app/cli_args.h"
#include "app/commands.h"

namespace {

const char* kUsage = R"(usage: crmsync COMMAND [OPTIONS]

commands:
  serve   --config FILE [--db URL] [--listen HOST:PORT]
          run the daemon (drop folder, /healthz, 1C exchange endpoint, OData exchange);
          stops cleanly on SIGTERM after the current batch. The 1C exchange login and password come
          from CRMSYNC_EXCHANGE_USER and CRMSYNC_EXCHANGE_PASSWORD
  import  --db URL [--batch N] [--mapping FILE] FILE...
          import CommerceML files (xml, zip or folders) into the CRM database
          (default mapping: the built-in config/mappings/commerceml-ut11.xml)
  mapping check FILE [--db URL]
          check a mapping file (XSD and semantics; with --db also against the database's
          columns); prints every problem as file:line:column: message
  mapping preview --db URL --input FILE [--mapping FILE] [--limit N] [--json]
          show what importing the first N (default 20) records of FILE would do to the
          database now: source fields, mapped values, insert / update (before -> after) /
          unchanged / refused; writes nothing
  odata pull --db URL --mapping FILE --url BASE_URL --user USER [--entity E]... [--full]
          pull what changed in 1C since the last pull through its standard OData interface
          (BASE_URL: the publication root, e.g. http://host/base/odata/standard.odata);
          objects whose DataVersion did not move are not read; --full reads every object.
          The 1C password comes from CRMSYNC_ONEC_PASSWORD
  odata push --db URL --mapping FILE --url BASE_URL --user USER [--entity E]... [--no-post]
          create or update in 1C what changed in the CRM since it was last exchanged, through
          the mapping's reverse rules (documents are posted unless --no-post); an object
          1C changed since the last pull is written only under crm-wins, else reported as
          a conflict and left for the next pull
  journal --db URL [--entity E] [--key K] [--run N] [--json]
          print the change journal (JSON: one object per line)
  migrate --db URL
          create or upgrade the CRM database schema (idempotent)

database URLs: sqlite:///abs/path/crm.db, sqlite://relative/crm.db,
               postgresql://user@host:port/dbname (password from PGPASSWORD)
)";

}  // namespace

int main(int argc, char** argv) {
    using namespace crmsync::app;
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "help") {
        std::cout << kUsage;
        return argc < 2 ? 2 : 0;
    }
    std::string command = argv[1];
    Words words(argv + 2, argv + argc);
    try {
        if (command == "import") {
            return runImport(words);
        }
        if (command == "journal") {
            return runJournal(words);
        }
        if (command == "mapping") {
            return runMapping(words);
        }
        if (command == "odata") {
            return runOdata(words);
        }
        if (command == "migrate") {
            return runMigrate(words);
        }
        if (command == "serve") {
            return runServe(words, argc, argv);
        }
        std::cerr << "crmsync: unknown command '" << command << "'\n\n" << kUsage;
        return 2;
    } catch (const UsageError& e) {
        std::cerr << "crmsync " << command << ": " << e.what() << "\n\n" << kUsage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "crmsync " << command << ": " << e.what() << "\n";
        return 1;
    }
}
