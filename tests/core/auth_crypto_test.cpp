#include <doctest/doctest.h>

#include "core/auth/password.h"
#include "core/auth/random.h"
#include "core/auth/sha256.h"
#include "core/auth/token.h"

using namespace tidewater::auth;

static std::string hex(const std::string& s) { return to_hex(reinterpret_cast<const uint8_t*>(s.data()), s.size()); }

TEST_CASE("SHA-256 matches the FIPS 180-4 examples") {
  CHECK(to_hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(to_hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(to_hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 h;
  const std::string a(1000, 'a');
  for (int i = 0; i < 1000; ++i) h.update(a);
  CHECK(to_hex(h.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("HMAC-SHA256 matches RFC 4231") {
  CHECK(to_hex(hmac_sha256(std::string(20, '\x0b'), "Hi There")) ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  CHECK(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(to_hex(hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")) ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST_CASE("PBKDF2-HMAC-SHA256 matches the published vectors") {
  CHECK(hex(pbkdf2_hmac_sha256("password", "salt", 1, 32)) ==
        "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
  CHECK(hex(pbkdf2_hmac_sha256("password", "salt", 2, 32)) ==
        "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43");
  CHECK(hex(pbkdf2_hmac_sha256("password", "salt", 4096, 32)) ==
        "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
  CHECK(hex(pbkdf2_hmac_sha256("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 40)) ==
        "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9");
}

TEST_CASE("passwords verify only with the right secret; salts differ") {
  auto a = hash_password("correct horse");
  auto b = hash_password("correct horse");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(*a != *b);
  CHECK(verify_password("correct horse", *a));
  CHECK_FALSE(verify_password("correct horsE", *a));
  CHECK_FALSE(verify_password("correct horse", "garbage"));
  CHECK_FALSE(validate_password("short").ok());
}

TEST_CASE("token secrets are 64 random bytes in URL-safe base64; digests are SHA-256") {
  auto t1 = new_token_secret();
  auto t2 = new_token_secret();
  REQUIRE(t1.ok());
  CHECK(t1->size() == 88);
  CHECK(t1->substr(86) == "==");
  CHECK(*t1 != *t2);
  CHECK(t1->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=") == std::string::npos);
  CHECK(token_digest(*t1) == to_hex(sha256(*t1)));
  auto id = new_id();
  REQUIRE(id.ok());
  CHECK(id->size() == 16);
}
