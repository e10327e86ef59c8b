#include "ingest/clixml_ad_handler.hpp"

#include <fmt/format.h>

#include "ingest/clixml_handler.hpp"
#include "util/dn.hpp"
#include "util/sid.hpp"
#include "util/text.hpp"

namespace csx::ingest {

using text::iequals;

namespace {

// Bounds on what is remembered across objects, so that a hostile file cannot grow memory:
// type name lists, SID objects for <Ref>, and groups of a Get-ADPrincipalGroupMembership output
// (a principal is in at most a few thousand groups: AD's token holds 1,015).
constexpr std::size_t kMaxTypes = 4096;
constexpr std::size_t kMaxSidRefs = 65536;
constexpr std::size_t kMaxListedGroups = 65536;

constexpr std::string_view kAdNamespace = "Microsoft.ActiveDirectory.Management.AD";

bool is_collection(std::string_view tag) {
    return tag == "LST" || tag == "IE" || tag == "QUE" || tag == "STK";
}

bool is_property_bag(std::string_view tag) {
    return tag == "Props" || tag == "MS";
}

// "Deserialized.Microsoft.ActiveDirectory.Management.ADUser" -> "ADUser"; "" for other types.
std::string_view ad_type(std::string_view type_name) {
    const auto at = type_name.find(kAdNamespace);
    if (at == std::string_view::npos) return {};
    return type_name.substr(at + kAdNamespace.size() - 2);
}

// The class of an object whose ObjectClass was not exported, from its AD module type.
std::string_view class_of(std::string_view type) {
    if (type == "ADUser") return "user";
    if (type == "ADGroup") return "group";
    if (type == "ADComputer") return "computer";
    return {};
}

}  // namespace

clixml_ad_handler::clixml_ad_handler(std::string_view document_name, xml::parser_options opts,
                                     store::db& d, std::int64_t file_id, std::string object_dn)
    : xml_input(document_name, std::move(opts)),
      writer_(d, file_id, "clixml"),
      object_dn_(std::move(object_dn)) {}

file_facts clixml_ad_handler::facts() const {
    file_facts f;
    f.tenant_hint = dn::dns_name(first_dn_);
    f.note = note_;
    return f;
}

void clixml_ad_handler::remember_sid(const std::string& ref_id, const std::string& sid) {
    if (ref_id.empty()) return;
    if (sid_refs_.size() >= kMaxSidRefs) sid_refs_.clear();
    sid_refs_[ref_id] = sid;
}

void clixml_ad_handler::on_start(std::string_view name, const xml::attributes& attrs,
                                 std::int64_t line) {
    text_.clear();
    const std::size_t d = depth();
    if (d == 1) {
        if (name != "Objs")
            reject(fmt::format("expected <Objs> as the root element of a CLIXML file, found <{}>",
                               name));
        return;
    }
    // Type name lists, wherever they are defined: a later object may refer to any of them.
    if (name == "TN") {
        in_tn_ = true;
        tn_id_.assign(attrs.get("RefId"));
        tn_first_.clear();
        tn_has_first_ = false;
    } else if (name == "TNRef" && d == 3 && in_object_) {
        auto it = types_.find(std::string(attrs.get("RefId")));
        if (it != types_.end()) object_type_ = it->second;
    }
    if (d == 2) {
        if (name != "Obj") return;
        in_object_ = true;
        object_type_.clear();
        object_line_ = line;
        object_to_string_.clear();
        in_props_ = false;
        entry_.clear();
        primary_group_.reset();
        has_requested_props_ = false;
        return;
    }
    if (!in_object_) return;
    if (d == 3) {
        in_props_ = is_property_bag(name);
        return;
    }
    if (!in_props_) return;
    if (d == 4) {
        prop_ = text::ascii_lower(attrs.get("N"));
        prop_tag_.assign(name);
        prop_ref_.assign(attrs.get("RefId"));
        prop_line_ = line;
        prop_to_string_.clear();
        prop_value_.clear();
        prop_protected_.reset();
        in_collection_ = false;
        in_inner_props_ = false;
        items_.clear();
        return;
    }
    if (prop_tag_ != "Obj") return;
    if (d == 5) {
        in_collection_ = is_collection(name);
        in_inner_props_ = is_property_bag(name);
    } else if (d == 6 && in_collection_) {
        item_tag_.assign(name);
        item_line_ = line;
        item_to_string_.clear();
    } else if (d == 6 && in_inner_props_) {
        inner_name_ = text::ascii_lower(attrs.get("N"));
    }
}

void clixml_ad_handler::on_end(std::string_view name) {
    const std::size_t d = depth();
    if (in_tn_ && name == "T" && !tn_has_first_) {
        tn_first_.assign(text::trim(text_));
        tn_has_first_ = true;
    } else if (in_tn_ && name == "TN") {
        in_tn_ = false;
        if (types_.size() < kMaxTypes || types_.count(tn_id_)) types_[tn_id_] = tn_first_;
        if (d == 3 && in_object_) object_type_ = tn_first_;
    }
    if (in_object_) {
        if (d == 2 && name == "Obj") {
            end_object();
            in_object_ = false;
        } else if (d == 3) {
            if (name == "ToString") object_to_string_ = decode_clixml_string(text_);
            if (is_property_bag(name)) in_props_ = false;
        } else if (in_props_ && d == 4) {
            if (!prop_.empty()) end_property(name);
            prop_.clear();
        } else if (in_props_ && prop_tag_ == "Obj") {
            if (d == 5) {
                if (name == "ToString") prop_to_string_ = decode_clixml_string(text_);
                in_collection_ = false;
                in_inner_props_ = false;
            } else if (d == 6 && in_collection_) {
                if (name == "S") {
                    items_.push_back({decode_clixml_string(text_), item_line_});
                } else if (name == "Obj" && !item_to_string_.empty()) {
                    items_.push_back({item_to_string_, item_line_});
                }
            } else if (d == 7 && in_collection_ && item_tag_ == "Obj" && name == "ToString") {
                item_to_string_ = decode_clixml_string(text_);
            } else if (d == 6 && in_inner_props_) {
                if (inner_name_ == "value" && name == "S") {
                    prop_value_ = decode_clixml_string(text_);
                } else if (inner_name_ == "areaccessrulesprotected" && name == "B") {
                    const std::string_view b = text::trim(text_);
                    if (iequals(b, "true")) prop_protected_ = true;
                    if (iequals(b, "false")) prop_protected_ = false;
                }
            }
        }
    }
    text_.clear();
}

void clixml_ad_handler::end_property(std::string_view tag) {
    const bool nil = tag == "Nil";
    const bool object = tag == "Obj";
    const std::string value = object || nil ? std::string() : decode_clixml_string(text_);
    // A multi-valued property: the collection's items, or a single string.
    auto values = [&]() {
        std::vector<directory_value> out;
        if (object) {
            out = std::move(items_);
            items_.clear();
        } else if (!nil && !text::trim(value).empty()) {
            out.push_back({value, prop_line_});
        }
        return out;
    };
    const std::string& p = prop_;
    // A property this file wrote as a group listing would not have (Get-ADPrincipalGroupMembership
    // writes the default properties only).
    static constexpr std::string_view kRequested[] = {"admincount",
                                                      "primarygroupid",
                                                      "iscriticalsystemobject",
                                                      "ntsecuritydescriptor",
                                                      "memberof",
                                                      "members",
                                                      "member",
                                                      "tokengroups",
                                                      "primarygroup"};
    for (std::string_view r : kRequested)
        if (p == r) has_requested_props_ = true;
    // A <Ref> to an earlier object is followed for SIDs only; any other property written as one
    // is left unread rather than taken as empty.
    if (tag == "Ref" && p != "sid" && p != "objectsid") return;
    if (p == "distinguishedname") {
        if (!nil) entry_.dn.assign(text::trim(value));
    } else if (p == "objectclass") {
        if (object) {
            if (!items_.empty()) entry_.object_class = items_.back().value;
        } else if (!nil) {
            entry_.object_class.assign(text::trim(value));
        }
    } else if (p == "samaccountname") {
        if (!nil) entry_.sam_account_name.assign(text::trim(value));
    } else if (p == "sid" || p == "objectsid") {
        std::string written;
        if (object) {
            written = prop_value_.empty() ? prop_to_string_ : prop_value_;
        } else if (tag == "Ref") {
            auto it = sid_refs_.find(prop_ref_);
            if (it != sid_refs_.end()) written = it->second;
        } else {
            written = value;
        }
        if (auto s = sid::parse(written)) {
            if (object) remember_sid(prop_ref_, *s);
            if (entry_.sid.empty()) entry_.sid = std::move(*s);
        }
    } else if (p == "admincount") {
        entry_.admin_count_known = true;  // requested: Nil means "not set"
        if (!nil) entry_.admin_count = text::to_int(value);
    } else if (p == "primarygroupid") {
        if (!nil) entry_.primary_group_id = text::to_int(value);
    } else if (p == "iscriticalsystemobject") {
        const std::string_view b = text::trim(value);
        if (iequals(b, "true")) entry_.is_critical = true;
        if (iequals(b, "false")) entry_.is_critical = false;
    } else if (p == "memberof") {
        entry_.member_of_listed = true;  // requested: an empty list means "in no group"
        if (entry_.member_of.empty()) entry_.member_of = values();
    } else if (p == "primarygroup") {
        if (!nil && !text::trim(value).empty())
            primary_group_ = directory_value{std::string(text::trim(value)), prop_line_};
    } else if (p == "members" || p == "member") {
        // A group exported with -Properties member holds both: the same DNs.
        if (entry_.member.empty()) entry_.member = values();
    } else if (p == "tokengroups") {
        // Listed only when every value is a readable SID: a list missing one proves no absence.
        bool whole = true;
        for (auto& v : values()) {
            if (auto s = sid::from_any(v.value)) {
                entry_.token_groups.push_back({*s, v.line});
            } else {
                whole = false;
            }
        }
        entry_.token_groups_listed = whole;
    } else if (p == "ntsecuritydescriptor") {
        if (prop_protected_) entry_.acl_protected = prop_protected_;
    }
}

void clixml_ad_handler::end_object() {
    const std::string_view type = ad_type(object_type_);
    if (type.empty()) return;  // not an ActiveDirectory module object
    ++ad_objects_;
    if (entry_.dn.empty() && object_to_string_.find('=') != std::string::npos)
        entry_.dn.assign(text::trim(object_to_string_));
    if (entry_.dn.empty()) {
        note_damage(
            {object_line_, 0,
             fmt::format("the {} object at line {} has neither a DistinguishedName nor a DN "
                         "as its ToString: it is not kept",
                         type, object_line_)});
        group_listing_ = false;
        return;
    }
    entry_.line = object_line_;
    if (entry_.object_class.empty()) entry_.object_class = class_of(type);
    // PrimaryGroup is a direct group memberOf leaves out; added only where MemberOf was exported,
    // since a member_of value says the list of direct groups is known.
    if (primary_group_ && entry_.member_of_listed) {
        const std::string key = directory_writer::dn_key(primary_group_->value);
        bool listed = false;
        for (const auto& g : entry_.member_of)
            listed = listed || directory_writer::dn_key(g.value) == key;
        if (!listed) entry_.member_of.push_back(*primary_group_);
    }
    if (group_listing_) {
        if (type == "ADGroup" && !has_requested_props_ && groups_.size() < kMaxListedGroups) {
            groups_.push_back({entry_.dn, object_line_});
        } else {
            group_listing_ = false;
            groups_.clear();
            groups_.shrink_to_fit();
        }
    }
    writer_.write(entry_);
    if (first_dn_.empty()) first_dn_ = entry_.dn;
}

void clixml_ad_handler::on_finish() {
    if (ad_objects_ == 0) {
        note_damage({1, 0,
                     "no ActiveDirectory module objects found: expected the Export-Clixml output "
                     "of Get-ADUser / Get-ADGroup / Get-ADComputer / Get-ADObject or "
                     "Get-ADPrincipalGroupMembership (Microsoft.ActiveDirectory.Management.* "
                     "objects)"});
        return;
    }
    if (!group_listing_ || groups_.empty()) return;
    if (object_dn_.empty()) {
        note_ = fmt::format(
            "{} ADGroup object(s) with their default properties only, as "
            "Get-ADPrincipalGroupMembership writes them: kept as groups. "
            "Get-ADPrincipalGroupMembership output names no member: ingest "
            "with --object DN to tie the groups to it",
            groups_.size());
        return;
    }
    directory_entry member;
    member.dn = object_dn_;
    member.line = groups_.front().line;
    member.member_of_listed = true;
    member.member_of = std::move(groups_);
    groups_.clear();
    writer_.write(member);
    note_ = fmt::format(
        "read as the Get-ADPrincipalGroupMembership output of {} (--object): {} direct group(s)",
        object_dn_, member.member_of.size());
}

}  // namespace csx::ingest
