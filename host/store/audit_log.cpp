#include "store/audit_log.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>

#include "core/errors.hpp"
#include "db/audit_chain.hpp"

namespace dj {

namespace {

std::string row_range(std::int64_t from, std::int64_t to) {
    return from == to ? "第 " + std::to_string(from) + " 条" : "第 " + std::to_string(from) + "–" + std::to_string(to) + " 条";
}

// When a file was last written, local time ("2026-11-30 10:38"); "" when unknown.
std::string written_at(const std::string& file) {
    std::error_code ec;
    auto t = std::filesystem::last_write_time(file, ec);
    if (ec) return "";
    std::time_t tt = std::chrono::system_clock::to_time_t(std::chrono::file_clock::to_sys(t));
    std::tm tm{};
    localtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

// The log is shorter than a head recorded earlier. That is what deleting the newest rows
// looks like, and also what copying an older backup over the database looks like: say both,
// and how to tell them apart, since the second is an everyday act of an office.
std::string shorter_than_head(std::int64_t rows, std::int64_t recorded, const std::string& what, bool on_paper) {
    const std::string missing = std::to_string(recorded - rows);
    return "审计日志只有 " + std::to_string(rows) + " 条，比" + what + "的 " + std::to_string(recorded) + " 条少 " +
           missing + " 条。把较早的备份恢复到原处的数据库就是这样：备份之后写下的记录不在其中。"
           "若刚恢复过备份：请核对所用备份的时间，书面记下此次恢复（何时、用哪份备份），" +
           (on_paper ? std::string("再用 `dangjian audit anchor` 记下新的链头，此后用新链头比对")
                     : std::string("此后第一次有记录的操作会更新链头记录，校验随即通过")) +
           "；若没有恢复过备份，则是最新的 " + missing + " 条记录被删除，请用最近的备份核对并追查";
}

}  // namespace

std::string utc_timestamp_now() { return db::utc_now_text(); }

void audit_append(const db::Connection& db, std::string_view actor, std::string_view action,
                  std::string_view target, std::string_view before_json, std::string_view after_json) {
    db::audit_chain_append(db, utc_timestamp_now(), actor, action, target, before_json, after_json);
}

AuditVerdict audit_verify_chain(const db::Connection& db, const AuditCheck& check) {
    namespace fs = std::filesystem;
    AuditVerdict v;
    const fs::path key_path = check.key_path ? fs::path(*check.key_path) : db::audit_key_path();
    if (check.key_path && !fs::exists(key_path)) throw UserError("审计密钥文件「" + key_path.string() + "」不存在");
    const std::optional<db::AuditKey> key = db::audit_key_for_reading(key_path);
    v.keyed = key.has_value();
    if (key) v.key_id = key->id;
    std::optional<db::AnchorDigest> paper;
    if (check.anchor) {
        paper = db::parse_anchor_digest(*check.anchor);
        if (!paper)
            throw UserError("链头摘要「" + check.anchor->substr(0, 40) + "」格式不正确，应为 `audit anchor` 打印的「条数-16位十六进制」，如 1234-9f3a1c2b7d4e5f60");
    }
    const auto side = db::read_side_anchor(db, key ? &*key : nullptr, key_path);

    auto broken = [&v](std::int64_t id, std::string reason) {
        if (!v.intact) return;
        v.intact = false;
        v.first_broken_id = id;
        v.reason = std::move(reason);
    };
    // The hashes the anchors name, kept while walking the chain (not every row's).
    std::map<std::int64_t, std::string> wanted;
    wanted[1];
    if (side && side->rows > 0) wanted[side->rows];
    if (paper && paper->rows > 0) wanted[paper->rows];

    std::map<std::string, std::pair<std::int64_t, std::int64_t>> foreign;  // key id -> first/last row
    std::int64_t pos = 0;
    std::string prev = db::kAuditGenesis;
    auto st = db.prepare(
        "SELECT id, at, actor, action, target, coalesce(before,''), coalesce(after,''), prev_hash, hash, "
        "coalesce(mac,''), coalesce(key_id,'') FROM audit_log ORDER BY id");
    while (v.intact && st.step()) {
        ++pos;
        std::int64_t id = st.int64(0);
        if (id != pos) {
            broken(id, id > pos ? "审计日志缺少" + row_range(pos, id - 1) + "记录（编号从 " + std::to_string(pos - 1) + " 跳到 " +
                                      std::to_string(id) + "）：记录被删除"
                                : "第 " + std::to_string(pos) + " 条记录的编号是 " + std::to_string(id) + "：记录被重新编号");
            break;
        }
        if (st.text(7) != prev) {
            broken(id, "第 " + std::to_string(id) + " 条记录的前序哈希与上一条不符（其前的记录被删除或改动）");
            break;
        }
        std::string hash = db::audit_row_hash(id, prev, st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6));
        if (hash != st.text(8)) {
            broken(id, "第 " + std::to_string(id) + " 条记录的内容与其哈希不符（记录被改动或重新编号）");
            break;
        }
        const std::string key_id = st.text(10);
        if (key && key_id == key->id) {
            if (st.text(9) != db::audit_mac(*key, hash)) {
                broken(id, "第 " + std::to_string(id) +
                               " 条记录的密钥签名不符：记录被改动后重新计算了哈希链，或是伪造后追加的（改动者没有审计密钥）");
                break;
            }
            ++v.signed_rows;
        } else {
            ++v.unproven_rows;
            auto [it, fresh] = foreign.try_emplace(key_id, id, id);
            if (!fresh) it->second.second = id;
        }
        if (auto w = wanted.find(id); w != wanted.end()) w->second = hash;
        prev = hash;
    }
    if (!v.intact) return v;
    v.rows = static_cast<std::size_t>(pos);
    const std::int64_t rows = pos;

    if (rows == 0) {
        auto users = db.prepare("SELECT count(*) FROM app_user");
        users.step();
        if (users.int64(0) > 0) broken(0, "审计日志为空，但数据库中已有账号：全部日志记录被删除");
    }
    if (side) {
        if (side->rows < 1 || side->head.empty()) {
            broken(0, "链头记录文件「" + side->file + "」已损坏");
        } else if (rows == 0) {
            broken(0, "审计日志为空，而链头记录（" + side->file + "）有 " + std::to_string(side->rows) + " 条：全部记录被删除");
        } else if (side->first != wanted[1]) {
            v.notes.push_back("链头记录文件属于此路径上先前的另一个数据库，未用于比对");
        } else if (key && !side->signature_ok) {
            broken(0, "链头记录文件「" + side->file + "」的签名不符：它被改动过");
        } else if (rows < side->rows) {
            const std::string when = written_at(side->file);
            broken(rows, shorter_than_head(rows, side->rows,
                                           "本机链头记录（" + side->file + (when.empty() ? "" : "，写于 " + when) + "）", false));
        } else if (wanted[side->rows] != side->head) {
            broken(side->rows, "第 " + std::to_string(side->rows) + " 条记录与链头记录不符：其前的记录被改动后重新串链");
        } else {
            v.anchored = rows == side->rows;
            if (rows > side->rows)
                v.notes.push_back(row_range(side->rows + 1, rows) + "写于链头记录之后（由未使用本机密钥位置的程序写入），链头未覆盖");
            if (!key) v.notes.push_back("没有密钥，链头记录文件本身的签名未能校验");
        }
    } else {
        v.notes.push_back("本机没有此数据库的链头记录（在审计密钥旁的 anchors 文件夹中）：不能排除最新的记录被删除；"
                          "请定期用 `dangjian audit anchor` 记下链头，校验时用 --anchor 比对");
    }
    if (paper && v.intact) {
        const std::string digest = db::audit_anchor_digest(paper->rows, paper->hash_prefix);
        if (rows < paper->rows) {
            broken(rows, shorter_than_head(rows, paper->rows, "书面链头 " + digest + " 记下时", true));
        } else if (!wanted[paper->rows].starts_with(paper->hash_prefix)) {
            broken(paper->rows, "第 " + std::to_string(paper->rows) + " 条记录与书面链头 " + digest +
                                    " 不符：此前的记录被改动、删除或重新串链");
        } else {
            v.notes.push_back("前 " + std::to_string(paper->rows) + " 条与书面链头 " + digest + " 一致");
            if (rows == paper->rows) v.anchored = true;
        }
    }
    if (!key) {
        v.notes.push_back("本机没有审计密钥（" + key_path.string() +
                          "）：已确认哈希链前后衔接、编号连续，但不能排除有人改动记录后重新串链，或在末尾追加伪造的记录。"
                          "请在保管密钥的机器上校验，或用 --key 指定密钥副本");
    } else {
        for (const auto& [id, range] : foreign)
            v.notes.push_back(row_range(range.first, range.second) + "中有记录" +
                              (id.empty() ? std::string("没有签名（写于启用密钥之前且未经迁移）")
                                          : "由另一把密钥（指纹 " + id + "）签名") +
                              "，本机无法校验");
    }
    return v;
}

AuditHead audit_head(const db::Connection& db) {
    AuditHead h;
    auto st = db.prepare("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
    if (st.step()) {
        h.rows = static_cast<std::size_t>(st.int64(0));
        h.hash = st.text(1);
    }
    h.digest = db::audit_anchor_digest(static_cast<std::int64_t>(h.rows), h.hash.empty() ? db::kAuditGenesis : h.hash);
    return h;
}

std::vector<AuditEntry> audit_read(const db::Connection& db, const AuditFilter& f) {
    std::string target_pattern;
    if (f.target) {
        target_pattern = *f.target;
        if (!target_pattern.empty() && target_pattern.back() == '*') target_pattern.pop_back();
        else target_pattern = "=" + target_pattern;  // marker: exact match
    }
    auto st = db.prepare(
        "SELECT a.id, a.at, a.actor, a.action, a.target, coalesce(a.before,''), coalesce(a.after,''), "
        "       coalesce((SELECT u.display_name FROM app_user u WHERE u.login = a.actor), '') FROM audit_log a "
        "WHERE (?1 IS NULL OR (substr(?1,1,1) = '=' AND a.target = substr(?1,2)) "
        "                 OR (substr(?1,1,1) <> '=' AND substr(a.target,1,length(?1)) = ?1)) "
        "  AND (?2 IS NULL OR a.actor = ?2) AND (?3 IS NULL OR a.at >= ?3) AND (?4 IS NULL OR a.at < ?4) "
        "ORDER BY a.id DESC LIMIT ?5");
    if (f.target) st.bind(1, target_pattern); else st.bind(1, nullptr);
    st.bind(2, f.actor).bind(3, f.since).bind(4, f.until).bind(5, static_cast<std::int64_t>(f.limit));
    std::vector<AuditEntry> out;
    while (st.step())
        out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), st.text(7), {}});
    return out;
}

}  // namespace dj
