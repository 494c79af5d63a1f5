#include "db/integrity.hpp"

#include <sqlite3.h>

#include <filesystem>

#include "core/errors.hpp"
#include "db/database.hpp"
#include "db/file_errors.hpp"

namespace dj::db {

CheckResult check_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw UserError("数据库文件「" + path + "」不存在");
    if (std::filesystem::file_size(path, ec) == 0 && !ec)
        throw UserError("文件「" + path + "」是空文件，不是 dangjian 数据库");
    CheckResult result;
    try {
        auto db = Connection::open_read_only(path);
        auto integrity = db.prepare("PRAGMA integrity_check(100)");
        while (integrity.step()) {
            std::string text = integrity.text(0);
            if (text == "ok") continue;
            // One finding per line, without SQLite's "*** in database main ***" heading.
            std::size_t start = 0;
            while (start <= text.size()) {
                std::size_t end = text.find('\n', start);
                std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
                if (!line.empty() && !line.starts_with("***")) result.problems.push_back(line);
                if (end == std::string::npos) break;
                start = end + 1;
            }
        }
        auto fk = db.prepare("PRAGMA foreign_key_check");
        while (fk.step()) ++result.foreign_key_violations;
    } catch (const DatabaseFileError& e) {
        // Damaged so badly that the check itself cannot read it: that is the verdict.
        if (!e.damaged() || (e.code() & 0xff) == SQLITE_NOTADB) throw;
        result.problems.push_back("SQLite 无法读取文件内容（数据库映像格式错误）");
    }
    return result;
}

}  // namespace dj::db
