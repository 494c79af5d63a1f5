// The audit trail that proves something (issue 14): every tamper probe of the issue is
// detected — an edited row, the newest rows or all rows deleted, ids renumbered, a forged
// row appended, the chain recomputed after an edit by someone without the key, and direct
// edits of members, submissions and accounts (`--deep`) — while an untouched database
// verifies, and a check without the key says what it cannot prove.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "db/audit_chain.hpp"
#include "db/backup.hpp"
#include "db/migrations.hpp"
#include "store/audit_log.hpp"
#include "support.hpp"

using namespace dj;
using nlohmann::json;

namespace {

// A key (and its anchors folder) of the test's own; a base listed first, so it is in place
// before the county's database is made and every row of it is signed with it.
struct KeyDir {
    test::TempDir keys;
    std::filesystem::path key_file = keys.path() / "audit.key";
    KeyDir() { db::set_audit_key_path(key_file); }
    ~KeyDir() { db::set_audit_key_path(std::nullopt); }
};

struct KeyedCounty : KeyDir, test::SmallCounty {
    AuditVerdict verify(AuditCheck check = {}) { return svc->audit_verify(as("admin"), check); }
    AuditVerdict deep() {
        AuditCheck c;
        c.deep = true;
        return verify(c);
    }
    void sql(const std::string& script) { svc->connection().exec_script(script.c_str()); }
    // What someone editing the file with sqlite3 does first: the table refuses changes.
    void drop_guards() { sql("DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;"); }
    std::int64_t rows() {
        auto st = svc->connection().prepare("SELECT count(*) FROM audit_log");
        st.step();
        return st.int64(0);
    }
    // Recomputes every hash from row `from` on with the public formula, as an editor without
    // the key can; the signatures stay as they were, since only the key makes them.
    void rechain_from(std::int64_t from) {
        const auto& c = svc->connection();
        std::string prev = db::kAuditGenesis;
        if (from > 1) {
            auto p = c.prepare("SELECT hash FROM audit_log WHERE id = ?");
            p.bind(1, from - 1);
            REQUIRE(p.step());
            prev = p.text(0);
        }
        std::vector<std::tuple<std::int64_t, std::string, std::string>> updates;
        auto st = c.prepare(
            "SELECT id, at, actor, action, target, coalesce(before,''), coalesce(after,'') FROM audit_log "
            "WHERE id >= ? ORDER BY id");
        st.bind(1, from);
        while (st.step()) {
            auto h = db::audit_row_hash(st.int64(0), prev, st.text(1), st.text(2), st.text(3), st.text(4), st.text(5),
                                        st.text(6));
            updates.emplace_back(st.int64(0), prev, h);
            prev = h;
        }
        for (auto& [id, p, h] : updates) {
            auto u = c.prepare("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?");
            u.bind_all(p, h, id);
            u.run();
        }
    }
};

MemberInput member_input(const char* name, const char* branch) {
    MemberInput m;
    m.name = name;
    m.gender = "女";
    m.birth_date = Date::from_ymd(1985, 2, 10);
    m.join_date = Date::from_ymd(2010, 7, 1);
    m.full_date = Date::from_ymd(2011, 7, 1);
    m.status = "正式";
    m.branch_code = branch;
    return m;
}

}  // namespace

TEST_CASE("audit: an untouched database verifies, every row signed, the head anchored, the tables as logged",
          "[audit-chain]") {
    KeyedCounty c;
    auto v = c.deep();
    CHECK(v.intact);
    CHECK(v.proven());
    CHECK(v.keyed);
    CHECK(v.signed_rows == v.rows);
    CHECK(v.rows == static_cast<std::size_t>(c.rows()));
    CHECK(v.anchored);
    CHECK(v.mismatches.empty());
    // The key lives outside the database, readable by its owner only.
    REQUIRE(std::filesystem::exists(c.key_file));
    CHECK((std::filesystem::status(c.key_file).permissions() & std::filesystem::perms::group_all) == std::filesystem::perms::none);
    CHECK((std::filesystem::status(c.key_file).permissions() & std::filesystem::perms::others_all) == std::filesystem::perms::none);
}

TEST_CASE("audit: an edited row is named", "[audit-chain]") {
    KeyedCounty c;
    c.drop_guards();
    c.sql("UPDATE audit_log SET actor = 'mallory' WHERE id = 3");
    auto v = c.verify();
    CHECK_FALSE(v.intact);
    CHECK(v.first_broken_id == 3);
}

TEST_CASE("audit: deleting the newest rows is caught by the anchored head", "[audit-chain]") {
    KeyedCounty c;
    auto n = c.rows();
    c.drop_guards();
    c.sql("DELETE FROM audit_log WHERE id > " + std::to_string(n - 2));
    auto v = c.verify();
    CHECK_FALSE(v.intact);
    CHECK_THAT(v.reason, Catch::Contains("最新的 2 条记录被删除"));
}

TEST_CASE("audit: deleting every row is caught", "[audit-chain]") {
    KeyedCounty c;
    c.drop_guards();
    c.sql("DELETE FROM audit_log");
    auto v = c.verify();
    CHECK_FALSE(v.intact);
    CHECK_THAT(v.reason, Catch::Contains("全部"));
    // Even where no anchor is at hand, an empty log beside existing accounts is no log.
    std::filesystem::remove_all(c.keys.path() / "anchors");
    CHECK_FALSE(c.verify().intact);
}

TEST_CASE("audit: renumbered ids are caught", "[audit-chain]") {
    SECTION("a row removed and the rest moved up to close the gap") {
        KeyedCounty c;
        c.drop_guards();
        c.sql("DELETE FROM audit_log WHERE id = 4; UPDATE audit_log SET id = id - 1 WHERE id > 4;");
        auto v = c.verify();
        CHECK_FALSE(v.intact);
        CHECK(v.first_broken_id == 4);
    }
    SECTION("a row removed, the gap left") {
        KeyedCounty c;
        c.drop_guards();
        c.sql("DELETE FROM audit_log WHERE id = 4");
        auto v = c.verify();
        CHECK_FALSE(v.intact);
        CHECK_THAT(v.reason, Catch::Contains("被删除"));
    }
    SECTION("every id shifted") {
        KeyedCounty c;
        c.drop_guards();
        c.sql("UPDATE audit_log SET id = id + 1000");
        CHECK_FALSE(c.verify().intact);
    }
}

TEST_CASE("audit: an edit re-chained without the key fails its signature", "[audit-chain]") {
    KeyedCounty c;
    c.drop_guards();
    c.sql("UPDATE audit_log SET after = replace(after, '李四', '李四四') WHERE action = 'member.add'");
    auto edited = c.svc->connection().prepare("SELECT min(id) FROM audit_log WHERE after LIKE '%李四四%'");
    REQUIRE(edited.step());
    auto id = edited.int64(0);
    c.rechain_from(id);
    auto v = c.verify();
    CHECK_FALSE(v.intact);
    CHECK(v.first_broken_id == id);
    CHECK_THAT(v.reason, Catch::Contains("签名"));
}

TEST_CASE("audit: a forged row appended is caught", "[audit-chain]") {
    KeyedCounty c;
    auto n = c.rows();
    auto last = c.svc->connection().prepare("SELECT hash, key_id FROM audit_log WHERE id = ?");
    last.bind(1, n);
    REQUIRE(last.step());
    const std::string prev = last.text(0), key_id = last.text(1);
    const std::string after = R"({"role":"admin"})";
    auto hash = db::audit_row_hash(n + 1, prev, "2021-06-15T00:00:00.000Z", "admin", "user.create", "user:mallory", "", after);
    SECTION("claiming our key: its signature is wrong") {
        auto ins = c.svc->connection().prepare(
            "INSERT INTO audit_log(id, at, actor, action, target, before, after, prev_hash, hash, mac, key_id) "
            "VALUES (?, '2021-06-15T00:00:00.000Z', 'admin', 'user.create', 'user:mallory', '', ?, ?, ?, ?, ?)");
        ins.bind_all(n + 1, after, prev, hash, std::string(64, 'a'), key_id);
        ins.run();
        auto v = c.verify();
        CHECK_FALSE(v.intact);
        CHECK(v.first_broken_id == n + 1);
    }
    SECTION("claiming another key: it is not proven, and said so") {
        auto ins = c.svc->connection().prepare(
            "INSERT INTO audit_log(id, at, actor, action, target, before, after, prev_hash, hash, mac, key_id) "
            "VALUES (?, '2021-06-15T00:00:00.000Z', 'admin', 'user.create', 'user:mallory', '', ?, ?, ?, '', 'ffffffffffffffff')");
        ins.bind_all(n + 1, after, prev, hash);
        ins.run();
        auto v = c.verify();
        CHECK_FALSE(v.proven());
        CHECK(v.unproven_rows == 1);
        CHECK_FALSE(v.anchored);
        std::string notes;
        for (const auto& s : v.notes) notes += s + "\n";
        CHECK_THAT(notes, Catch::Contains("另一把密钥") && Catch::Contains("链头未覆盖"));
    }
}

TEST_CASE("audit: without the key the check says what it can and cannot prove", "[audit-chain]") {
    KeyedCounty c;
    AuditCheck elsewhere;
    elsewhere.key_path = (c.keys.path() / "missing.key").string();
    CHECK_THROWS_AS(c.verify(elsewhere), UserError);  // a named key file that is not there

    db::set_audit_key_path(c.keys.path() / "not-here" / "audit.key");
    auto v = c.verify();
    CHECK(v.intact);
    CHECK_FALSE(v.keyed);
    CHECK_FALSE(v.proven());
    std::string notes;
    for (const auto& s : v.notes) notes += s + "\n";
    CHECK_THAT(notes, Catch::Contains("本机没有审计密钥") && Catch::Contains("不能排除"));
}

TEST_CASE("audit: a head written down on paper catches deletion and re-chaining, even without the key",
          "[audit-chain]") {
    KeyedCounty c;
    const AuditHead head = c.svc->audit_anchor(c.as("admin"));
    CHECK(head.rows == static_cast<std::size_t>(c.rows()));
    CHECK(head.digest == std::to_string(head.rows) + "-" + head.hash.substr(0, 16));
    c.svc->add_member(c.as("admin"), member_input("赵六", "D1-B2"));  // the log grows after the note

    AuditCheck paper;
    paper.anchor = head.digest;
    CHECK(c.verify(paper).intact);

    // An editor without the key changes an early row and recomputes the whole chain, then
    // removes the anchor beside the key; the check runs where the key is not.
    c.drop_guards();
    c.sql("UPDATE audit_log SET actor = 'mallory' WHERE id = 2");
    c.rechain_from(2);
    std::filesystem::remove_all(c.keys.path() / "anchors");
    db::set_audit_key_path(c.keys.path() / "not-here" / "audit.key");
    CHECK(c.verify().intact);  // all a keyless check can see: a whole chain …
    auto v = c.verify(paper);  // … which the paper head does not match
    CHECK_FALSE(v.intact);
    CHECK_THAT(v.reason, Catch::Contains(head.digest));

    paper.anchor = "not a digest";
    CHECK_THROWS_WITH(c.verify(paper), Catch::Contains("格式不正确"));
}

TEST_CASE("audit --deep: direct edits of members, submissions and accounts are caught", "[audit-chain]") {
    KeyedCounty c;
    auto admin = c.as("admin");
    c.svc->update_member(admin, 1, member_input("张三", "D1-B1"));
    // Members imported from a roster are in the log one by one too.
    auto report = c.svc->import_members(
        admin, "姓名,性别,出生日期,入党日期,转正日期,党员状态,所在支部\n钱七,男,1990-01-01,2015-07-01,2016-07-01,正式党员,D2-B1\n");
    REQUIRE(report.imported == 1);
    REQUIRE(c.deep().mismatches.empty());

    SECTION("a member's name") {
        c.sql("UPDATE member SET name = '张三丰' WHERE id = 1");
        auto v = c.deep();
        CHECK_FALSE(v.intact);
        REQUIRE(v.mismatches.size() == 1);
        CHECK_THAT(v.mismatches[0], Catch::Contains("党员 1") && Catch::Contains("姓名") && Catch::Contains("张三丰"));
    }
    SECTION("an imported member's branch") {
        c.sql("UPDATE member SET branch_id = (SELECT id FROM org_node WHERE code = 'D1-B1') WHERE name = '钱七'");
        auto v = c.deep();
        CHECK_FALSE(v.intact);
        REQUIRE(v.mismatches.size() == 1);
        CHECK_THAT(v.mismatches[0], Catch::Contains("所在支部"));
    }
    SECTION("a member inserted behind the program's back") {
        c.sql("INSERT INTO member(name, gender, join_date, full_date, status, branch_id) "
              "SELECT '幽灵', '男', '2000-07-01', '2001-07-01', '正式', id FROM org_node WHERE code = 'D1-B1'");
        auto v = c.deep();
        CHECK_FALSE(v.intact);
        REQUIRE(v.mismatches.size() == 1);
        CHECK_THAT(v.mismatches[0], Catch::Contains("没有它的任何记录"));
    }
    SECTION("a member deleted") {
        c.sql("PRAGMA foreign_keys = OFF; DELETE FROM member_flag WHERE member_id = 3; DELETE FROM member WHERE id = 3");
        CHECK_FALSE(c.deep().intact);
    }
    SECTION("an account's role") {
        c.sql("UPDATE app_user SET role = 'admin' WHERE login = 'filler1'");
        auto v = c.deep();
        CHECK_FALSE(v.intact);
        REQUIRE(v.mismatches.size() == 1);
        CHECK_THAT(v.mismatches[0], Catch::Contains("filler1") && Catch::Contains("角色"));
        CHECK(c.verify().intact);  // the log itself is whole: only the replay sees this
    }
}

TEST_CASE("audit --deep: a submission's content and state edited in the table are caught", "[audit-chain]") {
    KeyedCounty c;
    test::use_forms_fixture(*c.svc, {1, 3});  // visits may name members in difficulty
    auto admin = c.as("admin");
    SubmitRequest r;
    r.form_id = "formtest.visit";
    r.unit_code = "D1-B1";
    r.period = "2021-06";
    r.values_json = json{{"member", 1}, {"occasion", "七一"}, {"date", "2021-06-20"}, {"amount", 500}}.dump();
    auto s = c.svc->submit(c.as("filler1"), r);
    REQUIRE(c.deep().intact);

    SECTION("content") {
        c.sql("UPDATE submission SET data = json_set(data, '$.amount', 5000) WHERE id = " + std::to_string(s.id));
        auto v = c.deep();
        CHECK_FALSE(v.intact);
        REQUIRE(v.mismatches.size() == 1);
        CHECK_THAT(v.mismatches[0], Catch::Contains("填报记录 " + std::to_string(s.id)) && Catch::Contains("填报内容"));
    }
    SECTION("state, after a logged transition") {
        c.svc->return_submission(c.as("unit1"), s.id, "请补充照片");
        REQUIRE(c.deep().intact);
        c.sql("UPDATE submission SET state = 'approved' WHERE id = " + std::to_string(s.id));
        auto v = c.deep();
        CHECK_FALSE(v.intact);
        REQUIRE(v.mismatches.size() == 1);
        CHECK_THAT(v.mismatches[0], Catch::Contains("状态") && Catch::Contains("approved"));
    }
}

TEST_CASE("audit: migration 9 re-chains and signs the rows written before it, and says so", "[audit-chain][migration]") {
    KeyDir k;
    test::TempDir dir;
    auto path = dir.file("old.db");
    {
        auto c = db::Connection::open(path, true);
        db::migrate(c, 8);
        c.exec_script(
            "INSERT INTO org_node(id, code) VALUES (1, 'XW');"
            "INSERT INTO org_version(node_id, valid_from, name, type) VALUES (1, '2000-01-01', '某县委', 'county');"
            "INSERT INTO app_user(login, display_name, role, org_id, created_at) VALUES ('admin','管理员','admin',1,'t');"
            // Two rows as version 6 wrote them: hashes without ids, no signatures.
            "INSERT INTO audit_log(at, actor, action, target, before, after, prev_hash, hash) VALUES "
            "  ('2020-01-01T00:00:00.000Z','system','database.create','db','','{\"admin\":\"admin\"}','0','x'),"
            "  ('2020-01-02T00:00:00.000Z','admin','org.change','org:XW','','{}','x','y');");
    }
    auto svc = LocalService::open(path);
    auto v = svc->audit_verify(svc->actor("admin"), AuditCheck{true, std::nullopt, std::nullopt});
    CHECK(v.intact);
    CHECK(v.proven());
    CHECK(v.rows == 3);
    auto log = svc->audit_log(svc->actor("admin"), {});
    REQUIRE_FALSE(log.empty());
    CHECK(log.front().action == "audit.rechain");  // the moment trust starts, in the log itself
    CHECK_THAT(log.front().after, Catch::Contains("\"rows\":2"));
}

TEST_CASE("cli: audit anchor prints the head, audit verify --anchor and --deep check it", "[cli][audit-chain]") {
    test::TempDir dir;
    auto db = dir.file("a.db");
    REQUIRE(test::run_cli("init --db " + db).exit_code == 0);
    auto added = test::run_cli("org add --code D1 --name 甲局 --type 部门 --parent GW --kind 行政机关 --staff 10 --db " + db);
    INFO(added.err);
    REQUIRE(added.exit_code == 0);
    auto anchor = test::run_cli("audit anchor --json --db " + db);
    REQUIRE(anchor.exit_code == 0);
    const std::string digest = json::parse(anchor.out)["digest"];
    CHECK(digest.starts_with("2-"));  // database.create, org.create

    auto ok = test::run_cli("audit verify --deep --anchor " + digest + " --db " + db);
    CHECK(ok.exit_code == 0);
    CHECK_THAT(ok.out, Catch::Contains("完整") && Catch::Contains("业务数据与日志相符"));

    {
        auto svc = LocalService::open(db);
        svc->connection().exec_script(
            "DROP TRIGGER audit_no_delete; DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)");
    }
    auto bad = test::run_cli("audit verify --anchor " + digest + " --db " + db);
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Catch::Contains("被删除"));
}

// Found by running `scripts/fault` with DANGJIAN_AUDIT_KEY=/tmp/fault-audit.key: creating the
// key made /tmp itself 0700, and every other user's program on the machine failed.
TEST_CASE("audit: a key named in an existing shared folder leaves that folder's permissions alone", "[audit-chain]") {
    test::TempDir shared;
    namespace fs = std::filesystem;
    fs::permissions(shared.path(), fs::perms::all | fs::perms::sticky_bit);  // like /tmp
    db::set_audit_key_path(shared.path() / "audit.key");
    { test::SmallCounty county; }  // writes audited rows: the key is created
    db::set_audit_key_path(std::nullopt);
    REQUIRE(fs::exists(shared.path() / "audit.key"));
    CHECK((fs::status(shared.path()).permissions() & fs::perms::others_all) == fs::perms::others_all);
    // A folder made for the key is private.
    test::TempDir home;
    db::set_audit_key_path(home.path() / "made" / "audit.key");
    { test::SmallCounty county; }
    db::set_audit_key_path(std::nullopt);
    CHECK((fs::status(home.path() / "made").permissions() & fs::perms::others_all) == fs::perms::none);
}

TEST_CASE("audit: an older backup restored at the same path is named as a possible cause, with what to do",
          "[audit-chain][backup]") {
    KeyedCounty c;
    const std::string older = c.dir.file("older.db");
    db::backup_database(c.db_path, older);
    c.svc->add_member(c.as("admin"), member_input("赵六", "D1-B2"));
    c.svc->add_member(c.as("admin"), member_input("钱七", "D1-B2"));
    const auto before = c.rows();

    // The office copies last week's backup over the database, as a restore is done by hand.
    c.svc.reset();
    for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(c.db_path + suffix);
    std::filesystem::copy_file(older, c.db_path, std::filesystem::copy_options::overwrite_existing);
    c.svc = LocalService::open(c.db_path);
    c.svc->set_today(Date::from_ymd(2021, 6, 15));
    const auto missing = std::to_string(before - c.rows());

    auto v = c.verify();
    CHECK_FALSE(v.intact);
    CHECK_THAT(v.reason, Catch::Contains("比本机链头记录"));
    CHECK_THAT(v.reason, Catch::Contains("少 " + missing + " 条"));
    CHECK_THAT(v.reason, Catch::Contains("较早的备份恢复到原处"));
    CHECK_THAT(v.reason, Catch::Contains("书面记下此次恢复"));
    CHECK_THAT(v.reason, Catch::Contains("最新的 " + missing + " 条记录被删除"));

    // A head written down on paper before the restore says the same, and to write down a new one.
    std::filesystem::remove_all(c.keys.path() / "anchors");
    AuditCheck paper;
    paper.anchor = db::audit_anchor_digest(before, std::string(16, '0'));
    auto on_paper = c.verify(paper);
    CHECK_FALSE(on_paper.intact);
    CHECK_THAT(on_paper.reason, Catch::Contains("比书面链头"));
    CHECK_THAT(on_paper.reason, Catch::Contains("较早的备份恢复到原处"));
    CHECK_THAT(on_paper.reason, Catch::Contains("audit anchor"));

    // As the message says: the next recorded change moves the head, and the check passes.
    c.svc->add_member(c.as("admin"), member_input("孙八", "D1-B2"));
    CHECK(c.verify().intact);
}

TEST_CASE("audit: with the anchor written by its own thread (the server), it still ends at the newest head",
          "[audit-chain]") {
    KeyedCounty c;
    {
        db::DeferredAnchorWrites deferred;
        const char* names[] = {"赵六", "钱七", "孙八", "李九", "周十"};
        for (const char* name : names) c.svc->add_member(c.as("admin"), member_input(name, "D1-B2"));
        // Read in the same process while the writes may still be on their way: the check
        // waits for them, so the anchor covers the whole log.
        auto v = c.verify();
        CHECK(v.intact);
        CHECK(v.anchored);
    }
    // And it is what catches the newest rows deleted behind the program's back.
    auto n = c.rows();
    c.drop_guards();
    c.sql("DELETE FROM audit_log WHERE id > " + std::to_string(n - 1));
    auto v = c.verify();
    CHECK_FALSE(v.intact);
    CHECK_THAT(v.reason, Catch::Contains("最新的 1 条记录被删除"));
}
