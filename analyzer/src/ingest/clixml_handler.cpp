#include "ingest/clixml_handler.hpp"

#include <cctype>

#include <fmt/format.h>

#include "util/text.hpp"
#include "util/utf8.hpp"
#include "xml/sax_parser.hpp"

namespace csx::ingest {

namespace {

using text::trim;

// "StageNoChange" -> "stage-no-change"
std::string kebab(std::string_view camel) {
    std::string out;
    for (std::size_t i = 0; i < camel.size(); ++i) {
        char c = camel[i];
        if (std::isupper(static_cast<unsigned char>(c))) {
            if (i > 0) out += '-';
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
            out += c;
        }
    }
    return out;
}

std::string_view counter_group(std::string_view prop) {
    if (prop.starts_with("Stage")) return "staging";
    if (prop.starts_with("Export")) return "export";
    if (prop.starts_with("Disconnector") || prop.starts_with("Connector") || prop == "FlowFailure")
        return "inbound-flow";
    return {};
}

bool numeric(std::string_view s) {
    s = trim(s);
    if (!s.empty() && s.front() == '-') s.remove_prefix(1);
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// Forwards a nested parser's events to the run-history reader.
class fragment_events final : public xml::sax_handler {
public:
    explicit fragment_events(run_history_reader& r) : reader_(r) {}
    void attach(xml::sax_parser* p) { parser_ = p; }
    void start_element(std::string_view name, const xml::attributes& attrs) override {
        reader_.on_start(name, attrs, parser_->line());
    }
    void end_element(std::string_view name) override { reader_.on_end(name); }
    void characters(std::string_view text) override { reader_.on_text(text); }

private:
    run_history_reader& reader_;
    xml::sax_parser* parser_ = nullptr;
};

}  // namespace

std::string decode_clixml_string(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::uint32_t high = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
            int v = 0;
            bool ok = true;
            for (std::size_t k = 2; k < 6; ++k) {
                int h = utf8::hex_value(s[i + k]);
                ok = ok && h >= 0;
                v = v * 16 + h;
            }
            if (ok) {
                auto unit = static_cast<std::uint32_t>(v);
                if (unit >= 0xD800 && unit <= 0xDBFF) {
                    high = unit;
                } else if (unit >= 0xDC00 && unit <= 0xDFFF && high) {
                    utf8::append(out, 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00));
                    high = 0;
                } else {
                    utf8::append(out, unit >= 0xD800 && unit <= 0xDFFF ? 0xFFFD : unit);
                    high = 0;
                }
                i += 6;
                continue;
            }
        }
        if (high) {
            utf8::append(out, 0xFFFD);
            high = 0;
        }
        out += s[i];
    }
    if (high) utf8::append(out, 0xFFFD);
    return out;
}

clixml_handler::clixml_handler(std::string_view document_name, xml::parser_options opts,
                               store::table_writer& w, std::int64_t file_id)
    : xml_input(document_name, std::move(opts)),
      w_(w),
      file_id_(file_id),
      reader_(w, file_id,
              [this](std::int64_t line, const std::string& path, const std::string& xml) {
                  w_.insert("extra_element",
                            {{"file_id", file_id_}, {"line", line}, {"path", path}, {"xml", xml}});
              }) {}

void clixml_handler::on_start(std::string_view name, const xml::attributes& attrs,
                              std::int64_t line) {
    ++depth_;
    text_.clear();
    if (depth_ == 1) {
        if (name != "Objs")
            reject(fmt::format("expected <Objs> as the root element of a CLIXML file, found <{}>",
                               name));
        return;
    }
    if (name == "Obj") {
        object o;
        o.depth = depth_;
        o.line = line;
        objects_.push_back(std::move(o));
    }
    if (objects_.empty()) return;
    object& o = objects_.back();
    if (depth_ == o.depth + 1 && name == "TN") tn_ref_.assign(attrs.get("RefId"));
    if (depth_ == o.depth + 1 && name == "TNRef" && o.type == obj_type::unknown) {
        auto it = tn_types_.find(std::string(attrs.get("RefId")));
        set_type(o, it == tn_types_.end() ? obj_type::other : it->second);
    }
    prop_name_.assign(attrs.get("N"));
    prop_line_ = line;
}

// The type an object's first type name gives it ("Deserialized." types too; a list of
// RunStepResults, List`1[[...RunStepResult ...]], is no RunStepResult).
void clixml_handler::set_type(object& o, obj_type t) {
    o.type = t;
    if (t == obj_type::run_profile) {
        o.run_id = reader_.insert_run(o.line);
        ++profiles_;
    }
}

clixml_handler::object* clixml_handler::owner() {
    for (auto it = objects_.rbegin(); it != objects_.rend(); ++it)
        if (it->type == obj_type::run_step || it->type == obj_type::run_profile) return &*it;
    return nullptr;
}

void clixml_handler::on_end(std::string_view name) {
    if (!objects_.empty()) {
        object& o = objects_.back();
        if (depth_ == o.depth + 2 && name == "T" && o.type == obj_type::unknown) {
            const std::string_view t = trim(text_);
            const obj_type type = t.ends_with("RunStepResult")      ? obj_type::run_step
                                  : t.ends_with("RunProfileResult") ? obj_type::run_profile
                                                                    : obj_type::other;
            tn_types_[tn_ref_] = type;
            set_type(o, type);
        } else if (!prop_name_.empty() && name != "Obj" && name != "Props" && name != "MS") {
            if (object* target = owner()) {
                std::string value = decode_clixml_string(text_);
                if (name == "S" && prop_name_.ends_with("Xml")) {
                    target->fragments.push_back({prop_name_, std::move(value), prop_line_});
                } else if (name != "Nil") {
                    target->scalars[prop_name_] = std::move(value);
                }
            }
            prop_name_.clear();
        }
        if (depth_ == o.depth && name == "Obj") {
            object done = std::move(o);
            objects_.pop_back();
            if (done.type == obj_type::run_step) finish_step(done);
            if (done.type == obj_type::run_profile) finish_profile(done);
        }
    }
    text_.clear();
    if (depth_ > 0) --depth_;
}

void clixml_handler::parse_fragment(std::int64_t step_id, const fragment& f,
                                    run_history_reader::step_fields& step,
                                    std::int64_t object_line) {
    std::string_view body = trim(f.xml);
    if (body.starts_with("<?xml")) {
        auto end = body.find("?>");
        body = end == std::string_view::npos ? std::string_view() : trim(body.substr(end + 2));
    }
    if (body.empty()) return;
    std::string doc;
    if (f.property == "ConnectorConnectionInformationXml") {
        doc = fmt::format("<ma-connection>{}</ma-connection>", body);
    } else if (f.property == "StepXml") {
        doc = fmt::format("<step-description>{}</step-description>", body);
    } else if (f.property == "SyncErrorsXml" || f.property == "ConnectorDiscoveryErrorsXml" ||
               f.property == "MvRetryErrorsXml") {
        doc.assign(body);
    } else {
        doc = fmt::format("<clixml-property name=\"{}\">{}</clixml-property>", f.property, body);
    }
    reader_.begin_fragment(step_id, f.line - 1);
    fragment_events events(reader_);
    xml::sax_parser parser(events, f.property);
    events.attach(&parser);
    const bool ok = parser.feed(doc.data(), doc.size()) && parser.finish();
    if (!ok && parser.failure()) {
        const auto& e = *parser.failure();
        note_damage({f.line + e.line - 1, e.column,
                     fmt::format("{} of the RunStepResult at line {} is not well-formed XML: {}",
                                 f.property, object_line, e.message)});
    }
    const auto& got = reader_.step();
    auto take = [](std::string& dst, const std::string& src) {
        if (dst.empty() && !src.empty()) dst = src;
    };
    take(step.connection_result, got.connection_result);
    take(step.connection_server, got.connection_server);
    take(step.step_type, got.step_type);
    take(step.step_subtype, got.step_subtype);
    take(step.partition, got.partition);
    take(step.description, got.description);
}

void clixml_handler::finish_step(object& o) {
    auto get = [&](const char* k) -> std::string {
        auto it = o.scalars.find(k);
        return it == o.scalars.end() ? std::string() : it->second;
    };
    // Inside a RunProfileResult: a step of that run. Loose: grouped by RunHistoryId.
    std::int64_t run_id = 0;
    for (auto it = objects_.rbegin(); it != objects_.rend() && run_id == 0; ++it)
        if (it->type == obj_type::run_profile) {
            run_id = it->run_id;
            if (it->steps++ == 0) ++profiles_with_steps_;
        }
    ++steps_;
    if (run_id == 0) {
        const std::string rhid = get("RunHistoryId");
        auto it = runs_.find(rhid);
        if (it == runs_.end()) {
            const std::int64_t id = reader_.insert_run(o.line);
            run_history_reader::run_fields rf;
            rf.run_history_id = rhid;
            reader_.update_run(id, rf);
            it = runs_.emplace(rhid, id).first;
        }
        run_id = it->second;
    }
    const std::int64_t step_id = reader_.insert_step(run_id, o.line);

    run_history_reader::step_fields f;
    f.step_number = get("StepNumber");
    f.step_guid = get("StepHistoryId");
    f.step_result = get("StepResult");
    f.start_date = get("StartDate");
    f.end_date = get("EndDate");
    f.current_export_counter = get("CurrentExportBatchNumber");
    f.last_successful_export_counter = get("LastSuccessfulExportBatchNumber");
    for (const auto& [prop, value] : o.scalars) {
        auto group = counter_group(prop);
        if (!group.empty() && numeric(value))
            reader_.write_counter(step_id, group, "", kebab(prop), value, "");
    }
    for (const auto& frag : o.fragments)
        parse_fragment(step_id, frag, f, o.line);
    reader_.update_step(step_id, f, o.line);
}

// ConnectorId is a bare GUID ("ae4db4cc-..."); run history and configurations write the
// connector id upper-case in braces, which is how csx matches them.
void clixml_handler::finish_profile(object& o) {
    auto get = [&](const char* k) -> std::string {
        auto it = o.scalars.find(k);
        return it == o.scalars.end() ? std::string() : std::string(trim(it->second));
    };
    run_history_reader::run_fields rf;
    rf.ma_id = get("ConnectorId");
    if (!rf.ma_id.empty() && rf.ma_id.front() != '{') rf.ma_id = "{" + rf.ma_id + "}";
    for (auto& c : rf.ma_id)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    rf.ma_name = get("ConnectorName");
    rf.run_number = get("RunNumber");
    rf.run_profile = get("RunProfileName");
    rf.security_id = get("Username");
    rf.run_history_id = get("RunHistoryId");
    reader_.update_run(o.run_id, rf);
}

}  // namespace csx::ingest
