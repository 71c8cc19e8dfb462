// Built into the player and the test binary only when SIGNAGE_SANITIZE is set (CMakeLists.txt):
// the sanitizers' options and this folder's suppression files (compiled in), read by the
// sanitizer runtime at start. Built in rather than set in the environment, so that the player started by a test, by a
// deploy script that clears the environment, or by hand is checked the same way as under ctest.
// ASAN_OPTIONS, LSAN_OPTIONS, UBSAN_OPTIONS and TSAN_OPTIONS in the environment still add to these.

#include "sanitizer_suppressions.hpp"

extern "C" {

#if defined(SIGNAGE_SANITIZE_address)
// Leaks are checked at exit; use-after-return and initialization order too.
// alloc_dealloc_mismatch=0: with gcc 12, std::stable_sort's temporary buffer (libstdc++'s
// stl_tempbuf.h, operator new(nothrow) then a sized operator delete) is reported as "operator
// new vs free" in every test that sorts notices; our code pairs nothing by hand (every C handle
// has its deleter in a unique_ptr), so the check would only ever report libstdc++.
const char* __asan_default_options() {
  return "detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:"
         "strict_init_order=1:strict_string_checks=1:alloc_dealloc_mismatch=0";
}
const char* __lsan_default_options() { return "print_suppressions=0"; }
const char* __lsan_default_suppressions() { return kLsanSuppressions; }
// The build makes undefined behaviour fatal (-fno-sanitize-recover); say where it happened.
const char* __ubsan_default_options() { return "print_stacktrace=1:halt_on_error=1"; }
#endif

#if defined(SIGNAGE_SANITIZE_thread)
// A race is reported, the run goes on, and the process ends with exit code 66: the test fails.
const char* __tsan_default_options() { return "print_suppressions=0:second_deadlock_stack=1"; }
const char* __tsan_default_suppressions() { return kTsanSuppressions; }
#endif

}
