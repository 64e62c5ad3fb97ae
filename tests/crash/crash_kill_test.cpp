// Native crash safety: SIGKILL crash_writer at random moments, 50 times, reopening the
// database after each kill. Every batch the writer acknowledged must be there, the database
// must open with no damaged file, and no batch may be partial.
//
//   crash_kill_test PATH_TO_crash_writer [iterations]   (seed: TW_CRASH_SEED, else random)
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <set>
#include <string>

#include "core/util/file.h"
#include "tests/crash/crash_batches.h"

using namespace tidewater;

namespace {

struct Run {
  std::set<int64_t> acked;
  bool killed = false;  // false: the writer ended on its own (a failure)
  std::string exit_text;
};

// Starts the writer, reads its "ack N" lines for `run_for`, SIGKILLs it, then reads the lines
// it finished printing before it died.
Run run_writer(const std::string& writer, const std::string& dir, const std::string& mode, int64_t first,
               std::chrono::milliseconds run_for) {
  Run run;
  int out[2];
  if (::pipe(out) != 0) return run;
  const std::string first_text = std::to_string(first);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    ::execl(writer.c_str(), writer.c_str(), dir.c_str(), mode.c_str(), first_text.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  std::string pending;
  auto take_lines = [&] {
    size_t nl;
    while ((nl = pending.find('\n')) != std::string::npos) {
      const std::string line = pending.substr(0, nl);
      pending.erase(0, nl + 1);
      if (line.rfind("ack ", 0) == 0) run.acked.insert(std::stoll(line.substr(4)));
    }
  };
  auto read_some = [&](int timeout_ms) {
    pollfd p{out[0], POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return true;
    char buf[4096];
    const ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n <= 0) return false;
    pending.append(buf, static_cast<size_t>(n));
    take_lines();
    return true;
  };
  const auto deadline = std::chrono::steady_clock::now() + run_for;
  bool open = true;
  while (open && std::chrono::steady_clock::now() < deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    open = read_some(static_cast<int>(std::max<int64_t>(1, left.count())));
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  while (read_some(1000)) {
  }
  ::close(out[0]);
  run.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  run.exit_text = WIFEXITED(status) ? "exited with " + std::to_string(WEXITSTATUS(status))
                                    : "died of signal " + std::to_string(WTERMSIG(status));
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: crash_kill_test PATH_TO_crash_writer [iterations]\n");
    return 2;
  }
  const std::string writer = argv[1];
  const int iterations = argc > 2 ? std::atoi(argv[2]) : 50;
  const char* seed_env = std::getenv("TW_CRASH_SEED");
  const unsigned seed = seed_env ? static_cast<unsigned>(std::strtoul(seed_env, nullptr, 10)) : std::random_device{}();
  std::printf("crash_kill_test: %d iterations, TW_CRASH_SEED=%u\n", iterations, seed);
  std::mt19937 rng(seed);

  char tmpl[] = "/tmp/tidewater-crash-XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  int failures = 0;
  const Run setup = run_writer(writer, dir, "setup", 0, std::chrono::milliseconds(60'000));
  if (setup.killed || setup.exit_text != "exited with 0") {
    std::printf("FAIL setup: %s\n", setup.exit_text.c_str());
    failures = 1;
  }

  std::set<int64_t> acked;
  int64_t next = 0;
  std::set<int64_t> unacked_stored;  // written, durable, killed before the answer
  for (int i = 0; i < iterations && failures == 0; ++i) {
    // From 0 (killed while opening) to a few hundred ms (dozens of batches, flushes, compactions).
    const auto run_for = std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 300)(rng));
    const Run run = run_writer(writer, dir, "write", next, run_for);
    acked.insert(run.acked.begin(), run.acked.end());
    if (!run.killed) {
      std::printf("FAIL iteration %d: the writer %s before it was killed\n", i, run.exit_text.c_str());
      ++failures;
      break;
    }
    const crash::Contents c = crash::read_contents(dir + "/db");
    if (!c.error.empty()) {
      std::printf("FAIL iteration %d: %s\n", i, c.error.c_str());
      ++failures;
    }
    for (const int64_t id : acked) {
      if (!c.points_per_batch.count(id)) {
        std::printf("FAIL iteration %d: acknowledged batch %lld is missing\n", i, static_cast<long long>(id));
        ++failures;
        break;
      }
    }
    // A batch written but not acknowledged may be there (durable before the answer was read).
    for (const auto& [id, n] : c.points_per_batch)
      if (!acked.count(id)) unacked_stored.insert(id);
    next = c.points_per_batch.empty() ? next : std::max(next, c.points_per_batch.rbegin()->first + 1);
    if (!acked.empty()) next = std::max(next, *acked.rbegin() + 1);
    std::printf("iteration %d: killed after %lld ms, %zu acked this run, %zu acked in all, %zu batches stored\n", i,
                static_cast<long long>(run_for.count()), run.acked.size(), acked.size(), c.points_per_batch.size());
  }
  if (failures == 0 && acked.size() < static_cast<size_t>(iterations)) {
    std::printf("FAIL only %zu batches acknowledged in %d runs: the writer made too little progress to test anything\n",
                acked.size(), iterations);
    ++failures;
  }
  std::printf("%s: %d kills, %zu acknowledged batches all present, %zu unacknowledged batches found stored\n",
              failures ? "FAILED" : "PASSED", iterations, acked.size(), unacked_stored.size());
  if (failures == 0) (void)util::remove_tree(dir);
  return failures ? 1 : 0;
}
