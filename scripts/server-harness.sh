# Sourced by scripts/fault and scripts/bench (server): starts and stops a real `dangjian serve`
# on a private copy of the demo county, and logs a client in. Expects $bin (the build folder)
# and $work (a private folder) to be set.

# The form the clients submit: a department's monthly 文明创建信息报送 (many a month), filed by
# the department's 单位管理员 in December 2020 (the demo county's rules run on 2020-12-20,
# so the month is open).
DJ_FORM=civility.info_report
DJ_UNIT=D0001
DJ_PERIOD=2020-12
DJ_LOGIN=d0001_admin
DJ_VALUES='{"title":"文明创建信息第{n}条","date":"2020-12-15","channel":"工作简报","topic":"创建活动","adopted":false}'

# The demo county at $1: a copy of the one ctest made (DJ_DEMO_FIXTURE), else made here.
# DJ_HARNESS_SMALL=1: without the year of submissions (half a second instead of a minute and
# a half; the same units, accounts and rules: what ctest's short fault run uses).
harness_demo() {
  if [ -n "${DJ_HARNESS_SMALL:-}" ]; then
    "$bin"/dangjian demo --db "$1" --no-submissions >/dev/null
    "$bin"/dangjian plugins enable "${DJ_FORM%%.*}" --unit GW --db "$1" >/dev/null  # as the full demo does
  elif [ -n "${DJ_DEMO_FIXTURE:-}" ] && [ -f "$DJ_DEMO_FIXTURE" ]; then
    cp "$DJ_DEMO_FIXTURE" "$1"
  else
    "$bin"/dangjian demo --db "$1" >/dev/null
  fi
}

# Starts the server on $1 (database) at 127.0.0.1:$2 (0: any free port); sets server_pid and
# server_port. Waits until it answers; fails with its messages if it does not.
harness_start() {
  local db="$1" port="$2" out="$work/server.out"
  : > "$out"
  "$bin"/dangjian serve --db "$db" --listen "127.0.0.1:$port" --log "$work/access.log" >"$out" 2>>"$work/server.err" &
  server_pid=$!
  local line=""
  for _ in $(seq 600); do
    line=$(grep -m1 -o 'http://127.0.0.1:[0-9]*' "$out" || true)
    [ -n "$line" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
      # A port still held by the killed server's connections: try again.
      if grep -q "无法\|bind\|端口" "$work/server.err" 2>/dev/null && [ "$port" != 0 ]; then
        sleep 0.2
        "$bin"/dangjian serve --db "$db" --listen "127.0.0.1:$port" --log "$work/access.log" >"$out" 2>>"$work/server.err" &
        server_pid=$!
        continue
      fi
      echo "服务器未能启动：" >&2
      tail -n 20 "$work/server.err" >&2
      return 1
    fi
    sleep 0.05
  done
  [ -n "$line" ] || { echo "服务器 30 秒内没有启动" >&2; return 1; }
  server_port="${line##*:}"
}

# Gives $DJ_LOGIN a known password (a one-time one, changed at the first login) and prints a
# session token for it. The server must be running at $server_port.
harness_token() {
  local db="$1" initial
  initial=$("$bin"/dangjian users reset-password "$DJ_LOGIN" --db "$db" | sed -n 's/^一次性初始密码：//p')
  [ -n "$initial" ] || { echo "无法为 $DJ_LOGIN 设置初始密码" >&2; return 1; }
  "$bin"/tests/bench_load --url "http://127.0.0.1:$server_port" --login "$DJ_LOGIN" --password "$initial" \
    --new-password "fault-and-bench-2026"
}

# The arguments of bench_load that submit the form above.
DJ_SUBMIT_ARGS=(--form "$DJ_FORM" --unit "$DJ_UNIT" --period "$DJ_PERIOD" --values "$DJ_VALUES")
