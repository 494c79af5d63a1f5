#pragma once
// The SQL of each migration step. Never edit a released step: add a new one.
namespace dj::db::schema {
extern const char* const v1;
extern const char* const v2;
extern const char* const v3;
extern const char* const v4;
extern const char* const v5;
extern const char* const v6;
extern const char* const v7;
extern const char* const v8;
extern const char* const v9;
extern const char* const v9_after;
extern const char* const v10;
extern const char* const v11;
}  // namespace dj::db::schema
