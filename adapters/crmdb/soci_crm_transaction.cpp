#include "adapters/crmdb/soci_crm_transaction.h"

namespace crmsync::crmdb {

SociCrmTransaction::SociCrmTransaction(CrmConnection& connection,
                                       core::Durability durability)
    : scope_(connection, durability),
      rows_(scope_),
      bindings_(scope_),
      journal_(scope_),
      quarantine_(scope_),
      order_delivery_(scope_),
      conflicts_(scope_),
      changes_(scope_),
      outbox_(scope_) {}

void SociCrmTransaction::commit() {
    scope_.requireOpen();
    scope_.flushWrites();
    journal_.flush();
    scope_.commit();
}

void SociCrmTransaction::prepareHandOff() {
    scope_.requireOpen();
    if (prepared_) {
        return;
    }
    prepared_ = true;
    if (PgWriteBuffer* writes = scope_.writes()) {
        for (const auto& [spec, rows] : writes->inserted()) {
            scope_.connection().reserveIdsAhead(*spec, rows);
        }
        scope_.connection().setInFlightBindings(writes->writtenBindings());
    }
}

bool SociCrmTransaction::writesMayGoAhead() {
    PgWriteBuffer* writes = scope_.writes();
    return writes != nullptr && !writes->empty() && writes->onlyNewKept();
}

}  // namespace crmsync::crmdb
