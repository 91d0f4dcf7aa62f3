#pragma once
// Refuses a document type declaration before libxml2 sees a byte of it. A DOCTYPE is the only
// door to entity expansion (billion laughs) and external entities (XXE); CommerceML never has
// one. Catching it in the raw bytes of the prolog means no entity is ever declared, let alone
// expanded, whatever the parser would otherwise do with it.
#include <cstddef>

namespace crmsync::commerceml {

class PrologGuard {
public:
    // Looks at the next bytes of the document. Returns false when they start a DOCTYPE (or any
    // other "<!" declaration that is not a comment) in the prolog; doctypeLine() then names its
    // line. Once the first element has started, every byte is accepted without a look.
    bool accept(const char* data, std::size_t size);

    std::size_t doctypeLine() const { return line_; }

private:
    enum class State {
        Text,          // between prolog constructs
        AfterLess,     // "<"
        AfterBang,     // "<!"
        CommentStart,  // "<!-"
        Comment,       // inside "<!-- ... -->"
        Instruction,   // inside "<? ... ?>" (the XML declaration too)
        Body           // the root element has started: nothing more to check
    };

    // Advances the state by one byte; false when the byte starts a declaration.
    bool step(char c);

    State state_ = State::Text;
    int dashes_ = 0;               // consecutive '-' inside a comment
    bool after_question_ = false;  // the previous byte of an instruction was '?'
    std::size_t line_ = 1;
};

}  // namespace crmsync::commerceml
