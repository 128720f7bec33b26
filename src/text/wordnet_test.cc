#include "text/wordnet.h"

#include <gtest/gtest.h>
