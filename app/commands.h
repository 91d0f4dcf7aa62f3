#pragma once
// The crmsync sub-commands. Each takes the words after its name and returns the exit code:
// 0 success, 1 the work failed (message on stderr), 2 wrong usage.
#include <string>
#include <vector>

namespace crmsync::app {

using Words = std::vector<std::string>;

int runMigrate(const Words& words);
int runImport(const Words& words);
int runJournal(const Words& words);
int runConflicts(const Words& words);
int runOutbox(const Words& words);
int runMapping(const Words& words);
int runOdata(const Words& words);
int runRuns(const Words& words);
int runJobs(const Words& words);
int runRun(const Words& words);
int runServe(const Words& words, int argc, char** argv);
int runUser(const Words& words);
int runToken(const Words& words);

}  // namespace crmsync::app
