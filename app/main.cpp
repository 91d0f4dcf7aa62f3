// crmsync: the command-line entry. Dispatches to the sub-commands; every failure becomes a
// message on stderr and a non-zero exit code, never an uncaught exception.
#include <algorithm>
#include <iostream>
#include <map>

#include "app/cli_args.h"
#include "app/commands.h"
#include "crmcore/logging.h"

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
          the mapping's reverse rules (documents are posted unless --no-post); fields with
          an open conflict are left alone; an object 1C changed since the last pull is left
          for the next pull, which merges it field by field
  journal --db URL [--entity E] [--key K] [--run N] [--origin O] [--op OP]
          [--by NAME] [--since T] [--until T] [--json]
          print the change journal (JSON: one object per line); every filter given must
          hold: origin 1c, crm or person; op insert, update, link, merge, deactivate,
          export, ack, conflict, resolve, delete, skip, dead-letter, outbox-retry,
          outbox-drop, quarantine-replay, sign-in, sign-out, mapping-check,
          mapping-preview, mapping-save, mapping-rollback, job-trigger; --by: what one person did;
          T a UTC time, 2026-12-01 or 2026-12-01T10:30:00Z (since: at or after; until: before)
  conflicts list --db URL [--status open|resolved|all] [--entity E] [--json]
          the conflict queue (default: open): fields both sides changed differently, each
          with base, CRM and 1C values; resolved ones name the policy or person that decided
  conflicts show --db URL ID [--json]
  conflicts resolve --db URL ID (--take crm | --take onec | --value V) [--by NAME]
          [--comment TEXT]
          settle a conflict, or reverse a policy's decision: the CRM row takes the value now,
          1C at the next exchange; journaled with origin person
  outbox list --db URL [--state pending|dead|all] [--consumer odata|sale] [--entity E]
          [--json]
          CRM changes waiting for 1C (one message per record and way to 1C, later changes
          folded in) and dead letters: what 1C refused too often, with the reason
  outbox retry --db URL (ID | --all-dead) [--by NAME]
          deliver a message (or every dead letter) again at the next push or query
  outbox drop --db URL ID --reason TEXT [--by NAME]
          give up on a message; the reason and the change stay in the journal
  runs --db URL [--job J] [--limit N] [--json]
          the run table, newest first: every job run, skipped fire, catch-up, retry and
          takeover (job, instance, fire time, status, counts, error) and the import and OData
          runs; --json: one object per line
  run --config FILE [--db URL] JOB
          run the [job.JOB] section once, now, under its leases (waits while another instance
          holds them), with its retries; exit code 0 when the run succeeded
  jobs --config FILE [--count N]
          each [job.NAME] section: action, schedule, locks and its next N (default 3) fire times
  migrate --db URL
          create or upgrade the CRM database schema (idempotent)
  user add --db URL --role accountant|admin NAME
          a person of the web UI and the API; the password is read from standard input
          (one line, at least 8 characters), never given as an argument. Accountants read
          orders, journal, quarantine and outbox, settle conflicts and replay; admins also
          manage mappings, jobs and users
  user list --db URL | user remove --db URL NAME | user passwd --db URL NAME
          remove and passwd sign the user out everywhere; passwd reads standard input
  token add --db URL --role accountant|admin NAME
          an API token for scripts (Authorization: Bearer TOKEN), printed once; only its
          SHA-256 is stored

global options:
  --verbose  also log what a command does (which database it opened, migrations applied);
             without it a command logs only warnings and errors. serve logs at the level of
             its config's [log] level (info by default) either way

only migrate, serve, import and odata pull create a database that does not exist yet; the
other commands refuse it (journal --db sqlite://typo.db does not leave a typo.db behind)

database URLs: sqlite:///abs/path/crm.db, sqlite://relative/crm.db,
               postgresql://user@host:port/dbname (password from PGPASSWORD)
)";

// Takes every --verbose out of the words, wherever it stands (before or after the command);
// true when there was one.
bool takeVerbose(std::vector<std::string>& words) {
    auto kept = std::remove(words.begin(), words.end(), std::string("--verbose"));
    bool found = kept != words.end();
    words.erase(kept, words.end());
    return found;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace crmsync::app;
    Words words(argv + 1, argv + argc);
    bool verbose = takeVerbose(words);
    if (words.empty() || words.front() == "--help" || words.front() == "help") {
        std::cout << kUsage;
        return words.empty() ? 2 : 0;
    }
    std::string command = words.front();
    words.erase(words.begin());
    // A command's result is what it prints; its log lines are for --verbose. The daemon sets
    // its own level from its config.
    if (command != "serve") {
        crmsync::core::configureLogging(verbose ? "info" : "warn", "");
    }
    try {
        if (command == "import") {
            return runImport(words);
        }
        if (command == "journal") {
            return runJournal(words);
        }
        if (command == "conflicts") {
            return runConflicts(words);
        }
        if (command == "outbox") {
            return runOutbox(words);
        }
        if (command == "mapping") {
            return runMapping(words);
        }
        if (command == "odata") {
            return runOdata(words);
        }
        if (command == "runs") {
            return runRuns(words);
        }
        if (command == "run") {
            return runRun(words);
        }
        if (command == "jobs") {
            return runJobs(words);
        }
        if (command == "migrate") {
            return runMigrate(words);
        }
        if (command == "serve") {
            return runServe(words, argc, argv);
        }
        if (command == "user") {
            return runUser(words);
        }
        if (command == "token") {
            return runToken(words);
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
