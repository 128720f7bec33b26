#include "sitrep/status.h"

#include <gtest/gtest.h>

#include "sitrep/document.h"

namespace sitrep {
namespace {

Result<int> ParsePositive(int x) {
  if (x <= 0) return Status::InvalidInput("x.txt: value must be positive");
  return x;
}

Status UsesMacro(int x) {
  SITREP_RETURN_IF_ERROR(ParsePositive(x).status());
  return Status::Ok();
}

TEST(StatusTest, ResultCarriesValueOrError) {
  auto good = ParsePositive(3);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 3);
  auto bad = ParsePositive(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(bad.status().ToString(), "invalid input: x.txt: value must be positive");
}

TEST(StatusTest, ReturnIfErrorPropagates) {
  EXPECT_TRUE(UsesMacro(1).ok());
  EXPECT_EQ(UsesMacro(0).code(), StatusCode::kInvalidInput);
}

TEST(StatusTest, BlockRoleNamesMatchContract) {
  EXPECT_EQ(BlockRoleName(BlockRole::kBoilerplate), "boilerplate");
  EXPECT_EQ(BlockRoleName(BlockRole::kRepeat), "repeat");
  EXPECT_EQ(BlockRoleName(BlockRole::kDek), "dek");
}

}  // namespace
}  // namespace sitrep
