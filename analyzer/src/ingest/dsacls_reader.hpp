// dsacls_reader: reads the text `dsacls "<DN>"` prints (UTF-8 lines, fed in any pieces) and
// reports each ACL and ACE as it completes, so memory stays bounded whatever the file size.
//
// Layout (../shared/reference/remediation.md §1.4):
//   C:\>dsacls "CN=Dana Admin,OU=IT,DC=contoso,DC=com"        optional: the command line (cmd
//   Owner: CONTOSO\Domain Admins                                 prompt, PowerShell prompt or
//   Group: CONTOSO\Domain Admins                                 transcript); it names the DN
//   Access list:
//   {This object is protected from inheriting permissions from the parent}
//   Allow CONTOSO\MSOL_0123456789ab  SPECIAL ACCESS for msDS-KeyCredentialLink
//                                    WRITE PROPERTY
//   Allow CONTOSO\Exchange Windows Permissions                   a long principal wraps: the
//                                    SPECIAL ACCESS for pwdLastSet   <Inherited from parent>
//   Permissions inherited to subobjects are:
//   Inherited to user
//   Allow ...
//   The command completed successfully
//
// The principal column is padded: a run of two or more spaces ends the principal; without one
// the right comes on the next (indented) line. Some builds print "READ PERMISSONS": it is
// stored corrected. A file may hold several outputs (a transcript); each command line or an
// "Owner:" line after a finished output starts the next. Text outside outputs is ignored, but
// ADSyncConfig's "Setting permissions on AD object '<DN>'..." names the output after it. A
// line inside an output that dsacls does not print (an edited copy: "<SNIP>") makes that
// output incomplete: lines may be missing, so it never shows an ACE absent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csx::ingest {

struct acl_head {
    std::int64_t line = 0;
    std::string object_dn;  // from the command line; "" when the file does not say
    std::string owner;
    std::string group;
    bool is_protected = false;
    bool complete = false;  // "The command completed successfully" reached, nothing unread
    std::string failure;    // what dsacls said instead of completing
    // The first line inside the output that is not dsacls's ("<SNIP>", "---RELEVANT-OUTPUT---",
    // "..."): the output was edited, so it is incomplete whatever its last line says.
    std::int64_t foreign_line = 0;
    std::string foreign_text;
};

struct acl_ace {
    std::int64_t line = 0;
    bool inheritable = false;  // listed under "Permissions inherited to subobjects are:"
    std::string applies_to;    // inheritable: "all subobjects" or a class name
    bool allow = true;
    std::string principal;
    std::string permission;  // SPECIAL ACCESS | FULL CONTROL | Reset Password | ...
    std::string target;      // the X of "SPECIAL ACCESS for X"
    std::vector<std::string> bits;
    bool inherited = false;  // <Inherited from parent>
};

class dsacls_events {
public:
    virtual ~dsacls_events() = default;
    virtual void acl_begin(const acl_head& head) = 0;
    virtual void ace(const acl_ace& a) = 0;
    virtual void acl_end(const acl_head& head) = 0;
};

class dsacls_reader {
public:
    explicit dsacls_reader(dsacls_events& ev) : ev_(ev) {}

    // UTF-8 text, any split.
    void feed(std::string_view text);
    // End of input: closes an open output (as incomplete when it never completed).
    void finish();

    std::int64_t line() const { return line_; }
    std::int64_t outputs() const { return outputs_; }
    // An output that ended without "The command completed successfully": its first line.
    std::optional<std::int64_t> incomplete_at() const { return incomplete_at_; }
    // The first output with a line that is not dsacls's (an edited copy): that output's head.
    const std::optional<acl_head>& edited() const { return edited_; }
    // The first output that names no object (no command line, no ADSyncConfig "Setting
    // permissions on AD object '<DN>'" line before it): its first line.
    std::optional<std::int64_t> unnamed_at() const { return unnamed_at_; }
    // Lines longer than kMaxLine are cut there: the first such line.
    std::optional<std::int64_t> long_line_at() const { return long_line_at_; }

    static constexpr std::size_t kMaxLine = 64 * 1024;

private:
    enum class section { head, object, inheritable, audit };

    void take_line(std::string_view l);
    void begin(std::int64_t at, std::string dn);
    void end();
    void flush_ace();
    void start_ace(std::string_view rest, bool allow);
    void set_right(std::string_view right);

    dsacls_events& ev_;
    std::string partial_;
    bool cut_ = false;  // the current line is past kMaxLine
    std::int64_t line_ = 0;
    std::int64_t outputs_ = 0;
    std::optional<std::int64_t> incomplete_at_, long_line_at_, unnamed_at_;
    std::optional<acl_head> edited_;
    std::string announced_dn_;  // from a transcript line naming the next output's object

    bool open_ = false;
    acl_head head_;
    section section_ = section::head;
    std::string applies_to_;
    std::optional<acl_ace> ace_;
};

// The DN argument of a dsacls command line ("C:\>dsacls "CN=x,..."", "PS C:\> dsacls 'CN=x'"),
// with a "\\server\" prefix removed; nullopt when the line is no dsacls command.
std::optional<std::string> dsacls_command_dn(std::string_view line);

// True when `text` (the start of a file, UTF-8) looks like dsacls output.
bool looks_like_dsacls(std::string_view text);

}  // namespace csx::ingest
