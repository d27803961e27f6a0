// The gradient checker: numerical oracles, the comparison rule, kink handling and
// the Taylor-remainder test. Shared by every chapter's tests and programs.
#pragma once

#include "check.hpp"
#include "compare.hpp"
#include "oracles.hpp"
#include "slope.hpp"
#include "taylor.hpp"
