#pragma once
// The query object's primitives (q:count, q:count_members, …) as set-based SQL. One
// QueryRun serves a batch: one period, one set of target nodes. The first call with given
// arguments computes the answer for EVERY target at once (one statement grouped by target,
// through a temp table mapping each node to the targets above it); later targets read the
// memo. So the cost grows with the data, not with nodes × queries.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "forms/form_schema.hpp"
#include "indicators/indicator_def.hpp"
#include "indicators/org_snapshot.hpp"
#include "model/period.hpp"

namespace dj::indicators {

struct QuerySources {
    std::function<const forms::FormDef*(const std::string& form_id)> form;
    std::function<const ChecklistDef*(const std::string& checklist_id)> checklist;
};

class QueryRun {
public:
    QueryRun(const db::Connection& db, std::shared_ptr<const OrgSnapshot> snapshot, Period period, Date date,
             QuerySources sources);
    ~QueryRun();
    QueryRun(const QueryRun&) = delete;
    QueryRun& operator=(const QueryRun&) = delete;

    // The nodes (snapshot indexes) being computed; clears the memo.
    void set_targets(std::vector<std::size_t> targets);
    const std::vector<std::size_t>& targets() const { return targets_; }

    // Who is asking, and for which node: the plugin resolves bare form ids, the node picks
    // the answer out of the memo. deps() collects what the current computation read.
    void begin(const std::string& plugin_id, std::size_t target);
    const std::set<std::string>& deps() const { return deps_; }

    // q's plain fields for the current target (period, year, node, settings …).
    nlohmann::json fields(const nlohmann::json& settings) const;

    // Runs a primitive by name with its Lua arguments (as JSON, the q table left out).
    // Throws UserError with a Chinese message for bad arguments.
    nlohmann::json call(const std::string& method, const nlohmann::json& args);

    std::size_t statements_run() const { return statements_; }
    // Members q:members lists per node at most (lua::Limits::query_member_rows).
    void set_member_rows(std::size_t cap) { member_rows_ = cap; }
    // The connection the statements run on (the query API meters their work on it).
    const db::Connection& database() const { return db_; }
    const Period& period() const { return period_; }
    Date date() const { return date_; }
    const OrgSnapshot& snapshot() const { return *snapshot_; }

private:
    using Answers = std::unordered_map<std::size_t, nlohmann::json>;  // target -> answer
    const nlohmann::json& node_json(std::size_t target) const;
    mutable std::unordered_map<std::size_t, nlohmann::json> node_cache_;
    const Answers& memo(const std::string& key, const std::function<Answers()>& compute);
    void fill_scope_table();

    Answers form_aggregate(const std::string& method, const nlohmann::json& args);
    Answers count_distinct(const nlohmann::json& args);
    Answers periods_with(const nlohmann::json& args);
    Answers members(const std::string& method, const nlohmann::json& args);
    Answers nodes(const std::string& method, const nlohmann::json& args);
    Answers completeness(const nlohmann::json& args);
    Answers checklist(const nlohmann::json& args);
    Answers rectifications(const nlohmann::json& args);

    const forms::FormDef& form_arg(const nlohmann::json& v);
    // Runs `sql` (which selects target, then value columns) and collects per target.
    Answers grouped(const std::string& sql, const std::vector<nlohmann::json>& binds,
                    const std::function<nlohmann::json(const db::Statement&)>& read);
    // A form filter's { in_form = { form, field } }: the SQL (and binds) keeping submissions
    // whose `key` value was also filed in that form's field, same subtree, same period.
    std::string in_form_filter(bool multi, const std::string& key, const nlohmann::json& v,
                               std::vector<nlohmann::json>& binds);
    std::string from_submissions(const forms::FormDef& form, const nlohmann::json& filter,
                                 std::vector<nlohmann::json>& binds);

    const db::Connection& db_;
    std::shared_ptr<const OrgSnapshot> snapshot_;
    Period period_;
    Date date_;
    QuerySources sources_;
    std::vector<std::size_t> targets_;
    std::size_t scope_rows_ = 0;
    std::string plugin_id_;
    std::size_t current_ = 0;
    std::set<std::string> deps_;
    std::map<std::string, Answers> memo_;
    std::size_t statements_ = 0;
    std::size_t member_rows_ = 2000;  // set per call from the plugin's limits
};

}  // namespace dj::indicators
