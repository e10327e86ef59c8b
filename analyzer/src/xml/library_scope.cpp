#include "xml/library_scope.hpp"

#include <libxml/parser.h>

namespace csx::xml {

library_scope::library_scope() {
    xmlInitParser();
}

library_scope::~library_scope() {
    xmlCleanupParser();
}

}  // namespace csx::xml
