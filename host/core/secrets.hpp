#pragma once
// Passwords and session tokens (libsodium). Passwords are kept only as argon2id strings
// (crypto_pwhash_str: salt and parameters included); session tokens only as a BLAKE2b
// digest, so a copy of the database hands out neither.
#include <string>
#include <string_view>

namespace dj::secrets {

// An argon2id hash string for `password`.
std::string hash_password(std::string_view password);
// Whether `password` matches `hash` (false for an empty or malformed hash).
bool verify_password(std::string_view hash, std::string_view password);
// Spends the same time as a real check against nothing: a login that does not exist must
// not answer faster than one with a wrong password.
void verify_against_nothing(std::string_view password);
// Whether `hash` was made with weaker parameters than hash_password uses now.
bool needs_rehash(std::string_view hash);

// A one-time password to read out or hand over on paper: four groups of four characters
// from an alphabet without look-alikes (0/O, 1/l/I), about 79 bits, e.g. "k7mq-3xta-9fhw-pd2e".
std::string one_time_password();

// A fresh session token: 256 random bits as 64 lowercase hex characters.
std::string new_token();
// The digest a token is stored as (hex BLAKE2b-256 of its bytes). Empty when `token` is not
// a well-formed token, so malformed input never reaches the database.
std::string token_digest(std::string_view token);

}  // namespace dj::secrets
