#pragma once
// `crmsync serve`: the long-running daemon. A Poco ServerApplication that loads the config,
// opens (and migrates) the CRM database, serves /healthz and 1C's exchange endpoint, runs the
// drop-folder job, and on SIGTERM/SIGINT stops the exchange imports after their current batch,
// then the HTTP server (letting calls in progress answer), then the drop-folder job after its
// current file.
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
