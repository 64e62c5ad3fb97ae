#include "core/util/file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace tidewater::util {
namespace {

Status io_error(const std::string& what, const std::string& path) {
  // ENOSPC / EDQUOT reach the user as "unavailable": the write failed, nothing is corrupt.
  const int e = errno;
  const ErrorCode code = (e == ENOSPC || e == EDQUOT) ? ErrorCode::kUnavailable : ErrorCode::kInternal;
  return Status(code, what + " " + path + ": " + std::strerror(e));
}

WriteFaultHook& fault_hook() {
  static WriteFaultHook hook;
  return hook;
}

Status write_raw(int fd, std::string_view data, const std::string& path) {
  const char* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error("write", path);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

Status write_all(int fd, std::string_view data, const std::string& path) {
  if (fault_hook()) {
    // A simulated full disk: write what the hook allows, then fail as write(2) would.
    const size_t allowed = fault_hook()(path, data.size());
    if (allowed < data.size()) {
      Status s = write_raw(fd, data.substr(0, allowed), path);
      if (!s.ok()) return s;
      errno = ENOSPC;
      return io_error("write", path);
    }
  }
  return write_raw(fd, data, path);
}

}  // namespace

void set_write_fault_hook(WriteFaultHook hook) { fault_hook() = std::move(hook); }

Status make_dirs(const std::string& path) {
  std::string cur;
  size_t i = 0;
  while (i <= path.size()) {
    const size_t j = path.find('/', i);
    const size_t end = j == std::string::npos ? path.size() : j;
    cur = path.substr(0, end);
    if (!cur.empty() && ::mkdir(cur.c_str(), 0755) != 0 && errno != EEXIST) return io_error("mkdir", cur);
    if (j == std::string::npos) break;
    i = j + 1;
  }
  return Status::Ok();
}

bool file_exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

Result<std::string> read_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) {
    if (errno == ENOENT) return Status(ErrorCode::kNotFound, "no file " + path);
    return io_error("open", path);
  }
  std::string out;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = io_error("read", path);
      ::close(fd);
      return s;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

Status write_file_atomic(const std::string& path, std::string_view data) {
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return io_error("create", tmp);
  Status s = write_all(fd, data, tmp);
  if (s.ok() && ::fsync(fd) != 0) s = io_error("fsync", tmp);
  ::close(fd);
  if (s.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) s = io_error("rename", tmp);
  if (!s.ok()) ::unlink(tmp.c_str());
  return s;
}

std::vector<std::string> list_dir(const std::string& path) {
  std::vector<std::string> names;
  DIR* d = ::opendir(path.c_str());
  if (!d) return names;
  while (dirent* e = ::readdir(d)) {
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) names.emplace_back(e->d_name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

Status remove_file(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return io_error("unlink", path);
  return Status::Ok();
}

Status remove_tree(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return Status::Ok();
  if (S_ISDIR(st.st_mode)) {
    for (const auto& name : list_dir(path)) {
      Status s = remove_tree(path + "/" + name);
      if (!s.ok()) return s;
    }
    if (::rmdir(path.c_str()) != 0) return io_error("rmdir", path);
    return Status::Ok();
  }
  return remove_file(path);
}

AppendFile::~AppendFile() { close(); }

Status AppendFile::open(const std::string& path) {
  close();
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
  if (fd_ < 0) return io_error("create", path);
  path_ = path;
  size_ = 0;
  return Status::Ok();
}

Status AppendFile::append(std::string_view data) {
  Status s = write_all(fd_, data, path_);
  if (s.ok()) {
    size_ += data.size();
  } else if (::ftruncate(fd_, static_cast<off_t>(size_)) != 0) {
    // A partial record we cannot cut off would hide every later record from replay: stop
    // appending to this file altogether.
    close();
  }
  return s;
}

Status AppendFile::truncate(size_t size) {
  if (fd_ < 0 || size > size_) return Status(ErrorCode::kInternal, "truncate past the end of " + path_);
  if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) {
    // As in append(): bytes we cannot cut off must not be followed by new records.
    close();
    return io_error("truncate", path_);
  }
  size_ = size;
  return Status::Ok();
}

Status AppendFile::sync() {
  if (::fsync(fd_) != 0 && errno != EINVAL && errno != ENOSYS) return io_error("fsync", path_);
  return Status::Ok();
}

void AppendFile::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

}  // namespace tidewater::util
