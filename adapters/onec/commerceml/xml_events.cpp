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

void XmlEvents::discardBefore(std::size_t index) {
    if (index == 0) {
        return;
    }
    // Attributes and characters are appended in event order, so the first kept event that has
    // any marks where the kept ones begin. A start tag knows where its attributes begin even
    // when it has none.
    std::size_t first_attribute = attributes_.size();
    std::size_t first_char = chars_.size();
    bool attributes_found = false;
    bool chars_found = false;
    for (std::size_t i = index; i < events_.size() && !(attributes_found && chars_found); ++i) {
        const XmlEvent& event = events_[i];
        if (event.kind == XmlEvent::Kind::Start) {
            if (!attributes_found) {
                first_attribute = event.first;
                attributes_found = true;
            }
            if (!chars_found && event.count > 0) {
                first_char = attributes_[event.first].offset;
                chars_found = true;
            }
        } else if (event.kind == XmlEvent::Kind::Text && !chars_found) {
            first_char = event.first;
            chars_found = true;
        }
    }
    events_.erase(events_.begin(), events_.begin() + static_cast<std::ptrdiff_t>(index));
    for (XmlEvent& event : events_) {
        if (event.kind == XmlEvent::Kind::Start) {
            event.first -= first_attribute;
        } else if (event.kind == XmlEvent::Kind::Text) {
            event.first -= first_char;
        }
    }
    attributes_.erase(attributes_.begin(),
                      attributes_.begin() + static_cast<std::ptrdiff_t>(first_attribute));
    for (XmlEventAttribute& attribute : attributes_) {
        attribute.offset -= first_char;
    }
    chars_.erase(0, first_char);
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
