// The old version of a test policy file, paired with the new one policy by policy as `iamlint diff`
// pairs them, for tests of rule IAM501.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "iamlint/access_diff.hpp"
#include "iamlint/loader.hpp"

namespace iamlint::test {

class PreviousVersion final : public PreviousVersions {
public:
    explicit PreviousVersion(LoadedFile old) : old_(std::move(old)) {}
    std::optional<std::vector<const PolicyDocument*>> before(const PolicyDocument& after) const override {
        std::vector<const PolicyDocument*> olds;
        for (const PolicyDocument& document : old_.documents) {
            if (stable_policy_key(document) == stable_policy_key(after)) olds.push_back(&document);
        }
        return olds;
    }
    std::optional<std::vector<const PolicyDocument*>> before(const PrincipalContext&) const override {
        return std::nullopt;
    }

private:
    LoadedFile old_;
};

}  // namespace iamlint::test
