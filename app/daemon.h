#pragma once
// `crmsync serve`: the long-running daemon. A Poco ServerApplication that loads the config,
// opens (and migrates) the CRM database, serves /healthz, runs the drop-folder job, and on
// SIGTERM/SIGINT stops the job after its current file and the HTTP server, in that order.
#include <optional>
#include <string>

#include <Poco/Util/ServerApplication.h>

namespace crmsync::app {

struct ServeOverrides {
    std::string config_path;
    std::optional<std::string> db_url;
    std::optional<std::string> listen;
};

class Daemon : public Poco::Util::ServerApplication {
public:
    explicit Daemon(ServeOverrides overrides);

protected:
    int main(const std::vector<std::string>& args) override;

private:
    ServeOverrides overrides_;
};

}  // namespace crmsync::app
