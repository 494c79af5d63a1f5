#include "demo/demo_generator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <random>

#include "core/errors.hpp"
#include "demo/demo_names.hpp"
#include "demo/demo_submissions.hpp"
#include "model/org.hpp"
#include "store/audit_log.hpp"
#include "service/local_service.hpp"
#include "db/org_tree.hpp"
#include "store/org_store.hpp"

namespace dj::demo {

namespace {

constexpr std::array<Scale, 3> kScales = {{
    {"county", 120, 400, 5000},
    {"city", 1500, 5000, 60000},
    {"province", 20000, 70000, 800000},
}};

// mt19937_64's output is fixed by the standard; the distributions are not, so we derive
// numbers from raw output ourselves to keep the data identical on every machine.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}
    // Uniform in [lo, hi].
    int between(int lo, int hi) {
        auto span = static_cast<std::uint64_t>(hi - lo + 1);
        return lo + static_cast<int>(engine_() % span);
    }
    double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    template <class Span>
    auto pick(const Span& s) -> decltype(s[0]) {
        return s[static_cast<std::size_t>(between(0, static_cast<int>(s.size()) - 1))];
    }
    // Favours the front of a list (common surnames are common).
    template <class Span>
    auto pick_skewed(const Span& s) -> decltype(s[0]) {
        double u = unit();
        return s[static_cast<std::size_t>(u * u * static_cast<double>(s.size()))];
    }

private:
    std::mt19937_64 engine_;
};

std::string county_name(Rng& rng, int index) {
    const auto syl = place_syllables();
    // Two syllables from the index keep names unique for the first 1,600 counties.
    std::string name(syl[static_cast<std::size_t>(index) % syl.size()]);
    name += syl[(static_cast<std::size_t>(index) / syl.size() + 7) % syl.size()];
    if (index >= 1600) name += std::to_string(index / 1600);
    (void)rng;
    return name + "县";
}

Date random_date(Rng& rng, Date from, Date to) {
    return Date::from_days(from.days() + rng.between(0, std::max(0, to.days() - from.days())));
}

std::string code_for(std::string_view prefix, int n, int width) {
    std::string digits = std::to_string(n);
    if (static_cast<int>(digits.size()) < width) digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
    return std::string(prefix) + digits;
}

class Builder {
public:
    Builder(const db::Connection& db, const Scale& scale, const Options& opt)
        : db_(db), scale_(scale), opt_(opt), rng_(opt.seed),
          year_end_(Date::from_ymd(opt.year, 12, 31)),
          insert_node_(db.prepare("INSERT INTO org_node(code) VALUES (?)")),
          insert_member_(db.prepare(
              "INSERT INTO member(name, gender, birth_date, join_date, full_date, status, branch_id, post, cadre_level) "
              "VALUES (?,?,?,?,?,?,?,?,?)")),
          insert_flag_(db.prepare("INSERT OR IGNORE INTO member_flag(member_id, flag) VALUES (?,?)")) {}

    Report run(std::int64_t committee_id) {
        const int counties = std::max(1, scale_.departments / 120);
        const auto templates = department_templates();
        // Spread branches and members over departments; a few large ones, many small.
        double branches_per_dept = static_cast<double>(scale_.branches) / scale_.departments;
        double members_per_branch = static_cast<double>(scale_.members) / scale_.branches;
        int branch_budget = scale_.branches;
        int member_budget = scale_.members;
        for (int d = 0; d < scale_.departments; ++d) {
            int left = scale_.departments - d;
            const auto& tmpl = templates[static_cast<std::size_t>(d) % templates.size()];
            std::string prefix = counties == 1 ? "县" : county_name(rng_, d / 120);
            std::string dept_name = prefix + std::string(tmpl.name);
            if (counties == 1 && d >= static_cast<int>(templates.size())) dept_name += std::to_string(d / 120 + 1);
            int branches = left == 1 ? branch_budget
                                     : std::clamp(static_cast<int>(std::lround(branches_per_dept * (0.3 + 1.4 * rng_.unit() * rng_.unit() * 2))),
                                                  1, std::max(1, branch_budget - (left - 1)));
            branch_budget -= branches;
            int members = left == 1 ? member_budget
                                    : std::clamp(static_cast<int>(std::lround(branches * members_per_branch * (0.7 + 0.6 * rng_.unit()))),
                                                 branches * 3, std::max(branches * 3, member_budget - (left - 1) * 3));
            member_budget -= members;
            add_department(committee_id, d + 1, dept_name, tmpl.kind, branches, members);
            if (opt_.progress && (d % 50 == 0 || left == 1))
                opt_.progress(static_cast<double>(d + 1) / scale_.departments, "生成部门、党组织和党员");
        }
        return report_;
    }

    std::int64_t node(const std::string& code, const std::string& name, OrgType type, std::int64_t parent,
                      const OrgAttributes& attrs, Date from) {
        insert_node_.bind(1, code).run();
        OrgNode n;
        n.id = db_.last_insert_rowid();
        n.code = code;
        n.name = name;
        n.type = type;
        n.parent_id = parent;
        n.attrs = attrs;
        n.valid_from = from;
        store::OrgStore::insert_version(db_, n);
        return n.id;
    }

    const Report& report() const { return report_; }
    Rng& rng() { return rng_; }

private:
    void add_department(std::int64_t committee, int number, const std::string& name, std::string_view kind, int branches,
                        int members) {
        std::string code = code_for("D", number, scale_.departments >= 10000 ? 5 : 4);
        OrgAttributes a;
        a.kind = std::string(kind);
        int staff = std::max(members + rng_.between(0, members / 2 + 3), 8);
        a.staff_count = staff;
        // Most meet the 1–2 % and ≥ 2 rule; some fall short, as the plans expect.
        int target = std::max(2, static_cast<int>(std::lround(staff * 0.015)));
        a.party_affairs_staff = rng_.chance(0.8) ? target : rng_.between(0, std::max(0, target - 1));
        Date founded = Date::from_ymd(rng_.between(1978, 2015), static_cast<unsigned>(rng_.between(1, 12)), 1);
        auto dept = node(code, name, OrgType::Department, committee, a, founded);
        ++report_.departments;

        // Large departments have a 机关党委 (with a 机关纪委 in most), middling ones a 党总支.
        std::int64_t holder = dept;
        if (branches >= 5) {
            OrgAttributes c;
            c.has_discipline_committee = rng_.chance(0.85);
            set_term(c, 5);
            holder = node(code + "-JG", name + (name.ends_with("机关") ? "党委" : "机关党委"), OrgType::OrganCommittee, dept, c, founded);
            ++report_.party_organisations;
        } else if (branches >= 3) {
            OrgAttributes g;
            g.has_discipline_member = rng_.chance(0.9);
            set_term(g, 5);
            holder = node(code + "-ZZ", name + "党总支", OrgType::GeneralBranch, dept, g, founded);
            ++report_.party_organisations;
        }
        int members_left = members;
        for (int b = 1; b <= branches; ++b) {
            int share = b == branches ? members_left
                                      : std::clamp(members_left / (branches - b + 1) + rng_.between(-3, 3), 3,
                                                   std::max(3, members_left - 3 * (branches - b)));
            members_left -= share;
            add_branch(holder, code, name, b, branches, share);
        }
    }

    void set_term(OrgAttributes& a, int years) {
        Date start = Date::from_ymd(opt_.year - rng_.between(0, years - 1), static_cast<unsigned>(rng_.between(1, 12)),
                                    static_cast<unsigned>(rng_.between(1, 28)));
        a.term_start = start;
        a.term_end = start.add_months(12 * years);
    }

    void add_branch(std::int64_t parent, const std::string& dept_code, const std::string& dept_name, int b, int of,
                    int members) {
        static constexpr std::array<std::string_view, 10> kOrdinals = {"第一", "第二", "第三", "第四", "第五",
                                                                      "第六", "第七", "第八", "第九", "第十"};
        std::string label = of == 1 ? "机关" : (b <= 10 ? std::string(kOrdinals[static_cast<std::size_t>(b - 1)]) : "第" + std::to_string(b));
        bool retirees = of >= 3 && b == of;  // the last branch of a larger unit: 离退休干部党支部
        std::string name = dept_name + (retirees ? "离退休干部" : label) + "党支部";
        OrgAttributes a;
        a.has_discipline_member = rng_.chance(0.88);
        set_term(a, 3);
        std::string code = dept_code + "-B" + (b < 10 ? "0" : "") + std::to_string(b);
        auto id = node(code, name, OrgType::Branch, parent, a, Date::from_ymd(rng_.between(1990, 2018), 7, 1));
        ++report_.branches;
        ++report_.party_organisations;
        if (members >= 15) {
            for (int g = 1; g <= 2; ++g) {
                node(code + "-G" + std::to_string(g), name + "第" + (g == 1 ? std::string("一") : std::string("二")) + "党小组",
                     OrgType::Group, id, {}, Date::from_ymd(2018, 3, 1));
                ++report_.groups;
                ++report_.party_organisations;
            }
        }
        for (int i = 0; i < members; ++i) add_member(id, retirees, i == 0);
    }

    void add_member(std::int64_t branch, bool retiree_branch, bool secretary) {
        auto& r = rng_;
        std::string name(r.pick_skewed(surnames()));
        name += r.pick(given_name_chars());
        if (r.chance(0.7)) name += r.pick(given_name_chars());
        std::string gender = r.chance(0.62) ? "男" : "女";
        int y = opt_.year;
        bool elder = retiree_branch ? r.chance(0.85) : r.chance(0.04);
        bool very_old = elder && r.chance(0.012);  // joined before 1949-10-01
        Date birth = very_old ? random_date(r, Date::from_ymd(1924, 1, 1), Date::from_ymd(1931, 6, 30))
                     : elder  ? random_date(r, Date::from_ymd(1932, 1, 1), Date::from_ymd(y - 60, 12, 31))
                              : random_date(r, Date::from_ymd(y - 59, 1, 1), Date::from_ymd(y - 23, 12, 31));
        Date earliest = birth.add_months(12 * 18 + 1);
        Date join = very_old ? random_date(r, std::max(earliest, Date::from_ymd(1945, 1, 1)), Date::from_ymd(1949, 9, 30))
                             : random_date(r, earliest, std::min(birth.add_months(12 * 40), year_end_));
        std::optional<Date> full = join.add_months(r.chance(0.95) ? 12 : 18);  // 预备期一年; a few extended
        std::string status = "正式";
        if (*full > year_end_) {
            full.reset();
            status = "预备";
        }
        std::string post = elder ? "退休干部" : secretary ? "支部书记" : std::string(r.pick(working_posts()));
        std::string level = elder ? "" : std::string(r.pick(cadre_levels()));
        insert_member_.bind_all(name, gender, birth.iso(), join.iso(), full ? std::optional<std::string>(full->iso()) : std::nullopt,
                                status, branch, post, level);
        insert_member_.run();
        auto id = db_.last_insert_rowid();
        ++report_.members;

        std::vector<std::string_view> flags;
        if (elder) flags.push_back("退休");
        if (full && completed_years(*full, year_end_) >= 50) flags.push_back("老党员");
        if (r.chance(elder ? 0.08 : 0.02)) flags.push_back("生活困难");
        if (elder && r.chance(0.03)) flags.push_back("鳏寡孤独");
        if (elder && r.chance(0.06)) flags.push_back("老弱病残");
        if (!elder && r.chance(0.01)) flags.push_back("流动党员");
        if (!elder && (secretary || r.chance(0.03))) flags.push_back("党务干部");
        if (r.chance(0.002)) flags.push_back("因公殉职家属");
        // 领导干部: the 科级 posts and some secretaries; 农村 and 未享受离退休待遇 among the
        // old members (a retiree of a 机关 mostly draws a pension, a few never did).
        // A stream of their own, so the rest of the county stays as it was for a seed.
        Rng fr(opt_.seed * 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(id));
        if (!elder && (level == "正科级" || level == "副科级" || (secretary && fr.chance(0.5)))) flags.push_back("领导干部");
        bool rural = elder ? fr.chance(0.3) : fr.chance(0.08);
        if (rural) flags.push_back("农村");
        if (elder && (very_old || fr.chance(rural ? 0.4 : 0.06))) flags.push_back("未享受离退休待遇");
        for (auto f : flags) insert_flag_.bind_all(id, f).run();
    }

    const db::Connection& db_;
    const Scale& scale_;
    const Options& opt_;
    Rng rng_;
    Date year_end_;
    db::Statement insert_node_;
    db::Statement insert_member_;
    db::Statement insert_flag_;
    Report report_;
};

// A few changes a real county has seen, so the tree's history has something to show:
// the 机构改革 the year before renamed a bureau, and a branch merged away at that year's end.
void add_history(const db::Connection& db, int year, int departments) {
    if (year < 2019) return;
    const int width = departments >= 10000 ? 5 : 4;
    auto health = org_tree::current_by_code(db, code_for("D", 32, width));
    Date reform = Date::from_ymd(year - 1, 3, 1);
    if (health && health->valid_from < reform) {
        std::string old_name = health->name;
        auto at = old_name.rfind("卫生健康局");
        if (at != std::string::npos) old_name.replace(at, std::string("卫生健康局").size(), "卫生和计划生育局");
        db.prepare("UPDATE org_version SET valid_to = ?, name = ? WHERE node_id = ? AND valid_to IS NULL")
            .bind_all(reform.iso(), old_name, health->id)
            .run();
        OrgNode now = *health;
        now.valid_from = reform;
        store::OrgStore::insert_version(db, now);
    }
    // A branch merged into its neighbour at the end of the year before.
    auto office = org_tree::current_by_code(db, code_for("D", 1, width));
    if (office) {
        db.prepare("INSERT INTO org_node(code) VALUES (?)").bind(1, office->code + "-B99").run();
        OrgNode merged;
        merged.id = db.last_insert_rowid();
        merged.code = office->code + "-B99";
        merged.name = office->name + "综合党支部";
        merged.type = OrgType::Branch;
        merged.parent_id = office->id;
        merged.valid_from = Date::from_ymd(2010, 7, 1);
        merged.valid_to = Date::from_ymd(year - 1, 12, 31);
        store::OrgStore::insert_version(db, merged);
    }
}

// Accounts: the county's own, and for every unit its 党务干部 (unit administrator) and for
// every party organisation its secretary (filler), so records have believable authors.
void add_users(const db::Connection& db, const std::string& created_at, Report& out) {
    struct U {
        const char* login;
        const char* name;
        const char* role;
        const char* org;
    };
    const U county[] = {
        {"leader", "县委分管领导", "leader", "XW"},
        {"gongwei", "工委干部", "admin", "GW"},
        {"pingyi", "评议组成员", "reviewer", "GW"},
        {"jijian", "纪工委干部", "discipline", "GW"},
    };
    auto ins = db.prepare(
        "INSERT INTO app_user(login, display_name, role, org_id, created_at) "
        "SELECT ?, ?, ?, id, ? FROM org_node WHERE code = ?");
    for (const auto& u : county) {
        ins.bind_all(u.login, u.name, u.role, created_at, u.org);
        ins.run();
        out.users += db.changes();
    }
    auto bulk = db.prepare(
        "INSERT INTO app_user(login, display_name, role, org_id, created_at) "
        "SELECT lower(replace(n.code, '-', '_')) || CASE WHEN v.type = 'department' THEN '_admin' ELSE '' END, "
        "       CASE WHEN v.type = 'department' THEN v.name || '党务干部' ELSE v.name || '书记' END, "
        "       CASE WHEN v.type = 'department' THEN 'unit_admin' ELSE 'filler' END, n.id, ? "
        "FROM org_node n JOIN org_version v ON v.node_id = n.id AND v.valid_to IS NULL "
        "WHERE v.type IN ('department', 'organ_committee', 'general_branch', 'branch')");
    bulk.bind(1, created_at);
    bulk.run();
    out.users += db.changes();
}

}  // namespace

const Scale* find_scale(std::string_view name) {
    for (const auto& s : kScales)
        if (s.name == name) return &s;
    return nullptr;
}

Report generate(const std::string& path, const Options& opt) {
    const Scale* scale = find_scale(opt.scale);
    if (!scale) throw UserError("规模「" + opt.scale + "」无效，应为 county、city 或 province");
    if (opt.year < 2000 || opt.year > 2100) throw UserError("年份 " + std::to_string(opt.year) + " 无效（应在 2000–2100 之间）");
    std::string county = scale->departments <= 120 ? "某县委" : scale->departments <= 1500 ? "某市委" : "某省委";
    auto svc = LocalService::create(path, county, "admin");
    const auto& db = svc->connection();
    db::Transaction tx(db);
    auto committee = org_tree::id_of_code(db, "GW");
    Builder builder(db, *scale, opt);
    Report report = builder.run(*committee);
    add_history(db, opt.year, scale->departments);
    report.users = 1;  // the administrator made with the database
    // Accounts date from the start of the demo's year, not from the machine's clock: the
    // demo is a county in its own year (issue 15). The administrator's too.
    const std::string accounts_since = Date::from_ymd(opt.year, 1, 4).iso() + "T08:00:00.000Z";
    add_users(db, accounts_since, report);
    db.prepare("UPDATE app_user SET created_at = ?").bind(1, accounts_since).run();
    // The demo is the county as it stands late in its year: deadlines, reminders and
    // 党龄 are judged on that day, not on the calendar's.
    db.prepare("INSERT INTO app_setting(key, value) VALUES ('as_of', ?)")
        .bind(1, Date::from_ymd(opt.year, 12, 20).iso())
        .run();
    audit_append(db, "system", "demo.generate", "db", "",
                 "{\"scale\":\"" + std::string(scale->name) + "\",\"seed\":" + std::to_string(opt.seed) +
                     ",\"year\":" + std::to_string(opt.year) + "}");
    tx.commit();

    if (opt.submissions.value_or(scale->departments <= 120)) {
        // Every bundled plugin switched on for the whole county, then a year of records.
        std::vector<std::filesystem::path> dirs(opt.plugin_dirs.begin(), opt.plugin_dirs.end());
        svc = LocalService::open(path);
        svc->set_extra_plugin_dirs(dirs);
        Actor admin = svc->actor();
        for (const auto& p : svc->list_plugins(admin))
            if (p.status == "loaded" && !p.owner_unit) svc->set_plugin(admin, PluginSetting{p.id, "GW", true, "{}", false});
        auto subs = fill_submissions(*svc, opt.year, opt.seed, opt.progress);
        report.submissions = subs.submitted;
        report.late = subs.late;
        report.missing = subs.missing;
        report.returned = subs.returned;
        report.approved = subs.approved;
    }
    return report;
}

}  // namespace dj::demo
