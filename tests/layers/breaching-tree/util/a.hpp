#pragma once
// Two headers of one folder that include each other: a circle.
#include "util/b.hpp"
