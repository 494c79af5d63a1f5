#include "indicators/query_run.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "core/errors.hpp"
#include "forms/field_types.hpp"
#include "model/member.hpp"
#include "model/party_dates.hpp"

namespace dj::indicators {

using nlohmann::json;

namespace {

// Below this many (target, node) rows a statement starts from the targets and uses the
// per-org indexes; above it, it scans the form's period range once.
constexpr std::size_t kSmallScope = 2000;
const char* const kCounted = "s.state IN ('submitted','approved')";

const char* const kOperators[] = {"=", "~=", "<", "<=", ">", ">="};

bool is_operator(const json& v) {
    if (!v.is_string()) return false;
    for (const char* op : kOperators)
        if (v == op) return true;
    return false;
}

std::string sql_operator(const std::string& op) { return op == "~=" ? "<>" : op; }

// A list value (multiselect, members): a filter on it means "contains".
bool is_multi(forms::FieldType t) { return forms::field_type(t).list; }

json scalar(const json& v, const std::string& what) {
    if (v.is_string() || v.is_number()) return v;
    if (v.is_boolean()) return v.get<bool>() ? 1 : 0;  // json_extract gives 1/0 for true/false
    throw UserError(what + " 的比较值应为文字、数字或真假值");
}

void bind_json(db::Statement& st, int index, const json& v) {
    if (v.is_null()) st.bind(index, nullptr);
    else if (v.is_boolean()) st.bind(index, static_cast<std::int64_t>(v.get<bool>() ? 1 : 0));
    else if (v.is_number_integer()) st.bind(index, v.get<std::int64_t>());
    else if (v.is_number()) st.bind(index, v.get<double>());
    else st.bind(index, v.get<std::string>());
}

const json& arg(const json& args, std::size_t i) {
    static const json kNull;
    return args.is_array() && i < args.size() ? args[i] : kNull;
}

const json& filter_arg(const json& args, std::size_t i, const char* method) {
    const json& f = arg(args, i);
    if (!f.is_null() && !f.is_object() && !(f.is_array() && f.empty()))
        throw UserError(std::string("q:") + method + " 的筛选条件应为表，如 { kind = \"党课\" }");
    return f;
}

int int_arg(const json& args, std::size_t i, int fallback, const char* what) {
    const json& v = arg(args, i);
    if (v.is_null()) return fallback;
    if (!v.is_number_integer() || v.get<int>() < 0) throw UserError(std::string(what) + " 应为非负整数");
    return v.get<int>();
}

std::string path_of(const std::string& field) { return "$." + field; }

}  // namespace

QueryRun::QueryRun(const db::Connection& db, std::shared_ptr<const OrgSnapshot> snapshot, Period period, Date date,
                   QuerySources sources)
    : db_(db), snapshot_(std::move(snapshot)), period_(period), date_(date), sources_(std::move(sources)) {
    // Created once per connection (temp tables live as long as it does).
    auto exists = db_.prepare("SELECT 1 FROM temp.sqlite_master WHERE name = 'dj_scope'");
    if (!exists.step())
        db_.exec_script("CREATE TEMP TABLE dj_scope(target INTEGER NOT NULL, node INTEGER NOT NULL);"
                        "CREATE INDEX temp.dj_scope_node ON dj_scope(node);");
}

QueryRun::~QueryRun() {
    try {
        db_.exec_script("DELETE FROM temp.dj_scope");
    } catch (...) {
    }
}

void QueryRun::set_targets(std::vector<std::size_t> targets) {
    targets_ = std::move(targets);
    memo_.clear();
    fill_scope_table();
}

void QueryRun::fill_scope_table() {
    db_.exec_script("DELETE FROM temp.dj_scope");
    auto ins = db_.prepare("INSERT INTO temp.dj_scope(target, node) VALUES (?, ?)");
    scope_rows_ = 0;
    const auto& nodes = snapshot_->nodes();
    for (std::size_t t : targets_)
        for (std::size_t j = t; j < snapshot_->subtree_end(t); ++j) {
            ins.bind(1, static_cast<std::int64_t>(t)).bind(2, nodes[j].id);
            ins.run();
            ins.reset();
            ++scope_rows_;
        }
    // Tell the planner how big the scope really is: without statistics it assumes a large
    // table and builds a Bloom filter over every submission, which makes a one-node refresh
    // cost as much as the whole year.
    db_.exec_script("ANALYZE temp.dj_scope");
}

void QueryRun::begin(const std::string& plugin_id, std::size_t target) {
    plugin_id_ = plugin_id;
    current_ = target;
    deps_.clear();
}

json QueryRun::fields(const json& settings) const {
    json q = {{"period", period_.str()},
              {"year", period_.year_number()},
              {"from", period_.start().iso()},
              {"to", period_.end().iso()},
              {"date", date_.iso()},
              {"node", node_json(current_)},
              {"settings", settings}};
    if (period_.type() == PeriodType::Month) q["month"] = period_.index();
    return q;
}

const json& QueryRun::node_json(std::size_t target) const {
    auto it = node_cache_.find(target);
    if (it == node_cache_.end()) {
        json n = snapshot_->node_json(target);
        // The day the node's first version starts: a branch founded mid-year is scored over
        // the months it existed (orglife's 三会一课 rates).
        // One indexed lookup per node and run, like the node's other fields.
        auto st = db_.prepare("SELECT min(valid_from) FROM org_version WHERE node_id = ?");
        st.bind(1, snapshot_->nodes()[target].id);
        if (st.step() && !st.is_null(0)) n["founded"] = st.text(0);
        it = node_cache_.emplace(target, std::move(n)).first;
    }
    return it->second;
}

const QueryRun::Answers& QueryRun::memo(const std::string& key, const std::function<Answers()>& compute) {
    auto it = memo_.find(key);
    if (it == memo_.end()) it = memo_.emplace(key, compute()).first;
    return it->second;
}

json QueryRun::call(const std::string& method, const json& args) {
    // Resolve what depends on the caller (bare form ids) before the memo key, so two
    // plugins asking the same question share one statement.
    json resolved = args.is_array() ? args : json::array();
    auto resolve_form = [&](std::size_t i) {
        if (i < resolved.size() && resolved[i].is_string())
            resolved[i] = qualify(plugin_id_, resolved[i].get<std::string>());
    };
    static const std::set<std::string> kFormMethods = {"count", "sum", "avg", "min", "max", "count_distinct",
                                                       "periods_with", "completeness", "checklist"};
    if (kFormMethods.count(method)) resolve_form(0);
    // A filter's { in_form = { form, field } } names a form too: qualified, and read.
    std::vector<std::string> filter_forms;
    if (kFormMethods.count(method))
        for (auto& a : resolved)
            if (a.is_object())
                for (auto& [k, v] : a.items())
                    if (v.is_object() && v.contains("in_form") && v["in_form"].is_array() && !v["in_form"].empty() &&
                        v["in_form"][0].is_string()) {
                        v["in_form"][0] = qualify(plugin_id_, v["in_form"][0].get<std::string>());
                        filter_forms.push_back(v["in_form"][0].get<std::string>());
                    }
    if (method == "count_members" || method == "members") {
        if (!resolved.empty() && resolved[0].is_object())
            for (const char* k : {"in_form", "not_in_form"})
                if (resolved[0].contains(k) && resolved[0][k].is_array() && !resolved[0][k].empty() &&
                    resolved[0][k][0].is_string())
                    resolved[0][k][0] = qualify(plugin_id_, resolved[0][k][0].get<std::string>());
    }
    const std::string key = method + resolved.dump();

    const Answers* answers = nullptr;
    json empty_answer;
    if (method == "count" || method == "sum" || method == "avg" || method == "min" || method == "max") {
        answers = &memo(key, [&] { return form_aggregate(method, resolved); });
        empty_answer = method == "count" || method == "sum" ? json(0) : json();
    } else if (method == "count_distinct") {
        answers = &memo(key, [&] { return count_distinct(resolved); });
        empty_answer = 0;
    } else if (method == "periods_with") {
        answers = &memo(key, [&] { return periods_with(resolved); });
        empty_answer = 0;
    } else if (method == "count_members" || method == "members") {
        answers = &memo(key, [&] { return members(method, resolved); });
        empty_answer = method == "members" ? json::array() : json(0);
    } else if (method == "count_nodes" || method == "nodes") {
        answers = &memo(key, [&] { return nodes(method, resolved); });
        empty_answer = method == "nodes" ? json::array() : json(0);
    } else if (method == "completeness") {
        answers = &memo(key, [&] { return completeness(resolved); });
        empty_answer = {{"expected", 0}, {"submitted", 0}, {"on_time", 0}, {"approved", 0}};
    } else if (method == "checklist") {
        answers = &memo(key, [&] { return checklist(resolved); });
        empty_answer = {{"submitted", 0}, {"passed", 0}, {"average", nullptr}};
    } else if (method == "rectifications") {
        answers = &memo(key, [&] { return rectifications(resolved); });
        empty_answer = 0;
    } else {
        throw UserError("查询对象没有方法「" + method + "」");
    }
    // Dependencies are recorded on every call, memo hit or not.
    if (kFormMethods.count(method) && method != "checklist" && !resolved.empty() && resolved[0].is_string())
        deps_.insert("form:" + resolved[0].get<std::string>());
    for (const auto& f : filter_forms) deps_.insert("form:" + f);
    if (method == "checklist")
        if (const auto* c = sources_.checklist(resolved[0].get<std::string>())) deps_.insert("form:" + c->form_id);
    if (method == "count_members" || method == "members" || method == "completeness") deps_.insert("members");
    if (method == "count_members" || method == "members")
        if (!resolved.empty() && resolved[0].is_object())
            for (const char* k : {"in_form", "not_in_form"})
                if (resolved[0].contains(k) && resolved[0][k].is_array() && !resolved[0][k].empty() &&
                    resolved[0][k][0].is_string())
                    deps_.insert("formref:" + resolved[0][k][0].get<std::string>());
    if (method == "rectifications") deps_.insert("rectification");

    auto it = answers->find(current_);
    return it == answers->end() ? empty_answer : it->second;
}

const forms::FormDef& QueryRun::form_arg(const json& v) {
    if (!v.is_string()) throw UserError("第一个参数应为表单 id，如 \"orglife.meeting\"");
    const auto* form = sources_.form(v.get<std::string>());
    if (!form) throw UserError("表单「" + v.get<std::string>() + "」不存在");
    return *form;
}

QueryRun::Answers QueryRun::grouped(const std::string& sql, const std::vector<json>& binds,
                                    const std::function<json(const db::Statement&)>& read) {
    Answers out;
    auto st = db_.prepare(sql);
    for (std::size_t i = 0; i < binds.size(); ++i) bind_json(st, static_cast<int>(i) + 1, binds[i]);
    ++statements_;
    static const bool trace = std::getenv("DJ_TRACE_SQL") != nullptr;
    auto t0 = std::chrono::steady_clock::now();
    while (st.step()) out[static_cast<std::size_t>(st.int64(0))] = read(st);
    if (trace)
        std::fprintf(stderr, "%.3f ms  rows=%zu scope=%zu  %s\n",
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() * 1e3, out.size(), scope_rows_,
                     sql.substr(0, 160).c_str());
    return out;
}

std::string QueryRun::from_submissions(const forms::FormDef& form, const json& filter, std::vector<json>& binds) {
    const bool small = scope_rows_ < kSmallScope;
    std::string sql = small ? " FROM temp.dj_scope sc CROSS JOIN submission s ON s.org_id = sc.node"
                            : " FROM submission s CROSS JOIN temp.dj_scope sc ON sc.node = s.org_id";
    auto periods = period_.subperiods(form.period);
    sql += " WHERE s.form_id = ? AND ";
    binds.push_back(form.id);
    if (periods.empty()) {
        sql += "0";
    } else {
        sql += "s.period BETWEEN ? AND ?";
        binds.push_back(periods.front().str());
        binds.push_back(periods.back().str());
    }
    bool approved_only = false;
    if (filter.is_object())
        for (auto it = filter.begin(); it != filter.end(); ++it) {
            const std::string& key = it.key();
            const json& v = it.value();
            if (key == "state") {
                if (v != "approved") throw UserError("筛选条件 state 只能为 \"approved\"（只统计已审核的）");
                approved_only = true;
                continue;
            }
            const auto* field = form.field(key);
            if (!field) throw UserError("表单「" + form.title + "」没有字段「" + key + "」");
            const std::string what = "字段「" + key + "」";
            if (v.is_object()) {
                sql += in_form_filter(is_multi(field->type), key, v, binds);
            } else if (v.is_array() && v.size() == 2 && is_operator(v[0])) {
                std::string op = sql_operator(v[0].get<std::string>());
                sql += " AND json_extract(s.data, ?) " + op + " ?";
                binds.push_back(path_of(key));
                binds.push_back(scalar(v[1], what));
            } else if (v.is_array()) {
                if (v.empty()) throw UserError(what + " 的候选值列表为空");
                std::string marks;
                for (std::size_t i = 0; i < v.size(); ++i) marks += i ? ",?" : "?";
                if (is_multi(field->type)) {
                    sql += " AND EXISTS (SELECT 1 FROM json_each(s.data, ?) WHERE value IN (" + marks + "))";
                    binds.push_back(path_of(key));
                } else {
                    sql += " AND json_extract(s.data, ?) IN (" + marks + ")";
                    binds.push_back(path_of(key));
                }
                for (const auto& x : v) binds.push_back(scalar(x, what));
            } else if (is_multi(field->type)) {
                sql += " AND EXISTS (SELECT 1 FROM json_each(s.data, ?) WHERE value = ?)";
                binds.push_back(path_of(key));
                binds.push_back(scalar(v, what));
            } else {
                sql += " AND json_extract(s.data, ?) = ?";
                binds.push_back(path_of(key));
                binds.push_back(scalar(v, what));
            }
        }
    sql += approved_only ? " AND s.state = 'approved'" : std::string(" AND ") + kCounted;
    return sql;
}

std::string QueryRun::in_form_filter(bool multi, const std::string& key, const json& v, std::vector<json>& binds) {
    const json* ref = v.size() == 1 && v.contains("in_form") ? &v["in_form"] : nullptr;
    if (multi || !ref || !ref->is_array() || ref->size() != 2 || !(*ref)[1].is_string())
        throw UserError("字段「" + key + "」的筛选应写作 { in_form = { 表单 id, 字段 id } }（只适用于单值字段）");
    const auto& other = form_arg((*ref)[0]);
    const auto* of = other.field((*ref)[1].get<std::string>());
    if (!of || is_multi(of->type))
        throw UserError("表单「" + other.title + "」没有单值字段「" + (*ref)[1].get<std::string>() + "」");
    const auto periods = period_.subperiods(other.period);
    if (periods.empty()) return " AND 0";
    binds.push_back(path_of(key));
    binds.push_back(path_of(of->id));
    binds.push_back(other.id);
    binds.push_back(periods.front().str());
    binds.push_back(periods.back().str());
    return " AND json_extract(s.data, ?) IN (SELECT json_extract(s2.data, ?) FROM temp.dj_scope sc2 "
           "CROSS JOIN submission s2 ON s2.org_id = sc2.node WHERE sc2.target = sc.target AND s2.form_id = ? "
           "AND s2.period BETWEEN ? AND ? AND s2.state IN ('submitted','approved'))";
}

QueryRun::Answers QueryRun::form_aggregate(const std::string& method, const json& args) {
    const auto& form = form_arg(arg(args, 0));
    std::vector<json> binds;
    std::string select;
    std::size_t filter_at = 1;
    if (method == "count") {
        select = "count(*)";
    } else {
        const json& field = arg(args, 1);
        if (!field.is_string()) throw UserError("q:" + method + " 的第二个参数应为数值字段 id");
        const auto* f = form.field(field.get<std::string>());
        if (!f) throw UserError("表单「" + form.title + "」没有字段「" + field.get<std::string>() + "」");
        if (!forms::field_type(f->type).numeric)
            throw UserError("字段「" + f->id + "」不是数值字段，不能求" + (method == "sum" ? "和" : "平均或极值"));
        select = method + "(json_extract(s.data, ?))";
        binds.push_back(path_of(f->id));
        filter_at = 2;
    }
    std::string from = from_submissions(form, filter_arg(args, filter_at, method.c_str()), binds);
    return grouped("SELECT sc.target, " + select + from + " GROUP BY sc.target", binds,
                   [](const db::Statement& st) { return st.is_null(1) ? json() : json(st.real(1)); });
}

QueryRun::Answers QueryRun::count_distinct(const json& args) {
    const auto& form = form_arg(arg(args, 0));
    const json& field = arg(args, 1);
    if (!field.is_string()) throw UserError("q:count_distinct 的第二个参数应为字段 id");
    const auto* f = form.field(field.get<std::string>());
    if (!f) throw UserError("表单「" + form.title + "」没有字段「" + field.get<std::string>() + "」");
    int at_least = int_arg(args, 3, 1, "q:count_distinct 的 at_least");
    std::vector<json> binds;
    std::string value;
    std::string from;
    if (is_multi(f->type)) {
        std::vector<json> where_binds;
        from = from_submissions(form, filter_arg(args, 2, "count_distinct"), where_binds);
        // json_each joins after the scope: the WHERE keeps its own bind order.
        auto where = from.find(" WHERE ");
        from = from.substr(0, where) + " CROSS JOIN json_each(s.data, ?) j" + from.substr(where);
        binds.push_back(path_of(f->id));
        binds.insert(binds.end(), where_binds.begin(), where_binds.end());
        value = "j.value";
    } else {
        binds.push_back(path_of(f->id));
        from = from_submissions(form, filter_arg(args, 2, "count_distinct"), binds);
        value = "json_extract(s.data, ?)";
    }
    binds.push_back(at_least);
    return grouped("SELECT target, count(*) FROM (SELECT sc.target AS target, " + value + " AS v" + from +
                       " AND v IS NOT NULL GROUP BY sc.target, v HAVING count(*) >= ?) GROUP BY target",
                   binds, [](const db::Statement& st) { return json(st.int64(1)); });
}

QueryRun::Answers QueryRun::periods_with(const json& args) {
    const auto& form = form_arg(arg(args, 0));
    const json& per_arg = arg(args, 1);
    auto per = per_arg.is_string() ? parse_period_type(per_arg.get<std::string>()) : std::nullopt;
    if (!per) throw UserError("q:periods_with 的第二个参数应为 \"month\"、\"quarter\" 或 \"half\"");
    if (static_cast<int>(*per) < static_cast<int>(period_.type()))
        throw UserError("q:periods_with：「" + std::string(period_type_label(*per)) + "」比统计期间「" +
                        period_.label_zh() + "」还长");
    if (static_cast<int>(form.period) < static_cast<int>(*per))
        throw UserError("表单「" + form.title + "」按" + std::string(period_type_label(form.period)) + "报送，不能按" +
                        std::string(period_type_label(*per)) + "统计");
    // The bucket a submission's period falls in, from its canonical text.
    std::string bucket;
    const std::string month = "CAST(substr(s.period, 6, 2) AS INTEGER)";
    const std::string quarter = "CAST(substr(s.period, 6, 1) AS INTEGER)";
    if (*per == form.period) bucket = "s.period";
    else if (*per == PeriodType::Year) bucket = "substr(s.period, 1, 4)";
    else if (form.period == PeriodType::Month) bucket = *per == PeriodType::Quarter ? "(" + month + " + 2) / 3" : "(" + month + " + 5) / 6";
    else if (form.period == PeriodType::Quarter) bucket = "(" + quarter + " + 1) / 2";
    else bucket = "s.period";
    std::vector<json> binds;
    std::string from = from_submissions(form, filter_arg(args, 2, "periods_with"), binds);
    binds.push_back(int_arg(args, 3, 1, "q:periods_with 的 at_least"));
    return grouped("SELECT target, count(*) FROM (SELECT sc.target AS target, " + bucket + " AS b" + from +
                       " GROUP BY sc.target, b HAVING count(*) >= ?) GROUP BY target",
                   binds, [](const db::Statement& st) { return json(st.int64(1)); });
}

QueryRun::Answers QueryRun::members(const std::string& method, const json& args) {
    const json& filter = filter_arg(args, 0, method.c_str());
    const bool small = scope_rows_ < kSmallScope;
    std::string sql = small ? " FROM temp.dj_scope sc CROSS JOIN member m ON m.branch_id = sc.node"
                            : " FROM member m CROSS JOIN temp.dj_scope sc ON sc.node = m.branch_id";
    std::vector<json> binds;
    sql += " WHERE m.join_date <= ? AND (m.left_on IS NULL OR m.left_on > ?)";
    binds.push_back(date_.iso());
    binds.push_back(date_.iso());
    auto years_back = [&](int n) { return date_.add_months(-12 * n).iso(); };
    std::vector<std::string> ref_tables;
    struct DropRefs {
        const db::Connection& db;
        std::vector<std::string>& tables;
        ~DropRefs() {
            for (const auto& t : tables) try {
                    db.exec_script(("DROP TABLE IF EXISTS " + t).c_str());
                } catch (...) {
                }
        }
    } drop_refs{db_, ref_tables};
    auto need_int = [](const json& v, const std::string& key) {
        if (!v.is_number_integer() || v.get<int>() < 0 || v.get<int>() > 200) throw UserError("成员筛选 " + key + " 应为非负整数");
        return v.get<int>();
    };
    if (filter.is_object())
        for (auto it = filter.begin(); it != filter.end(); ++it) {
            const std::string& key = it.key();
            const json& v = it.value();
            if (key == "flag") {
                std::vector<json> flags = v.is_array() ? std::vector<json>(v.begin(), v.end()) : std::vector<json>{v};
                for (const auto& f : flags) {
                    if (!f.is_string()) throw UserError("成员筛选 flag 应为文字或文字列表");
                    sql += " AND EXISTS (SELECT 1 FROM member_flag f WHERE f.member_id = m.id AND f.flag = ?)";
                    binds.push_back(f);
                }
            } else if (key == "status") {
                if (v == kStatusFull) sql += " AND m.full_date IS NOT NULL AND m.full_date <= ?";
                else if (v == kStatusProbationary) sql += " AND NOT (m.full_date IS NOT NULL AND m.full_date <= ?)";
                else throw UserError("成员筛选 status 应为 \"正式\" 或 \"预备\"");
                binds.push_back(date_.iso());
            } else if (key == "gender" || key == "post" || key == "cadre_level") {
                if (!v.is_string()) throw UserError("成员筛选 " + key + " 应为文字");
                sql += " AND m." + key + " = ?";  // key is one of three fixed column names
                binds.push_back(v);
            } else if (key == "min_party_years") {
                sql += " AND m.full_date IS NOT NULL AND m.full_date <= ?";
                binds.push_back(years_back(need_int(v, key)));
            } else if (key == "max_party_years") {
                sql += " AND m.full_date IS NOT NULL AND m.full_date <= ? AND m.full_date > ?";
                binds.push_back(date_.iso());
                binds.push_back(years_back(need_int(v, key) + 1));
            } else if (key == "min_age") {
                sql += " AND m.birth_date IS NOT NULL AND m.birth_date <= ?";
                binds.push_back(years_back(need_int(v, key)));
            } else if (key == "max_age") {
                sql += " AND m.birth_date IS NOT NULL AND m.birth_date > ?";
                binds.push_back(years_back(need_int(v, key) + 1));
            } else if (key == "joined_before") {
                if (!v.is_string() || !Date::parse(v.get<std::string>())) throw UserError("成员筛选 joined_before 应为日期，如 \"1949-10-01\"");
                sql += " AND m.join_date < ?";
                binds.push_back(Date::parse(v.get<std::string>())->iso());
            } else if (key == "join_month") {
                int mth = need_int(v, key);
                if (mth < 1 || mth > 12) throw UserError("成员筛选 join_month 应为 1–12");
                sql += " AND CAST(substr(m.join_date, 6, 2) AS INTEGER) = ?";
                binds.push_back(mth);
            } else if (key == "in_form" || key == "not_in_form") {
                if (!v.is_array() || v.size() != 2 || !v[1].is_string())
                    throw UserError("成员筛选 " + key + " 应为 { 表单 id, 字段 id }");
                const auto& form = form_arg(v[0]);
                const auto* f = form.field(v[1].get<std::string>());
                if (!f || !forms::field_type(f->type).member_ref)
                    throw UserError("表单「" + form.title + "」没有党员字段「" + v[1].get<std::string>() + "」");
                // Referenced by a record filed in the same node's subtree (what the node itself
                // keeps): the (target, member) pairs are collected once for all targets into an
                // indexed temp table, then each member is an index probe.
                const std::string table = "temp.dj_ref" + std::to_string(ref_tables.size());
                const bool many = forms::field_type(f->type).list;
                const std::string value = many ? "j.value" : "json_extract(s2.data, ?1)";
                db_.exec_script(("DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table +
                                 "(target INTEGER NOT NULL, mid INTEGER NOT NULL, PRIMARY KEY (target, mid)) WITHOUT ROWID")
                                    .c_str());
                auto fill = db_.prepare(
                    "INSERT OR IGNORE INTO " + table + "(target, mid) SELECT sc2.target, " + value +
                    " FROM temp.dj_scope sc2 CROSS JOIN submission s2 ON s2.org_id = sc2.node" +
                    (many ? " CROSS JOIN json_each(s2.data, ?1) j" : "") +
                    " WHERE s2.form_id = ?2 AND s2.state IN ('submitted','approved') AND substr(s2.period, 1, 4) <= ?3 AND " +
                    value + " IS NOT NULL");
                fill.bind(1, path_of(f->id)).bind(2, form.id).bind(3, std::to_string(date_.year()));
                fill.run();
                ++statements_;
                ref_tables.push_back(table);
                sql += std::string(" AND ") + (key == "in_form" ? "" : "NOT ") + "EXISTS (SELECT 1 FROM " + table +
                       " r WHERE r.target = sc.target AND r.mid = m.id)";
            } else {
                throw UserError("成员筛选不认识「" + key + "」");
            }
        }
    if (method == "count_members")
        return grouped("SELECT sc.target, count(*)" + sql + " GROUP BY sc.target", binds,
                       [](const db::Statement& st) { return json(st.int64(1)); });
    const Date on = date_;
    Answers out;
    auto st = db_.prepare(
        "SELECT sc.target, m.id, m.name, m.gender, m.birth_date, m.join_date, m.full_date, m.post, m.cadre_level, "
        "(SELECT json_group_array(flag) FROM member_flag f WHERE f.member_id = m.id)" + sql + " ORDER BY sc.target, m.join_date, m.id");
    for (std::size_t i = 0; i < binds.size(); ++i) bind_json(st, static_cast<int>(i) + 1, binds[i]);
    ++statements_;
    while (st.step()) {
        auto& list = out[static_cast<std::size_t>(st.int64(0))];
        if (list.is_null()) list = json::array();
        if (list.size() >= member_rows_) continue;
        json m = {{"id", st.int64(1)}, {"name", st.text(2)}, {"gender", st.text(3)}, {"join_date", st.text(5)},
                  {"post", st.text(7)}, {"cadre_level", st.text(8)}, {"flags", json::parse(st.text(9), nullptr, false)}};
        if (!st.is_null(4)) {
            m["birth_date"] = st.text(4);
            if (auto b = Date::parse(st.text(4))) m["age"] = age_on(*b, on);
        }
        std::optional<Date> full;
        if (!st.is_null(6)) full = Date::parse(st.text(6));
        if (full && *full <= on) {
            m["full_date"] = full->iso();
            m["status"] = kStatusFull;
        } else {
            m["status"] = kStatusProbationary;
        }
        if (auto years = party_age(full, on)) m["party_years"] = *years;
        list.push_back(std::move(m));
    }
    return out;
}

QueryRun::Answers QueryRun::nodes(const std::string& method, const json& args) {
    const json& filter = filter_arg(args, 0, method.c_str());
    std::optional<OrgType> type;
    json attrs = json::object();
    if (filter.is_object())
        for (auto it = filter.begin(); it != filter.end(); ++it) {
            if (it.key() == "type") {
                type = it.value().is_string() ? parse_org_type(it.value().get<std::string>()) : std::nullopt;
                if (!type) throw UserError("节点筛选 type 无效（应为 department、organ_committee、general_branch、branch、group）");
            } else {
                attrs[it.key()] = it.value();
            }
        }
    Answers out;
    for (std::size_t t : targets_) {
        json list = json::array();
        std::int64_t count = 0;
        for (std::size_t j = t; j < snapshot_->subtree_end(t); ++j) {
            if (type && snapshot_->nodes()[j].type != *type) continue;
            json n = snapshot_->node_json(j);
            bool match = true;
            for (auto a = attrs.begin(); a != attrs.end() && match; ++a) {
                const json have = n.contains(a.key()) ? n[a.key()] : json();
                if (a.value() == false) match = have.is_null() || have == false;
                else match = have == a.value();
            }
            if (!match) continue;
            ++count;
            if (method == "nodes") list.push_back(std::move(n));
        }
        out[t] = method == "nodes" ? list : json(count);
    }
    return out;
}

QueryRun::Answers QueryRun::completeness(const json& args) {
    const auto& form = form_arg(arg(args, 0));
    auto periods = period_.subperiods(form.period);
    const auto& nodes = snapshot_->nodes();
    std::unordered_map<std::int64_t, std::int64_t> member_count;
    if (form.scope == forms::FormScope::Member) {
        auto st = db_.prepare("SELECT branch_id, count(*) FROM member WHERE join_date <= ?1 AND (left_on IS NULL OR left_on > ?1) GROUP BY branch_id");
        st.bind(1, date_.iso());
        ++statements_;
        while (st.step()) member_count[st.int64(0)] = st.int64(1);
    }
    struct Got {
        std::int64_t submitted = 0, on_time = 0, approved = 0;
    };
    std::unordered_map<std::int64_t, Got> got;
    if (!periods.empty()) {
        const bool small = scope_rows_ < kSmallScope;
        auto st = db_.prepare(
            std::string("SELECT s.org_id, count(DISTINCT s.period || '/' || coalesce(s.member_id, '')), "
                        "count(DISTINCT CASE WHEN s.on_time = 1 THEN s.period || '/' || coalesce(s.member_id, '') END), "
                        "count(DISTINCT CASE WHEN s.state = 'approved' THEN s.period || '/' || coalesce(s.member_id, '') END)") +
            (small ? " FROM temp.dj_scope sc CROSS JOIN submission s ON s.org_id = sc.node" : " FROM submission s") +
            " WHERE s.form_id = ? AND s.period BETWEEN ? AND ? AND s.state <> 'draft' GROUP BY s.org_id");
        st.bind_all(form.id, periods.front().str(), periods.back().str());
        ++statements_;
        while (st.step()) got[st.int64(0)] = {st.int64(1), st.int64(2), st.int64(3)};
    }
    Answers out;
    for (std::size_t t : targets_) {
        std::int64_t expected = 0, submitted = 0, on_time = 0, approved = 0;
        for (std::size_t j = t; j < snapshot_->subtree_end(t); ++j) {
            const auto& n = nodes[j];
            if (!snapshot_->enabled(j, form.plugin_id) || !forms::scope_fits(form.scope, n.type)) continue;
            std::int64_t per = form.scope == forms::FormScope::Member ? member_count[n.id] : 1;
            // A form filled when something happens has no 应报: its records are counted as they are.
            std::int64_t e = form.expected ? per * static_cast<std::int64_t>(periods.size()) : 0;
            expected += e;
            if (auto g = got.find(n.id); g != got.end()) {
                const std::int64_t cap = form.expected ? e : g->second.submitted;
                submitted += std::min(g->second.submitted, cap);
                on_time += std::min(g->second.on_time, cap);
                approved += std::min(g->second.approved, cap);
            }
        }
        out[t] = {{"expected", expected}, {"submitted", submitted}, {"on_time", on_time}, {"approved", approved}};
    }
    return out;
}

QueryRun::Answers QueryRun::checklist(const json& args) {
    const json& id = arg(args, 0);
    const ChecklistDef* c = id.is_string() ? sources_.checklist(id.get<std::string>()) : nullptr;
    if (!c) throw UserError("检查清单「" + (id.is_string() ? id.get<std::string>() : std::string("?")) + "」不存在");
    const auto* form = sources_.form(c->form_id);
    if (!form) throw UserError("检查清单「" + c->title + "」的表单「" + c->form_id + "」不存在");
    std::vector<json> binds;
    std::string score;
    for (const auto& item : c->items) {
        score += score.empty() ? "" : " + ";
        score += "(coalesce(json_extract(s.data, ?), 0) = 1)";
        binds.push_back(path_of(item));
    }
    std::string from = from_submissions(*form, json(), binds);
    binds.push_back(c->pass);
    return grouped("SELECT target, count(*), sum(score >= ?), avg(score) FROM (SELECT sc.target AS target, (" + score +
                       ") AS score" + from + ") GROUP BY target",
                   [&] {
                       // the pass mark comes first in the outer SELECT
                       std::vector<json> b{binds.back()};
                       b.insert(b.end(), binds.begin(), binds.end() - 1);
                       return b;
                   }(),
                   [](const db::Statement& st) {
                       return json{{"submitted", st.int64(1)}, {"passed", st.int64(2)}, {"average", st.real(3)}};
                   });
}

QueryRun::Answers QueryRun::rectifications(const json& args) {
    const json& filter = filter_arg(args, 0, "rectifications");
    std::string sql = "SELECT sc.target, count(*) FROM temp.dj_scope sc CROSS JOIN rectification r ON r.org_id = sc.node WHERE 1";
    std::vector<json> binds;
    if (filter.is_object())
        for (auto it = filter.begin(); it != filter.end(); ++it) {
            const std::string& key = it.key();
            const json& v = it.value();
            if (key == "status") {
                if (v != "open" && v != "in_progress" && v != "done" && v != "verified")
                    throw UserError("整改筛选 status 应为 open、in_progress、done 或 verified");
                sql += " AND r.status = ?";
                binds.push_back(v);
            } else if (key == "overdue") {
                if (v == true) {
                    sql += " AND r.deadline < ? AND r.status NOT IN ('done','verified')";
                    binds.push_back(date_.iso());
                }
            } else if (key == "source") {
                if (!v.is_string()) throw UserError("整改筛选 source 应为文字");
                sql += " AND r.source = ?";
                binds.push_back(v);
            } else if (key == "year") {
                if (!v.is_number_integer()) throw UserError("整改筛选 year 应为年份");
                sql += " AND r.year = ?";
                binds.push_back(v);
            } else {
                throw UserError("整改筛选不认识「" + key + "」");
            }
        }
    return grouped(sql + " GROUP BY sc.target", binds, [](const db::Statement& st) { return json(st.int64(1)); });
}

}  // namespace dj::indicators
