#pragma once
// A temporary file of length-prefixed frames, written front to back and then read back once.
// It lives only as long as its object: the file is unlinked as soon as it is created, so the
// kernel frees it even when the process dies mid-import. Memory stays flat whatever it holds.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>

namespace crmsync::sync {

class SpoolFile {
public:
    // Creates the file in `directory`. Throws crmsync::Error when it cannot.
    explicit SpoolFile(const std::filesystem::path& directory);
    ~SpoolFile();
    SpoolFile(const SpoolFile&) = delete;
    SpoolFile& operator=(const SpoolFile&) = delete;

    // Appends one frame made of `parts`, back to back. Throws crmsync::Error when the disk is
    // full or after rewind().
    void append(std::initializer_list<std::string_view> parts);
    std::uint64_t frames() const { return frames_; }

    // Switches to reading from the first frame.
    void rewind();
    // The next frame into `frame`; false after the last one. Throws crmsync::Error when the
    // file ends inside a frame.
    bool next(std::string& frame);

private:
    std::FILE* file_ = nullptr;
    std::uint64_t frames_ = 0;
    bool reading_ = false;
};

}  // namespace crmsync::sync
