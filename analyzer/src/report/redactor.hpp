// redactor: stable pseudonyms for the personal parts of a report (`csx report --redact`).
//
// Replaced: person names, sAMAccountNames and other account names, the user part of
// DOMAIN\user, the local part of e-mail addresses and UPNs, and every CN= value of a DN that is
// not a well-known container, group or account (schema/008_redaction.sql). Kept: OU= and DC=
// values (the domain structure), domains of addresses, attribute names, error codes, GUIDs, the
// shape of commands.
//
// Two sources of what is personal: values the data says are (known(): the names, accounts and
// addresses of the objects the report mentions, from the database), and shapes found in the
// text itself (DNs, addresses, DOMAIN\user). A value gets its pseudonym when first met
// ("person-1", "account-1", "mailbox-1", "group-1", "computer-1", "name-1") and keeps it for
// the whole report, whatever the case, Unicode normal form or width it is written in. Base64
// values that decode to text are withheld whole (they may hold any name).
//
// Fail closed: leaks() searches the finished output, folded the same way and with every base64
// value decoded, for every original value (as written and as the output format escapes it);
// the report is written only when there is none.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace csx::unicode {
class folded_text;
}

namespace csx::report {

class redactor {
public:
    enum class kind { person, account, mailbox, group, computer, name };

    // Names that stay readable (well_known_name), compared case-insensitively.
    explicit redactor(std::set<std::string> well_known);

    // A value the data marks as personal. For `mailbox`, an address or UPN (its local part is
    // what is replaced). Values shorter than two characters are ignored: a single letter
    // identifies no one, and replacing it everywhere would wreck the text.
    void known(kind k, std::string_view value);

    // The DNs in a text (for finding which objects' names to look up).
    static std::vector<std::string> find_dns(std::string_view text);

    // The text with every personal part replaced.
    std::string apply(std::string_view text);

    // Original values still present in `output`, plain or passed through `escape`; sorted.
    std::vector<std::string> leaks(
        std::string_view output, const std::function<std::string(std::string_view)>& escape) const;

    std::size_t replaced() const { return assigned_; }

private:
    struct entry {
        kind k = kind::name;
        std::string original;
        std::string pseudonym;      // "" until first met
        entry* alias_of = nullptr;  // "Ünal, Zoë" for "Zoë Ünal": the pseudonym is that entry's
    };

    bool is_well_known(std::string_view v) const;
    entry& add(kind k, std::string_view value);
    const std::string& pseudonym(entry& e);
    // The longest known value starting at text[i] (a token start), or nullptr.
    entry* match(std::string_view text, const unicode::folded_text& folded, std::size_t i,
                 std::size_t& len);

    // Keys are folded (NFKC + Unicode case folding, util/unicode_fold): every spelling of a
    // value is the same key.
    std::set<std::string> well_known_;
    std::map<std::string, entry> values_;     // folded value -> entry (names, accounts)
    std::map<std::string, entry> mailboxes_;  // folded local part -> entry
    std::map<std::string, std::vector<std::string>> by_first_token_;  // for match()
    std::map<kind, int> next_;
    std::size_t assigned_ = 0;
};

}  // namespace csx::report
