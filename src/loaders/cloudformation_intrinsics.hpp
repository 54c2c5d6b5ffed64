// CloudFormation intrinsic functions as the policy rules need them: a value known only at deployment
// becomes a `computed` string in the readable form of Fn::Sub, an Fn::If takes one branch, and
// AWS::NoValue removes the element that holds it.
//
// Readable forms follow Fn::Sub's own syntax, so that a user reads what they would have written:
// {"Ref": "Bucket"} is "${Bucket}", {"Fn::GetAtt": ["Role", "Arn"]} is "${Role.Arn}", a pseudo
// parameter is "${AWS::AccountId}", an Fn::Sub is its template with the literal variables of its map
// substituted, an Fn::Join joins the forms of its parts, and the other functions read
// "${Fn::ImportValue:Name}", "${Fn::FindInMap:Map.Key.Name}", "${Fn::Split}" ...
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "iamlint/json.hpp"

namespace iamlint::loaders::cfn {

// The branch each Fn::If condition takes in one reading of a template, and which conditions a reading
// actually consulted (in order of first use), to name the variant.
struct Branches {
    std::vector<std::pair<std::string, bool>> values;  // condition -> taken as true
    std::vector<std::pair<std::string, bool>> used;

    bool take(std::string_view condition);
    // " [IsProd=true, HasKey=false]", or "" when no condition was consulted.
    std::string label() const;
};

// A one-member object whose key is "Ref", "Fn::..." or "Condition" (with a string value, so that a
// statement's Condition block is never taken for one).
bool is_intrinsic(const JsonValue& value);
// The intrinsic's function name ("Ref", "Fn::Sub") or "" when the value is not one.
std::string_view intrinsic_name(const JsonValue& value);

// The condition names of every Fn::If inside value, in order of first appearance, appended to names
// without repeats.
void collect_conditions(const JsonValue& value, std::vector<std::string>& names);

// Follows Fn::If to the branch taken (appending "/Fn::If/1" or "/Fn::If/2" to pointer); nullptr when
// the value is AWS::NoValue.
const JsonValue* select(const JsonValue& value, Branches& branches, std::string& pointer);

// A copy of value for the rules: Fn::If replaced by its branch, AWS::NoValue elements removed, every
// other intrinsic turned into a string (computed when it holds a value unknown before deployment,
// with the range of the whole intrinsic). nullopt when value itself is AWS::NoValue.
std::optional<JsonValue> evaluate(const JsonValue& value, Branches& branches);

struct Text {
    std::string text;
    bool computed = false;
};
// The string that value stands for: a scalar's text, or an intrinsic's readable form. nullopt for
// arrays, objects and AWS::NoValue.
std::optional<Text> text_of(const JsonValue& value, Branches& branches);

// An Fn::Sub's template with the variables of its map (the [template, {Name: value}] form) replaced by
// their readable forms, before "${!x}" escapes are unescaped (sub_text does that). computed when a
// variable's value is. nullopt when the arguments are not an Fn::Sub's.
std::optional<Text> sub_template(const JsonValue& args, Branches& branches);

// Whether "${name}" inside an Fn::Sub template is replaced at deployment: a parameter, resource,
// attribute or pseudo parameter, not an IAM policy variable such as ${aws:username} and not "${!...}".
bool is_sub_placeholder(std::string_view name);
// An Fn::Sub template read as a string: computed when a placeholder is left, otherwise the literal
// text with "${!x}" unescaped to "${x}".
Text sub_text(std::string_view template_text);

}  // namespace iamlint::loaders::cfn
