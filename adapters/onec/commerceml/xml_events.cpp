#include "adapters/onec/commerceml/xml_events.h"

#include <cstring>

namespace crmsync::commerceml {

namespace {

// Without entity substitution (which stays off for safety) libxml2 resolves every reference in
// an attribute value itself but writes a resulting '&' back as "&#38;", leaving its tree
// builder to turn it into '&'. No other '&' can reach us: an undeclared entity is a fatal
// error, and with the DOCTYPE refused nothing can be declared.
void appendAttributeValue(std::string& out, const char* value, std::size_t size) {
    const char* end = value + size;
    const char* amp = static_cast<const char*>(std::memchr(value, '&', size));
    if (amp == nullptr) {
        out.append(value, size);
        return;
    }
    static constexpr std::string_view kEncodedAmp = "&#38;";
    while (amp != nullptr) {
        out.append(value, amp);
        std::string_view rest(amp, static_cast<std::size_t>(end - amp));
        bool encoded = rest.substr(0, kEncodedAmp.size()) == kEncodedAmp;
        out.push_back('&');
        value = amp + (encoded ? kEncodedAmp.size() : 1);
        amp = static_cast<const char*>(
            std::memchr(value, '&', static_cast<std::size_t>(end - value)));
    }
    out.append(value, end);
}

}  // namespace

void XmlEvents::clear() {
    events_.clear();
    attributes_.clear();
    chars_.clear();
}

void XmlEvents::addStart(const char* name, int depth, std::size_t line) {
    events_.push_back({XmlEvent::Kind::Start, depth, line, name, attributes_.size(), 0});
}

void XmlEvents::addAttribute(const char* name, bool namespaced, const char* value,
                             std::size_t size) {
    std::size_t offset = chars_.size();
    appendAttributeValue(chars_, value, size);
    attributes_.push_back({name, namespaced, offset, chars_.size() - offset});
    ++events_.back().count;
}

void XmlEvents::addEnd(const char* name, int depth, std::size_t line) {
    events_.push_back({XmlEvent::Kind::End, depth, line, name, 0, 0});
}

void XmlEvents::addText(const char* text, std::size_t size, int depth, bool continues_run) {
    // The last text event's characters are always at the end of the store: whatever came
    // after it would be the last event.
    if (!continues_run || events_.empty() || events_.back().kind != XmlEvent::Kind::Text) {
        events_.push_back({XmlEvent::Kind::Text, depth, 0, nullptr, chars_.size(), 0});
    }
    chars_.append(text, size);
    events_.back().count += size;
}

}  // namespace crmsync::commerceml
