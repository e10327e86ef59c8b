#include "remediation/verification.hpp"

#include <algorithm>
#include <optional>
#include <tuple>

#include <fmt/format.h>

#include "store/db.hpp"
#include "store/statement.hpp"
#include "util/dn.hpp"
#include "util/text.hpp"

namespace csx::remediation {

namespace {

// One ACE as v_acl_entry gives it.
struct ace_row {
    bool inheritable = false;
    std::string applies_to;
    bool allow = true;
    std::string principal, permission, target, target_key, bits;
    bool writes = false, inherited = false;
    std::string file;
    std::int64_t line = 0;
};

// The newest dsacls output of one object, with its ACEs.
struct acl_output {
    std::string object_dn;
    bool complete = false;
    bool is_protected = false;
    std::int64_t batch = 0;
    std::string file;
    std::int64_t line = 0;
    std::vector<ace_row> aces;
};

std::string describe(const ace_row& a) {
    std::string s = fmt::format("{}:{}: {} {}  {}", a.file, a.line, a.allow ? "Allow" : "Deny",
                                a.principal, a.permission);
    if (!a.target.empty()) s += " for " + a.target;
    if (a.bits.size() > 2) {  // a JSON array of the permission lines
        std::string bits = a.bits.substr(1, a.bits.size() - 2);
        bits.erase(std::remove(bits.begin(), bits.end(), '"'), bits.end());
        s += ": " + bits;
    }
    if (a.inherited) s += "  <Inherited from parent>";
    if (a.inheritable)
        s +=
            fmt::format("  (inherited to {})", a.applies_to.empty() ? "sub-objects" : a.applies_to);
    return s;
}

class acl_store {
public:
    explicit acl_store(store::db& d)
        : newest_(d.prepare("SELECT acl_id, object_dn, complete, protected, batch_id, file, line "
                            "FROM v_acl WHERE tenant = ?1 AND dn_key = upper(replace(?2, ', ', "
                            "',')) AND failure IS NULL "
                            "ORDER BY batch_id DESC, acl_id DESC LIMIT 1")),
          aces_(d.prepare("SELECT scope, coalesce(applies_to, ''), access, principal, permission, "
                          "coalesce(target, ''), coalesce(target_key, ''), bits, writes, "
                          "inherited, file, line FROM v_acl_entry WHERE acl_id = ?1 ORDER BY ord")),
          error_file_(d.prepare("SELECT f.batch_id, f.path FROM sync_error AS e "
                                "JOIN source_file AS f USING (file_id) WHERE e.error_id = ?1")) {}

    std::optional<acl_output> newest(const std::string& tenant, const std::string& dn) {
        if (dn.empty()) return std::nullopt;
        newest_.bind(1, tenant);
        newest_.bind(2, dn);
        if (!newest_.step()) {
            newest_.reset();
            return std::nullopt;
        }
        acl_output o;
        const std::int64_t id = newest_.column_int64(0);
        o.object_dn = newest_.column_text(1);
        o.complete = newest_.column_int64(2) == 1;
        o.is_protected = newest_.column_int64(3) == 1;
        o.batch = newest_.column_int64(4);
        o.file = newest_.column_text(5);
        o.line = newest_.column_int64(6);
        newest_.reset();
        aces_.bind(1, id);
        while (aces_.step()) {
            ace_row a;
            a.inheritable = aces_.column_view(0) == "inheritable";
            a.applies_to = aces_.column_text(1);
            a.allow = aces_.column_view(2) == "allow";
            a.principal = aces_.column_text(3);
            a.permission = aces_.column_text(4);
            a.target = aces_.column_text(5);
            a.target_key = aces_.column_text(6);
            a.bits = aces_.column_text(7);
            a.writes = aces_.column_int64(8) == 1;
            a.inherited = aces_.column_int64(9) == 1;
            a.file = aces_.column_text(10);
            a.line = aces_.column_int64(11);
            o.aces.push_back(std::move(a));
        }
        aces_.reset();
        return o;
    }

    // The newest ingest batch among the files that hold the finding's errors, and that file.
    std::pair<std::int64_t, std::string> error_batch(const rules::finding& f) {
        std::pair<std::int64_t, std::string> best{0, ""};
        for (const auto& k : f.error_keys) {
            constexpr std::string_view kPrefix = "sync_error:";
            if (!k.starts_with(kPrefix)) continue;
            const auto id = text::to_int(std::string_view(k).substr(kPrefix.size()));
            if (!id) continue;  // a custom rule's malformed key names no stored error
            error_file_.bind(1, *id);
            if (error_file_.step() && error_file_.column_int64(0) >= best.first)
                best = {error_file_.column_int64(0), error_file_.column_text(1)};
            error_file_.reset();
        }
        return best;
    }

private:
    store::statement newest_, aces_, error_file_;
};

// The ACE of `out` that lets `principal` write `attribute` (any attribute when ""), in the
// given scope, allow or deny.
const ace_row* find_write(const acl_output& out, std::string_view principal,
                          std::string_view attribute, bool inheritable, bool allow,
                          std::string_view object_class = {}) {
    const std::string key = attribute_key(attribute);
    for (const auto& a : out.aces) {
        if (a.inheritable != inheritable || a.allow != allow || !a.writes) continue;
        if (!same_account(a.principal, principal)) continue;
        if (!a.target_key.empty() && !key.empty() && a.target_key != key) continue;
        if (inheritable && !a.applies_to.empty() && a.applies_to != "all subobjects" &&
            !text::iequals(a.applies_to, object_class))
            continue;
        return &a;
    }
    return nullptr;
}

std::string where(const acl_output& o) {
    return fmt::format("{}:{}", o.file, o.line);
}

// What the dsacls outputs say about one finding's grant, gathered once and then weighed
// (evidence) and judged (status). Filled in place: the ace_row pointers point into the outputs
// held here, which do not move after they are taken.
struct acl_facts {
    std::string attr_text;  // the attribute, or "the failing attribute"
    std::optional<acl_output> obj;
    std::optional<acl_output> holder;  // AdminSDHolder of the object's domain
    std::string holder_dn;
    std::vector<acl_output> ancestors;  // outputs of the object's ancestors, nearest first
    const acl_output* ancestor = nullptr;
    const ace_row* ancestor_grant = nullptr;  // an inheritable grant on `ancestor`
    const ace_row* grant = nullptr;           // on the object
    const ace_row* deny = nullptr;
    const ace_row* holder_grant = nullptr;
    const ace_row* holder_inheritable = nullptr;  // inherit-only on AdminSDHolder
    std::int64_t error_batch = 0;
    std::string error_file;
};

std::string column(const rules::finding& f, const char* name) {
    auto it = f.columns.find(name);
    return it == f.columns.end() ? std::string() : it->second;
}

void gather(acl_store& acls, const rules::finding& f, const std::string& attribute,
            const std::string& principal, acl_facts& k) {
    k.attr_text = attribute.empty() ? "the failing attribute" : attribute;
    k.obj = acls.newest(f.tenant, f.object_dn);
    if (f.verify == rules::verify_mode::adminsdholder && !column(f, "domain_dn").empty()) {
        k.holder_dn = "CN=AdminSDHolder,CN=System," + column(f, "domain_dn");
        k.holder = acls.newest(f.tenant, k.holder_dn);
    }
    // Inheritance: the nearest ancestor whose dsacls output grants it to this class. The
    // pointers below point into `ancestors`, which is complete before they are taken.
    if (f.verify == rules::verify_mode::inheritance) {
        std::string cls = column(f, "object_class");
        if (cls.empty()) cls = f.object_type.empty() ? "user" : f.object_type;
        for (std::string_view a = dn::parent(f.object_dn); !a.empty(); a = dn::parent(a)) {
            if (auto o = acls.newest(f.tenant, std::string(a)))
                k.ancestors.push_back(std::move(*o));
        }
        for (const auto& o : k.ancestors) {
            if (principal.empty()) break;
            if (const ace_row* g = find_write(o, principal, attribute, true, true, cls)) {
                k.ancestor = &o;
                k.ancestor_grant = g;
                break;
            }
        }
    }
    std::tie(k.error_batch, k.error_file) = acls.error_batch(f);
    if (k.obj && !principal.empty()) {
        k.grant = find_write(*k.obj, principal, attribute, false, true);
        k.deny = find_write(*k.obj, principal, attribute, false, false);
    }
    if (k.holder && !principal.empty()) {
        k.holder_grant = find_write(*k.holder, principal, attribute, false, true);
        for (const auto& a : k.holder->aces)  // inheritable to any class: all inherit-only
            if (a.inheritable && a.allow && a.writes && same_account(a.principal, principal) &&
                (a.target_key.empty() || attribute.empty() ||
                 a.target_key == attribute_key(attribute))) {
                k.holder_inheritable = &a;
                break;
            }
    }
}

// The evidence lines, in the order they are weighed.
std::vector<std::string> weigh(const acl_facts& k, const rules::finding& f,
                               const std::string& principal) {
    std::vector<std::string> e;
    const std::string who = principal.empty() ? "the connector account" : principal;
    if (k.grant) e.push_back(describe(*k.grant));
    if (k.deny) e.push_back(describe(*k.deny));
    if (k.obj && !k.grant && !k.deny)
        e.push_back(fmt::format(
            "{}: dsacls of {}{}: no ACE lets {} write {}{}", where(*k.obj), k.obj->object_dn,
            k.obj->is_protected ? " (protected from inheriting permissions)" : "", who, k.attr_text,
            k.obj->complete ? "" : " (the output is incomplete)"));
    if (k.holder_grant) e.push_back(describe(*k.holder_grant));
    if (k.holder_inheritable && !k.holder_grant) e.push_back(describe(*k.holder_inheritable));
    if (k.holder && !k.holder_grant && !k.holder_inheritable)
        e.push_back(fmt::format("{}: dsacls of {}: no ACE lets {} write {}", where(*k.holder),
                                k.holder_dn, who, k.attr_text));
    if (k.ancestor_grant) e.push_back(describe(*k.ancestor_grant));
    if (f.resolved) {
        e.push_back(fmt::format("error gone{}: {}",
                                f.resolved_at.empty() ? "" : " on " + f.resolved_at,
                                f.resolved_by));
    } else if (!k.error_file.empty()) {
        e.push_back(fmt::format("error still shown by {}{}", k.error_file,
                                !k.obj ? ""
                                : k.error_batch >= k.obj->batch
                                    ? " (ingested with or after the dsacls output)"
                                    : " (ingested before the dsacls output: no newer dump yet)"));
    }
    return e;
}

// The status, summary and next step, from the strongest fact down.
void judge(const acl_facts& k, const rules::finding& f, const std::string& principal,
           verification& v) {
    auto set = [&](const char* status, std::string summary, std::string next) {
        v.status = status;
        v.summary = std::move(summary);
        v.next = std::move(next);
    };
    const std::string& dn_text = f.object_dn;
    if (f.resolved) {
        v.fixed = true;
        set("fixed",
            fmt::format("fixed: the export error on {} is gone{}", k.attr_text,
                        f.resolved_at.empty() ? "" : " (evidence dated " + f.resolved_at + ")"),
            "");
    } else if (principal.empty()) {
        set("unknown-account", "the connector account is not known, so no ACE can be checked",
            "ingest the AD connector's configuration (Connectors/Connector_{guid}.xml) or pass "
            "--account DOMAIN\\name");
    } else if (k.deny) {
        set("denied",
            fmt::format("a Deny ACE for {} on {} is on {}: it wins over any Allow", principal,
                        k.attr_text, dn_text),
            "remove the Deny ACE (dsacls /R removes every ACE of that account: re-add the grants "
            "it needs), then run dsacls on the object again");
    } else if (k.grant) {
        if (k.error_batch >= k.obj->batch)
            set("ace-present-error-persists",
                fmt::format("ACE present on the object, but {} (ingested with or after the dsacls "
                            "output) still shows the error",
                            k.error_file),
                fmt::format("check that {} is the account the AD connector signs in with, that "
                            "the dsacls output and the export came from the same domain "
                            "controller (replication), and for a Deny inherited elsewhere; then "
                            "escalate with csx report",
                            principal));
        else
            set("ace-present-awaiting-sync",
                "ACE present on the object; no dump taken after it shows whether the export now "
                "succeeds",
                "run a delta sync (Start-ADSyncSyncCycle -PolicyType Delta), then take a fresh "
                "export-errors dump of the AD connector (csexport ... /f:e) and ingest it (an "
                "empty dump needs --connector)");
    } else if (k.holder_grant) {
        if (k.obj)
            set("awaiting-sdprop",
                fmt::format("ACE present on AdminSDHolder but not yet on {} — SDProp has not run: "
                            "trigger it",
                            dn_text),
                "make SDProp run now on the PDC emulator (runProtectAdminGroupsTask; csx fix "
                "prints the commands), then run dsacls on the object again and ingest the output");
        else
            set("adminsdholder-granted",
                "ACE present on AdminSDHolder; no dsacls output of the object shows whether SDProp "
                "has copied it",
                "after SDProp has run (within 60 minutes, or trigger it), run dsacls on the object "
                "and ingest the output");
    } else if (k.holder_inheritable) {
        set("adminsdholder-inherit-only",
            "the grant on AdminSDHolder is inheritable only (/I:S or /I:T): SDProp copies it to "
            "the protected objects as inherit-only, where it grants nothing",
            "grant it again on AdminSDHolder for this object only (no /I, no object type: csx fix "
            "prints the command)");
    } else if (k.ancestor_grant) {
        if (k.obj && k.obj->complete && k.obj->is_protected)
            set("inheritance-blocked",
                fmt::format("{} grants it to sub-objects, but {} is protected from inheriting "
                            "permissions",
                            k.ancestor->object_dn, dn_text),
                "if the object is AdminSDHolder-protected (adminCount=1) grant on AdminSDHolder "
                "instead; otherwise re-enable inheritance on the object (dsacls /P:N)");
        else
            set("ancestor-granted",
                fmt::format("{} grants it to sub-objects; {}", k.ancestor->object_dn,
                            k.obj ? "the object's dsacls output does not show it yet (another "
                                    "domain controller, or taken before the grant replicated)"
                                  : "no dsacls output of the object confirms it arrived"),
                "run dsacls on the object (against the DC the connector uses) and ingest the "
                "output");
    } else {
        bool any = k.obj.has_value() || k.holder.has_value() || !k.ancestors.empty();
        bool complete = (k.obj && k.obj->complete) || (k.holder && k.holder->complete);
        for (const auto& a : k.ancestors)
            complete = complete || a.complete;
        if (complete)
            set("missing",
                fmt::format("no grant of WRITE PROPERTY on {} to {} in the dsacls output(s)",
                            k.attr_text, principal),
                "apply the fix (csx fix --tenant " + f.tenant + "), then run dsacls again" +
                    (!k.holder_dn.empty() && !k.holder
                         ? " (no dsacls output of " + k.holder_dn +
                               " is in yet: it would show a grant awaiting SDProp)"
                         : std::string()));
        else if (any)
            set("unproven",
                "the dsacls output(s) are incomplete and show no grant: absence is not proven",
                "save the dsacls output again in full (it ends with \"The command completed "
                "successfully\") and ingest it");
        else
            set("no-evidence", "no dsacls output of the object or of where the grant goes",
                k.holder_dn.empty()
                    ? "run dsacls on the object (and on the OU that should grant it) and ingest "
                      "the saved output"
                    : "run dsacls on the object and on " + k.holder_dn +
                          " and ingest the saved output");
    }
}

verification check(acl_store& acls, const rules::finding& f, const std::string& attribute,
                   const std::string& principal) {
    verification v;
    v.tenant = f.tenant;
    v.rule_id = f.rule_id;
    v.object_dn = f.object_dn;
    v.attribute = attribute;
    v.principal = principal;
    acl_facts k;
    gather(acls, f, attribute, principal, k);
    v.evidence = weigh(k, f, principal);
    judge(k, f, principal, v);
    return v;
}

}  // namespace

account_parts split_account(std::string_view principal) {
    if (const auto slash = principal.find('\\'); slash != std::string_view::npos)
        return {principal.substr(0, slash), principal.substr(slash + 1), false};
    if (const auto at = principal.rfind('@'); at != std::string_view::npos)
        return {principal.substr(at + 1), principal.substr(0, at), true};
    return {{}, principal, false};
}

account_name parse_account(std::string_view principal) {
    const account_parts p = split_account(principal);
    // dsacls prints DOMAIN\name with the NetBIOS domain: a UPN's DNS domain says nothing of it.
    return {p.upn ? std::string() : text::ascii_lower(p.domain), text::ascii_lower(p.name)};
}

bool same_account(std::string_view a, std::string_view b) {
    const auto x = parse_account(a), y = parse_account(b);
    if (x.name.empty() || x.name != y.name) return false;
    return x.domain.empty() || y.domain.empty() || x.domain == y.domain;
}

std::string attribute_key(std::string_view name) {
    std::string k;
    for (char c : name)
        if (c != '-') k += text::ascii_lower(c);
    return k;
}

std::vector<verification> verify_findings(store::db& d, const std::vector<rules::finding>& findings,
                                          const verify_options& opts) {
    acl_store acls(d);
    std::vector<verification> out;
    for (const auto& f : findings) {
        if (f.verify == rules::verify_mode::none) continue;
        const std::string principal = f.principal.empty() ? opts.account : f.principal;
        if (f.attributes.empty()) {
            out.push_back(check(acls, f, "", principal));
        } else {
            for (const auto& a : f.attributes)
                out.push_back(check(acls, f, a, principal));
        }
    }
    std::sort(out.begin(), out.end(), [](const verification& a, const verification& b) {
        return std::tie(a.tenant, a.object_dn, a.attribute, a.rule_id) <
               std::tie(b.tenant, b.object_dn, b.attribute, b.rule_id);
    });
    return out;
}

}  // namespace csx::remediation
