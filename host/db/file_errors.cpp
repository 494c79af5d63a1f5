#include "db/file_errors.hpp"

#include <sqlite3.h>

namespace dj::db {

namespace {
std::string quoted(std::string_view path) { return "「" + std::string(path) + "」"; }
std::string restore_hint(std::string_view path) {
    return "运行 dangjian check --db " + std::string(path) +
           " 查看详情，并用最近的备份（复制下来的数据库文件）替换它；在恢复之前不要继续录入";
}
}  // namespace

bool DatabaseFileError::damaged() const {
    int primary = code_ & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

bool is_file_problem(int rc) {
    switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_READONLY:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_PERM:
        return true;
    default:
        return false;
    }
}

std::string file_problem_message(int rc, std::string_view path) {
    switch (rc & 0xff) {
    case SQLITE_CORRUPT:
        return "数据库文件" + quoted(path) + "已损坏（内容与 SQLite 的格式不符），本次操作未执行。请" + restore_hint(path);
    case SQLITE_NOTADB:
        return "文件" + quoted(path) + "不是 dangjian 数据库（不是 SQLite 数据库文件，可能选错了文件，或文件头已损坏）";
    case SQLITE_READONLY:
        return "数据库文件" + quoted(path) +
               "是只读的（文件或其所在文件夹不可写），只能查看，不能修改；本次修改未保存。如需修改，请让管理员开放写权限";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "数据库" + quoted(path) +
               "正被另一个程序写入：本操作等待写入权等了 10 秒仍未轮到，未执行。请等对方完成后重试";
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        return "无法打开数据库文件" + quoted(path) + "：文件不存在、无权访问，或所在文件夹不可写；请检查路径和权限";
    case SQLITE_FULL:
        return "磁盘已满，数据库" + quoted(path) + "写不进去，本次修改未保存。请腾出磁盘空间后重试";
    case SQLITE_IOERR:
        return "读写数据库文件" + quoted(path) +
               "时磁盘出错，本次操作未完成。请检查磁盘（以及网络盘是否断开）后重试；如反复出现，请" + restore_hint(path);
    default:
        return "数据库" + quoted(path) + "出错：" + sqlite3_errstr(rc);
    }
}

void throw_file_problem(int rc, std::string_view path) { throw DatabaseFileError(rc, file_problem_message(rc, path)); }

std::string damaged_message(std::string_view path, std::string_view first_problem) {
    // quick_check prefixes its first finding with "*** in database main ***" and a newline.
    if (auto nl = first_problem.rfind('\n'); nl != std::string_view::npos) first_problem.remove_prefix(nl + 1);
    return "数据库文件" + quoted(path) + "已损坏（检查发现：" + std::string(first_problem.substr(0, 200)) +
           "），为免损坏扩大，本次修改未保存。请" + restore_hint(path);
}

std::string damaged_verdict(std::string_view path) {
    return "数据库文件" + quoted(path) +
           "已损坏。请停止使用它，用最近的备份（复制下来的数据库文件）替换它，再补录备份之后的改动；"
           "损坏的文件请留存，不要删除";
}

}  // namespace dj::db
