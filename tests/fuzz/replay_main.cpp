// Replays saved fuzz inputs through a target's LLVMFuzzerTestOneInput without libFuzzer, so
// every crasher ever found stays a regression case in the ordinary (g++) ctest run.
//
//   <target>_replay DIR_OR_FILE...   runs every file (directories: every regular file in them)
// A missing directory counts as empty. Crashes, sanitizer reports and __builtin_trap fail the run.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

void run_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::printf("replay %s (%zu bytes)\n", p.string().c_str(), bytes.size());
  std::fflush(stdout);
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  size_t runs = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg(argv[i]);
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::directory_iterator(arg))
        if (e.is_regular_file()) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) run_file(f), ++runs;
    } else if (std::filesystem::is_regular_file(arg, ec)) {
      run_file(arg), ++runs;
    }
  }
  std::printf("%zu inputs replayed\n", runs);
  return 0;
}
