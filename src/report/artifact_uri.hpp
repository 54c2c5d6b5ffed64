// File paths as the URI references SARIF's artifactLocation.uri expects.
#pragma once

#include <string>
#include <string_view>

namespace iamlint::reporting {

// A relative path stays relative ("policies/my%20policy.json"), so that code scanning resolves it
// against the repository root; an absolute path becomes a file:/// URI. Backslashes count as
// separators, leading "./" segments are dropped, and every byte other than an RFC 3986 unreserved
// character or "/" is percent-encoded.
std::string artifact_uri(std::string_view path);

}  // namespace iamlint::reporting
