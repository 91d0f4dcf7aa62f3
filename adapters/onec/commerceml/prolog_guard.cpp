#include "adapters/onec/commerceml/prolog_guard.h"

namespace crmsync::commerceml {

bool PrologGuard::accept(const char* data, std::size_t size) {
    for (std::size_t i = 0; i < size && state_ != State::Body; ++i) {
        if (!step(data[i])) {
            return false;
        }
    }
    return true;
}

bool PrologGuard::step(char c) {
    if (c == '\n') {
        ++line_;
    }
    switch (state_) {
        case State::Text:
            state_ = c == '<' ? State::AfterLess : State::Text;
            return true;
        case State::AfterLess:
            // Anything but "<?" and "<!" is the root element (or garbage libxml2 will name).
            state_ = c == '?' ? State::Instruction : c == '!' ? State::AfterBang : State::Body;
            return true;
        case State::AfterBang:
            // In a prolog "<!" opens a comment or a DOCTYPE; "<![" (CDATA) is not well-formed
            // there and is left for libxml2 to report.
            if (c == '-') {
                state_ = State::CommentStart;
                return true;
            }
            state_ = State::Body;
            return c == '[';
        case State::CommentStart:
            state_ = c == '-' ? State::Comment : State::Body;
            dashes_ = 0;
            return true;
        case State::Comment:
            if (c == '>' && dashes_ >= 2) {
                state_ = State::Text;
            }
            dashes_ = c == '-' ? dashes_ + 1 : 0;
            return true;
        case State::Instruction:
            if (c == '>' && after_question_) {
                state_ = State::Text;
            }
            after_question_ = c == '?';
            return true;
        case State::Body:
            return true;
    }
    return true;
}

}  // namespace crmsync::commerceml
