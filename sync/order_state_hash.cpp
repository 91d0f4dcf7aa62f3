#include "sync/order_state_hash.h"

#include "util/sha256.h"

namespace crmsync::sync {

namespace {

// Unit and record separators cannot occur in the text of a CRM column, so the joined form is
// unambiguous; NULL is told apart from "" by its own marker.
void append(std::string& out, const core::Row& row) {
    for (const auto& column : row) {
        out += column.column;
        out += column.text ? "=" + *column.text : std::string("\x01");
        out += '\x1f';
    }
    out += '\x1e';
}

}  // namespace

std::string orderStateHash(const core::OrderDocumentData& order) {
    std::string text;
    append(text, order.order);
    append(text, order.counterparty);
    for (const auto& line : order.lines) {
        append(text, line.row);
        text += line.product_key;
        text += '\x1e';
    }
    return util::sha256Hex(text);
}

}  // namespace crmsync::sync
