// Plain POSIX file calls, the only I/O the engine makes. The same calls reach a real disk
// natively and Emscripten's MEMFS/IDBFS tree in the browser, so storage code is written once.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/status.h"

namespace tidewater::util {

// Fault injection for tests (a full disk): while set, every file write asks the hook how many
// of its bytes may go to disk; fewer than asked writes those, then fails with ENOSPC.
// Pass nullptr to clear. Not thread-safe; tests only.
using WriteFaultHook = std::function<size_t(const std::string& path, size_t bytes)>;
void set_write_fault_hook(WriteFaultHook hook);

// mkdir -p.
Status make_dirs(const std::string& path);
bool file_exists(const std::string& path);
Result<std::string> read_file(const std::string& path);
// Writes path.tmp, fsyncs it, renames it over path: readers see the old or the new file whole.
Status write_file_atomic(const std::string& path, std::string_view data);
// Names (not paths) of the entries of a directory, sorted; empty if it does not exist.
std::vector<std::string> list_dir(const std::string& path);
Status remove_file(const std::string& path);
Status remove_tree(const std::string& path);

// An append-only file: the open WAL segment.
class AppendFile {
 public:
  AppendFile() = default;
  AppendFile(const AppendFile&) = delete;
  AppendFile& operator=(const AppendFile&) = delete;
  ~AppendFile();

  Status open(const std::string& path);  // creates or truncates
  Status append(std::string_view data);
  Status sync();  // fsync: natively the durability point; a no-op in MEMFS
  // Cuts the file back to size bytes (at most size()): takes back the last appends.
  Status truncate(size_t size);
  void close();
  bool is_open() const { return fd_ >= 0; }
  size_t size() const { return size_; }

 private:
  int fd_ = -1;
  size_t size_ = 0;
  std::string path_;
};

}  // namespace tidewater::util
