#include "ingest/sniff.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "ingest/dsacls_reader.hpp"
#include "ingest/ldif_reader.hpp"
#include "text/code_page_guess.hpp"
#include "text/text_decoder.hpp"
#include "util/utf8.hpp"

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
        case input_kind::collect_manifest:
            return "collect-manifest";
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
    return utf8::valid(b, whole_file) ? text_encoding::utf8 : text_encoding::windows1252;
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

bool has_line(std::string_view t, auto pred) {
    while (!t.empty()) {
        const auto nl = t.find('\n');
        std::string_view l = skip_space(t.substr(0, nl));
        while (!l.empty() && std::isspace(static_cast<unsigned char>(l.back())))
            l.remove_suffix(1);
        if (pred(l)) return true;
        if (nl == std::string_view::npos) break;
        t.remove_prefix(nl + 1);
    }
    return false;
}

// What a text that is no input kind looks like, so the skip message says what csx took it for
// (not "neither XML nor JSON" for a dsacls excerpt pasted from a ticket).
std::string describe_text(std::string_view t) {
    if (t.starts_with("\"ConnectorName\"") || t.starts_with("ConnectorName,"))
        return "an Export-ADSyncToolsRunHistory RunProfile CSV: ingest the matching *-RunStep.xml";
    if (t.starts_with("\"") && t.find("\":") != std::string_view::npos) {
        // A member copied out of a JSON document: "key": value, ...
        if (t.find("onPremisesProvisioningErrors") != std::string_view::npos)
            return "a fragment of a Graph export (it starts with a member name, not { or [): "
                   "save the whole response, or the objects with ConvertTo-Json -Depth 5";
        return "a JSON fragment (it starts with a member name, not { or [)";
    }
    const bool ace = has_line(t, [](std::string_view l) {
        return (l.starts_with("Allow ") || l.starts_with("Deny ")) &&
               (l.find("SPECIAL ACCESS") != std::string_view::npos ||
                l.find("PROPERTY") != std::string_view::npos ||
                l.find("FULL CONTROL") != std::string_view::npos ||
                l.find("READ PERMISSONS") != std::string_view::npos ||
                l.find("READ PERMISSIONS") != std::string_view::npos ||
                l.find('\\') != std::string_view::npos);
    });
    const bool done =
        has_line(t, [](std::string_view l) { return l == "The command completed successfully"; });
    if (ace || done)
        return "dsacls-like text without an access list (no \"Access list:\" line, or no "
               "\"Owner:\" and \"Group:\" lines): an excerpt cannot show that a grant is missing; "
               "bring the whole output of dsacls \"DN\"";
    if (has_line(t, [](std::string_view l) {
            return l.starts_with("Windows PowerShell transcript start") ||
                   l.starts_with("PowerShell transcript start");
        }))
        return "a PowerShell transcript without dsacls output (no \"Access list:\")";
    const auto first = t.substr(0, t.find('\n'));
    if (std::count(first.begin(), first.end(), ',') >= 2)
        return fmt::format(
            "CSV text (first line: {}): csx reads no CSV; export AD objects "
            "with Export-Clixml or ldifde instead",
            first.size() > 80 ? std::string(first.substr(0, 80)) + "..." : std::string(first));
    return "text that is no csx input kind (not dsacls output, LDIF, XML or JSON)";
}

// cmd's `dsacls "<DN>" > out.txt` writes the console's OEM code page: 850 in Western Europe,
// 437 in the US; a copy saved as "ANSI" is windows-1252. Other consoles (852, 866 ...) need
// --codepage: their letters are as plausible as 850's, so no score can tell them apart.
constexpr text::encoding kDsaclsCodePages[] = {text::encoding::page(850), text::encoding::page(437),
                                               text::encoding::windows1252};

void guess_dsacls_code_page(std::string_view head, sniff_result& r) {
    const text::code_page_guess g = text::guess_code_page(head, kDsaclsCodePages);
    r.encoding = g.chosen;
    if (g.ambiguous)
        r.encoding_note = fmt::format(
            "neither UTF-8 nor UTF-16, and {} and {} read its names equally well (\"{}\" or "
            "\"{}\"): read as {}; if names look wrong, ingest it again with --replace "
            "--codepage N (the console's code page: chcp shows it)",
            text::to_string(g.chosen), text::to_string(g.runner_up), g.word_chosen,
            g.word_runner_up, text::to_string(g.chosen));
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
    std::string text = text::decode_sample(head, r.encoding);
    if (text.find('\0') != std::string::npos) {
        r.reason = "a binary file (it contains NUL bytes)";
        return r;
    }
    std::string_view t = skip_space(text);
    if (t.starts_with("{") && t.substr(0, 512).find("\"csx_collect\"") != std::string_view::npos) {
        r.kind = input_kind::collect_manifest;  // manifest.json of a csx collect bundle
        return r;
    }
    if (t.starts_with("{") || t.starts_with("[")) {
        // A Graph response names itself in @odata.context (its first member); a page of objects
        // whose first 64 KiB hold no onPremisesProvisioningErrors (one long value before it) is
        // still one, and its objects still name holders of conflicting values.
        const bool graph_context =
            t.substr(0, 512).find("\"@odata.context\"") != std::string_view::npos &&
            t.substr(0, 512).find("graph.microsoft.com") != std::string_view::npos;
        // The tenant's domains (GET /domains, Get-MgDomain | ConvertTo-Json) name isVerified.
        const bool domains = t.find("\"isVerified\"") != std::string_view::npos ||
                             t.find("\"IsVerified\"") != std::string_view::npos;
        if (t.find("onPremisesProvisioningErrors") != std::string_view::npos || graph_context ||
            domains) {
            r.kind = input_kind::graph_json;
        } else {
            r.reason = fmt::format(
                "JSON without onPremisesProvisioningErrors{} (not a Graph provisioning-error "
                "export)",
                whole_file ? "" : " in its first 64 KiB");
        }
        return r;
    }
    if (looks_like_ldif(t)) {
        r.kind = input_kind::ldif;
        return r;
    }
    if (!t.starts_with("<") && looks_like_dsacls(t)) {
        r.kind = input_kind::dsacls;
        if (r.encoding.is_code_page()) guess_dsacls_code_page(head, r);
        return r;
    }
    if (!t.starts_with("<")) {
        r.reason = describe_text(t);
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
        if (t.find("RunStepResult") != std::string_view::npos ||
            t.find("RunProfileResult") != std::string_view::npos) {
            r.kind = input_kind::clixml_runstep;
        } else if (t.find("Microsoft.ActiveDirectory.Management") != std::string_view::npos) {
            r.kind = input_kind::clixml_ad;
        } else {
            r.reason =
                "PowerShell CLIXML holding neither RunStepResult or RunProfileResult objects "
                "(Export-ADSyncToolsRunHistory *-RunStep.xml, Get-ADSyncRunProfileResult | "
                "Export-Clixml) nor ActiveDirectory module objects "
                "(Get-ADUser / Get-ADGroup / Get-ADObject / Get-ADPrincipalGroupMembership ... | "
                "Export-Clixml): only those two are read";
        }
    } else if (root == "mv-data" || root == "saved-mv-configuration") {
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
