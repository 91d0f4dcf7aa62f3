#include "crmcore/error.h"

namespace crmsync {

namespace {
std::string locate(const std::string& file, std::size_t line, const std::string& message) {
    std::string text = file;
    if (line > 0) {
        text += ':';
        text += std::to_string(line);
    }
    text += ": ";
    text += message;
    return text;
}
}  // namespace

InputError::InputError(std::string file, std::size_t line, const std::string& message)
    : Error(locate(file, line, message)), file_(std::move(file)), line_(line), reason_(message) {}

}  // namespace crmsync

namespace crmsync {

namespace {

std::string messageOf(const std::exception_ptr& cause) {
    try {
        std::rethrow_exception(cause);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown failure";
    }
}

}  // namespace

PreviousCommitFailed::PreviousCommitFailed(std::exception_ptr cause)
    : Error(messageOf(cause)), cause_(std::move(cause)) {}

bool PreviousCommitFailed::dataRefused() const {
    try {
        std::rethrow_exception(cause_);
    } catch (const DataRefused&) {
        return true;
    } catch (...) {
        return false;
    }
}

}  // namespace crmsync
