#include "app/web/principal.h"

namespace crmsync::app::web {

bool parseRole(const std::string& text, Role& role) {
    if (text == "accountant") {
        role = Role::Accountant;
        return true;
    }
    if (text == "admin") {
        role = Role::Admin;
        return true;
    }
    return false;
}

const char* roleName(Role role) { return role == Role::Admin ? "admin" : "accountant"; }

}  // namespace crmsync::app::web
