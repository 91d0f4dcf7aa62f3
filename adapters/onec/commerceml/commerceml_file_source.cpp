#include "adapters/onec/commerceml/commerceml_file_source.h"

#include "adapters/onec/commerceml/commerceml_reader.h"

namespace crmsync::commerceml {

CommerceMlFileSource::CommerceMlFileSource(std::filesystem::path path, std::string display_name)
    : path_(std::move(path)), display_name_(std::move(display_name)) {}

void CommerceMlFileSource::read(core::RecordSink& sink) {
    ReaderOptions options;
    options.display_name = display_name_;
    readCommerceMl(path_.string(), sink, options);
}

}  // namespace crmsync::commerceml
