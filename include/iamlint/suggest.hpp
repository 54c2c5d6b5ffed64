// "Did you mean ...": the catalog names closest to a misspelt service prefix or action.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/catalog.hpp"

namespace iamlint {

// Edit distance between two names with ASCII case ignored: insertions, deletions, substitutions and
// swaps of two neighbouring characters ("GetObjcet") each count one. Stops early and returns
// limit + 1 once the distance is known to exceed `limit`.
std::size_t edit_distance_ci(std::string_view a, std::string_view b, std::size_t limit);

// The largest edit distance still taken for a typo of a name this long: a quarter of it, from one to
// three (a longer name that differs more is another name: ListAgentSpaces for ListAgentInstances).
std::size_t typo_limit(std::size_t length);

// The actions meant by an action string that names an unknown service, no action of a known one, or
// no service at all ("s3GetObject"), best first and at most `max`, each as a corrected whole string
// ("s3:GetObject"). Empty when nothing is close enough to be a typo of it.
//   - an unknown action: the service's actions closest to the name, else the one other service that
//     has an action of exactly that name ("iam:AssumeRole" -> "sts:AssumeRole");
//   - an unknown service: the closest prefixes under which the name (fixed in turn, if need be)
//     exists, else prefixes that start or end with the one written, or the other way round, and
//     have an action of that name ("cloudwatchlogs:CreateLogGroup" -> "logs:CreateLogGroup");
//   - no colon: a colon put in, or in place of a separator ("s3.GetObject").
std::vector<std::string> suggest_actions(const Catalog& catalog, std::string_view action,
                                         std::size_t max = 3);

// The service prefixes closest to an unknown one, best first and at most `max`.
std::vector<std::string_view> suggest_services(const Catalog& catalog, std::string_view prefix,
                                               std::size_t max = 3);

}  // namespace iamlint
