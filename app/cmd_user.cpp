// crmsync user add|list|remove|passwd: the people who may sign in to the web UI and the API.
// A password is read from standard input (one line), never taken as an argument: arguments
// show in ps and in shell history.
#include <iostream>
#include <string>

#include <termios.h>
#include <unistd.h>

#include "app/cli_args.h"
#include "app/commands.h"
#include "app/web/credentials.h"
#include "app/web/principal.h"
#include "app/web/store_pool.h"
#include "crmcore/error.h"

namespace crmsync::app {

namespace {

// At a terminal the typed password is not echoed.
std::string readPassword() {
    bool tty = isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (tty) {
        std::cerr << "password: " << std::flush;
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string password;
    std::getline(std::cin, password);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::cerr << "\n";
    }
    if (!password.empty() && password.back() == '\r') {
        password.pop_back();
    }
    if (password.size() < 8) {
        throw UsageError("the password (read from standard input) must have at least 8 characters");
    }
    return password;
}

std::string oneName(const CliArgs& args, const char* what) {
    if (args.positional().size() != 1) {
        throw UsageError(std::string("expected one ") + what + " name");
    }
    const std::string& name = args.positional().front();
    if (name.empty() || name.size() > 64 ||
        name.find_first_of(" \t\r\n\"\\/") != std::string::npos) {
        throw UsageError("'" + name + "': a " + what +
                         " name is 1 to 64 characters without spaces, quotes or slashes");
    }
    return name;
}

std::string roleOption(const CliArgs& args) {
    std::string role = args.required("role");
    web::Role parsed;
    if (!web::parseRole(role, parsed)) {
        throw UsageError("--role '" + role + "': expected accountant or admin");
    }
    return role;
}

int addUser(const Words& words) {
    CliArgs args(words, {"db", "role"}, {});
    std::string name = oneName(args, "user");
    std::string role = roleOption(args);
    auto store = web::openWebStore(args.required("db"));
    if (store->accounts().findUser(name)) {
        throw Error("user '" + name + "' exists already (change the password with user passwd)");
    }
    std::string hash = web::hashPassword(readPassword());
    store->accounts().addUser({name, role, hash});
    std::cout << "user " << name << " (" << role << ") added\n";
    return 0;
}

int listUsers(const Words& words) {
    CliArgs args(words, {"db"}, {});
    auto store = web::openWebStore(args.required("db"));
    for (const auto& user : store->accounts().listUsers()) {
        std::cout << user.name << "  " << user.role << "\n";
    }
    return 0;
}

int removeUser(const Words& words) {
    CliArgs args(words, {"db"}, {});
    std::string name = oneName(args, "user");
    auto store = web::openWebStore(args.required("db"));
    if (!store->accounts().removeUser(name)) {
        throw Error("no user '" + name + "'");
    }
    std::cout << "user " << name << " removed (signed out everywhere)\n";
    return 0;
}

int changePassword(const Words& words) {
    CliArgs args(words, {"db"}, {});
    std::string name = oneName(args, "user");
    auto store = web::openWebStore(args.required("db"));
    if (!store->accounts().findUser(name)) {
        throw Error("no user '" + name + "'");
    }
    store->accounts().setPassword(name, web::hashPassword(readPassword()));
    std::cout << "password of " << name << " changed (signed out everywhere)\n";
    return 0;
}

}  // namespace

int runUser(const Words& words) {
    if (words.empty()) {
        throw UsageError("user needs add, list, remove or passwd");
    }
    Words rest(words.begin() + 1, words.end());
    if (words.front() == "add") {
        return addUser(rest);
    }
    if (words.front() == "list") {
        return listUsers(rest);
    }
    if (words.front() == "remove") {
        return removeUser(rest);
    }
    if (words.front() == "passwd") {
        return changePassword(rest);
    }
    throw UsageError("user " + words.front() + ": expected add, list, remove or passwd");
}

}  // namespace crmsync::app
