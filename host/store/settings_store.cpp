#include "store/settings_store.hpp"

namespace dj::store {

std::optional<std::string> SettingsStore::get(std::string_view key) const {
    auto st = db_.prepare("SELECT value FROM app_setting WHERE key = ?");
    st.bind(1, key);
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

std::map<std::string, std::string, std::less<>> SettingsStore::get_many(const std::vector<std::string_view>& keys) const {
    std::string list = "[";
    for (auto k : keys) {
        if (list.size() > 1) list += ',';
        list += '"';
        list += k;  // our own keys: letters and underscores, nothing to escape
        list += '"';
    }
    list += ']';
    auto st = db_.prepare("SELECT key, value FROM app_setting WHERE key IN (SELECT value FROM json_each(?))");
    st.bind(1, list);
    std::map<std::string, std::string, std::less<>> out;
    while (st.step()) out.emplace(st.text(0), st.text(1));
    return out;
}

void SettingsStore::put(std::string_view key, std::string_view value) const {
    db_.prepare("INSERT INTO app_setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind_all(key, value)
        .run();
}

}  // namespace dj::store
