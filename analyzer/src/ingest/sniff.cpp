#include "ingest/sniff.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "ingest/dsacls_reader.hpp"
#include "ingest/ldif_reader.hpp"
#include "ingest/text_decoder.hpp"

namespace csx::ingest {

std::string_view to_string(input_kind k) {
    switch (k) {
        case input_kind::csexport:
            return "csexport";
        case input_kind::run_history:
            return "run-history";
        case input_kind::connector_config:
            return "connector-config";
        case input_kind::graph_json:
            return "graph-json";
        case input_kind::clixml_runstep:
            return "clixml-runstep";
        case input_kind::dsacls:
            return "dsacls";
        case input_kind::ldif:
            return "ldif";
        case input_kind::clixml_ad:
            return "clixml-ad";
        case input_kind::unknown:
            break;
    }
    return "unknown";
}

std::string_view to_string(archive_format f) {
    switch (f) {
        case archive_format::zip:
            return "zip";
        case archive_format::tar:
            return "tar";
        case archive_format::gzip:
            return "gzip";
        case archive_format::none:
            break;
    }
    return "none";
}

archive_format archive_format_of(std::string_view head) {
    if (head.starts_with("PK\x03\x04") || head.starts_with("PK\x05\x06") ||
        head.starts_with("PK\x07\x08"))
        return archive_format::zip;
    if (head.starts_with("\x1f\x8b")) return archive_format::gzip;
    if (head.size() >= 262 && head.substr(257, 5) == "ustar") return archive_format::tar;
    return archive_format::none;
}

std::string_view to_string(text_encoding e) {
    switch (e) {
        case text_encoding::utf8:
            return "utf-8";
        case text_encoding::utf8_bom:
            return "utf-8-bom";
        case text_encoding::utf16le:
            return "utf-16le";
        case text_encoding::utf16be:
            return "utf-16be";
        case text_encoding::windows1252:
            return "windows-1252";
    }
    return "utf-8";
}

namespace {

text_encoding detect_encoding(std::string_view b, bool whole_file) {
    auto u = [&](std::size_t i) {
        return i < b.size() ? static_cast<unsigned char>(b[i]) : 0x100u;
    };
    if (u(0) == 0xEF && u(1) == 0xBB && u(2) == 0xBF) return text_encoding::utf8_bom;
    if (u(0) == 0xFF && u(1) == 0xFE) return text_encoding::utf16le;
    if (u(0) == 0xFE && u(1) == 0xFF) return text_encoding::utf16be;
    // BOM-less UTF-16: ASCII markup interleaved with NULs.
    if (b.size() >= 4 && u(1) == 0 && u(3) == 0 && u(0) != 0) return text_encoding::utf16le;
    if (b.size() >= 4 && u(0) == 0 && u(2) == 0 && u(1) != 0) return text_encoding::utf16be;
    return valid_utf8_prefix(b, whole_file) ? text_encoding::utf8 : text_encoding::windows1252;
}

std::string_view skip_space(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    return s;
}

// Skips the XML declaration, comments and processing instructions; returns the text at the
// first element (or a DOCTYPE), or empty.
std::string_view first_markup(std::string_view s) {
    for (;;) {
        s = skip_space(s);
        if (s.starts_with("<?")) {
            auto e = s.find("?>");
            if (e == std::string_view::npos) return {};
            s.remove_prefix(e + 2);
        } else if (s.starts_with("<!--")) {
            auto e = s.find("-->");
            if (e == std::string_view::npos) return {};
            s.remove_prefix(e + 3);
        } else {
            return s;
        }
    }
}

std::string element_name(std::string_view s) {
    if (!s.starts_with("<")) return {};
    s.remove_prefix(1);
    std::size_t n = 0;
    while (n < s.size() && !std::isspace(static_cast<unsigned char>(s[n])) && s[n] != '>' &&
           s[n] != '/')
        ++n;
    std::string name(s.substr(0, n));
    auto colon = name.find(':');
    if (colon != std::string::npos) name = name.substr(colon + 1);
    return name;
}

bool declares_utf16(std::string_view s) {
    s = skip_space(s);
    if (!s.starts_with("<?xml")) return false;
    auto end = s.find("?>");
    std::string decl(s.substr(0, end));
    std::transform(decl.begin(), decl.end(), decl.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return decl.find("utf-16") != std::string::npos || decl.find("utf16") != std::string::npos ||
           decl.find("unicode") != std::string::npos;
}

}  // namespace

sniff_result sniff(std::string_view head, bool whole_file) {
    sniff_result r;
    if (head.empty()) {
        r.reason = "the file is empty";
        return r;
    }
    switch (r.archive = archive_format_of(head)) {
        case archive_format::zip:
            r.reason = "a ZIP archive";
            return r;
        case archive_format::tar:
            r.reason = "a tar archive";
            return r;
        case archive_format::gzip:
            r.reason = "a gzip file";
            return r;
        case archive_format::none:
            break;
    }
    r.encoding = detect_encoding(head, whole_file);
    std::string text = decode_sample(head, r.encoding);
    if (text.find('\0') != std::string::npos) {
        r.reason = "a binary file (it contains NUL bytes)";
        return r;
    }
    std::string_view t = skip_space(text);
    if (t.starts_with("{") || t.starts_with("[")) {
        if (t.find("onPremisesProvisioningErrors") != std::string_view::npos) {
            r.kind = input_kind::graph_json;
        } else {
            r.reason =
                "JSON without onPremisesProvisioningErrors (not a Graph provisioning-error export)";
        }
        return r;
    }
    if (looks_like_ldif(t)) {
        r.kind = input_kind::ldif;
        return r;
    }
    if (!t.starts_with("<") && looks_like_dsacls(t)) {
        r.kind = input_kind::dsacls;
        return r;
    }
    if (!t.starts_with("<")) {
        if (t.starts_with("\"ConnectorName\"") || t.starts_with("ConnectorName,")) {
            r.reason =
                "an Export-ADSyncToolsRunHistory RunProfile CSV: ingest the matching *-RunStep.xml";
        } else {
            r.reason = "neither XML nor JSON";
        }
        return r;
    }
    r.declaration_mismatch =
        (r.encoding == text_encoding::utf8 || r.encoding == text_encoding::utf8_bom) &&
        declares_utf16(t);
    std::string_view m = first_markup(t);
    if (m.starts_with("<!DOCTYPE")) {
        // Let the parser refuse it with a precise message: classify by what follows.
        auto gt = m.find('>');
        auto bracket = m.find('[');
        std::size_t end = gt;
        if (bracket != std::string_view::npos && bracket < gt) {
            auto close = m.find("]>");
            end = close == std::string_view::npos ? std::string_view::npos : close + 1;
        }
        m = end == std::string_view::npos ? std::string_view() : first_markup(m.substr(end + 1));
    }
    std::string root = element_name(m);
    if (root == "cs-objects" || root == "cs-object") {
        r.kind = input_kind::csexport;
    } else if (root == "run-history" || root == "run-details") {
        r.kind = input_kind::run_history;
    } else if (root == "ma-data" || root == "saved-ma-configuration") {
        r.kind = input_kind::connector_config;
    } else if (root == "Objs") {
        if (t.find("RunStepResult") != std::string_view::npos) {
            r.kind = input_kind::clixml_runstep;
        } else if (t.find("Microsoft.ActiveDirectory.Management") != std::string_view::npos) {
            r.kind = input_kind::clixml_ad;
        } else {
            r.reason =
                "PowerShell CLIXML holding neither RunStepResult objects "
                "(Export-ADSyncToolsRunHistory *-RunStep.xml) nor ActiveDirectory module objects "
                "(Get-ADUser / Get-ADGroup / Get-ADObject / Get-ADPrincipalGroupMembership ... | "
                "Export-Clixml): only those two are read";
        }
    } else if (root == "mv-data") {
        r.reason =
            "the metaverse configuration (MV.xml of a server configuration export): it holds no "
            "connector, account or error; the connectors are in the other files beside it";
    } else if (root.empty()) {
        r.reason = "XML-like text without a root element";
    } else {
        r.reason = fmt::format("XML with root element <{}>, which is no csx input kind", root);
    }
    return r;
}

}  // namespace csx::ingest
