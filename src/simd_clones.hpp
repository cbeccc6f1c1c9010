// Private to src/: run-time dispatch of hot loops to SIMD versions.
#pragma once

/// Marks a hot loop function to be compiled for AVX-512, AVX2 and the baseline,
/// the loader choosing at run time (GCC function multi-versioning, Linux
/// x86-64). The files using it are compiled with -ffp-contract=off (CMakeLists),
/// so every version gives the same numbers. Not under ThreadSanitizer: the
/// loader calls the clones' resolver (an ifunc) while relocating, before the
/// TSan runtime is set up, and the instrumented resolver crashes the program.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) && \
    !defined(__SANITIZE_THREAD__)
#define IMPACTCHAIN_SIMD_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define IMPACTCHAIN_SIMD_CLONES
#endif
