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

}  // namespace dj::db::schema
