#include "ingest/ldif_object_writer.hpp"

#include "store/db.hpp"
#include "util/dn.hpp"
#include "util/text.hpp"

namespace csx::ingest {
namespace {

// attr_name ids 1..3 are userPrincipalName, mail, proxyAddresses (fixed in schema/001).
std::int64_t address_name_id(std::string_view attribute) {
    if (text::iequals(attribute, "userPrincipalName")) return 1;
    if (text::iequals(attribute, "mail")) return 2;
    if (text::iequals(attribute, "proxyAddresses")) return 3;
    return 0;
}

}  // namespace

ldif_object_writer::ldif_object_writer(store::db& d, std::int64_t file_id)
    : file_id_(file_id),
      object_(d.prepare("INSERT INTO ldif_object(object_id, file_id, line, dn, object_type) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)")),
      address_(d.prepare("INSERT INTO attr_value(object_id, section_id, name_id, ord, value, "
                         "address) VALUES (?1, 5, ?2, ?3, ?4, ?5)")),
      values_(d) {
    auto st = d.prepare("SELECT min(coalesce(min(object_id), 0), 0) - 1 FROM ldif_object");
    st.step();
    next_id_ = st.column_int64(0);
    values_.begin_file(file_id);
}

bool ldif_object_writer::wanted(std::string_view dn, std::string_view object_class) {
    return dn::has_dc_rdn(dn) &&
           (text::iequals(object_class, "user") || text::iequals(object_class, "inetOrgPerson") ||
            text::iequals(object_class, "group") || text::iequals(object_class, "contact"));
}

bool ldif_object_writer::checked(std::string_view a) {
    using text::iequals;
    return address_name_id(a) != 0 || iequals(a, "sAMAccountName") || iequals(a, "mailNickname") ||
           iequals(a, "displayName") || iequals(a, "givenName") || iequals(a, "sn") ||
           iequals(a, "targetAddress") || iequals(a, "userCertificate") ||
           iequals(a, "userSMIMECertificate") || iequals(a, "thumbnailPhoto") ||
           iequals(a, "isCriticalSystemObject");
}

void ldif_object_writer::write(const ldif_object& o) {
    const std::int64_t id = next_id_--;
    object_.bind(1, id);
    object_.bind(2, file_id_);
    object_.bind(3, o.line);
    object_.bind(4, o.dn);
    // The class as the connector space names it (ldifde writes objectClass in lower case).
    std::string_view type = o.object_class;
    for (std::string_view c : {"user", "inetOrgPerson", "group", "contact"})
        if (text::iequals(type, c)) type = c;
    object_.bind(5, type);
    object_.step();
    object_.reset();
    std::int64_t ord[4] = {0, 0, 0, 0};
    values_.begin(id, type);
    for (const auto& [name, value] : o.values) {
        if (const auto n = address_name_id(name)) {
            key_ = value;
            normalize_address(key_);
            address_.bind(1, id);
            address_.bind(2, n);
            address_.bind(3, ord[n]++);
            address_.bind(4, value);
            address_.bind(5, key_);
            address_.step();
            address_.reset();
        }
        values_.value(name, value, false);  // LDIF values are decoded already
    }
    values_.finish();
    ++written_;
}

void ldif_object_writer::finish() {
    values_.end_file();
}

}  // namespace csx::ingest
