#!/usr/bin/env bash
# Renders the main screens of `dangjian gui` into docs/screenshots/*.png under a private
# Xvfb display, from a fresh demo county. Usage: tests/gui/make_screenshots.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
bin="$build/dangjian"
out=docs/screenshots
command -v Xvfb >/dev/null || { echo "需要 Xvfb（apt-get install xvfb）" >&2; exit 2; }
"$bin" gui --help >/dev/null 2>&1 || { echo "$bin 未包含图形界面（DJ_BUILD_GUI=OFF？）" >&2; exit 2; }
mkdir -p "$out"
work=$(mktemp -d)
exec 3>"$work/displayfd"
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/displayfd" ] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$work/displayfd")"
"$bin" demo --db "$work/county.db" >/dev/null

# The form screens use the test plugin with forms (tests/forms_fixture), enabled county-wide,
# a member in difficulty to visit, and one unit script.
fixture="$PWD/tests/forms_fixture"
# A folder of plugins is the 工委's setting (a filler may not pass --plugins-dir).
"$bin" plugins folders --set "$fixture" --db "$work/county.db" >/dev/null
"$bin" plugins enable formtest --unit GW --db "$work/county.db" >/dev/null
"$bin" members add --db "$work/county.db" --name 困难党员甲 --gender 男 --birth 1950-01-01 --join 1975-07-01 \
  --full 1976-07-01 --status 正式 --branch D0001-B01 --flags 生活困难 >/dev/null
cat >"$work/selfcheck.lua" <<'LUA'
-- 支部自查表：每季度一次
print("自查表已注册")
form "selfcheck" {
  title = "支部自查表", scope = "branch", period = "quarter",
  fields = {
    { id = "ok", type = "bool", label = "三会一课按时召开", required = true },
    { id = "note", type = "textarea", label = "说明" },
  },
}
LUA
"$bin" script add --unit D0001 --name selfcheck --note 第一版 --file "$work/selfcheck.lua" --db "$work/county.db" >/dev/null
"$bin" script add --unit D0001 --name selfcheck --note 增加说明栏 --file "$work/selfcheck.lua" --db "$work/county.db" >/dev/null

# 待办: three visits filed by the branch's secretary wait for the department (issue 16).
member=$("$bin" members list --db "$work/county.db" --unit D0001-B01 --json | jq -r '[.[] | select(.name == "困难党员甲")][0].id')
for day in 03 08 15; do
  printf '{"member": %s, "occasion": "日常", "date": "2020-12-%s", "amount": 200}' "$member" "$day" >"$work/visit$day.json"
  "$bin" form submit formtest.visit --unit D0001-B01 --period 2020-12 --as d0001_b01 --data "$work/visit$day.json" \
    --db "$work/county.db" >/dev/null
done
first=$("$bin" todo --as d0001_admin --json --db "$work/county.db" | jq -r '.to_approve[-1].id')
"$bin" form return "$first" --comment "请补充慰问品照片" --as d0001_admin --db "$work/county.db" >/dev/null

# 通知公告: the 工委 sends a notice to the whole county and a 催报 of December's visits to the
# branches that have not filed; one of them has read both (issue 16, items 7 and 9).
"$bin" notice send --as gongwei --scope GW --title 关于做好元旦春节期间走访慰问工作的通知 \
  --body "各部门、各基层党组织：
元旦、春节将至，请各单位结合实际，认真做好困难党员、老党员的走访慰问工作，并于2021年1月10日前报送走访慰问记录。

机关工委" --db "$work/county.db" >/dev/null
"$bin" notice remind formtest.visit --period 2020-12 --unit GW --as gongwei --db "$work/county.db" >/dev/null
for n in $("$bin" notice list --json --as d0001_b02 --db "$work/county.db" | jq -r '.[].id'); do
  "$bin" notice read "$n" --as d0001_b02 --db "$work/county.db" >/dev/null
done

shot() {  # NAME SCREEN [extra options…]
  local name=$1 screen=$2; shift 2
  "$bin" gui --db "$work/county.db" --screen "$screen" --width 1400 --height 900 \
    --screenshot "$out/$name.png" "$@" | grep -E "missing_glyphs|first_frame" | tr '\n' ' '
  echo " → $out/$name.png"
}
shot home          home
shot home_branch   home        --node D0001
shot org           org         --node D0001
shot org_history   org_history --node D0032
shot org_edit      org_edit    --node D0001-B01
shot members       members
shot member        member      --node D0001-B01
shot member_new    member_new  --node D0001-B01
shot import        import
shot users         users
shot audit         audit
shot whoami        whoami
shot scoped_unit_admin members --as d0001_admin
shot todo          todo        --as d0001_admin
shot todo_filler   todo        --as d0001_b01
shot home_unit     home        --as d0001_admin
shot home_filler   home        --as d0001_b01
shot filler_asks_audit audit   --as d0001_b01  # not offered to a 填报人: 首页 with a notice
shot notices_home  home        --as d0001_b03
shot notices       notices     --as d0001_b02
shot notices_receipts notice_receipts --as gongwei
shot notices_compose  notice_new  --as gongwei --node D0001
shot notices_remind   notice_remind --as gongwei --node GW --form formtest.visit --period 2020-12
shot forms         forms       --node D0001-B01
shot form_visit    form        --node D0001-B01 --form formtest.visit
shot form_check    form_check  --node D0001 --form formtest.report
shot completeness  completeness --node GW --form orglife.meeting
shot plugins       plugins     --node GW
shot plugin_status plugin_status --node GW
shot scripts       scripts     --node D0001
# 审计日志 with a deep check run (audit-verify.png): a copy of the county edited behind the
# program's back with sqlite3 — a member renamed and given another post, another removed.
sqlite3 "$work/county.db" ".backup '$work/tampered.db'"
sqlite3 "$work/tampered.db" "PRAGMA foreign_keys = OFF;
  UPDATE member SET name = '困难党员乙', post = '支部书记' WHERE name = '困难党员甲';"
"$bin" gui --db "$work/tampered.db" --screen audit_verify --width 1400 --height 900 \
  --screenshot "$out/audit-verify.png" | grep -E "missing_glyphs|first_frame" | tr '\n' ' '
echo " → $out/audit-verify.png"
# The indicator, assessment, 述职评议 and 整改 screens: the demo county's own year (the bundled
# plugins' indicators, the review plugin's 年度考核方案, its evaluations and rectification).
adb="$work/assess.db"
"$bin" demo --db "$adb" >/dev/null
dept=$("$bin" form submissions review.dept_report --db "$adb" --unit GW --period 2020 --json | jq -r '.[0].unit // empty')
ashot() {  # NAME SCREEN [extra options…]
  local name=$1 screen=$2; shift 2
  "$bin" gui --db "$adb" --screen "$screen" --width 1400 --height 900 \
    --screenshot "$out/$name.png" "$@" | grep -E "missing_glyphs|first_frame" | tr '\n' ' '
  echo " → $out/$name.png"
}
ashot home_indicators home      --node D0003
ashot indicators     indicators --node GW --period 2020
ashot assess         assess     --node GW --period 2020
ashot evaluate       evaluate   --node GW --period 2020
ashot rectify        rectify    --node GW
# 统计图表 as the 工委 administrator (top, then scrolled to 述职评议 and 考核) and as a department's.
ashot dashboard            dashboard       --as gongwei --period 2020
ashot dashboard_lower      dashboard_lower --as gongwei --period 2020
ashot dashboard_department dashboard       --as d0001_admin --period 2020
[ -n "$dept" ] && ashot report_form form --node "$dept" --form review.dept_report --period 2020

"$bin" demo --db "$work/city.db" --scale city >/dev/null
"$bin" gui --db "$work/city.db" --screen members --width 1400 --height 900 --frames 30 \
  --screenshot "$out/city_members.png" | grep -E "missing_glyphs|first_frame|ui_ms|member_table" | tr '\n' ' '
echo " → $out/city_members.png"

# The 登录 window: server mode with no saved session (nothing is sent before 登录 is pressed).
XDG_CONFIG_HOME="$work/config" "$bin" gui --server https://dangjian.example.gov.cn:8443 --width 1400 --height 900 \
  --screenshot "$out/login.png" | grep -E "missing_glyphs|first_frame" | tr '\n' ' '
echo " → $out/login.png"

# Screens reached only by clicking — the meeting form's calendar, roster and photos, the file
# dialog, an export saved, a notice's file saved: the end-to-end tests that drive them take
# them (DJ_SCREENSHOT_DIR), each under its own private Xvfb display.
DJ_SCREENSHOT_DIR="$PWD/$out" "$build/tests/dangjian_tests" "[meeting],[files],[notices]" >/dev/null
echo " → $out/meeting_*.png file-dialog.png export-saved.png records-import.png notice_*.png"

# What 打印（PDF） gives (pdftoppm, 60 dpi): a 会议记录 page, the 汇总表 (two pages), the 整改台账.
if command -v pdftoppm >/dev/null; then
  meeting=$("$bin" form submissions orglife.meeting --db "$adb" --unit D0001-B01 --period 2020-12 --json | jq -r '.[0].id')
  "$bin" form export orglife.meeting --submission "$meeting" --pdf "$work/meeting.pdf" --db "$adb" >/dev/null
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/meeting.pdf" "$out/print-meeting"
  "$bin" assess --year 2020 --unit GW --pdf "$work/assess.pdf" --db "$adb" >/dev/null
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/assess.pdf" "$out/print-assessment"
  pdftoppm -png -r 60 -f 2 -l 2 -singlefile "$work/assess.pdf" "$out/print-assessment-page2"
  "$bin" rectify export --unit GW --pdf "$work/rect.pdf" --db "$adb" >/dev/null
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/rect.pdf" "$out/print-rectifications"
  echo " → $out/print-*.png"
fi
