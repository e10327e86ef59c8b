// sax_parser: a libxml2 push parser fed in chunks, with secure options, error capture and
// exception-safe callbacks.
//
// Security: no network (XML_PARSE_NONET), no entity substitution, no DTD loading, and any
// DOCTYPE is refused outright: csx's inputs never carry one, and refusing it closes XXE and
// entity-expansion attacks in constant time. libxml2's own limits stay on (no XML_PARSE_HUGE):
// 10 MB per text node, depth 256.
//
// Lifecycle: construct, feed() chunks, finish(). A malformed document is not an exception:
// feed()/finish() return false and failure() says where and why; the handler has received
// every event up to the damage. An exception thrown by the handler is stashed, the parser is
// stopped, and the exception is rethrown from feed()/finish(), so none crosses libxml2.
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/c_handle.hpp"
#include "xml/sax_handler.hpp"

struct _xmlParserCtxt;
extern "C" void xmlFreeParserCtxt(_xmlParserCtxt*);

namespace csx::xml {

struct parse_failure {
    std::int64_t line = 0;
    std::int64_t column = 0;
    std::string message;
};

struct parser_options {
    // Ignore the encoding named in the XML declaration (the bytes were sniffed as UTF-8 but
    // the declaration says UTF-16: a common artefact of re-saving WMI strings).
    bool ignore_declared_encoding = false;
    // Force this encoding (libxml2/iconv name, e.g. "windows-1252"); empty = autodetect.
    std::string force_encoding;
};

class sax_parser {
public:
    sax_parser(sax_handler& handler, std::string_view document_name, parser_options opts = {});
    ~sax_parser();
    sax_parser(const sax_parser&) = delete;
    sax_parser& operator=(const sax_parser&) = delete;

    bool feed(const char* data, std::size_t size);
    bool finish();

    // Called by a handler to reject the document (wrong root, DOCTYPE ...): parsing stops
    // and failure() reports this message at the current position.
    void fail(std::string message);

    const std::optional<parse_failure>& failure() const { return failure_; }
    // libxml2's message when the bytes could not be decoded in the document's encoding (a
    // lone UTF-16 surrogate, an invalid byte sequence), else empty. The parse then stops, and
    // failure() alone would read as a truncated file.
    const std::string& encoding_fault() const { return encoding_fault_; }
    std::int64_t line() const;
    std::int64_t column() const;
    // The name of the encoding libxml2 decodes the document from ("UTF-16LE", "windows-1252"
    // ...), or "" for UTF-8 (its own, no converter) and before the first feed().
    std::string_view encoding_name() const;

private:
    struct callbacks;
    friend struct callbacks;

    bool after_call(int rc);
    void record_failure(std::int64_t line, std::int64_t column, std::string message);

    sax_handler& handler_;
    std::string name_;
    parser_options opts_;
    c_handle<_xmlParserCtxt, xmlFreeParserCtxt> ctxt_;
    std::exception_ptr pending_;
    std::optional<parse_failure> failure_;
    std::string encoding_fault_;
    std::vector<std::string> attr_fixed_;
    std::vector<unsigned char> attr_has_fix_;
    bool started_ = false;
    bool finished_ = false;
};

}  // namespace csx::xml
