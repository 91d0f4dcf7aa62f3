#include "adapters/onec/commerceml/xml_file_input.h"

#include <cstring>

namespace crmsync::commerceml {

namespace {

// memchr skips a line at a time, far faster than looking at every byte: 1C writes lines of
// tens of bytes, and generated unloads put a whole item on one.
std::size_t countNewlines(const char* data, std::size_t size) {
    std::size_t count = 0;
    const char* end = data + size;
    while (const void* found = std::memchr(data, '\n', static_cast<std::size_t>(end - data))) {
        ++count;
        data = static_cast<const char*>(found) + 1;
    }
    return count;
}

}  // namespace

XmlFileInput::~XmlFileInput() {
    if (file_ != nullptr) {
        std::fclose(file_);
    }
}

bool XmlFileInput::open(const std::string& path) {
    file_ = std::fopen(path.c_str(), "rb");
    return file_ != nullptr;
}

std::string_view XmlFileInput::read() {
    if (file_ == nullptr || at_end_ || read_failed_ || doctype_refused_) {
        return {};
    }
    buffer_.resize(kChunkSize);
    std::size_t count = std::fread(buffer_.data(), 1, buffer_.size(), file_);
    if (count < buffer_.size()) {
        read_failed_ = std::ferror(file_) != 0;
        at_end_ = !read_failed_;
        if (read_failed_) {
            return {};
        }
    }
    if (count == 0) {
        return {};
    }
    lines_ += countNewlines(buffer_.data(), count);
    ends_with_newline_ = buffer_[count - 1] == '\n';
    if (!guard_.accept(buffer_.data(), count)) {
        doctype_refused_ = true;
        return {};
    }
    return {buffer_.data(), count};
}

}  // namespace crmsync::commerceml
