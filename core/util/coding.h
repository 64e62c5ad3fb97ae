// Little-endian fixed-width and varint encodings for on-disk records.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace tidewater::util {

inline void put_fixed32(std::string& out, uint32_t v) {
  char b[4] = {static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16), static_cast<char>(v >> 24)};
  out.append(b, 4);
}

inline uint32_t decode_fixed32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return static_cast<uint32_t>(u[0]) | static_cast<uint32_t>(u[1]) << 8 | static_cast<uint32_t>(u[2]) << 16 |
         static_cast<uint32_t>(u[3]) << 24;
}

inline void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

inline uint64_t zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
inline int64_t unzigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

inline void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

// Reads values from a byte range; every getter returns false (and leaves the reader failed)
// when the input is short or malformed, so decoders never read past the end.
class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : p_(in.data()), end_(in.data() + in.size()) {}

  bool varint(uint64_t* v) {
    uint64_t r = 0;
    for (int shift = 0; shift < 64 && p_ < end_; shift += 7) {
      const auto b = static_cast<unsigned char>(*p_++);
      r |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (b < 0x80) {
        *v = r;
        return true;
      }
    }
    return fail();
  }
  bool string(std::string* s) {
    uint64_t n;
    if (!varint(&n) || n > static_cast<uint64_t>(end_ - p_)) return fail();
    s->assign(p_, n);
    p_ += n;
    return true;
  }
  bool byte(uint8_t* b) {
    if (p_ >= end_) return fail();
    *b = static_cast<uint8_t>(*p_++);
    return true;
  }
  bool svarint(int64_t* v) {
    uint64_t u;
    if (!varint(&u)) return false;
    *v = unzigzag(u);
    return true;
  }
  bool fixed64(uint64_t* v) {
    if (end_ - p_ < 8) return fail();
    std::memcpy(v, p_, 8);  // wasm and x86-64 are little-endian
    p_ += 8;
    return true;
  }
  bool fixed32(uint32_t* v) {
    if (end_ - p_ < 4) return fail();
    *v = decode_fixed32(p_);
    p_ += 4;
    return true;
  }
  // The next n bytes, without copying.
  bool bytes(uint64_t n, std::string_view* s) {
    if (n > static_cast<uint64_t>(end_ - p_)) return fail();
    *s = std::string_view(p_, static_cast<size_t>(n));
    p_ += n;
    return true;
  }
  // A varint length, then that many bytes (a nested section).
  bool section(std::string_view* s) {
    uint64_t n;
    return varint(&n) && bytes(n, s);
  }
  std::string_view rest() const { return std::string_view(p_, static_cast<size_t>(end_ - p_)); }
  size_t remaining() const { return static_cast<size_t>(end_ - p_); }
  bool done() const { return p_ == end_; }
  bool failed() const { return failed_; }

 private:
  bool fail() {
    failed_ = true;
    p_ = end_;
    return false;
  }
  const char* p_;
  const char* end_;
  bool failed_ = false;
};

inline void put_fixed64(std::string& out, uint64_t v) {
  char b[8];
  std::memcpy(b, &v, 8);
  out.append(b, 8);
}

}  // namespace tidewater::util
