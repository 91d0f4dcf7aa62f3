#pragma once
// The few exception types crmsync throws. Kept shallow on purpose: handlers at the boundaries
// (HTTP handler, job run, record) decide by type whether to retry, quarantine or stop.
#include <cstddef>
#include <exception>
#include <stdexcept>
#include <string>

namespace crmsync {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A config or mapping file is wrong; the message names the file and line.
class ConfigError : public Error {
public:
    using Error::Error;
};

// Input that cannot be read at all (malformed XML, wrong encoding, forbidden DTD): the whole
// file is refused. what() reads "file:line: message" so an accountant can find the place.
class InputError : public Error {
public:
    InputError(std::string file, std::size_t line, const std::string& message);
    const std::string& file() const { return file_; }
    std::size_t line() const { return line_; }
    const std::string& reason() const { return reason_; }

private:
    std::string file_;
    std::size_t line_;
    std::string reason_;
};

// The other side refused our credentials or rights (HTTP 401/403): nothing will work until an
// admin fixes them, so a run stops at once instead of trying every object.
class AccessDenied : public Error {
public:
    using Error::Error;
};

// The object changed on the other side since the version crmsync last saw (1C's DataVersion
// no longer matches): writing now would overwrite that change unseen.
class VersionConflict : public Error {
public:
    using Error::Error;
};

// 1C or the database is down or timed out: the run is retried later, nothing is lost.
class ExternalUnavailable : public Error {
public:
    using Error::Error;
};

// The CRM database refused the values of a row (SQLSTATE classes 22 and 23 and a trigger's
// RAISE EXCEPTION on PostgreSQL; a constraint, a trigger's RAISE(ABORT), a type mismatch or a
// value too big on SQLite): the data is wrong for this database, the database is not down. An
// import finds the record that caused it and quarantines it (sync/batch_commit.h).
class DataRefused : public Error {
public:
    using Error::Error;
};

// A commit handed to the store's own thread (CrmStore::commitInBackground) failed: nothing of
// that transaction is applied. what() is the failure's own message; cause() is the exception as
// commit() threw it (DataRefused, LeaseLost, ExternalUnavailable, ...).
class PreviousCommitFailed : public Error {
public:
    explicit PreviousCommitFailed(std::exception_ptr cause);
    const std::exception_ptr& cause() const { return cause_; }
    // Whether the cause is a DataRefused: a record of that transaction is to be found.
    bool dataRefused() const;
    [[noreturn]] void rethrowCause() const { std::rethrow_exception(cause_); }

private:
    std::exception_ptr cause_;
};

// A job's lease was taken over by another instance (job_leases.h) before its transaction could
// commit: the transaction was rolled back and the job must stop, not retry, on this instance.
class LeaseLost : public Error {
public:
    using Error::Error;
};

}  // namespace crmsync
