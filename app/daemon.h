#pragma once
// `crmsync serve`: the long-running daemon. A Poco ServerApplication that loads the config,
// migrates the CRM database, watches the mapping files, serves /healthz and 1C's exchange with
// site, runs the drop-folder job and the OData exchange, and on SIGTERM/SIGINT stops every
// import, pull and push after its current batch, then the HTTP server (letting calls in
// progress answer), then the jobs. Each step of the start is a function of daemon.cpp.
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
