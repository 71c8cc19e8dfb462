#pragma once
// A model header that reaches up into render/: the layer check must refuse it.
#include "render/scene.hpp"
