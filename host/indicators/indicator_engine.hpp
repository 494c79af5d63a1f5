#pragma once
// Computes indicators and keeps their values current. Values are cached per (indicator,
// period, node) in indicator_value, with what each run read in indicator_dep. Writes mark
// exactly what they affect (mark_* below, called inside the writer's transaction); the
// next read recomputes only those nodes and the rollups above them.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "indicators/indicator_def.hpp"
#include "indicators/org_snapshot.hpp"
#include "indicators/query_run.hpp"
#include "model/period.hpp"

namespace dj::lua {
class Plugin;
struct Registration;
}  // namespace dj::lua

namespace dj::indicators {

// An indicator bound to the plugin that declared it.
struct IndicatorBinding {
    IndicatorDef def;
    std::shared_ptr<lua::Plugin> plugin;
    const lua::Registration* reg = nullptr;
    std::string signature;  // plugin version + source digest: cached values carry it
};

struct CachedValue {
    std::size_t node = 0;  // snapshot index
    std::optional<double> value;
    std::optional<double> target;
    std::optional<bool> met;
    bool rolled_up = false;
    std::vector<std::string> findings;
    std::string error;
    std::int64_t seq = 0;
};

struct RefreshStats {
    std::size_t recomputed = 0;  // values written
    std::size_t runs = 0;        // (indicator, period) runs computed or patched
    std::size_t statements = 0;  // set-based statements the query object ran
};

class IndicatorEngine {
public:
    struct Sources {
        std::vector<std::shared_ptr<const IndicatorBinding>> indicators;
        std::vector<PluginDefaults> plugins;
        QuerySources query;
    };
    explicit IndicatorEngine(const db::Connection& db) : db_(db) {}

    // The tree on a date with enablement, cached until the database changes.
    std::shared_ptr<const OrgSnapshot> snapshot(Date at, const std::vector<PluginDefaults>& plugins);
    void forget_snapshots() {
        snapshots_.clear();
        memory_.clear();
    }

    // The values of `list` for `period` as of one read snapshot, by indicator id: the cached
    // ones where nothing changed, the rest recomputed (in full where no run exists at the
    // current signature, else only where marked). What was recomputed is then stored, but only
    // if that needs no waiting: the write lock is free now and nothing was committed since the
    // snapshot (so nothing was marked since). Otherwise the marks stay for a later read, and
    // this answer is still right for its moment. A server's reader thus never waits for the
    // group-commit writer nor holds it up while computing. Inside a caller's transaction it
    // computes and stores there.
    struct Current {
        std::shared_ptr<const OrgSnapshot> snapshot;
        std::map<std::string, std::map<std::size_t, CachedValue>> values;
        RefreshStats stats;
        bool stored = true;  // false: recomputed for this answer only
    };
    Current current(const Period& period, const std::vector<std::shared_ptr<const IndicatorBinding>>& list,
                    const Sources& sources);
    // Brings the given indicators current for `period` in the cache (current(), for its stats).
    RefreshStats ensure(const Period& period, const std::vector<std::shared_ptr<const IndicatorBinding>>& list,
                        const Sources& sources) {
        return current(period, list, sources).stats;
    }
    // Every cached run with dirty marks, across periods.
    RefreshStats refresh_all(const Sources& sources);

    // The indicators of `list` without a run for the period at their current signature:
    // ensure would compute each of them over the whole county.
    std::vector<std::shared_ptr<const IndicatorBinding>> without_run(
        const Period& period, const std::vector<std::shared_ptr<const IndicatorBinding>>& list) const;
    // Values of `list` over the subtree at snapshot index `root` alone, by indicator id, not
    // cached: what a branch's screen needs when no county-wide run exists yet, at the cost of
    // that subtree instead of the county (the values equal what a full run would cache there).
    std::map<std::string, std::map<std::size_t, CachedValue>> compute_subtree(
        const Period& period, const std::vector<std::shared_ptr<const IndicatorBinding>>& list, const Sources& sources,
        std::shared_ptr<const OrgSnapshot> snapshot, std::size_t root, RefreshStats* stats = nullptr);

    // Cached values of one indicator for a period, by snapshot index.
    std::map<std::size_t, CachedValue> values(const std::string& indicator_id, const Period& period,
                                              const OrgSnapshot& snapshot) const;

    // --- Marking, inside the writer's transaction ---
    static void mark_form_change(const db::Connection& db, const std::string& form_id, std::int64_t org_id,
                                 const Period& period);
    static void mark_members_change(const db::Connection& db, std::int64_t branch_id);
    static void mark_rectification_change(const db::Connection& db, std::int64_t org_id);
    // The tree changed from `from` on: runs of periods ending on or after it start over.
    static void invalidate_from(const db::Connection& db, Date from);
    static void invalidate_plugin(const db::Connection& db, const std::string& plugin_id);

private:
    struct Recomputed;  // one indicator's new values, before they are stored
    // Fills `out` (snapshot taken) with every indicator's values and returns what changed.
    std::vector<Recomputed> recompute(const Period& period, const std::vector<std::shared_ptr<const IndicatorBinding>>& list,
                                      const Sources& sources, Current& out);
    Recomputed recompute_full(const std::shared_ptr<const IndicatorBinding>& ind, QueryRun& run,
                              const std::vector<std::size_t>& targets);
    // Patches a group of indicators of one scope whose inputs changed at `dirty_orgs`.
    std::vector<Recomputed> recompute_dirty(const Period& period,
                                            const std::vector<std::shared_ptr<const IndicatorBinding>>& group,
                                            const std::vector<std::int64_t>& dirty_orgs, const Sources& sources,
                                            RefreshStats& stats);
    void store(const Period& period, std::vector<Recomputed>& changed, const OrgSnapshot& snap);
    // After the commit only: a store that fails or rolls back leaves memory_ as the table is.
    void remember(const Period& period, const std::vector<Recomputed>& stored);
    std::int64_t next_seq();

    const db::Connection& db_;
    // The values this process last wrote per (indicator, period), by snapshot index: a patch
    // after one submission reads them from here instead of the table. Dropped with the
    // snapshots (indexes change) and when another connection writes.
    std::map<std::size_t, CachedValue> remembered(const std::string& indicator_id, const Period& period,
                                                  const OrgSnapshot& snapshot);
    std::map<std::pair<std::string, std::string>, std::map<std::size_t, CachedValue>> memory_;
    std::map<Date, std::shared_ptr<const OrgSnapshot>> snapshots_;
    std::int64_t snapshot_data_version_ = -1;
};

}  // namespace dj::indicators
