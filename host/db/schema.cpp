#include "db/schema.hpp"

namespace dj::db::schema {

// v1: the org tree keeps every version of a node with the dates it was valid, so the tree
// as it was on any date can be read back (assessments of a past year use that tree).
const char* const v1 = R"SQL(
CREATE TABLE org_node (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE
);
CREATE TABLE org_version (
  node_id    INTEGER NOT NULL REFERENCES org_node(id),
  valid_from TEXT NOT NULL,            -- inclusive, YYYY-MM-DD
  valid_to   TEXT,                     -- exclusive; NULL while current
  name       TEXT NOT NULL,
  type       TEXT NOT NULL CHECK (type IN ('county','committee','department','organ_committee',
                                           'general_branch','branch','group')),
  parent_id  INTEGER REFERENCES org_node(id),
  kind       TEXT,                     -- 行政机关 / 事业单位 / 国有企业 … (departments)
  staff_count          INTEGER CHECK (staff_count IS NULL OR staff_count >= 0),
  party_affairs_staff  INTEGER CHECK (party_affairs_staff IS NULL OR party_affairs_staff >= 0),
  term_start TEXT,
  term_end   TEXT,
  has_discipline_committee INTEGER,    -- 机关纪委 (for a 机关党委)
  has_discipline_member    INTEGER,    -- 纪检委员 (for a 总支 / 支部)
  PRIMARY KEY (node_id, valid_from),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
) WITHOUT ROWID;
CREATE INDEX org_version_parent_current ON org_version(parent_id) WHERE valid_to IS NULL;
CREATE INDEX org_version_parent ON org_version(parent_id, valid_from);
CREATE VIEW org_current AS
  SELECT n.id, n.code, v.name, v.type, v.parent_id, v.kind, v.staff_count, v.party_affairs_staff,
         v.term_start, v.term_end, v.has_discipline_committee, v.has_discipline_member, v.valid_from
  FROM org_node n JOIN org_version v ON v.node_id = n.id AND v.valid_to IS NULL;

CREATE TABLE member (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(name) > 0),
  gender      TEXT NOT NULL CHECK (gender IN ('男','女')),
  birth_date  TEXT,
  join_date   TEXT NOT NULL,           -- 入党日期
  full_date   TEXT,                    -- 转正日期; NULL for 预备党员
  status      TEXT NOT NULL CHECK (status IN ('正式','预备')),
  branch_id   INTEGER NOT NULL REFERENCES org_node(id),
  post        TEXT NOT NULL DEFAULT '',
  cadre_level TEXT NOT NULL DEFAULT '',
  left_on     TEXT,                    -- 转出 / 去世 / 出党: kept for history, hidden from lists
  left_reason TEXT,
  CHECK (status = '预备' OR full_date IS NOT NULL)
);
CREATE INDEX member_branch ON member(branch_id) WHERE left_on IS NULL;
CREATE INDEX member_identity ON member(name, birth_date);
CREATE TABLE member_flag (
  member_id INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,
  flag      TEXT NOT NULL,
  PRIMARY KEY (member_id, flag)
) WITHOUT ROWID;
CREATE INDEX member_flag_by_flag ON member_flag(flag, member_id);

CREATE TABLE app_user (
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin','unit_admin','filler','reviewer','discipline','leader')),
  org_id        INTEGER NOT NULL REFERENCES org_node(id),
  password_hash TEXT,
  created_at    TEXT NOT NULL
);
)SQL";

// v2: every write appends here; each row carries the hash of the previous one, so an edit
// made behind the program's back breaks the chain at that row.
const char* const v2 = R"SQL(
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  target    TEXT NOT NULL,
  before    TEXT,
  after     TEXT,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE INDEX audit_target ON audit_log(target);
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
)SQL";

// v3: plugins switched on or off per org node (inherited down the tree) with settings,
// and units' own scripts, every version kept.
const char* const v3 = R"SQL(
CREATE TABLE plugin_enablement (
  org_id     INTEGER NOT NULL REFERENCES org_node(id),
  plugin_id  TEXT NOT NULL,
  enabled    INTEGER,                  -- 1 on, 0 off, NULL: settings only
  settings   TEXT NOT NULL DEFAULT '{}',
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, plugin_id)
) WITHOUT ROWID;
CREATE TABLE unit_script (
  id         INTEGER PRIMARY KEY,
  org_id     INTEGER NOT NULL REFERENCES org_node(id),
  name       TEXT NOT NULL,            -- e.g. my_indicators.lua
  version    INTEGER NOT NULL,
  source     TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  author     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  active     INTEGER NOT NULL DEFAULT 1,
  UNIQUE (org_id, name, version)
);
CREATE TABLE app_setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)SQL";

// v4: submissions of forms with their workflow steps, evidence files, and periods an
// administrator reopened after their deadline.
const char* const v4 = R"SQL(
CREATE TABLE submission (
  id           INTEGER PRIMARY KEY,
  form_id      TEXT NOT NULL,            -- plugin.form, e.g. care.visit
  form_version TEXT NOT NULL,            -- the plugin version it was filled against
  org_id       INTEGER NOT NULL REFERENCES org_node(id),
  member_id    INTEGER REFERENCES member(id),
  period       TEXT NOT NULL,            -- 2020, 2020H1, 2020Q3, 2020-07
  state        TEXT NOT NULL CHECK (state IN ('draft','submitted','returned','approved')),
  step         INTEGER NOT NULL DEFAULT 0,
  data         TEXT NOT NULL CHECK (json_valid(data)),
  author       TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  submitted_on TEXT,                     -- date of the latest submission
  on_time      INTEGER                   -- 1 when first submitted by the deadline
);
CREATE INDEX submission_by_form ON submission(form_id, period, org_id);
CREATE INDEX submission_by_org ON submission(org_id, period);
CREATE TABLE submission_step (
  id            INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submission(id),
  at            TEXT NOT NULL,
  actor         TEXT NOT NULL,
  action        TEXT NOT NULL,
  from_state    TEXT,
  to_state      TEXT NOT NULL,
  comment       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX submission_step_by_submission ON submission_step(submission_id);
CREATE TABLE attachment (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL,
  name        TEXT NOT NULL,
  size        INTEGER NOT NULL,
  data        BLOB NOT NULL,
  org_id      INTEGER NOT NULL REFERENCES org_node(id),
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);
CREATE TABLE period_reopen (
  form_id  TEXT NOT NULL,
  org_id   INTEGER NOT NULL REFERENCES org_node(id),
  period   TEXT NOT NULL,
  until    TEXT NOT NULL,                -- last day late submissions are accepted
  reason   TEXT NOT NULL,
  actor    TEXT NOT NULL,
  at       TEXT NOT NULL,
  PRIMARY KEY (form_id, org_id, period)
) WITHOUT ROWID;
)SQL";

}  // namespace dj::db::schema

namespace dj::db::schema {

// v5: indicators are cached per (indicator, period, node) with what each run read
// (indicator_dep), so a write marks exactly the values it affects (indicator_dirty);
// rectification items and 述职评议 votes.
const char* const v5 = R"SQL(
CREATE TABLE indicator_run (
  indicator_id TEXT NOT NULL,
  period       TEXT NOT NULL,
  period_end   TEXT NOT NULL,            -- ISO date: an org change from this date on invalidates it
  signature    TEXT NOT NULL,            -- plugin version and source digest it was computed with
  computed_at  TEXT NOT NULL,
  PRIMARY KEY (indicator_id, period)
) WITHOUT ROWID;
CREATE TABLE indicator_value (
  indicator_id TEXT NOT NULL,
  period       TEXT NOT NULL,
  org_id       INTEGER NOT NULL,
  value        REAL,
  target       REAL,
  met          INTEGER,
  rolled_up    INTEGER NOT NULL DEFAULT 0,
  findings     TEXT,                     -- JSON array of strings (compliance rules)
  error        TEXT,
  seq          INTEGER NOT NULL,         -- which computation wrote it (for "what changed")
  PRIMARY KEY (indicator_id, period, org_id)
) WITHOUT ROWID;
CREATE TABLE indicator_dep (
  dep          TEXT NOT NULL,            -- form:care.visit, members, rectification
  period       TEXT NOT NULL,
  indicator_id TEXT NOT NULL,
  PRIMARY KEY (dep, period, indicator_id)
) WITHOUT ROWID;
CREATE TABLE indicator_dirty (
  indicator_id TEXT NOT NULL,
  period       TEXT NOT NULL,
  org_id       INTEGER NOT NULL,         -- where the input changed (any node)
  PRIMARY KEY (indicator_id, period, org_id)
) WITHOUT ROWID;

-- Set-based queries that start from a few org nodes (after one submission) find their
-- members by branch and their records by node and form.
CREATE INDEX member_by_branch ON member(branch_id);
CREATE INDEX submission_by_org_form ON submission(org_id, form_id, period);

CREATE TABLE rectification (
  id          INTEGER PRIMARY KEY,
  org_id      INTEGER NOT NULL REFERENCES org_node(id),
  year        INTEGER NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('indicator','finding','rating','evaluation','inspection','manual')),
  source_ref  TEXT NOT NULL DEFAULT '',
  title       TEXT NOT NULL CHECK (length(title) > 0),
  detail      TEXT NOT NULL DEFAULT '',
  owner       TEXT NOT NULL DEFAULT '',
  deadline    TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('open','in_progress','done','verified')),
  evidence    TEXT NOT NULL DEFAULT '',
  attachments TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attachments)),
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX rectification_by_org ON rectification(org_id, year);
CREATE UNIQUE INDEX rectification_once ON rectification(org_id, year, source, source_ref) WHERE source_ref <> '';

CREATE TABLE evaluation_vote (
  submission_id INTEGER NOT NULL REFERENCES submission(id),
  evaluator     TEXT NOT NULL,
  rating        TEXT NOT NULL CHECK (rating IN ('好','较好','一般','差')),
  comment       TEXT NOT NULL DEFAULT '',
  issues        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(issues)),
  at            TEXT NOT NULL,
  PRIMARY KEY (submission_id, evaluator)
) WITHOUT ROWID;
)SQL";

// 述职评议 votes are on the scale the assessment scheme declares (plugins may name their
// own 等次), so the table no longer fixes 好/较好/一般/差; the service checks the label.
const char* const v6 = R"SQL(
CREATE TABLE evaluation_vote_v6 (
  submission_id INTEGER NOT NULL REFERENCES submission(id),
  evaluator     TEXT NOT NULL,
  rating        TEXT NOT NULL CHECK (length(rating) > 0),
  comment       TEXT NOT NULL DEFAULT '',
  issues        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(issues)),
  at            TEXT NOT NULL,
  PRIMARY KEY (submission_id, evaluator)
) WITHOUT ROWID;
INSERT INTO evaluation_vote_v6(submission_id, evaluator, rating, comment, issues, at)
  SELECT submission_id, evaluator, rating, comment, issues, at FROM evaluation_vote;
DROP TABLE evaluation_vote;
ALTER TABLE evaluation_vote_v6 RENAME TO evaluation_vote;
)SQL";

// v7: which plugin validated a submission's values, and the folder it was loaded from: a
// plugin folder that overrode a bundled plugin shows in the record it let through.
const char* const v7 = R"SQL(
ALTER TABLE submission ADD COLUMN validated_by TEXT;    -- plugin id; NULL for drafts and older records
ALTER TABLE submission ADD COLUMN validated_from TEXT;  -- its folder, or 单位脚本 CODE
)SQL";

// Accounts with passwords and sessions (the county server). app_user.password_hash (v1)
// holds an argon2id string; accounts made before v8 keep NULL there and cannot log in until
// an administrator resets their password. Times in the session and failure tables are seconds
// since the epoch: they are compared with the service's clock, which tests set.
const char* const v8 = R"SQL(
ALTER TABLE app_user ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0,1));
ALTER TABLE app_user ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1));
ALTER TABLE app_user ADD COLUMN locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0,1));
ALTER TABLE app_user ADD COLUMN password_changed_at TEXT;
-- Only a digest of each token: a copy of the file lets no one act as a logged-in user.
CREATE TABLE user_session (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES app_user(id),
  token_hash  TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  created_at  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  source      TEXT NOT NULL
);
CREATE INDEX user_session_by_user ON user_session(user_id);
-- Consecutive failed logins per attempted login name (existing or not, so the answers do not
-- tell which exist) and per source address; the throttling delays grow with `failures`.
CREATE TABLE login_failure (
  kind          TEXT NOT NULL CHECK (kind IN ('account','source')),
  key           TEXT NOT NULL,
  failures      INTEGER NOT NULL,
  last_failure  INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
)SQL";

// v9: a keyed chain (db/audit_chain.hpp). Each row gains the signature of its hash under
// the audit key kept outside the database, and the key's fingerprint. Between v9 and
// v9_after the migration re-chains and signs the existing rows (audit_rechain); from then
// on the program never updates a row, so an UPDATE is refused like a DELETE.
const char* const v9 = R"SQL(
ALTER TABLE audit_log ADD COLUMN mac TEXT;
ALTER TABLE audit_log ADD COLUMN key_id TEXT;
)SQL";
const char* const v9_after = R"SQL(
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
)SQL";

// v10: 通知公告. A notice is addressed to units (recipients are fixed when it is sent, so a
// later change to the tree does not change who was asked); each unit's first reader marks it
// read for the unit. 催报 notices also name the form and period they chase.
const char* const v10 = R"SQL(
CREATE TABLE notice (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL DEFAULT 'notice' CHECK (kind IN ('notice','remind')),
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  form_id       TEXT,
  period        TEXT,
  deadline      TEXT,
  sender        TEXT NOT NULL,
  sender_org_id INTEGER NOT NULL REFERENCES org_node(id),
  sent_at       TEXT NOT NULL,
  attachments   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attachments))
);
CREATE TABLE notice_recipient (
  notice_id  INTEGER NOT NULL REFERENCES notice(id),
  org_id     INTEGER NOT NULL REFERENCES org_node(id),
  read_by    TEXT,
  read_at    TEXT,
  PRIMARY KEY (notice_id, org_id)
) WITHOUT ROWID;
CREATE INDEX notice_recipient_by_org ON notice_recipient(org_id, notice_id);
)SQL";

// v11: 待办 finds records by state and by author. Without these an administrator's 待办 read
// every record of the subtree (10⁶ at city scale) to pick the few thousand submitted or
// returned ones, and a filler's own by looking at everyone's. The form index grows to cover
// what completeness counts (state, on time, member), so 报送情况 and 统计图表 count from the
// index without reading each record's values; it keeps its old prefix for everyone else.
// (11 and 12 are other changes'.)
const char* const v11 = R"SQL(
CREATE INDEX submission_by_state ON submission(state, form_id, org_id);
CREATE INDEX submission_by_author ON submission(author, state);
DROP INDEX submission_by_form;
CREATE INDEX submission_by_form ON submission(form_id, period, org_id, state, on_time, member_id);
)SQL";

}  // namespace dj::db::schema
