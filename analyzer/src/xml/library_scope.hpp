// library_scope: libxml2's process-wide init/cleanup, one instance in main().
#pragma once

namespace csx::xml {

class library_scope {
public:
    library_scope();
    ~library_scope();
    library_scope(const library_scope&) = delete;
    library_scope& operator=(const library_scope&) = delete;
};

}  // namespace csx::xml
