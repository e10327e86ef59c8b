#include "report/redactor.hpp"

#include <cctype>

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

#include "util/base64.hpp"
#include "util/text.hpp"
#include "util/unicode_fold.hpp"
#include "util/utf8.hpp"

namespace csx::report {

namespace {

bool token_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || u >= 0x80;  // non-ASCII letters (UTF-8 bytes) are word characters
}

bool local_char(char c) {
    return token_char(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
}

bool domain_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
}

bool account_char(char c) {
    return token_char(c) || c == '.' || c == '_' || c == '-' || c == '$';
}

// The comparison key of a value: NFKC + case folding, so that NFD, upper-case, full-width and
// no-break-space spellings of a name are one value.
std::string key_of(std::string_view v) {
    return unicode::fold(v);
}

bool iequal_at(std::string_view text, std::size_t i, std::string_view lower_value) {
    if (i + lower_value.size() > text.size()) return false;
    for (std::size_t k = 0; k < lower_value.size(); ++k)
        if (text::ascii_lower(text[i + k]) != lower_value[k]) return false;
    return true;
}

std::string first_token(std::string_view lower_value) {
    std::size_t n = 0;
    while (n < lower_value.size() && token_char(lower_value[n]))
        ++n;
    return std::string(lower_value.substr(0, n));
}

const char* label(redactor::kind k) {
    switch (k) {
        case redactor::kind::person:
            return "person";
        case redactor::kind::account:
            return "account";
        case redactor::kind::mailbox:
            return "mailbox";
        case redactor::kind::group:
            return "group";
        case redactor::kind::computer:
            return "computer";
        case redactor::kind::name:
            return "name";
    }
    return "name";
}

// "CN=", "OU=", "DC=" ... at i (case-insensitive): the attribute type's length + 1, else 0.
std::size_t rdn_type_at(std::string_view text, std::size_t i) {
    for (std::string_view t : {"cn=", "ou=", "dc="}) {
        if (iequal_at(text, i, t)) return t.size();
    }
    return 0;
}

// Where an RDN value starting at i ends: an unescaped ',' or '+', or a character no DN in a
// report contains unquoted (quotes, brackets, parentheses, ';', line breaks).
std::size_t any_value_end(std::string_view text, std::size_t i) {
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\\' && i + 1 < text.size()) {
            i += 2;
            continue;
        }
        if (c == '\'') {
            // O'Brien, or a PowerShell-doubled '' inside '...': part of the value. A quote
            // followed by anything else closes the quoted DN.
            if (i + 1 < text.size() && text[i + 1] == '\'') {
                i += 2;
                continue;
            }
            if (i + 1 < text.size() && token_char(text[i + 1])) {
                ++i;
                continue;
            }
            break;
        }
        if (c == ',' || c == '+' || c == '"' || c == '<' || c == '>' || c == '(' || c == ')' ||
            c == ';' || c == '\n' || c == '\r' || c == '[' || c == ']')
            break;
        ++i;
    }
    return i;
}

// Where the value of the RDN whose type starts at `type_at` ends. A DC= value is a DNS label
// (letters, digits, '-', '_'): it ends at the first other character, so prose after a DN
// ("...,DC=example: no ACE lets DOMAIN\user") is not taken for domain structure.
std::size_t rdn_value_end(std::string_view text, std::size_t type_at, std::size_t value_at) {
    if (iequal_at(text, type_at, "dc=")) {
        std::size_t k = value_at;
        while (k < text.size() && (std::isalnum(static_cast<unsigned char>(text[k])) ||
                                   text[k] == '-' || text[k] == '_'))
            ++k;
        return k;
    }
    return any_value_end(text, value_at);
}

// "{4F3A...}" or 32 hex digits: an Entra connector-space name, not a person.
bool guid_like(std::string_view v) {
    if (v.size() >= 2 && v.front() == '{' && v.back() == '}') v = v.substr(1, v.size() - 2);
    if (v.size() < 32) return false;
    return std::all_of(v.begin(), v.end(), [](char c) {
        return std::isxdigit(static_cast<unsigned char>(c)) || c == '-';
    });
}

// "Doe\, Jane" -> "Doe, Jane" (single-character escapes; hex escapes kept as written).
std::string unescaped(std::string_view v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '\\' && i + 1 < v.size() &&
            !std::isxdigit(static_cast<unsigned char>(v[i + 1]))) {
            out += v[++i];
            continue;
        }
        out += v[i];
    }
    return out;
}

std::string_view rtrim(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

constexpr std::size_t kMinBase64 = 8;

bool base64_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=';
}

// Decoded bytes as text: UTF-16LE when every other byte is NUL (ldifde -u, .NET), else UTF-8.
std::string as_text(const std::string& bytes) {
    std::size_t nul_odd = 0;
    for (std::size_t k = 1; k < bytes.size(); k += 2)
        nul_odd += bytes[k] == '\0';
    if (bytes.size() >= 4 && bytes.size() % 2 == 0 && nul_odd * 4 >= bytes.size()) {
        std::string out;
        for (std::size_t k = 0; k + 1 < bytes.size(); k += 2) {
            const auto cp =
                static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[k]) |
                                           static_cast<unsigned char>(bytes[k + 1]) << 8);
            if (cp >= 0xD800 && cp <= 0xDFFF) continue;
            utf8::append(out, cp);
        }
        return out;
    }
    return bytes;
}

// The length of a base64 value at text[i] that decodes to readable text (a name, an address:
// base64 is how csexport and ldifde write non-ASCII strings), else 0. Binary values (SIDs,
// GUIDs, certificates) decode to mostly unprintable bytes and stay.
std::size_t base64_text_at(std::string_view text, std::size_t i) {
    std::size_t n = i;
    while (n < text.size() && base64_char(text[n]))
        ++n;
    const std::size_t len = n - i;
    if (len < kMinBase64 || len % 4 != 0) return 0;
    const std::string_view run = text.substr(i, len);
    // A word that happens to be in the alphabet ("Organization") has no digit, '+' or '/', and
    // no '=' padding; real base64 of a dozen bytes almost always does.
    if (run.find_first_of("0123456789+/=") == std::string_view::npos) return 0;
    // Hex (hashes, DSIDs, GUID parts) is hex, not base64.
    if (run.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos) return 0;
    const auto decoded = base64::decode(run);
    return decoded && unicode::printable_text(as_text(*decoded)) ? len : 0;
}

}  // namespace

redactor::redactor(std::set<std::string> well_known) {
    for (const auto& w : well_known)
        well_known_.insert(key_of(w));
}

bool redactor::is_well_known(std::string_view v) const {
    return well_known_.count(key_of(v)) > 0;
}

redactor::entry& redactor::add(kind k, std::string_view value) {
    const std::string key = key_of(value);
    auto [it, fresh] = values_.try_emplace(key);
    if (fresh) {
        it->second.k = k;
        it->second.original = std::string(value);
        auto& list = by_first_token_[first_token(key)];
        list.push_back(key);
        std::sort(list.begin(), list.end(),
                  [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    }
    return it->second;
}

void redactor::known(kind k, std::string_view value) {
    value = rtrim(value);
    while (!value.empty() && value.front() == ' ')
        value.remove_prefix(1);
    if (k == kind::mailbox) {
        if (auto colon = value.find(':'); colon != std::string_view::npos && colon < 6)
            value.remove_prefix(colon + 1);  // smtp:, SIP:, x500: prefixes
        const auto at = value.find('@');
        const std::string_view local = value.substr(0, at);
        if (local.size() < 2 || is_well_known(local)) return;
        // A local part like "sean.obrien" or "jsmith2" identifies someone even without its
        // domain: it is replaced (and searched for) as a word too. A plain word ("sales",
        // "info") only in address form: as a word it would wreck the prose.
        if (local.find_first_of("._0123456789") != std::string_view::npos &&
            !first_token(key_of(local)).empty()) {
            add(kind::mailbox, local);
            return;
        }
        auto [it, fresh] = mailboxes_.try_emplace(key_of(local));
        if (fresh) {
            it->second.k = kind::mailbox;
            it->second.original = std::string(local);
        }
        return;
    }
    if (value.size() < 2 || is_well_known(value) || guid_like(value)) return;
    if (first_token(key_of(value)).empty()) return;  // must start like a word to be matched
    entry& e = add(k, value);
    // "Zoë Ünal" is also written "Ünal, Zoë" and "Ünal Zoë" (directory listings, CSV exports):
    // the same person, the same pseudonym.
    if (k == kind::person) {
        const std::string folded = key_of(value);
        const auto space = folded.find(' ');
        if (space != std::string::npos && folded.find(' ', space + 1) == std::string::npos &&
            space > 0 && space + 1 < folded.size()) {
            const std::string given = folded.substr(0, space), family = folded.substr(space + 1);
            for (const std::string& alias :
                 {family + ", " + given, family + " " + given, family + "," + given}) {
                if (values_.count(alias)) continue;
                entry& a = add(k, alias);
                a.original = alias;
                a.alias_of = &e;
            }
        }
    }
}

const std::string& redactor::pseudonym(entry& e_in) {
    entry* root = &e_in;
    while (root->alias_of)
        root = root->alias_of;
    entry& e = *root;
    if (e.pseudonym.empty()) {
        e.pseudonym = fmt::format("{}-{}", label(e.k), ++next_[e.k]);
        ++assigned_;
    }
    return e.pseudonym;
}

redactor::entry* redactor::match(std::string_view text, const unicode::folded_text& ft,
                                 std::size_t i, std::size_t& len) {
    const std::size_t fi = ft.to_folded(i);
    if (fi == unicode::folded_text::npos) return nullptr;
    const std::string& f = ft.folded();
    std::size_t n = fi;
    while (n < f.size() && token_char(f[n]))
        ++n;
    auto it = by_first_token_.find(f.substr(fi, n - fi));
    if (it == by_first_token_.end()) return nullptr;
    for (const auto& key : it->second) {  // longest first
        if (f.compare(fi, key.size(), key) != 0) continue;
        const std::size_t end = ft.to_original(fi + key.size());
        if (end == unicode::folded_text::npos || end <= i) continue;
        if (end < text.size() && token_char(text[end])) continue;
        len = end - i;
        return &values_.at(key);
    }
    return nullptr;
}

std::vector<std::string> redactor::find_dns(std::string_view text) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        const bool start = i == 0 || !token_char(text[i - 1]);
        const std::size_t type = start ? rdn_type_at(text, i) : 0;
        if (!type) {
            ++i;
            continue;
        }
        // A DN: RDNs joined by ',' while the next one starts with a type.
        std::size_t end = rdn_value_end(text, i, i + type);
        while (end < text.size() && text[end] == ',') {
            std::size_t next = end + 1;
            while (next < text.size() && text[next] == ' ')
                ++next;
            const std::size_t t = rdn_type_at(text, next);
            if (!t) break;
            end = rdn_value_end(text, next, next + t);
        }
        out.emplace_back(rtrim(text.substr(i, end - i)));
        i = end;
    }
    return out;
}

std::string redactor::apply(std::string_view text) {
    const unicode::folded_text ft(text);
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const bool start = token_char(text[i]) && (i == 0 || !token_char(text[i - 1]));
        if (!start) {
            out += text[i++];
            continue;
        }
        // A base64 value that decodes to text may hold any name: withheld whole.
        if (const std::size_t b = base64_text_at(text, i); b) {
            out += "[base64 text withheld]";
            i += b;
            continue;
        }
        // A DN component: CN values are personal unless well known; OU/DC values are structure.
        if (const std::size_t type = rdn_type_at(text, i); type) {
            const std::size_t vstart = i + type;
            const std::size_t vend = rdn_value_end(text, i, vstart);
            const std::string_view value = rtrim(text.substr(vstart, vend - vstart));
            out += text.substr(i, type);
            const bool is_cn = type == 3 && (text[i] == 'c' || text[i] == 'C') &&
                               (text[i + 1] == 'n' || text[i + 1] == 'N');
            if (is_cn && !value.empty() && !is_well_known(unescaped(value)) && !guid_like(value)) {
                std::string plain = unescaped(value);
                // PowerShell doubles ' inside '...': O''Brien is O'Brien.
                for (auto q = plain.find("''"); q != std::string::npos; q = plain.find("''", q + 1))
                    plain.erase(q, 1);
                auto it = values_.find(key_of(plain));
                if (it == values_.end()) it = values_.find(key_of(value));
                if (it == values_.end()) {
                    std::string quoted(value);
                    for (auto q = quoted.find("''"); q != std::string::npos;
                         q = quoted.find("''", q + 1))
                        quoted.erase(q, 1);
                    it = values_.find(key_of(quoted));
                }
                entry& e = it != values_.end() ? it->second : add(kind::name, plain);
                if (plain != value) add(e.k, value);  // the escaped spelling is the same value
                out += pseudonym(e);
                out += text.substr(vstart + value.size(), vend - vstart - value.size());
            } else {
                out += text.substr(vstart, vend - vstart);
            }
            i = vend;
            continue;
        }
        // An address: the local part is personal, the domain is structure.
        std::size_t j = i;
        while (j < text.size() && local_char(text[j]))
            ++j;
        if (j < text.size() && text[j] == '@' && j + 1 < text.size() && domain_char(text[j + 1])) {
            std::size_t k = j + 1;
            while (k < text.size() && domain_char(text[k]))
                ++k;
            const std::string_view domain = text.substr(j + 1, k - j - 1);
            if (domain.find('.') != std::string_view::npos) {
                const std::string_view local = text.substr(i, j - i);
                const std::string key = key_of(local);
                auto word = values_.find(key);
                entry* e = word != values_.end() ? &word->second : nullptr;
                if (!e) {
                    auto [it, fresh] = mailboxes_.try_emplace(key);
                    if (fresh) {
                        it->second.k = kind::mailbox;
                        it->second.original = std::string(local);
                    }
                    e = &it->second;
                }
                out += pseudonym(*e);
                i = j;  // the '@' and the domain are copied as they are
                continue;
            }
        }
        // DOMAIN\user: the user is personal.
        std::size_t d = i;
        while (d < text.size() && (token_char(text[d]) || text[d] == '-') && d - i < 16)
            ++d;
        if (d < text.size() && text[d] == '\\' && d + 1 < text.size() &&
            account_char(text[d + 1]) && (i == 0 || text[i - 1] != '=') &&
            text.substr(i, d - i) != "DOMAIN") {
            std::size_t u = d + 1;
            while (u < text.size() && account_char(text[u]))
                ++u;
            const std::string_view user = text.substr(d + 1, u - d - 1);
            out += text.substr(i, d + 1 - i);
            if (is_well_known(user)) {
                out += user;
            } else {
                auto it = values_.find(key_of(user));
                out += pseudonym(it != values_.end() ? it->second : add(kind::account, user));
            }
            i = u;
            continue;
        }
        // A value the data marks as personal.
        std::size_t len = 0;
        if (entry* e = match(text, ft, i, len)) {
            out += pseudonym(*e);
            i += len;
            continue;
        }
        while (i < text.size() && token_char(text[i]))
            out += text[i++];
    }
    return out;
}

std::vector<std::string> redactor::leaks(
    std::string_view output, const std::function<std::string(std::string_view)>& escape) const {
    // Compared in folded form, as apply() matches: an NFD or upper-case spelling is a leak too;
    // and the text inside every base64 value is searched as well.
    std::string hay = key_of(output);
    for (std::size_t i = 0; i < output.size(); ++i) {
        if (!token_char(output[i]) || (i > 0 && token_char(output[i - 1]))) continue;
        std::size_t n = i;
        while (n < output.size() && base64_char(output[n]))
            ++n;
        if (n - i < kMinBase64) continue;
        if (auto decoded = base64::decode(output.substr(i, n - i)); decoded) {
            hay += '\n';
            hay += key_of(as_text(*decoded));
        }
    }
    std::set<std::string> found;
    // Occurrences as a whole word, outside OU=/DC= values (the structure csx keeps).
    auto occurs = [&](const std::string& needle, bool word_end) {
        if (needle.empty()) return false;
        for (std::size_t pos = hay.find(needle); pos != std::string::npos;
             pos = hay.find(needle, pos + 1)) {
            if (pos > 0 && token_char(hay[pos - 1]) && token_char(needle.front())) continue;
            const std::size_t end = pos + needle.size();
            if (word_end && end < hay.size() && token_char(hay[end]) && token_char(needle.back()))
                continue;
            if (pos >= 3 &&
                (hay.compare(pos - 3, 3, "ou=") == 0 || hay.compare(pos - 3, 3, "dc=") == 0))
                continue;
            return true;
        }
        return false;
    };
    for (const auto& [key, e] : values_) {
        if (occurs(key, true) || occurs(key_of(escape(e.original)), true)) found.insert(e.original);
    }
    for (const auto& [key, e] : mailboxes_) {
        if (occurs(key + "@", false) || occurs(key_of(escape(e.original)) + "@", false))
            found.insert(e.original + "@");
    }
    return {found.begin(), found.end()};
}

}  // namespace csx::report
