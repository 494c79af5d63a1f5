// The only translation unit that compiles Catch2's runner.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

int main(int argc, char* argv[]) {
    // Audited writes sign with a key kept outside the database (db/audit_key.hpp), created
    // on first use. Tests, and the CLI they start, keep theirs in a scratch folder rather
    // than in the user's configuration.
    if (!std::getenv("DANGJIAN_AUDIT_KEY")) {
        auto dir = std::filesystem::temp_directory_path() / ("dangjian-tests-" + std::to_string(::getuid()));
        ::setenv("DANGJIAN_AUDIT_KEY", (dir / "audit.key").c_str(), 1);
    }
    return Catch::Session().run(argc, argv);
}
