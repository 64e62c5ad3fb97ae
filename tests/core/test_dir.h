// A fresh temporary directory per test, removed afterwards.
#pragma once

#include <stdlib.h>

#include <string>

#include "core/util/file.h"

namespace tidewater::testing {

class TestDir {
 public:
  TestDir() {
    char tmpl[] = "/tmp/tidewater-test-XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~TestDir() { (void)util::remove_tree(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace tidewater::testing
