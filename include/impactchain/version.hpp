// impactchain version, written once: CMake and pyproject read it from here. A build between
// releases carries the next release's number with .devN: its defaults may give other numbers than
// the last release (the random stream of 0.3 is not 0.2's), so it must not call itself that release.
// CMake's package version is the numeric part (0.3.0): find_package(impactchain 0.2) refuses it.
#pragma once

#define IMPACTCHAIN_VERSION_MAJOR 0
#define IMPACTCHAIN_VERSION_MINOR 3
#define IMPACTCHAIN_VERSION_PATCH 0
#define IMPACTCHAIN_VERSION_STRING "0.3.0.dev0"

namespace impactchain {
inline constexpr const char* version = IMPACTCHAIN_VERSION_STRING;
}  // namespace impactchain
