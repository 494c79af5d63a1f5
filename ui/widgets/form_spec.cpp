#include "form_spec.hpp"

#include <cmath>

#include "strings.hpp"

namespace dj::ui {

using nlohmann::json;

namespace {

std::string str(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
bool flag(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}
std::optional<std::size_t> size(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return std::nullopt;
    return static_cast<std::size_t>(it->get<double>());
}

FieldSpec parse_field(const json& j) {
    FieldSpec f;
    f.id = str(j, "id");
    f.type = str(j, "type");
    f.type_label = str(j, "type_label");
    f.label = str(j, "label");
    f.help = str(j, "help");
    f.section = str(j, "section");
    f.required = flag(j, "required");
    f.readonly = flag(j, "readonly");
    f.computed = flag(j, "compute");
    f.visible_if = flag(j, "visible_if");
    f.min = j.value("min", json());
    f.max = j.value("max", json());
    f.min_length = j.contains("min_rows") ? size(j, "min_rows") : size(j, "min_length");  // a table's rows
    f.max_length = j.contains("max_rows") ? size(j, "max_rows") : size(j, "max_length");
    if (auto it = j.find("options"); it != j.end() && it->is_array())
        for (const auto& o : *it) {
            OptionSpec opt;
            if (o.is_string()) {
                opt.value = opt.label = o.get<std::string>();
            } else if (o.is_object()) {
                opt.value = str(o, "value");
                opt.label = str(o, "label");
                if (opt.label.empty()) opt.label = opt.value;
                if (o.contains("parent") && o["parent"].is_string()) opt.parent = o["parent"].get<std::string>();
            }
            f.options.push_back(std::move(opt));
        }
    f.cascade_from = str(j, "cascade_from");
    f.default_value = j.value("default", json());
    f.within_period = flag(j, "within_period");
    f.multiple = flag(j, "multiple");
    f.roster = str(j, "roster");
    f.roster_count = str(j, "roster_count");
    f.roster_absent = str(j, "roster_absent");
    if (!f.roster_count.empty() || !f.roster_absent.empty()) f.computed = true;  // the service fills them in
    if (auto it = j.find("filter"); it != j.end() && it->is_object()) f.filter_flag = str(*it, "flag");
    f.max_bytes = size(j, "max_bytes");
    if (auto it = j.find("accept"); it != j.end() && it->is_array())
        for (const auto& a : *it)
            if (a.is_string()) f.accept.push_back(a.get<std::string>());
    if (auto it = j.find("columns"); it != j.end() && it->is_array())
        for (const auto& c : *it) f.columns.push_back(parse_field(c));
    return f;
}

}  // namespace

FormSpec FormSpec::parse(const std::string& schema_json) {
    FormSpec s;
    json j = json::parse(schema_json, nullptr, false);
    if (!j.is_object()) return s;
    s.id = str(j, "id");
    s.title = str(j, "title");
    s.description = str(j, "description");
    s.plugin = str(j, "plugin");
    s.version = str(j, "version");
    s.scope = str(j, "scope");
    s.period = str(j, "period");
    s.many = flag(j, "many");
    s.deadline_days = j.value("deadline_days", 0);
    if (auto it = j.find("approval"); it != j.end() && it->is_array())
        for (const auto& a : *it) s.approval.push_back(str(a, "label"));
    if (auto it = j.find("evaluation"); it != j.end() && it->is_object()) {
        s.evaluation = str(*it, "rule");
        if (s.evaluation.empty()) s.evaluation = "average";
    }
    if (auto it = j.find("sections"); it != j.end() && it->is_array())
        for (const auto& sec : *it) s.sections.push_back({str(sec, "id"), str(sec, "title"), flag(sec, "visible_if")});
    if (auto it = j.find("fields"); it != j.end() && it->is_array())
        for (const auto& f : *it) s.fields.push_back(parse_field(f));
    if (auto it = j.find("summary"); it != j.end() && it->is_array())
        for (const auto& id : *it)
            if (id.is_string()) s.summary.push_back(id.get<std::string>());
    if (s.summary.empty())  // the plugin declared none: the first few plain fields
        for (const auto& f : s.fields)
            if (s.summary.size() < 3 && (f.is("select") || f.is("date") || f.is("text")) && !f.computed)
                s.summary.push_back(f.id);
    return s;
}

std::string record_summary(const FormSpec& form, const std::string& values_json) {
    json v = json::parse(values_json, nullptr, false);
    if (!v.is_object()) return {};
    std::string out;
    for (const auto& id : form.summary) {
        const FieldSpec* f = form.field(id);
        auto it = v.find(id);
        if (!f || it == v.end() || it->is_null() || f->is("member") || f->is("members") || f->is("attachment")) continue;
        std::string text = value_text(*it);
        if (text.empty()) continue;
        out += (out.empty() ? "" : " · ") + text;
    }
    return out;
}

const FieldSpec* FormSpec::field(const std::string& id) const {
    for (const auto& f : fields)
        if (f.id == id) return &f;
    return nullptr;
}

const SectionSpec* FormSpec::section(const std::string& id) const {
    for (const auto& s : sections)
        if (s.id == id) return &s;
    return nullptr;
}

FieldPath parse_field_path(const std::string& path) {
    FieldPath p;
    auto open = path.find('[');
    if (open == std::string::npos) {
        p.field = path;
        return p;
    }
    p.field = path.substr(0, open);
    auto close = path.find(']', open);
    if (close == std::string::npos) return p;
    p.row = static_cast<std::size_t>(std::strtoul(path.c_str() + open + 1, nullptr, 10));
    if (close + 1 < path.size() && path[close + 1] == '.') p.column = path.substr(close + 2);
    return p;
}

std::string cell_path(const std::string& field, std::size_t row, const std::string& column) {
    std::string p = field + "[" + std::to_string(row) + "]";
    if (!column.empty()) p += "." + column;
    return p;
}

std::string value_text(const json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? ZH("是") : ZH("否");
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    if (v.is_number()) {
        double d = v.get<double>();
        if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
        std::string s = std::to_string(d);
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
        return s;
    }
    if (v.is_array()) {
        std::string out;
        for (const auto& x : v) out += (out.empty() ? "" : ZH("、")) + value_text(x);
        return out;
    }
    return v.dump();
}

}  // namespace dj::ui
