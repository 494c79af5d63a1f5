#include "db/migrations.hpp"

#include <string>

#include "core/errors.hpp"
#include "db/audit_chain.hpp"
#include "db/schema.hpp"

namespace dj::db {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> steps = {
        {1, "org tree with history, members, users", [](const Connection& c) { c.exec_script(schema::v1); }},
        {2, "hash-chained audit log", [](const Connection& c) { c.exec_script(schema::v2); }},
        {3, "plugin enablement per org node, units' scripts", [](const Connection& c) { c.exec_script(schema::v3); }},
        {4, "submissions, workflow steps, attachments, reopened periods",
         [](const Connection& c) { c.exec_script(schema::v4); }},
        {5, "indicator cache with its inputs, rectification items, evaluation votes",
         [](const Connection& c) { c.exec_script(schema::v5); }},
        {6, "evaluation votes on the scheme's own rating scale", [](const Connection& c) { c.exec_script(schema::v6); }},
        {7, "which plugin validated each submission", [](const Connection& c) { c.exec_script(schema::v7); }},
        {8, "accounts: password state, sessions, login throttling",
         [](const Connection& c) { c.exec_script(schema::v8); }},
        // Trust in the audit log starts here: rows written before are signed as they are now.
        {9, "audit rows signed with a key kept outside the database",
         [](const Connection& c) {
             c.exec_script(schema::v9);
             audit_rechain(c);
             c.exec_script(schema::v9_after);
         }},
        {10, "notices (通知公告) and each addressed unit's read receipt",
         [](const Connection& c) { c.exec_script(schema::v10); }},
        {11, "indexes for 待办: submissions by state and by author",
         [](const Connection& c) { c.exec_script(schema::v11); }},
    };
    return steps;
}

int latest_schema_version() { return migrations().back().version; }

void migrate(const Connection& db, int target) {
    if (target < 0) target = latest_schema_version();
    int current = db.user_version();
    if (current > latest_schema_version()) {
        throw DatabaseVersionError("数据库「" + db.path() + "」由更新版本的 dangjian 创建（结构版本 " +
                                   std::to_string(current) + "，本程序支持到 " +
                                   std::to_string(latest_schema_version()) + "），请升级程序后再打开");
    }
    for (const auto& step : migrations()) {
        if (step.version <= current || step.version > target) continue;
        Transaction tx(db);
        try {
            step.apply(db);
        } catch (const SqlError&) {
            // e.g. "table org_node already exists": the tables do not match the version number.
            throw UserError("数据库「" + db.path() + "」的表结构与其版本号（" + std::to_string(current) +
                            "）不符，可能被其他程序改动过，未作任何修改。请用最近的备份（复制下来的数据库文件）替换它");
        }
        db.set_user_version(step.version);
        tx.commit();
        current = step.version;
    }
}

bool is_foreign(const Connection& db) {
    if (db.user_version() != 0) return false;
    auto check = db.prepare("SELECT count(*) FROM sqlite_schema");
    check.step();
    return check.int64(0) > 0;
}

}  // namespace dj::db
