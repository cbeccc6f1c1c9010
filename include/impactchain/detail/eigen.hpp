// Eigen as the library is built with it. A matrix the library allocates (a simulation's kept
// draws, a rank result) is freed by the calling program's inline destructor, and Eigen frees with
// the scheme of the code that frees: both sides must see one alignment. The library is built with
// EIGEN_MAX_ALIGN_BYTES=64; a program compiled without it (a plain compiler command rather than
// the impactchain::impactchain CMake target, which carries it) frees those blocks wrongly and
// crashes later, far from the cause. Refused here, at compile time.
#pragma once

#include <Eigen/Dense>

#if !defined(EIGEN_MAX_ALIGN_BYTES) || EIGEN_MAX_ALIGN_BYTES != 64
#error "impactchain needs EIGEN_MAX_ALIGN_BYTES=64, as the library is built: link the impactchain::impactchain CMake target, or add -DEIGEN_MAX_ALIGN_BYTES=64 to the compile line (docs/cpp.md)"
#endif
