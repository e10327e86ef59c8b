#include "ingest/run_history_handler.hpp"

#include "util/dn.hpp"

namespace csx::ingest {

run_history_handler::run_history_handler(std::string_view document_name, xml::parser_options opts,
                                         store::table_writer& w, std::int64_t file_id)
    : xml_input(document_name, std::move(opts)),
      w_(w),
      file_id_(file_id),
      reader_(w, file_id,
              [this](std::int64_t line, const std::string& path, const std::string& xml) {
                  w_.insert("extra_element",
                            {{"file_id", file_id_}, {"line", line}, {"path", path}, {"xml", xml}});
              }) {
    keep_source_lines();
    reader_.set_source_hooks(
        {[this](std::int64_t line) { hold_source_from(line); },
         [this](std::string_view name, std::int64_t line) { return source_of(name, line); }});
}

void run_history_handler::on_start(std::string_view name, const xml::attributes& attrs,
                                   std::int64_t line) {
    reader_.on_start(name, attrs, line);
    if (!reader_.rejection().empty()) reject(reader_.rejection());
}

file_facts run_history_handler::facts() const {
    file_facts f;
    // The AD forest from a step's partition (DC=...), else the connector's name when it is a
    // domain name ("contoso.com", "contoso.onmicrosoft.com - AAD").
    for (const auto& p : reader_.partitions()) {
        f.tenant_hint = dn::dns_name(p);
        if (!f.tenant_hint.empty()) return f;
    }
    std::string name = reader_.first_run().ma_name;
    if (auto pos = name.find(" - "); pos != std::string::npos) name.resize(pos);
    if (name.find('.') != std::string::npos && name.find(' ') == std::string::npos)
        f.tenant_hint = name;
    return f;
}

}  // namespace csx::ingest
