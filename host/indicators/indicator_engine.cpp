#include "indicators/indicator_engine.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <optional>
#include <set>

#include "core/errors.hpp"
#include "db/file_errors.hpp"
#include "indicators/query_api.hpp"
#include "lua/plugin.hpp"
#include "lua/plugin_error.hpp"

namespace dj::indicators {

using nlohmann::json;

namespace {

std::string now_text() {
    auto st = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&st));
    return buf;
}

// What one computation at one node gave.
struct Outcome {
    std::optional<double> value;
    std::optional<double> target;
    std::vector<std::string> findings;
    std::string error;
};

std::optional<bool> met_of(const IndicatorDef& d, const std::optional<double>& value, const std::optional<double>& target) {
    if (!value || !target) return std::nullopt;
    return d.higher ? *value >= *target - 1e-9 : *value <= *target + 1e-9;
}

// What one computation at node `t` gave, as the cache keeps it.
CachedValue cached_of(const IndicatorDef& d, std::size_t t, Outcome o) {
    CachedValue v;
    v.node = t;
    v.value = o.value;
    v.target = o.target;
    v.met = met_of(d, o.value, o.target);
    v.findings = std::move(o.findings);
    v.error = std::move(o.error);
    return v;
}

std::optional<double> number_result(const json& v, const std::string& what) {
    if (v.is_null()) return std::nullopt;
    if (!v.is_number()) throw UserError(what + " 应返回数字或 nil，而不是" + (v.is_string() ? "文字" : "其他类型"));
    double d = v.get<double>();
    if (!std::isfinite(d)) throw UserError(what + " 返回了无效数字（除以零？）");
    return d;
}

Outcome compute_one(const IndicatorBinding& ind, QueryRun& run, std::size_t target, const OrgSnapshot& snap) {
    Outcome out;
    const auto& d = ind.def;
    try {
        run.begin(d.plugin_id, target);
        json fields = run.fields(snap.settings(target, d.plugin_id));
        json result = call_with_query(*ind.plugin, *ind.reg, d.rule ? "check" : "compute", run, fields);
        if (d.rule) {
            auto add = [&](const json& f) {
                if (f.is_string()) out.findings.push_back(f.get<std::string>());
                else throw UserError("check 应返回 nil、文字或文字列表");
            };
            if (result.is_object() && result.empty()) result = json::array();  // {} from Lua: an empty list
            if (result.is_array()) for (const auto& f : result) add(f);
            else if (!result.is_null() && result != true) add(result);
            out.value = static_cast<double>(out.findings.size());
        } else {
            out.value = number_result(result, "compute");
        }
        if (d.target) out.target = d.target;
        else if (!d.target_setting.empty()) {
            const json& s = snap.settings(target, d.plugin_id);
            if (s.contains(d.target_setting) && s[d.target_setting].is_number()) out.target = s[d.target_setting].get<double>();
        } else if (d.target_fn) {
            out.target = number_result(call_with_query(*ind.plugin, *ind.reg, "target", run, fields), "target");
        }
    } catch (const lua::PluginError& e) {
        out = Outcome{};
        out.error = e.what();
    } catch (const UserError& e) {
        out = Outcome{};
        out.error = std::string(ind.reg ? ind.reg->file + ":" + std::to_string(ind.reg->line) + ": " : "") + e.what();
    }
    return out;
}

// The scope nodes directly below `i` (not below another scope node), for rollups.
template <class F>
void each_top_scope_node(const OrgSnapshot& snap, std::size_t i, Scope scope, F&& f) {
    const auto& nodes = snap.nodes();
    for (std::size_t j = i + 1; j < snap.subtree_end(i);) {
        if (scope_holds(scope, nodes[j].type)) {
            f(j);
            j = snap.subtree_end(j);
        } else {
            ++j;
        }
    }
}

CachedValue rollup_at(const IndicatorDef& d, const OrgSnapshot& snap, std::size_t i,
                      const std::map<std::size_t, CachedValue>& values) {
    CachedValue out;
    out.node = i;
    out.rolled_up = true;
    std::vector<double> v;
    std::size_t met = 0, judged = 0;
    each_top_scope_node(snap, i, d.scope, [&](std::size_t j) {
        auto it = values.find(j);
        if (it == values.end() || !it->second.value) return;
        v.push_back(*it->second.value);
        if (it->second.met) {
            ++judged;
            if (*it->second.met) ++met;
        }
    });
    if (v.empty()) return out;
    // The target above: the fixed one; a setting's value as it stands at this node (settings
    // merge down the tree, so this is what the node itself was given); else the common one.
    std::optional<double> target = d.target;
    if (!d.target_setting.empty()) {
        const json& s = snap.settings(i, d.plugin_id);
        if (s.contains(d.target_setting) && s[d.target_setting].is_number()) target = s[d.target_setting].get<double>();
    } else if (d.target_fn) {
        std::optional<double> common;
        bool same = true;
        each_top_scope_node(snap, i, d.scope, [&](std::size_t j) {
            auto it = values.find(j);
            if (it == values.end() || !it->second.target) return;
            if (!common) common = it->second.target;
            else same = same && *common == *it->second.target;
        });
        if (same) target = common;
    }
    switch (d.rollup) {
        case Rollup::Sum: {
            double s = 0;
            for (double x : v) s += x;
            out.value = s;
            break;
        }
        case Rollup::Avg: {
            double s = 0;
            for (double x : v) s += x;
            out.value = s / static_cast<double>(v.size());
            out.target = target;
            break;
        }
        case Rollup::Min: out.value = *std::min_element(v.begin(), v.end()), out.target = target; break;
        case Rollup::Max: out.value = *std::max_element(v.begin(), v.end()), out.target = target; break;
        case Rollup::Share:
            if (judged == 0) return out;
            out.value = 100.0 * static_cast<double>(met) / static_cast<double>(judged);
            break;
    }
    if (d.rule) out.target = 0;
    out.met = met_of(d, out.value, out.target);
    return out;
}

bool has_scope_below(const OrgSnapshot& snap, std::size_t i, Scope scope) {
    for (std::size_t j = i + 1; j < snap.subtree_end(i); ++j)
        if (scope_holds(scope, snap.nodes()[j].type)) return true;
    return false;
}

// Writes cached values with one prepared statement.
class ValueWriter {
public:
    explicit ValueWriter(const db::Connection& db)
        : st_(db.prepare(
              "INSERT INTO indicator_value(indicator_id, period, org_id, value, target, met, rolled_up, findings, error, seq) "
              "VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(indicator_id, period, org_id) DO UPDATE SET value = excluded.value, "
              "target = excluded.target, met = excluded.met, rolled_up = excluded.rolled_up, findings = excluded.findings, "
              "error = excluded.error, seq = excluded.seq")) {}
    void write(const std::string& id, const std::string& period, std::int64_t org_id, const CachedValue& v, std::int64_t seq) {
        st_.bind(1, id).bind(2, period).bind(3, org_id).bind(4, v.value).bind(5, v.target);
        if (v.met) st_.bind(6, static_cast<std::int64_t>(*v.met ? 1 : 0));
        else st_.bind(6, nullptr);
        st_.bind(7, static_cast<std::int64_t>(v.rolled_up ? 1 : 0));
        if (v.findings.empty()) st_.bind(8, nullptr);
        else st_.bind(8, json(v.findings).dump());
        if (v.error.empty()) st_.bind(9, nullptr);
        else st_.bind(9, v.error);
        st_.bind(10, seq);
        st_.run();
        st_.reset();
    }

private:
    db::Statement st_;
};

// The periods whose runs a change in `p` affects: p and every period containing it.
std::vector<std::string> containing_periods(const Period& p) {
    std::vector<std::string> out;
    for (PeriodType t : {PeriodType::Year, PeriodType::HalfYear, PeriodType::Quarter, PeriodType::Month})
        if (static_cast<int>(t) <= static_cast<int>(p.type())) out.push_back(Period::containing(p.start(), t).str());
    return out;
}

// The values of `ind` at the scope nodes `targets` and the rollups above them within the
// snapshot range [from, to) (a node's rollup reads only its own subtree, so a subtree's
// values come out the same whether the run covers the county or that subtree alone).
std::map<std::size_t, CachedValue> compute_values(const IndicatorBinding& ind, QueryRun& run, const OrgSnapshot& snap,
                                                  const std::vector<std::size_t>& targets, std::size_t from,
                                                  std::size_t to, std::set<std::string>& deps) {
    const auto& d = ind.def;
    const auto& nodes = snap.nodes();
    std::map<std::size_t, CachedValue> values;
    for (std::size_t t : targets) {
        if (!snap.enabled(t, d.plugin_id)) continue;
        Outcome o = compute_one(ind, run, t, snap);
        deps.insert(run.deps().begin(), run.deps().end());
        values[t] = cached_of(d, t, std::move(o));
    }
    for (std::size_t i = from; i < to; ++i)
        if (!scope_holds(d.scope, nodes[i].type) && has_scope_below(snap, i, d.scope)) {
            auto r = rollup_at(d, snap, i, values);
            if (r.value) values[i] = r;
        }
    return values;
}

// The number SQLite changes when another connection commits (PRAGMA data_version): equal
// readings around a gap mean nobody else wrote in it.
std::int64_t data_version(const db::Connection& db) {
    auto st = db.prepare("PRAGMA data_version");
    st.step();
    return st.int64(0);
}

// Lets a statement fail at once with SQLITE_BUSY instead of waiting for the lock.
class NoBusyWait {
public:
    explicit NoBusyWait(const db::Connection& db) : db_(db) { sqlite3_busy_timeout(db_.raw(), 0); }
    ~NoBusyWait() { sqlite3_busy_timeout(db_.raw(), db::Connection::kBusyTimeoutMs); }
    NoBusyWait(const NoBusyWait&) = delete;
    NoBusyWait& operator=(const NoBusyWait&) = delete;

private:
    const db::Connection& db_;
};

}  // namespace

std::shared_ptr<const OrgSnapshot> IndicatorEngine::snapshot(Date at, const std::vector<PluginDefaults>& plugins) {
    // Another process may have written since: PRAGMA data_version says so.
    auto dv = db_.prepare("PRAGMA data_version");
    dv.step();
    if (dv.int64(0) != snapshot_data_version_) {
        snapshots_.clear();
        memory_.clear();
        snapshot_data_version_ = dv.int64(0);
    }
    auto& s = snapshots_[at];
    if (!s) s = OrgSnapshot::load(db_, at, plugins);
    return s;
}

std::int64_t IndicatorEngine::next_seq() {
    auto st = db_.prepare("SELECT value FROM app_setting WHERE key = 'indicator_seq'");
    std::int64_t seq = st.step() ? std::stoll(st.text(0)) + 1 : 1;
    db_.prepare("INSERT INTO app_setting(key, value) VALUES ('indicator_seq', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, std::to_string(seq))
        .run();
    return seq;
}

struct IndicatorEngine::Recomputed {
    std::shared_ptr<const IndicatorBinding> ind;
    bool full = false;                          // a whole run: replaces what is stored
    std::map<std::size_t, CachedValue> values;  // every node's value after the change
    std::vector<std::size_t> rewritten;         // a patch: the nodes whose values it writes
    std::vector<std::size_t> erased;            // a patch: the nodes whose values go
    std::set<std::string> deps;
};

IndicatorEngine::Current IndicatorEngine::current(const Period& period,
                                                  const std::vector<std::shared_ptr<const IndicatorBinding>>& list,
                                                  const Sources& sources) {
    Current out;
    // Inside a caller's transaction (a savepoint here) the caller holds or waits for the
    // write lock anyway: compute and store there.
    if (!sqlite3_get_autocommit(db_.raw())) {
        db::Transaction tx(db_);
        auto changed = recompute(period, list, sources, out);
        store(period, changed, *out.snapshot);
        tx.commit();
        remember(period, changed);
        return out;
    }
    std::vector<Recomputed> changed;
    std::int64_t seen = 0;
    {
        db::Transaction read(db_, db::Transaction::Kind::Read);
        changed = recompute(period, list, sources, out);
        seen = data_version(db_);  // as of this transaction's snapshot
        read.commit();
    }
    if (changed.empty()) return out;
    if (db_.read_only()) {
        out.stored = false;  // a file we may not write: the answer is still right
        return out;
    }
    try {
        db_.check_before_writing();  // not under the lock: that would hold up the writer
        NoBusyWait nowait(db_);
        db::Transaction write(db_);
        if (data_version(db_) != seen) {
            out.stored = false;  // committed since: what we computed may be marked again
            return out;
        }
        store(period, changed, *out.snapshot);
        write.commit();
        remember(period, changed);
    } catch (const db::DatabaseFileError& e) {
        if ((e.code() & 0xff) != SQLITE_BUSY) throw;
        out.stored = false;  // the writer holds the lock: the next read stores
    }
    return out;
}

std::vector<IndicatorEngine::Recomputed> IndicatorEngine::recompute(
    const Period& period, const std::vector<std::shared_ptr<const IndicatorBinding>>& list, const Sources& sources,
    Current& out) {
    std::vector<Recomputed> changed;
    std::vector<std::shared_ptr<const IndicatorBinding>> full;
    std::map<std::pair<Scope, std::vector<std::int64_t>>, std::vector<std::shared_ptr<const IndicatorBinding>>> dirty;
    out.snapshot = snapshot(period.end(), sources.plugins);
    const auto& snap = *out.snapshot;
    auto run_st = db_.prepare("SELECT signature FROM indicator_run WHERE indicator_id = ? AND period = ?");
    auto dirty_st = db_.prepare("SELECT DISTINCT org_id FROM indicator_dirty WHERE indicator_id = ? AND period = ? ORDER BY org_id");
    for (const auto& ind : list) {
        run_st.bind_all(ind->def.id, period.str());
        const bool cached = run_st.step() && run_st.text(0) == ind->signature;
        run_st.reset();
        if (!cached) {
            full.push_back(ind);
            continue;
        }
        dirty_st.bind_all(ind->def.id, period.str());
        std::vector<std::int64_t> orgs;
        while (dirty_st.step()) orgs.push_back(dirty_st.int64(0));
        dirty_st.reset();
        if (orgs.empty()) out.values[ind->def.id] = remembered(ind->def.id, period, snap);
        else dirty[{ind->def.scope, orgs}].push_back(ind);
    }
    auto& stats = out.stats;
    // Indicators of one scope changed at the same nodes are patched together.
    for (const auto& [key, group] : dirty)
        for (auto& r : recompute_dirty(period, group, key.second, sources, stats)) changed.push_back(std::move(r));
    // One query run per scope: every indicator of that scope shares its memo.
    std::map<Scope, std::vector<std::shared_ptr<const IndicatorBinding>>> by_scope;
    for (const auto& i : full) by_scope[i->def.scope].push_back(i);
    for (const auto& [scope, inds] : by_scope) {
        std::vector<std::size_t> targets;
        for (std::size_t i = 0; i < snap.nodes().size(); ++i)
            if (scope_holds(scope, snap.nodes()[i].type)) targets.push_back(i);
        QueryRun run(db_, out.snapshot, period, period.end(), sources.query);
        run.set_targets(targets);
        for (const auto& ind : inds) {
            changed.push_back(recompute_full(ind, run, targets));
            stats.recomputed += changed.back().values.size();
            ++stats.runs;
        }
        stats.statements += run.statements_run();
    }
    for (const auto& r : changed) out.values[r.ind->def.id] = r.values;
    return changed;
}

void IndicatorEngine::store(const Period& period, std::vector<Recomputed>& changed, const OrgSnapshot& snap) {
    if (changed.empty()) return;
    const auto& nodes = snap.nodes();
    const std::string p = period.str();
    const std::int64_t seq = next_seq();
    ValueWriter writer(db_);
    auto erase = db_.prepare("DELETE FROM indicator_value WHERE indicator_id = ? AND period = ? AND org_id = ?");
    auto dep = db_.prepare("INSERT OR IGNORE INTO indicator_dep(dep, period, indicator_id) VALUES (?,?,?)");
    for (auto& r : changed) {
        const std::string& id = r.ind->def.id;
        if (r.full) {
            db_.prepare("DELETE FROM indicator_value WHERE indicator_id = ? AND period = ?").bind_all(id, p).run();
            db_.prepare("DELETE FROM indicator_dep WHERE indicator_id = ? AND period = ?").bind_all(id, p).run();
            for (auto& [i, v] : r.values) writer.write(id, p, nodes[i].id, v, seq), v.seq = seq;
            db_.prepare("INSERT INTO indicator_run(indicator_id, period, period_end, signature, computed_at) VALUES (?,?,?,?,?) "
                        "ON CONFLICT(indicator_id, period) DO UPDATE SET period_end = excluded.period_end, "
                        "signature = excluded.signature, computed_at = excluded.computed_at")
                .bind_all(id, p, period.end().iso(), r.ind->signature, now_text())
                .run();
        } else {
            for (std::size_t i : r.rewritten) {
                auto& v = r.values.at(i);
                v.seq = seq;
                writer.write(id, p, nodes[i].id, v, seq);
            }
            for (std::size_t i : r.erased) {
                erase.bind_all(id, p, nodes[i].id).run();
                erase.reset();
            }
        }
        for (const auto& d : r.deps) {
            dep.bind_all(d, p, id).run();
            dep.reset();
        }
        db_.prepare("DELETE FROM indicator_dirty WHERE indicator_id = ? AND period = ?").bind_all(id, p).run();
    }
}

void IndicatorEngine::remember(const Period& period, const std::vector<Recomputed>& stored) {
    for (const auto& r : stored) memory_[{r.ind->def.id, period.str()}] = r.values;
}

RefreshStats IndicatorEngine::refresh_all(const Sources& sources) {
    RefreshStats stats;
    std::map<std::string, std::vector<std::shared_ptr<const IndicatorBinding>>> by_period;
    std::map<std::string, std::shared_ptr<const IndicatorBinding>> by_id;
    for (const auto& i : sources.indicators) by_id[i->def.id] = i;
    auto st = db_.prepare("SELECT DISTINCT indicator_id, period FROM indicator_dirty");
    while (st.step())
        if (auto it = by_id.find(st.text(0)); it != by_id.end()) by_period[st.text(1)].push_back(it->second);
    for (const auto& [p, list] : by_period) {
        auto s = ensure(Period::parse_or_throw(p), list, sources);
        stats.recomputed += s.recomputed, stats.runs += s.runs, stats.statements += s.statements;
    }
    return stats;
}

std::vector<std::shared_ptr<const IndicatorBinding>> IndicatorEngine::without_run(
    const Period& period, const std::vector<std::shared_ptr<const IndicatorBinding>>& list) const {
    std::vector<std::shared_ptr<const IndicatorBinding>> out;
    auto run_st = db_.prepare("SELECT signature FROM indicator_run WHERE indicator_id = ? AND period = ?");
    for (const auto& ind : list) {
        run_st.bind_all(ind->def.id, period.str());
        if (!(run_st.step() && run_st.text(0) == ind->signature)) out.push_back(ind);
        run_st.reset();
    }
    return out;
}

std::map<std::string, std::map<std::size_t, CachedValue>> IndicatorEngine::compute_subtree(
    const Period& period, const std::vector<std::shared_ptr<const IndicatorBinding>>& list, const Sources& sources,
    std::shared_ptr<const OrgSnapshot> snap, std::size_t root, RefreshStats* stats) {
    std::map<std::string, std::map<std::size_t, CachedValue>> out;
    const std::size_t end = snap->subtree_end(root);
    std::map<Scope, std::vector<std::shared_ptr<const IndicatorBinding>>> by_scope;
    for (const auto& i : list) by_scope[i->def.scope].push_back(i);
    for (const auto& [scope, inds] : by_scope) {
        std::vector<std::size_t> targets;
        for (std::size_t i = root; i < end; ++i)
            if (scope_holds(scope, snap->nodes()[i].type)) targets.push_back(i);
        if (targets.empty()) continue;
        QueryRun run(db_, snap, period, period.end(), sources.query);
        run.set_targets(targets);
        for (const auto& ind : inds) {
            std::set<std::string> deps;
            auto& values = out[ind->def.id];
            values = compute_values(*ind, run, *snap, targets, root, end, deps);
            if (stats) stats->recomputed += values.size(), ++stats->runs;
        }
        if (stats) stats->statements += run.statements_run();
    }
    return out;
}

IndicatorEngine::Recomputed IndicatorEngine::recompute_full(const std::shared_ptr<const IndicatorBinding>& ind,
                                                            QueryRun& run, const std::vector<std::size_t>& targets) {
    Recomputed r;
    r.ind = ind;
    r.full = true;
    const auto& snap = run.snapshot();
    r.values = compute_values(*ind, run, snap, targets, 0, snap.nodes().size(), r.deps);
    return r;
}

std::vector<IndicatorEngine::Recomputed> IndicatorEngine::recompute_dirty(
    const Period& period, const std::vector<std::shared_ptr<const IndicatorBinding>>& group,
    const std::vector<std::int64_t>& dirty_orgs, const Sources& sources, RefreshStats& stats) {
    const Scope scope = group.front()->def.scope;
    auto snap = snapshot(period.end(), sources.plugins);
    const auto& nodes = snap->nodes();
    // The scope nodes at or above each change, and every ancestor above those.
    std::set<std::size_t> targets, ancestors;
    for (std::int64_t org : dirty_orgs) {
        auto at = snap->index_of(org);
        for (auto i = at; i; i = snap->parent(*i)) {
            if (scope_holds(scope, nodes[*i].type)) targets.insert(*i);
            else if (has_scope_below(*snap, *i, scope)) ancestors.insert(*i);
        }
    }
    std::vector<std::size_t> all(targets.begin(), targets.end());
    // One query run for the whole group: indicators asking the same question share it.
    std::optional<QueryRun> run;
    if (!all.empty()) {
        run.emplace(db_, snap, period, period.end(), sources.query);
        run->set_targets(all);
    }
    // Ancestors deepest first, so each rollup sees its children's new values.
    std::vector<std::size_t> up(ancestors.begin(), ancestors.end());
    std::sort(up.begin(), up.end(), [&](std::size_t a, std::size_t b) { return nodes[a].depth > nodes[b].depth; });
    std::vector<Recomputed> out;
    for (const auto& ind : group) {
        const auto& d = ind->def;
        Recomputed r;
        r.ind = ind;
        r.values = remembered(d.id, period, *snap);
        for (std::size_t t : all) {
            if (!snap->enabled(t, d.plugin_id)) {
                r.values.erase(t);
                r.erased.push_back(t);
                continue;
            }
            Outcome o = compute_one(*ind, *run, t, *snap);
            r.deps.insert(run->deps().begin(), run->deps().end());
            r.values[t] = cached_of(d, t, std::move(o));
            r.rewritten.push_back(t);
            ++stats.recomputed;
        }
        for (std::size_t a : up) {
            auto v = rollup_at(d, *snap, a, r.values);
            if (v.value) {
                r.values[a] = v;
                r.rewritten.push_back(a);
            } else {
                r.values.erase(a);
                r.erased.push_back(a);
            }
            ++stats.recomputed;
        }
        ++stats.runs;
        out.push_back(std::move(r));
    }
    if (run) stats.statements += run->statements_run();
    return out;
}

std::map<std::size_t, CachedValue> IndicatorEngine::remembered(const std::string& indicator_id, const Period& period,
                                                               const OrgSnapshot& snapshot) {
    auto key = std::make_pair(indicator_id, period.str());
    auto it = memory_.find(key);
    if (it == memory_.end()) it = memory_.emplace(key, values(indicator_id, period, snapshot)).first;
    return it->second;
}

std::map<std::size_t, CachedValue> IndicatorEngine::values(const std::string& indicator_id, const Period& period,
                                                           const OrgSnapshot& snap) const {
    std::map<std::size_t, CachedValue> out;
    auto st = db_.prepare(
        "SELECT org_id, value, target, met, rolled_up, findings, error, seq FROM indicator_value "
        "WHERE indicator_id = ? AND period = ?");
    st.bind_all(indicator_id, period.str());
    while (st.step()) {
        auto i = snap.index_of(st.int64(0));
        if (!i) continue;
        CachedValue v;
        v.node = *i;
        if (!st.is_null(1)) v.value = st.real(1);
        if (!st.is_null(2)) v.target = st.real(2);
        if (!st.is_null(3)) v.met = st.int64(3) != 0;
        v.rolled_up = st.int64(4) != 0;
        if (!st.is_null(5))
            for (const auto& f : json::parse(st.text(5), nullptr, false))
                if (f.is_string()) v.findings.push_back(f.get<std::string>());
        if (!st.is_null(6)) v.error = st.text(6);
        v.seq = st.int64(7);
        out[*i] = std::move(v);
    }
    return out;
}

void IndicatorEngine::mark_form_change(const db::Connection& db, const std::string& form_id, std::int64_t org_id,
                                       const Period& period) {
    auto st = db.prepare(
        "INSERT OR IGNORE INTO indicator_dirty(indicator_id, period, org_id) "
        "SELECT indicator_id, period, ? FROM indicator_dep WHERE dep = ? AND period = ?");
    const std::string dep = "form:" + form_id;
    for (const auto& p : containing_periods(period)) {
        st.bind_all(org_id, dep, p);
        st.run();
        st.reset();
    }
    // in_form / not_in_form read every period up to their own: a record affects this
    // period and every later one.
    db.prepare("INSERT OR IGNORE INTO indicator_dirty(indicator_id, period, org_id) "
               "SELECT indicator_id, period, ? FROM indicator_dep WHERE dep = ? AND period >= ?")
        .bind_all(org_id, "formref:" + form_id, std::to_string(period.year_number()))
        .run();
}

void IndicatorEngine::mark_members_change(const db::Connection& db, std::int64_t branch_id) {
    db.prepare("INSERT OR IGNORE INTO indicator_dirty(indicator_id, period, org_id) "
               "SELECT indicator_id, period, ? FROM indicator_dep WHERE dep = 'members'")
        .bind(1, branch_id)
        .run();
}

void IndicatorEngine::mark_rectification_change(const db::Connection& db, std::int64_t org_id) {
    db.prepare("INSERT OR IGNORE INTO indicator_dirty(indicator_id, period, org_id) "
               "SELECT indicator_id, period, ? FROM indicator_dep WHERE dep = 'rectification'")
        .bind(1, org_id)
        .run();
}

void IndicatorEngine::invalidate_from(const db::Connection& db, Date from) {
    db.prepare("DELETE FROM indicator_run WHERE period_end >= ?").bind(1, from.iso()).run();
}

void IndicatorEngine::invalidate_plugin(const db::Connection& db, const std::string& plugin_id) {
    db.prepare("DELETE FROM indicator_run WHERE substr(indicator_id, 1, ?) = ?")
        .bind(1, static_cast<std::int64_t>(plugin_id.size() + 1))
        .bind(2, plugin_id + ".")
        .run();
}

}  // namespace dj::indicators
