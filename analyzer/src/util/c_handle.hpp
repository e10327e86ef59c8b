// c_handle: a std::unique_ptr with a stateless deleter for any C library handle.
//
// Every C resource csx touches (sqlite3, sqlite3_stmt, xmlParserCtxt, EVP_MD_CTX, FILE)
// has exactly one owner built from this alias, so the matching free function is named
// once, next to the type, and never called by hand elsewhere.
#pragma once

#include <memory>

namespace csx {

template <class T, auto Free>
struct c_deleter {
    void operator()(T* p) const noexcept {
        if (p) Free(p);
    }
};

template <class T, auto Free>
using c_handle = std::unique_ptr<T, c_deleter<T, Free>>;

}  // namespace csx
