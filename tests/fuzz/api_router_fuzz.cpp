// libFuzzer target for the HTTP API router (core/api/router.h) over a real database. Built by
// CMake with -DTW_SANITIZE=ON and clang; run with scripts/fuzz.sh.
//
// An input is a sequence of requests separated by a line "===":
//   METHOD /target?query
//   header-name: value        (any number; "$TOKEN", "$ORG", "$BUCKET" are replaced by the
//                              operator token and the org/bucket IDs so that authenticated
//                              handlers are reached)
//   <empty line>
//   body
// Each input runs against a fresh copy of a database set up once (user ada, org o, bucket b),
// so a crasher replays the same way on its own. Every answer must be a status in [200, 600)
// and every error body InfluxDB's JSON; the database must open again afterwards.
//
// Speed: the per-input work is file system work (copy the template, open, close, reopen,
// remove), and the catalog fsyncs every file it writes. On a disk-backed /tmp those fsyncs
// dominated (~85 inputs/s); the databases live in /dev/shm (tmpfs: fsync costs nothing) when
// it exists, or in $TW_FUZZ_TMPDIR. And every input that signs in verified the password with
// PBKDF2 at 100,000 iterations (tens of ms under ASan): verification uses the iteration count
// stored in the hash, so the template stores ada's password hashed with one iteration; sign-in
// and Basic auth still run the same code.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/api/router.h"
#include "core/auth/password.h"
#include "core/auth/sha256.h"

using namespace tidewater;

namespace {

struct Template {
  std::string dir;  // the set-up database every input starts from
  std::string token, org_id, bucket_id;
};

api::DatabaseOptions fuzz_options() {
  api::DatabaseOptions o;
  o.engine.sync = false;  // durability is not under test here; fsync would only slow it down
  o.max_write_bytes = 1 << 16;
  return o;
}

std::string template_dir;
void remove_template_dir() { std::filesystem::remove_all(template_dir); }

// Where the fuzz databases live: a RAM file system when there is one (see the top).
std::string fuzz_tmp_dir() {
  if (const char* dir = std::getenv("TW_FUZZ_TMPDIR"); dir && *dir) return dir;
  if (::access("/dev/shm", W_OK) == 0) return "/dev/shm";
  return "/tmp";
}

std::string make_temp_dir(const char* prefix) {
  std::string pattern = fuzz_tmp_dir() + "/" + prefix + "XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) __builtin_trap();
  return pattern;
}

const Template& set_up_template() {
  static const Template t = [] {
    Template made;
    made.dir = template_dir = make_temp_dir("tidewater-apifuzz-");
    std::atexit(remove_template_dir);
    auto db = api::Database::open(made.dir + "/db", fuzz_options());
    if (!db.ok()) __builtin_trap();
    api::Router router(**db);
    api::Request req = api::Request::from_target("POST", "/api/v2/setup");
    req.body = R"({"username":"ada","password":"lovelace-1815","org":"o","bucket":"b"})";
    const api::Response r = router.handle(req);
    if (r.status != 201) __builtin_trap();
    const nlohmann::json j = nlohmann::json::parse(r.body);
    made.token = j["auth"]["token"];
    made.org_id = j["org"]["id"];
    made.bucket_id = j["bucket"]["id"];
    const std::string salt = "tidewater-fuzz-1";
    const std::string key = auth::pbkdf2_hmac_sha256("lovelace-1815", salt, 1, 32);
    const auto hex = [](const std::string& bytes) { return auth::to_hex(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()); };
    if (!(*db)->catalog().set_password_hash(j["user"]["id"].get<std::string>(), "pbkdf2-sha256$1$" + hex(salt) + "$" + hex(key)).ok())
      __builtin_trap();
    if (!(*db)->close().ok()) __builtin_trap();
    return made;
  }();
  return t;
}

void replace_all(std::string& s, std::string_view from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

api::Request parse_request(std::string_view text, const Template& t) {
  const size_t line_end = std::min(text.find('\n'), text.size());
  std::string_view first = text.substr(0, line_end);
  const size_t space = std::min(first.find(' '), first.size());
  std::string target(first.substr(std::min(space + 1, first.size())));
  replace_all(target, "$ORG", t.org_id);
  replace_all(target, "$BUCKET", t.bucket_id);
  api::Request req = api::Request::from_target(std::string(first.substr(0, space)), target);
  size_t pos = std::min(line_end + 1, text.size());
  while (pos < text.size()) {
    const size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    pos = std::min(end + 1, text.size());
    if (line.empty()) break;
    const size_t colon = std::min(line.find(':'), line.size());
    std::string value(line.substr(std::min(colon + 1, line.size())));
    if (!value.empty() && value[0] == ' ') value.erase(0, 1);
    replace_all(value, "$TOKEN", t.token);
    replace_all(value, "$ORG", t.org_id);
    req.set_header(std::string(line.substr(0, colon)), value);
  }
  req.body = std::string(text.substr(pos));
  replace_all(req.body, "$ORG", t.org_id);
  replace_all(req.body, "$BUCKET", t.bucket_id);
  return req;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Template& t = set_up_template();
  const std::string dir = make_temp_dir("tidewater-apifuzz-run-");
  std::filesystem::copy(t.dir + "/db", dir + "/db", std::filesystem::copy_options::recursive);
  {
    auto db = api::Database::open(dir + "/db", fuzz_options());
    if (!db.ok()) __builtin_trap();
    api::Router router(**db);
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    for (int n = 0; n < 16 && !rest.empty(); ++n) {
      const size_t sep = rest.find("\n===\n");
      const std::string_view one = rest.substr(0, sep);
      rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + 5);
      const api::Response r = router.handle(parse_request(one, t));
      if (r.status < 200 || r.status >= 600) __builtin_trap();
      if (r.status >= 400 && r.status != 413 && !r.body.empty()) {
        // Errors are InfluxDB's {"code": ..., "message": ...} (InfluxQL's /query has its own shape).
        const nlohmann::json j = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
        if (j.is_discarded()) __builtin_trap();
      }
    }
    (void)(*db)->close();
  }
  // Whatever the requests did, the database opens again.
  if (!api::Database::open(dir + "/db", fuzz_options()).ok()) __builtin_trap();
  std::filesystem::remove_all(dir);
  return 0;
}
