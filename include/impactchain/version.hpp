// impactchain version, written once: CMake and pyproject read it from here.
#pragma once

#define IMPACTCHAIN_VERSION_MAJOR 0
#define IMPACTCHAIN_VERSION_MINOR 2
#define IMPACTCHAIN_VERSION_PATCH 0
#define IMPACTCHAIN_VERSION_STRING "0.2.0"

namespace impactchain {
inline constexpr const char* version = IMPACTCHAIN_VERSION_STRING;
}  // namespace impactchain
