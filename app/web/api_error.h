#pragma once
// The API's one error shape, {"error": {"code", "message", "field"}}, and the exception a
// handler throws to answer with it. The web app turns every ApiError into its response; a
// handler never writes an error body itself.
#include <stdexcept>
#include <string>

#include "app/web/web_types.h"

namespace crmsync::app::web {

class ApiError : public std::runtime_error {
public:
    ApiError(int status, std::string code, const std::string& message, std::string field = "")
        : std::runtime_error(message),
          status_(status),
          code_(std::move(code)),
          field_(std::move(field)) {}
    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::string& field() const { return field_; }

private:
    int status_;
    std::string code_;
    std::string field_;
};

// 400 bad_request naming the field.
ApiError badField(const std::string& field, const std::string& message);
ApiError notFound(const std::string& message);

// The error body; "field" is null when `field` is "".
WebResponse errorResponse(int status, const std::string& code, const std::string& message,
                          const std::string& field = "");
WebResponse errorResponse(const ApiError& error);
WebResponse jsonResponse(std::string body, int status = 200);

}  // namespace crmsync::app::web
