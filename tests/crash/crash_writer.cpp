// Writes batches through the HTTP API router into a database directory until killed.
//
//   crash_writer DIR setup        onboards DIR/db (org crash-org, bucket crash), keeps the
//                                 operator token in DIR/token
//   crash_writer DIR write FIRST  writes batches FIRST, FIRST+1, ... forever, printing
//                                 "ack N" only after the write of batch N answered 204
//
// crash_kill_test SIGKILLs it at random moments: every batch it printed must survive. A small
// flush threshold makes flushes and compactions happen while it is being killed too.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "core/api/router.h"
#include "tests/crash/crash_batches.h"

using namespace tidewater;

namespace {

int fail(const std::string& what) {
  std::fprintf(stderr, "crash_writer: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return fail("usage: crash_writer DIR setup | crash_writer DIR write FIRST");
  const std::string dir = argv[1];
  const std::string mode = argv[2];
  api::DatabaseOptions options;
  options.engine.flush_after_values = 3000;
  options.engine.compact_after_segments = 3;
  options.engine.wal_segment_bytes = 64 << 10;
  auto db = api::Database::open(dir + "/db", options);
  if (!db.ok()) return fail("open: " + db.status().message());
  api::Router router(**db);

  if (mode == "setup") {
    api::Request req = api::Request::from_target("POST", "/api/v2/setup");
    req.body = std::string(R"({"username":"crash","password":"crash-test-1","org":")") + crash::kOrg +
               R"(","bucket":")" + crash::kBucket + R"("})";
    const api::Response r = router.handle(req);
    if (r.status != 201) return fail("setup: " + r.body);
    const nlohmann::json answer = nlohmann::json::parse(r.body);
    std::ofstream(dir + "/token") << answer["auth"]["token"].get<std::string>();
    return (*db)->close().ok() ? 0 : fail("close failed");
  }
  if (mode != "write" || argc < 4) return fail("unknown mode " + mode);

  std::ifstream token_file(dir + "/token");
  const std::string token((std::istreambuf_iterator<char>(token_file)), std::istreambuf_iterator<char>());
  const std::string target = std::string("/api/v2/write?org=") + crash::kOrg + "&bucket=" + crash::kBucket + "&precision=ns";
  for (long long id = std::atoll(argv[3]);; ++id) {
    api::Request req = api::Request::from_target("POST", target);
    req.set_header("Authorization", "Token " + token);
    req.body = crash::batch_line_protocol(id);
    const api::Response r = router.handle(req);
    if (r.status != 204) return fail("write " + std::to_string(id) + ": " + std::to_string(r.status) + " " + r.body);
    std::printf("ack %lld\n", id);
    std::fflush(stdout);
  }
}
