// Owner of the tests' precompiled header (CMakeLists.txt); nothing of its own to compile.
