// type=sale: mode=query hands 1C the orders it has not acknowledged; mode=success is that
// acknowledgement. Orders count as delivered only at success, so a query whose answer never
// reached 1C sends the same orders again (opencart-exchange1c issue #28 lost them instead).
#include <chrono>

#include "adapters/onec/commerceml/exchange_protocol.h"
#include "adapters/onec/commerceml/order_document_writer.h"
#include "crmcore/logging.h"
#include "util/utc_time.h"

namespace crmsync::commerceml {

namespace {

constexpr const char* kDefaultSchemaVersion = "2.08";

}  // namespace

ExchangeReply ExchangeProtocol::query(ExchangeSession& session, const ExchangeRequest& request) {
    auto asked = request.query.find("version");
    OrderDocumentOptions options;
    options.schema_version = asked != request.query.end() && !asked->second.empty()
                                 ? asked->second
                                 : (session.version.empty() ? kDefaultSchemaVersion
                                                            : session.version);
    options.generated_at = util::utcIsoSeconds(std::chrono::system_clock::now());
    // A batch names one query; the session id keeps batches of parallel exchanges apart.
    std::string batch = session.id.substr(0, 12) + "-" +
                        std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count());
    auto orders = backend_.ordersToSend(batch);
    session.last_batch = batch;
    sessions_.save(session);
    core::logger("exchange")->info("session={} type=sale mode=query: {} orders in batch {}",
                                   session.id, orders.size(), batch);
    ExchangeReply reply;
    reply.content_type = "application/xml; charset=windows-1251";
    reply.body = writeOrderDocuments(orders, options);
    return reply;
}

ExchangeReply ExchangeProtocol::acknowledge(ExchangeSession& session) {
    if (session.last_batch.empty()) {
        return successReply();
    }
    std::size_t acked = backend_.acknowledgeOrders(session.last_batch);
    core::logger("exchange")->info("session={} type=sale mode=success: {} orders of batch {} "
                                   "delivered",
                                   session.id, acked, session.last_batch);
    session.last_batch.clear();
    sessions_.save(session);
    return successReply();
}

}  // namespace crmsync::commerceml
