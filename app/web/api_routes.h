#pragma once
// The groups of /api/v1 endpoints, one file each; makeApiRouter() (api_routes.cpp) adds them
// all.
#include "app/web/api_router.h"

namespace crmsync::app::web {

void addSessionRoutes(ApiRouter& router);
void addOrderRoutes(ApiRouter& router);
void addJournalRoutes(ApiRouter& router);
void addConflictRoutes(ApiRouter& router);
void addQuarantineRoutes(ApiRouter& router);
void addOutboxRoutes(ApiRouter& router);
void addStatusRoutes(ApiRouter& router);
void addJobRoutes(ApiRouter& router);
// The admin's mapping files (mappings_api.cpp), which adds their versions' routes
// (mapping_versions_api.cpp) too.
void addMappingRoutes(ApiRouter& router);
void addMappingVersionRoutes(ApiRouter& router);

}  // namespace crmsync::app::web
