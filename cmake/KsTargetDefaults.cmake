# Per-target compiler settings shared by every KeyStation target.
function(ks_target_defaults target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual
    -fstack-protector-strong)
  if(KS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(NOT KS_SANITIZE AND NOT CMAKE_BUILD_TYPE STREQUAL "Debug")
    target_compile_definitions(${target} PRIVATE _FORTIFY_SOURCE=2)
  endif()
  target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII
                                               QT_NO_URL_CAST_FROM_STRING QT_NO_NARROWING_CONVERSIONS_IN_CONNECT)
  target_link_options(${target} PRIVATE -Wl,-z,relro -Wl,-z,now)
endfunction()

# C sources (the simulated hub's PKCS#11 module) get the same hardening without C++-only flags.
function(ks_c_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -fstack-protector-strong)
  if(KS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_link_options(${target} PRIVATE -Wl,-z,relro -Wl,-z,now)
endfunction()

# The test suite's own code (test executables, their support libraries and servers): the same settings, and with
# KS_LEAN_TEST_CODE compiled to build fast: at -O0, and in a KS_SANITIZE build with AddressSanitizer only
# (UBSan's checks double the compile time of a test file and stay on the product's code). The product's
# libraries the tests link keep the build type's flags and every sanitizer, so the suite still tests the code
# that ships; scripts/test turns it on (README.md, "Two commands").
function(ks_test_target_defaults target)
  ks_target_defaults(${target})
  if(KS_LEAN_TEST_CODE)
    # glibc warns that _FORTIFY_SOURCE needs optimisation, so it goes with it.
    target_compile_options(${target} PRIVATE -O0 -U_FORTIFY_SOURCE)
    if(KS_SANITIZE)
      target_compile_options(${target} PRIVATE -fno-sanitize=undefined)
    endif()
  endif()
endfunction()
