#include "ingest/dsacls_reader.hpp"

#include <algorithm>
#include <cctype>

#include "util/text.hpp"

namespace csx::ingest {

using text::istarts_with;
using text::trim;

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

std::size_t ifind(std::string_view s, std::string_view p, std::size_t from = 0) {
    if (p.size() > s.size()) return std::string_view::npos;
    for (std::size_t i = from; i + p.size() <= s.size(); ++i)
        if (istarts_with(s.substr(i), p)) return i;
    return std::string_view::npos;
}

bool has_lower(std::string_view s) {
    return std::any_of(s.begin(), s.end(),
                       [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

std::optional<std::string> dsacls_command_dn(std::string_view line) {
    const std::string_view t = trim(line);
    if (t.starts_with("Allow ") || t.starts_with("Deny ")) return std::nullopt;
    for (std::size_t at = ifind(t, "dsacls"); at != std::string_view::npos;
         at = ifind(t, "dsacls", at + 1)) {
        // The program name: at the start, after a prompt ('>'), a path ('\'), a space or a quote.
        if (at > 0 && !is_space(t[at - 1]) && t[at - 1] != '>' && t[at - 1] != '\\' &&
            t[at - 1] != '"' && t[at - 1] != '&')
            continue;
        std::size_t i = at + 6;
        if (istarts_with(t.substr(i), ".exe")) i += 4;
        if (i < t.size() && t[i] == '"') ++i;  // "C:\...\dsacls.exe" quoted
        if (i >= t.size() || !is_space(t[i])) continue;
        while (i < t.size() && is_space(t[i]))
            ++i;
        std::string arg;
        if (i < t.size() && t[i] == '"') {
            const auto end = t.find('"', i + 1);
            arg = t.substr(i + 1, end == std::string_view::npos ? end : end - i - 1);
        } else if (i < t.size() && t[i] == '\'') {
            // PowerShell single quotes: '' is a literal quote.
            for (std::size_t j = i + 1; j < t.size(); ++j) {
                if (t[j] == '\'') {
                    if (j + 1 < t.size() && t[j + 1] == '\'') {
                        arg += '\'';
                        ++j;
                        continue;
                    }
                    break;
                }
                arg += t[j];
            }
        } else {
            std::size_t j = i;
            while (j < t.size() && !is_space(t[j]))
                ++j;
            arg = t.substr(i, j - i);
        }
        // A specific DC: \\server[:port]\DN.
        if (arg.starts_with("\\\\")) {
            const auto slash = arg.find('\\', 2);
            arg = slash == std::string::npos ? std::string() : arg.substr(slash + 1);
        }
        if (arg.find('=') == std::string::npos) continue;
        return std::string(trim(arg));
    }
    return std::nullopt;
}

bool looks_like_dsacls(std::string_view text) {
    bool owner = false;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        const std::string_view l = trim(text.substr(0, nl));
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        if (l == "Access list:" || l == "Permissions inherited to subobjects are:") return true;
        if (l.starts_with("Owner:")) owner = true;
        if (owner && l.starts_with("Group:")) return true;
    }
    return false;
}

void dsacls_reader::feed(std::string_view text) {
    while (!text.empty()) {
        const auto nl = text.find('\n');
        const std::string_view piece = text.substr(0, nl);
        if (!cut_) {
            const std::size_t room = kMaxLine - partial_.size();
            if (piece.size() > room) {
                partial_.append(piece.substr(0, room));
                cut_ = true;
                if (!long_line_at_) long_line_at_ = line_ + 1;
            } else {
                partial_.append(piece);
            }
        }
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
        ++line_;
        take_line(partial_);
        partial_.clear();
        cut_ = false;
    }
}

void dsacls_reader::finish() {
    if (!partial_.empty()) {
        ++line_;
        take_line(partial_);
        partial_.clear();
    }
    if (open_) end();
}

void dsacls_reader::begin(std::int64_t at, std::string dn) {
    open_ = true;
    head_ = acl_head{};
    head_.line = at;
    if (dn.empty()) dn = std::move(announced_dn_);
    announced_dn_.clear();
    if (dn.empty() && !unnamed_at_) unnamed_at_ = at;
    head_.object_dn = std::move(dn);
    section_ = section::head;
    applies_to_.clear();
    ++outputs_;
    ev_.acl_begin(head_);
}

void dsacls_reader::end() {
    flush_ace();
    if (head_.foreign_line) {
        head_.complete = false;
        if (!edited_) edited_ = head_;
    }
    if (!head_.complete && head_.failure.empty() && !incomplete_at_) incomplete_at_ = head_.line;
    open_ = false;
    ev_.acl_end(head_);
}

void dsacls_reader::flush_ace() {
    if (!ace_) return;
    ev_.ace(*ace_);
    ace_.reset();
}

void dsacls_reader::set_right(std::string_view right) {
    acl_ace& a = *ace_;
    constexpr std::string_view kInherited = "<Inherited from parent>";
    right = trim(right);
    if (right.ends_with(kInherited)) {
        a.inherited = true;
        right = trim(right.substr(0, right.size() - kInherited.size()));
    }
    // "SPECIAL ACCESS for msDS-KeyCredentialLink": an upper-case right scoped to a target.
    const auto f = right.find(" for ");
    if (f != std::string_view::npos && !has_lower(right.substr(0, f))) {
        a.permission = trim(right.substr(0, f));
        a.target = trim(right.substr(f + 5));
    } else {
        a.permission = right;
    }
}

void dsacls_reader::start_ace(std::string_view rest, bool allow) {
    ace_.emplace();
    ace_->line = line_;
    ace_->allow = allow;
    ace_->inheritable = section_ == section::inheritable;
    ace_->applies_to = ace_->inheritable ? applies_to_ : std::string();
    // The principal column is padded with spaces; a principal too long for it wraps the right
    // onto the next line. A principal that fills the column exactly leaves a single space:
    // then the right is found by its upper-case start.
    std::size_t gap = rest.find("  ");
    if (gap == std::string_view::npos) {
        for (std::string_view k : {" SPECIAL ACCESS", " FULL CONTROL"}) {
            const auto at = rest.find(k);
            if (at != std::string_view::npos) {
                gap = at;
                break;
            }
        }
    }
    if (gap == std::string_view::npos) {
        ace_->principal = trim(rest);
        return;
    }
    ace_->principal = trim(rest.substr(0, gap));
    set_right(rest.substr(gap));
}

void dsacls_reader::take_line(std::string_view l) {
    while (!l.empty() && (l.back() == '\r' || is_space(l.back())))
        l.remove_suffix(1);
    const std::string_view t = trim(l);
    if (t.empty()) return;
    if (auto dn = dsacls_command_dn(l)) {
        if (open_) end();
        begin(line_, std::move(*dn));
        return;
    }
    const bool indented = is_space(l.front());
    if (!open_) {
        // ADSyncConfig's transcript: "Grant permissions on AD object: Setting permissions on
        // AD object 'OU=x,DC=y'..." just before the dsacls output it prints.
        constexpr std::string_view kAnnounce = "Setting permissions on AD object '";
        if (const auto at = t.find(kAnnounce); at != std::string_view::npos) {
            const std::string_view rest = t.substr(at + kAnnounce.size());
            const auto close = rest.rfind('\'');
            if (close != std::string_view::npos && close > 0)
                announced_dn_ = std::string(rest.substr(0, close));
            return;
        }
        if (t.starts_with("Owner:") || t == "Access list:") {
            begin(line_, {});
        } else {
            return;
        }
    }
    if (t.starts_with("Owner:")) {
        // An "Owner:" after the ACL began: the next output, without its command line.
        if (!head_.owner.empty() || section_ != section::head) {
            end();
            begin(line_, {});
        }
        head_.owner = trim(t.substr(6));
    } else if (t.starts_with("Group:") && section_ == section::head) {
        head_.group = trim(t.substr(6));
    } else if (t == "Access list:") {
        flush_ace();
        section_ = section::object;
    } else if (t == "Audit list:") {
        flush_ace();
        section_ = section::audit;
    } else if (t.starts_with("{This object is protected from inheriting permissions")) {
        head_.is_protected = true;
    } else if (t == "Permissions inherited to subobjects are:") {
        flush_ace();
        section_ = section::inheritable;
        applies_to_.clear();
    } else if (!indented && t.starts_with("Inherited to ") && section_ == section::inheritable) {
        flush_ace();
        applies_to_ = trim(t.substr(13));
    } else if (t.starts_with("The command completed successfully")) {
        head_.complete = true;
        end();
    } else if (t.find("The command failed to complete successfully") != std::string_view::npos) {
        head_.failure += (head_.failure.empty() ? "" : " ") + std::string(t);
        end();
    } else if (section_ == section::audit) {
        // Audit entries (dsacls /A) say nothing of access.
    } else if (!indented && (t.starts_with("Allow ") || t.starts_with("Deny "))) {
        flush_ace();
        const bool allow = t.starts_with("Allow ");
        start_ace(t.substr(allow ? 6 : 5), allow);
    } else if (indented && ace_) {
        if (ace_->permission.empty()) {
            set_right(t);
        } else {
            std::string bit(t);
            if (bit == "READ PERMISSONS") bit = "READ PERMISSIONS";
            ace_->bits.push_back(std::move(bit));
        }
    } else if (!indented && (istarts_with(t, "Error") || istarts_with(t, "Failed"))) {
        head_.failure += (head_.failure.empty() ? "" : " ") + std::string(t);
    } else if (!head_.foreign_line) {
        head_.foreign_line = line_;
        head_.foreign_text = std::string(t.substr(0, 80));
    }
}

}  // namespace csx::ingest
