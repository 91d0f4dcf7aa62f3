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

    // Writes out what append() buffered and returns the file's size, which ends with a whole
    // frame: a SpoolTail on another thread may read up to there.
    std::uint64_t publish();

    // Switches to reading from the first frame.
    void rewind();
    // The next frame into `frame`; false after the last one. Throws crmsync::Error when the
    // file ends inside a frame.
    bool next(std::string& frame);

private:
    friend class SpoolTail;

    std::FILE* file_ = nullptr;
    std::uint64_t frames_ = 0;
    bool reading_ = false;
};

// Reads a SpoolFile's frames from the first while another thread may still be appending to it,
// up to a size that thread published; it never moves the writer's file position.
class SpoolTail {
public:
    explicit SpoolTail(const SpoolFile& file);

    // The next frame into `frame` when it ends within the first `published` bytes of the file
    // (a size SpoolFile::publish() returned); false when every such frame has been read.
    bool next(std::uint64_t published, std::string& frame);
    // Bytes of the file taken by the frames read so far.
    std::uint64_t consumed() const { return buffer_start_ + position_; }

private:
    int fd_;
    std::uint64_t buffer_start_ = 0;  // file offset of buffer_[0]
    std::string buffer_;
    std::size_t position_ = 0;  // in buffer_
};

}  // namespace crmsync::sync
