// The gradient checker: numerical oracles, the comparison rule, kink handling, the
// Taylor-remainder test, and the checks that scale to many parameters (named
// parameter layouts, directional checks, coordinate subsets). Shared by every
// chapter's tests and programs.
#pragma once

#include "check.hpp"
#include "compare.hpp"
#include "coordinates.hpp"
#include "directional.hpp"
#include "oracles.hpp"
#include "slope.hpp"
#include "taylor.hpp"
