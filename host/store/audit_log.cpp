#include "store/audit_log.hpp"

#include <sodium.h>

#include <chrono>
#include <cstdio>

namespace dj {

namespace {

const std::string kGenesis(64, '0');

std::string sha256_hex(std::string_view data) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

// Length-prefixed fields, so no choice of content can make two different rows hash alike.
std::string row_digest(std::string_view prev, std::string_view at, std::string_view actor,
                       std::string_view action, std::string_view target, std::string_view before,
                       std::string_view after) {
    std::string buf;
    for (std::string_view part : {prev, at, actor, action, target, before, after}) {
        buf += std::to_string(part.size());
        buf += ':';
        buf += part;
    }
    return sha256_hex(buf);
}

}  // namespace

std::string utc_timestamp_now() {
    using namespace std::chrono;
    auto now = system_clock::now();
    auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::time_t t = system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

void audit_append(const db::Connection& db, std::string_view actor, std::string_view action,
                  std::string_view target, std::string_view before_json, std::string_view after_json) {
    std::string prev = kGenesis;
    auto last = db.prepare("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
    if (last.step()) prev = last.text(0);
    std::string at = utc_timestamp_now();
    std::string hash = row_digest(prev, at, actor, action, target, before_json, after_json);
    auto ins = db.prepare(
        "INSERT INTO audit_log(at, actor, action, target, before, after, prev_hash, hash) "
        "VALUES (?,?,?,?,?,?,?,?)");
    ins.bind_all(at, actor, action, target, before_json, after_json, prev, hash);
    ins.run();
}

AuditVerdict audit_verify_chain(const db::Connection& db) {
    AuditVerdict v;
    std::string expected_prev = kGenesis;
    auto st = db.prepare(
        "SELECT id, at, actor, action, target, coalesce(before,''), coalesce(after,''), prev_hash, hash "
        "FROM audit_log ORDER BY id");
    while (st.step()) {
        ++v.rows;
        std::int64_t id = st.int64(0);
        std::string prev = st.text(7);
        if (prev != expected_prev) {
            v.intact = false;
            v.first_broken_id = id;
            v.reason = "第 " + std::to_string(id) + " 条记录的前序哈希与上一条不符（其前的记录被删除或改动）";
            return v;
        }
        std::string hash = row_digest(prev, st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6));
        if (hash != st.text(8)) {
            v.intact = false;
            v.first_broken_id = id;
            v.reason = "第 " + std::to_string(id) + " 条记录的内容与其哈希不符（记录被改动）";
            return v;
        }
        expected_prev = st.text(8);
    }
    return v;
}

std::vector<AuditEntry> audit_read(const db::Connection& db, const AuditFilter& f) {
    std::string target_pattern;
    if (f.target) {
        target_pattern = *f.target;
        if (!target_pattern.empty() && target_pattern.back() == '*') target_pattern.pop_back();
        else target_pattern = "=" + target_pattern;  // marker: exact match
    }
    auto st = db.prepare(
        "SELECT id, at, actor, action, target, coalesce(before,''), coalesce(after,'') FROM audit_log "
        "WHERE (?1 IS NULL OR (substr(?1,1,1) = '=' AND target = substr(?1,2)) "
        "                 OR (substr(?1,1,1) <> '=' AND substr(target,1,length(?1)) = ?1)) "
        "  AND (?2 IS NULL OR actor = ?2) AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at < ?4) "
        "ORDER BY id DESC LIMIT ?5");
    if (f.target) st.bind(1, target_pattern); else st.bind(1, nullptr);
    st.bind(2, f.actor).bind(3, f.since).bind(4, f.until).bind(5, static_cast<std::int64_t>(f.limit));
    std::vector<AuditEntry> out;
    while (st.step())
        out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6)});
    return out;
}

}  // namespace dj
