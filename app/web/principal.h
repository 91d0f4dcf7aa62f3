#pragma once
// Who makes a request, and what their role allows.
#include <string>

namespace crmsync::app::web {

enum class Role { Accountant, Admin };

// "accountant" / "admin"; nullopt-like false for anything else.
bool parseRole(const std::string& text, Role& role);
const char* roleName(Role role);

struct Principal {
    std::string name;  // the user, or the API token's name
    Role role = Role::Accountant;
    bool by_session = false;  // a browser's cookie (CSRF rules apply), else a bearer token
    std::string session_hash;
    std::string csrf_token;
};

// Admins may do everything an accountant may.
inline bool allows(Role have, Role need) { return have == Role::Admin || need == Role::Accountant; }

}  // namespace crmsync::app::web
