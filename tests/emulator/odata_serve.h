#pragma once
// `onec-emulator odata-serve`: the emulated 1C OData publication (OdataEmulator seeded with a
// УТ 11 infobase) as a standalone server a person can pull from with `crmsync odata pull`.
#include <string>
#include <vector>

namespace crmsync::emulator {

extern const char* const kOdataServeUsage;

// Serves until SIGINT or SIGTERM, then stops cleanly and returns 0; 2 for a usage error, 1 when
// the server cannot start (e.g. the port is taken). `args` are the words after "odata-serve".
int runOdataServe(const std::vector<std::string>& args);

}  // namespace crmsync::emulator
