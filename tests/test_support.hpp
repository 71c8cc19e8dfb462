#pragma once
// Shared by the tests: where the repository's real fonts, assets and fixtures are.
#include "text/bundled_fonts.hpp"

#include <filesystem>
#include <string>

inline std::filesystem::path source_dir() { return SIGNAGE_SOURCE_DIR; }
inline std::filesystem::path test_data_dir() { return SIGNAGE_TEST_DATA_DIR; }
// The repository root doubles as a data dir: it has fonts/ and assets/ like share/signage-player.
inline BundledFonts repository_fonts() { return BundledFonts::in(source_dir()); }
