#pragma once
#include "util/a.hpp"
