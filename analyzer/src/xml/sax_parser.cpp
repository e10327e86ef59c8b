#include "xml/sax_parser.hpp"

#include <cstdarg>
#include <cstdio>

#include <algorithm>
#include <cstring>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <fmt/format.h>

namespace csx::xml {

namespace {

std::string_view view(const xmlChar* s) {
    return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

std::string trim_message(const char* msg) {
    std::string m = msg ? msg : "unknown XML error";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' '))
        m.pop_back();
    return m;
}

}  // namespace

std::string_view attributes::name(int i) const {
    return view(raw_[i * 5]);
}

std::string_view attributes::value(int i) const {
    if (has_fix_ && has_fix_[i]) return fixed_[i];
    const auto* begin = reinterpret_cast<const char*>(raw_[i * 5 + 3]);
    const auto* end = reinterpret_cast<const char*>(raw_[i * 5 + 4]);
    return {begin, static_cast<std::size_t>(end - begin)};
}

std::string_view attributes::get(std::string_view local_name) const {
    for (int i = 0; i < count_; ++i) {
        if (name(i) == local_name) return value(i);
    }
    return {};
}

// Static trampolines: every libxml2 callback lands here and no exception leaves.
struct sax_parser::callbacks {
    static sax_parser* self(void* ctx) { return static_cast<sax_parser*>(ctx); }

    template <class F>
    static void guarded(void* ctx, F&& f) {
        sax_parser* p = self(ctx);
        if (p->pending_ || p->failure_) return;
        try {
            f(p);
        } catch (...) {
            p->pending_ = std::current_exception();
            xmlStopParser(p->ctxt_.get());
        }
    }

    static void start(void* ctx, const xmlChar* localname, const xmlChar*, const xmlChar*, int,
                      const xmlChar**, int nb_attributes, int, const xmlChar** attrs) {
        guarded(ctx, [&](sax_parser* p) {
            // Undo libxml2's "&#38;" encoding of '&' in attribute values (see attributes).
            bool any = false;
            for (int i = 0; i < nb_attributes && !any; ++i) {
                any = std::memchr(attrs[i * 5 + 3], '&',
                                  static_cast<std::size_t>(attrs[i * 5 + 4] - attrs[i * 5 + 3])) !=
                      nullptr;
            }
            if (!any) {
                attributes a(attrs, nb_attributes);
                p->handler_.start_element(view(localname), a);
                return;
            }
            p->attr_fixed_.resize(static_cast<std::size_t>(nb_attributes));
            p->attr_has_fix_.assign(static_cast<std::size_t>(nb_attributes), 0);
            for (int i = 0; i < nb_attributes; ++i) {
                std::string_view v(reinterpret_cast<const char*>(attrs[i * 5 + 3]),
                                   static_cast<std::size_t>(attrs[i * 5 + 4] - attrs[i * 5 + 3]));
                if (v.find('&') == std::string_view::npos) continue;
                std::string& out = p->attr_fixed_[static_cast<std::size_t>(i)];
                out.clear();
                for (std::size_t k = 0; k < v.size(); ++k) {
                    if (v.compare(k, 5, "&#38;") == 0) {
                        out += '&';
                        k += 4;
                    } else {
                        out += v[k];
                    }
                }
                p->attr_has_fix_[static_cast<std::size_t>(i)] = 1;
            }
            attributes a(attrs, nb_attributes, p->attr_fixed_.data(), p->attr_has_fix_.data());
            p->handler_.start_element(view(localname), a);
        });
    }

    static void end(void* ctx, const xmlChar* localname, const xmlChar*, const xmlChar*) {
        guarded(ctx, [&](sax_parser* p) { p->handler_.end_element(view(localname)); });
    }

    static void chars(void* ctx, const xmlChar* ch, int len) {
        guarded(ctx, [&](sax_parser* p) {
            p->handler_.characters(
                std::string_view(reinterpret_cast<const char*>(ch), static_cast<std::size_t>(len)));
        });
    }

    static void internal_subset(void* ctx, const xmlChar* name, const xmlChar*, const xmlChar*) {
        guarded(ctx, [&](sax_parser* p) {
            p->fail(
                fmt::format("a DOCTYPE declaration (<!DOCTYPE {}>) is not accepted: csx inputs "
                            "never carry one, "
                            "and it can hide external-entity or entity-expansion attacks",
                            view(name)));
        });
    }

    static void ignore_generic(void*, const char*, ...) {}

    // The encoding layer's messages ("input conversion failed due to input error, bytes 0x00
    // 0xD8 0x78 0x00"): kept, so the damage is named as an encoding fault instead of the
    // truncation the parser sees when conversion stops. Nothing here can throw.
    static void generic(void* ctx, const char* msg, ...) {
        sax_parser* p = self(ctx);
        if (!p || p->encoding_fault_.size() > 0) return;
        char buf[256];
        va_list ap;
        va_start(ap, msg);
        const int n = std::vsnprintf(buf, sizeof buf, msg, ap);
        va_end(ap);
        if (n <= 0) return;
        std::string_view m(buf, std::min<std::size_t>(static_cast<std::size_t>(n), sizeof buf - 1));
        while (!m.empty() && (m.back() == '\n' || m.back() == ' '))
            m.remove_suffix(1);
        if (m.find("conversion failed") == std::string_view::npos &&
            m.find("encoding error") == std::string_view::npos)
            return;
        try {
            p->encoding_fault_ = std::string(m);
        } catch (...) {  // out of memory: the plain damage message stays
        }
    }

    static void structured_error(void* ctx, xmlErrorPtr err) {
        sax_parser* p = self(ctx);
        if (!err || p->failure_ || err->level < XML_ERR_FATAL) return;
        p->record_failure(err->line, err->int2, trim_message(err->message));
    }
};

sax_parser::sax_parser(sax_handler& handler, std::string_view document_name, parser_options opts)
    : handler_(handler), name_(document_name), opts_(std::move(opts)) {}

sax_parser::~sax_parser() {
    // The generic handler is per thread and points at this parser: never leave it dangling.
    if (started_) xmlSetGenericErrorFunc(nullptr, &callbacks::ignore_generic);
}

void sax_parser::record_failure(std::int64_t line, std::int64_t column, std::string message) {
    if (!failure_) failure_ = parse_failure{line, column, std::move(message)};
}

void sax_parser::fail(std::string message) {
    record_failure(line(), column(), std::move(message));
    if (ctxt_) xmlStopParser(ctxt_.get());
}

std::int64_t sax_parser::line() const {
    return ctxt_ ? xmlSAX2GetLineNumber(ctxt_.get()) : 0;
}

std::int64_t sax_parser::column() const {
    return ctxt_ ? xmlSAX2GetColumnNumber(ctxt_.get()) : 0;
}

std::string_view sax_parser::encoding_name() const {
    if (!ctxt_ || !ctxt_->input || !ctxt_->input->buf || !ctxt_->input->buf->encoder) return {};
    const char* name = ctxt_->input->buf->encoder->name;
    return name ? std::string_view(name) : std::string_view();
}

bool sax_parser::after_call(int rc) {
    if (pending_) {
        auto e = pending_;
        pending_ = nullptr;
        std::rethrow_exception(e);
    }
    if (failure_) return false;
    if (rc != 0) {
        record_failure(line(), column(), fmt::format("XML parser error {}", rc));
        return false;
    }
    return true;
}

bool sax_parser::feed(const char* data, std::size_t size) {
    if (failure_) return false;
    std::size_t used = 0;
    if (!started_) {
        started_ = true;
        // The encoding layer reports conversion failures without a parser context, through
        // the generic handler (stderr by default): captured as encoding_fault(); the parser
        // reports the damage through serror with its position. Per thread in libxml2, so set
        // where parsing happens (and reset by the destructor).
        xmlSetGenericErrorFunc(this, &callbacks::generic);
        xmlSAXHandler sax;
        std::memset(&sax, 0, sizeof sax);
        sax.initialized = XML_SAX2_MAGIC;
        sax.startElementNs = &callbacks::start;
        sax.endElementNs = &callbacks::end;
        sax.characters = &callbacks::chars;
        sax.ignorableWhitespace = &callbacks::chars;
        sax.cdataBlock = &callbacks::chars;
        sax.internalSubset = &callbacks::internal_subset;
        sax.serror = &callbacks::structured_error;
        // The first bytes let libxml2 detect a BOM / UTF-16 before any parsing happens.
        const bool forced = !opts_.force_encoding.empty();
        used = forced ? 0 : std::min<std::size_t>(size, 4);
        ctxt_.reset(xmlCreatePushParserCtxt(&sax, this, used ? data : nullptr,
                                            static_cast<int>(used), name_.c_str()));
        if (!ctxt_) {
            record_failure(0, 0, "cannot create an XML parser (out of memory?)");
            return false;
        }
        int options = XML_PARSE_NONET;
        if (opts_.ignore_declared_encoding || forced) options |= XML_PARSE_IGNORE_ENC;
        xmlCtxtUseOptions(ctxt_.get(), options);
        if (forced) {
            xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(opts_.force_encoding.c_str());
            if (h) {
                xmlSwitchToEncoding(ctxt_.get(), h);
            } else {
                xmlSwitchEncoding(ctxt_.get(), XML_CHAR_ENCODING_8859_1);
            }
        }
    }
    // xmlParseChunk takes an int size: feed very large buffers in pieces.
    constexpr std::size_t kMaxPiece = 1u << 30;
    while (used < size) {
        std::size_t n = std::min(size - used, kMaxPiece);
        int rc = xmlParseChunk(ctxt_.get(), data + used, static_cast<int>(n), 0);
        used += n;
        if (!after_call(rc)) return false;
    }
    return true;
}

bool sax_parser::finish() {
    if (finished_) return !failure_;
    finished_ = true;
    if (!started_ && !feed("", 0)) return false;
    if (failure_) return false;
    int rc = xmlParseChunk(ctxt_.get(), nullptr, 0, 1);
    if (!after_call(rc)) return false;
    if (!ctxt_->wellFormed) {
        record_failure(line(), column(), "the document is not well-formed XML");
        return false;
    }
    return true;
}

}  // namespace csx::xml
