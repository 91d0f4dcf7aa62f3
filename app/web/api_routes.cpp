#include "app/web/api_routes.h"

namespace crmsync::app::web {

ApiRouter makeApiRouter() {
    ApiRouter router;
    addSessionRoutes(router);
    addOrderRoutes(router);
    addJournalRoutes(router);
    addConflictRoutes(router);
    addQuarantineRoutes(router);
    addOutboxRoutes(router);
    addStatusRoutes(router);
    addJobRoutes(router);
    addMappingRoutes(router);
    return router;
}

}  // namespace crmsync::app::web
