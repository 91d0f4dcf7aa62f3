#pragma once
// CommerceML order documents for 1C's type=sale&mode=query: the CRM orders with their
// counterparty and lines, as Bitrix writes them (protocols.md a.5), encoded in windows-1251
// (what every 1C configuration accepts, b.3). Schema 3.x wraps each Документ in Контейнер, which
// 1C's site-exchange module 6.5+ requires to see the order at all.
#include <string>
#include <vector>

#include "crmcore/crm_store.h"

namespace crmsync::commerceml {

struct OrderDocumentOptions {
    std::string schema_version = "2.08";  // ВерсияСхемы 1C asked for at init
    std::string generated_at;             // ДатаФормирования, "YYYY-MM-DDThh:mm:ss"
};

// The whole reply body: XML prolog, КоммерческаяИнформация and one Документ per order (none:
// the root element alone, as Bitrix answers when nothing changed). Throws crmsync::Error when
// libxml2 cannot write.
std::string writeOrderDocuments(const std::vector<core::OrderDocumentData>& orders,
                                const OrderDocumentOptions& options);

}  // namespace crmsync::commerceml
