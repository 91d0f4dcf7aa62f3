#include "adapters/onec/commerceml/xml_file_input.h"

#include <algorithm>
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
    if (file_ == nullptr) {
        return false;
    }
    // Reads come in blocks of kReadSize already; a stdio buffer would only copy them again.
    std::setvbuf(file_, nullptr, _IONBF, 0);
    return true;
}

std::string_view XmlFileInput::read() {
    if (file_ == nullptr || at_end_ || read_failed_ || doctype_refused_) {
        return {};
    }
    if (next_ == filled_) {
        buffer_.resize(kReadSize);
        filled_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
        next_ = 0;
        if (filled_ < buffer_.size()) {
            read_failed_ = std::ferror(file_) != 0;
            file_ended_ = !read_failed_;
            if (read_failed_) {
                return {};
            }
        }
    }
    const char* data = buffer_.data() + next_;
    std::size_t count = std::min(kChunkSize, filled_ - next_);
    next_ += count;
    at_end_ = file_ended_ && next_ == filled_;
    if (count == 0) {
        return {};
    }
    lines_ += countNewlines(data, count);
    ends_with_newline_ = data[count - 1] == '\n';
    if (!guard_.accept(data, count)) {
        doctype_refused_ = true;
        return {};
    }
    return {data, count};
}

}  // namespace crmsync::commerceml
