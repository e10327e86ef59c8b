// Minimal JSON text writing: escaping and a small append-only builder. Output is UTF-8 with
// control characters escaped, so it is always valid JSON for SQLite's json functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace csx::json {

// Appends `s` as a JSON string literal (with quotes) to `out`.
void append_string(std::string& out, std::string_view s);

inline std::string quote(std::string_view s) {
    std::string out;
    append_string(out, s);
    return out;
}

// Builds one JSON object or array incrementally; commas are handled for the caller.
class builder {
public:
    explicit builder(std::string& out) : out_(out) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    void key(std::string_view k);
    void value(std::string_view s);
    void value(std::int64_t v);
    void value(const std::vector<std::string>& strings);  // an array of strings
    void value_bool(bool v);
    void value_null();
    void raw(std::string_view json);  // an already-encoded JSON value

private:
    void open(char c);
    void close(char c);
    void separate();

    std::string& out_;
    bool need_comma_ = false;
    bool after_key_ = false;
};

}  // namespace csx::json
