#include "service/indicator_sync.hpp"

#include "indicators/indicator_engine.hpp"

namespace dj {

using store::ChangeEvent;
using store::ChangeKind;
using indicators::IndicatorEngine;

void keep_indicators_current(store::ChangeBus& bus, const db::Connection& db,
                             std::function<IndicatorEngine*()> engine) {
    bus.subscribe([&db, engine = std::move(engine)](const ChangeEvent& e) {
        auto forget = [&] {
            if (auto* en = engine()) en->forget_snapshots();
        };
        switch (e.kind) {
            case ChangeKind::OrgTree:
                // Runs of periods ending on or after the change start over.
                IndicatorEngine::invalidate_from(db, *e.date);
                forget();
                break;
            case ChangeKind::Members: IndicatorEngine::mark_members_change(db, e.org_id); break;
            case ChangeKind::FormData: IndicatorEngine::mark_form_change(db, e.form_id, e.org_id, *e.period); break;
            case ChangeKind::Rectification: IndicatorEngine::mark_rectification_change(db, e.org_id); break;
            case ChangeKind::PluginSettings:
                // Enablement and settings feed every indicator of the plugin.
                IndicatorEngine::invalidate_plugin(db, e.plugin_id);
                forget();
                break;
            case ChangeKind::PluginCode: forget(); break;
        }
    });
}

}  // namespace dj
