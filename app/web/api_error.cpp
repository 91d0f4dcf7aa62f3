#include "app/web/api_error.h"

#include "app/web/json_fields.h"

namespace crmsync::app::web {

ApiError badField(const std::string& field, const std::string& message) {
    return ApiError(400, "bad_request", message, field);
}

ApiError notFound(const std::string& message) { return ApiError(404, "not_found", message); }

WebResponse errorResponse(int status, const std::string& code, const std::string& message,
                          const std::string& field) {
    JsonFields error;
    error.text("code", code).text("message", message);
    if (field.empty()) {
        error.raw("field", "null");
    } else {
        error.text("field", field);
    }
    return jsonResponse(JsonFields().raw("error", error.done()).done(), status);
}

WebResponse errorResponse(const ApiError& error) {
    return errorResponse(error.status(), error.code(), error.what(), error.field());
}

WebResponse jsonResponse(std::string body, int status) {
    WebResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

}  // namespace crmsync::app::web
