// What the action-validity rules (unknown-service, unknown-action, wildcard-in-service-name) ask of
// an Action or NotAction string, and where in its token the answer points.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/catalog.hpp"
#include "iamlint/model.hpp"
#include "rule_support.hpp"

namespace iamlint::rules {

enum class ActionValidity {
    Valid,           // matches at least one action ("*" and "*:*" included)
    NotAnAction,     // no "service:" part ("s3GetObject"), an empty part, or a second colon
    UnknownService,  // a service part that names no service, or a service pattern that matches none
    NoMatch,         // a known service (or services) of which no action matches the name
};

struct ActionCheck {
    ActionValidity validity = ActionValidity::Valid;
    std::string_view service;  // the text before the first colon ("" without one)
    std::string_view name;     // the text after it
    bool service_wildcard = false;
};

// Judges a string of an Action or NotAction list against the catalog, ignoring case.
ActionCheck check_action(const Catalog& catalog, std::string_view action);

// The action entries the validity rules judge: written strings, not values computed at deployment.
bool is_checkable_action(const Entry& entry);

// The place of text[begin, begin + length) of a string entry, when its token holds the text as
// written between quotes or bare (YAML); else the whole token, which is never wrong.
Place part_of(const PolicyDocument& document, const Entry& entry, std::size_t begin, std::size_t length);

// A sentence for findings in a NotAction list, which mean the opposite of the same in Action: the
// statement still applies to the action its author meant to leave out. Empty for Action lists.
std::string not_action_consequence(const Statement& statement);

// "; did you mean \"s3:GetObject\"?" ("\"a\", \"b\" or \"c\"" for several); empty without suggestions.
std::string did_you_mean(const std::vector<std::string>& suggestions);

// The fix that writes the first suggestion, or `otherwise` without one.
std::string fix_with(const std::vector<std::string>& suggestions, std::string otherwise);

// "the AWS catalog of 2026-09-26": which data a "does not exist" is judged by.
std::string catalog_edition(const Catalog& catalog);

}  // namespace iamlint::rules
