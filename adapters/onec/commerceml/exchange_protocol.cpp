#include "adapters/onec/commerceml/exchange_protocol.h"

#include "crmcore/error.h"
#include "crmcore/logging.h"
#include "util/utc_time.h"

namespace crmsync::commerceml {

namespace {

std::string param(const ExchangeRequest& request, const std::string& name) {
    auto it = request.query.find(name);
    return it == request.query.end() ? std::string() : it->second;
}

// Compares without an early exit, so the time taken says nothing about how much of a guessed
// login or password was right.
bool constantTimeEquals(const std::string& given, const std::string& expected) {
    unsigned char diff = given.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        unsigned char g = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
        diff |= static_cast<unsigned char>(g ^ static_cast<unsigned char>(expected[i]));
    }
    return diff == 0;
}

}  // namespace

ExchangeProtocol::ExchangeProtocol(ExchangeSettings settings, ExchangeBackend& backend,
                                   ExchangeSessions::Clock clock)
    : settings_(std::move(settings)),
      backend_(backend),
      sessions_(settings_.upload_dir, settings_.session_ttl, std::move(clock)) {}

ExchangeReply ExchangeProtocol::handle(const ExchangeRequest& request) {
    std::string type = param(request, "type");
    std::string mode = param(request, "mode");
    auto log = core::logger("exchange");
    try {
        return dispatch(request, type, mode);
    } catch (const InputError& e) {
        log->warn("type={} mode={} filename={} refused: {}", type, mode,
                  param(request, "filename"), e.what());
        return failureReply(e.what());
    } catch (const ExternalUnavailable& e) {
        log->error("type={} mode={} filename={} database unavailable: {}", type, mode,
                   param(request, "filename"), e.what());
        return failureReply("the CRM database is unavailable, try the exchange again later");
    } catch (const std::exception& e) {
        log->error("type={} mode={} filename={} failed: {}", type, mode,
                   param(request, "filename"), e.what());
        return failureReply(std::string("internal error: ") + e.what());
    }
}

ExchangeReply ExchangeProtocol::dispatch(const ExchangeRequest& request, const std::string& type,
                                         const std::string& mode) {
    if (type != "catalog" && type != "sale") {
        return failureReply("unknown exchange type '" + type + "' (expected catalog or sale)");
    }
    if (mode == "checkauth") {
        return checkauth(request, type);
    }
    auto session = sessions_.find(request.cookie, type);
    auto log = core::logger("exchange");
    if (!session) {
        log->warn("type={} mode={} from {}: no valid session cookie", type, mode, request.peer);
        return failureReply(request.cookie.empty()
                                ? "no session cookie: call mode=checkauth first"
                                : "the session has expired or is unknown: call mode=checkauth "
                                  "again");
    }
    std::lock_guard busy(session->busy);
    log->info("session={} type={} mode={} filename={}", session->id, type, mode,
              param(request, "filename"));
    if (mode == "init") {
        return init(*session, request);
    }
    if (mode == "file") {
        return receiveFile(*session, request);
    }
    if (mode == "import") {
        return importFile(*session, request);
    }
    if (type == "catalog" && (mode == "deactivate" || mode == "complete")) {
        // Full packages (СодержитТолькоИзменения=false) already deactivated what they lack
        // during their import; there is nothing left to do at the end of the exchange.
        return successReply();
    }
    if (type == "sale" && mode == "query") {
        return query(*session, request);
    }
    if (type == "sale" && mode == "success") {
        return acknowledge(*session);
    }
    return failureReply("unknown command: mode=" + mode + " for type=" + type);
}

ExchangeReply ExchangeProtocol::checkauth(const ExchangeRequest& request, const std::string& type) {
    auto log = core::logger("exchange");
    if (settings_.user.empty()) {
        log->error("type={} mode=checkauth from {}: refused, no exchange login is configured "
                   "(set CRMSYNC_EXCHANGE_USER and CRMSYNC_EXCHANGE_PASSWORD)",
                   type, request.peer);
        return failureReply("the exchange login is not configured on the server");
    }
    // Both comparisons always run, so a right login with a wrong password takes no less time.
    bool user_ok = request.credentials && constantTimeEquals(request.credentials->first,
                                                             settings_.user);
    bool password_ok = request.credentials && constantTimeEquals(request.credentials->second,
                                                                 settings_.password);
    if (!user_ok || !password_ok) {
        log->warn("type={} mode=checkauth from {}: wrong login or password", type, request.peer);
        return failureReply("wrong login or password");
    }
    auto opened = sessions_.open(type);
    log->info("session={} type={} mode=checkauth from {}: session opened", opened.session->id,
              type, request.peer);
    long long now = util::unixSeconds(std::chrono::system_clock::now());
    ExchangeReply reply = textReply({"success", settings_.cookie_name, opened.cookie,
                                     "sessid=" + opened.session->id,
                                     "timestamp=" + std::to_string(now)});
    reply.headers.emplace_back("Set-Cookie", settings_.cookie_name + "=" + opened.cookie +
                                                 "; Path=" + settings_.path + "; HttpOnly");
    return reply;
}

ExchangeReply ExchangeProtocol::init(ExchangeSession& session, const ExchangeRequest& request) {
    ExchangeSessions::clearUploads(session);
    std::vector<std::string> lines = {"zip=" + std::string(settings_.zip ? "yes" : "no"),
                                      "file_limit=" + std::to_string(settings_.file_limit)};
    std::string version = param(request, "version");
    if (!version.empty()) {
        session.version = version;
        lines.push_back("sessid=" + session.id);
        lines.push_back("version=" + version);
    }
    session.last_batch.clear();
    sessions_.save(session);
    return textReply(lines);
}

}  // namespace crmsync::commerceml
