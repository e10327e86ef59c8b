// value_shape: the shape of an AD object's checked values (schema/016_preflight_screen.sql), so
// the pre-flight rules can screen a few hundred distinct shapes instead of every object.
//
// A shape keeps what the rules' character and position tests read and drops what they do not:
// every run of ASCII letters and digits becomes one 'a' ("john.o'neil@contoso.com" ->
// "a.a'a@a.a"), lengths are rounded up to a multiple of 8 characters, a photo's size up to a
// power of two. Objects of one tenant share a handful of shapes, so the distinct shapes are
// few whatever the dump's size. The shape is a superset screen, never the verdict: a rule keeps
// the shapes its tests could fail and then checks the objects' real values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/statement.hpp"

namespace csx::store {
class db;
}

namespace csx::ingest {

// An ASCII letter or digit: what a shape collapses (every other byte is kept).
inline bool is_ascii_alnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// "john.o'neil@contoso.com" -> "a.a'a@a.a": each run of ASCII letters and digits as one 'a',
// every other character (UTF-8 kept whole) as it is.
std::string collapse_alnum(std::string_view v);
// The same up to the first '@' (included), the rest as written: a UPN keeps its suffix, which
// the non-routable check reads ("a.a@Contoso.local").
std::string collapse_local_part(std::string_view v);
// The first and last characters, each 'a' when an ASCII letter or digit ("  Jane" -> " a").
std::string edges(std::string_view v);
// Length in characters (code points) rounded up to a multiple of 8, divided by 8.
std::int64_t len8(std::string_view v);
// The smallest power of two >= n (0 for 0).
std::int64_t pow2_ceil(std::int64_t n);

// The facts of one object, filled by cs_object_writer::write_values.
struct shape_facts {
    std::string_view object_type;
    std::optional<std::string_view> upn, mail, sam, nickname, target, display, given, sn;
    std::string proxy_chars;  // every character of the smtp proxyAddresses but ASCII letters and
                              // digits, once, in code-point order
    std::string proxy_edges;  // the first and last characters of every proxy address that are
                              // not ASCII letters or digits, once
    std::optional<std::int64_t> proxy_len;  // the longest proxy address, in characters
    std::optional<std::int64_t> certs, smime, photo;
};

// Finds or adds the value_shape row of a set of facts. Distinct shapes are cached (at most
// kCacheLimit; the cache is emptied when full, so memory stays bounded whatever the input).
class value_shape_writer {
public:
    explicit value_shape_writer(store::db& d);
    // At each file's start: a rolled-back file takes its new shapes with it.
    void forget() { cache_.clear(); }
    std::int64_t id_of(const shape_facts& f);

private:
    static constexpr std::size_t kCacheLimit = 1 << 16;
    store::statement insert_;
    std::string key_;
    std::string texts_[8];
    std::unordered_map<std::string, std::int64_t> cache_;
};

}  // namespace csx::ingest
