#include "cloudformation_intrinsics.hpp"

#include <algorithm>

namespace iamlint::loaders::cfn {

namespace {

constexpr std::string_view kNoValue = "AWS::NoValue";

const JsonValue& only_value(const JsonValue& intrinsic) {
    return intrinsic.members().front().value;
}

bool is_no_value(const JsonValue& value) {
    return intrinsic_name(value) == "Ref" && only_value(value).is_string() &&
           only_value(value).text == kNoValue;
}

// The branch an Fn::If takes (1: true, 2: false), or 0 when it is not [condition, then, else].
std::size_t if_branch(const JsonValue& value, Branches& branches) {
    const JsonValue& args = only_value(value);
    if (!args.is_array() || args.items().size() != 3 || !args.items()[0].is_string()) return 0;
    return branches.take(args.items()[0].text) ? 1 : 2;
}

// After NoValue removals and Fn::If choices, which of an object's members a later equal key overrides.
void mark_overridden(JsonValue& object) {
    for (std::size_t i = 0; i < object.members().size(); ++i) {
        object.members()[i].overridden = false;
        for (std::size_t j = i + 1; j < object.members().size(); ++j) {
            if (object.members()[j].key == object.members()[i].key) {
                object.members()[i].overridden = true;
                break;
            }
        }
    }
}

Text join(const JsonValue& args, Branches& branches) {
    if (!args.is_array() || args.items().size() != 2) return {"${Fn::Join}", true};
    auto delimiter = text_of(args.items()[0], branches);
    std::string pieces_pointer;
    const JsonValue* list = select(args.items()[1], branches, pieces_pointer);
    if (!delimiter || list == nullptr || !list->is_array()) return {"${Fn::Join}", true};
    Text joined;
    bool first = true;
    for (const auto& item : list->items()) {
        auto piece = text_of(item, branches);
        if (!piece) continue;
        if (!first) joined.text += delimiter->text;
        first = false;
        joined.text += piece->text;
        joined.computed = joined.computed || piece->computed || delimiter->computed;
    }
    return joined;
}

Text select_item(const JsonValue& args, Branches& branches) {
    if (args.is_array() && args.items().size() == 2) {
        auto index = text_of(args.items()[0], branches);
        std::string pointer;
        const JsonValue* list = select(args.items()[1], branches, pointer);
        if (index && !index->computed && list != nullptr && list->is_array() && !index->text.empty() &&
            std::all_of(index->text.begin(), index->text.end(),
                        [](char c) { return c >= '0' && c <= '9'; })) {
            const std::size_t i = std::stoul(index->text);
            if (i < list->items().size()) {
                if (auto item = text_of(list->items()[i], branches)) return *item;
            }
        }
    }
    return {"${Fn::Select}", true};
}

// "${Fn::FindInMap:Map.Key.Name}", "${Fn::ImportValue:Name}": the function and its string arguments.
Text named_form(std::string_view name, const JsonValue& args, Branches& branches) {
    std::string text = "${" + std::string(name);
    std::vector<const JsonValue*> parts;
    if (args.is_array()) {
        for (const auto& item : args.items()) parts.push_back(&item);
    } else {
        parts.push_back(&args);
    }
    char separator = ':';
    for (const JsonValue* part : parts) {
        auto piece = text_of(*part, branches);
        if (!piece) break;
        text += separator;
        text += piece->text;
        separator = '.';
    }
    return {text + "}", true};
}

}  // namespace

bool Branches::take(std::string_view condition) {
    bool taken = true;
    for (const auto& [name, value] : values) {
        if (name == condition) taken = value;
    }
    if (std::none_of(used.begin(), used.end(), [&](const auto& entry) { return entry.first == condition; }))
        used.emplace_back(condition, taken);
    return taken;
}

std::string Branches::label() const {
    if (used.empty()) return {};
    std::string text = " [";
    for (std::size_t i = 0; i < used.size(); ++i) {
        if (i > 0) text += ", ";
        text += used[i].first + (used[i].second ? "=true" : "=false");
    }
    return text + "]";
}

bool is_intrinsic(const JsonValue& value) {
    return !intrinsic_name(value).empty();
}

std::string_view intrinsic_name(const JsonValue& value) {
    if (!value.is_object() || value.members().size() != 1) return {};
    const JsonMember& member = value.members().front();
    if (member.key == "Ref" || member.key.starts_with("Fn::")) return member.key;
    if (member.key == "Condition" && member.value.is_string()) return member.key;
    return {};
}

void collect_conditions(const JsonValue& value, std::vector<std::string>& names) {
    if (intrinsic_name(value) == "Fn::If") {
        const JsonValue& args = only_value(value);
        if (args.is_array() && !args.items().empty() && args.items()[0].is_string() &&
            std::find(names.begin(), names.end(), args.items()[0].text) == names.end()) {
            names.emplace_back(args.items()[0].text);
        }
    }
    for (const auto& item : value.items()) collect_conditions(item, names);
    for (const auto& member : value.members()) collect_conditions(member.value, names);
}

const JsonValue* select(const JsonValue& value, Branches& branches, std::string& pointer) {
    const JsonValue* current = &value;
    while (intrinsic_name(*current) == "Fn::If") {
        const std::size_t branch = if_branch(*current, branches);
        if (branch == 0) return current;  // malformed: left as it is
        pointer = json_pointer_append(json_pointer_append(pointer, "Fn::If"), branch);
        current = &only_value(*current).items()[branch];
    }
    return is_no_value(*current) ? nullptr : current;
}

std::optional<JsonValue> evaluate(const JsonValue& value, Branches& branches) {
    const std::string_view name = intrinsic_name(value);
    if (name == "Fn::If") {
        const std::size_t branch = if_branch(value, branches);
        if (branch != 0) return evaluate(only_value(value).items()[branch], branches);
    }
    if (!name.empty()) {
        auto text = text_of(value, branches);
        if (!text) return std::nullopt;
        JsonValue string;
        string.type = JsonType::String;
        string.range = value.range;
        string.text = std::move(text->text);
        string.computed = text->computed;
        return string;
    }
    JsonValue copy;
    copy.type = value.type;
    copy.range = value.range;
    copy.text = value.text;
    copy.computed = value.computed;
    if (value.is_array()) {
        std::vector<JsonValue> items;
        for (const auto& item : value.items()) {
            if (auto evaluated = evaluate(item, branches)) items.push_back(std::move(*evaluated));
        }
        copy.set_items(std::move(items));
    } else {
        std::vector<JsonMember> members;
        for (const auto& member : value.members()) {
            if (auto evaluated = evaluate(member.value, branches))
                members.push_back({member.key, member.key_range, std::move(*evaluated)});
        }
        copy.set_members(std::move(members));
    }
    if (copy.is_object()) mark_overridden(copy);
    return copy;
}

std::optional<Text> text_of(const JsonValue& value, Branches& branches) {
    const std::string_view name = intrinsic_name(value);
    if (name.empty()) {
        if (value.is_array() || value.is_object()) return std::nullopt;
        return Text{std::string(value.text), value.computed};
    }
    const JsonValue& args = only_value(value);
    if (name == "Ref") {
        if (is_no_value(value)) return std::nullopt;
        auto target = text_of(args, branches);
        return Text{"${" + (target ? target->text : std::string("?")) + "}", true};
    }
    if (name == "Fn::GetAtt") {
        std::string target;
        if (args.is_string()) {
            target = args.text;
        } else if (args.is_array()) {
            for (const auto& part : args.items()) {
                auto piece = text_of(part, branches);
                if (!target.empty()) target += '.';
                target += piece ? piece->text : "?";
            }
        }
        return Text{"${" + target + "}", true};
    }
    if (name == "Fn::Sub") {
        auto raw = sub_template(args, branches);
        if (!raw) return Text{"${Fn::Sub}", true};
        Text result = sub_text(raw->text);
        result.computed = result.computed || raw->computed;
        return result;
    }
    if (name == "Fn::If") {
        const std::size_t branch = if_branch(value, branches);
        if (branch == 0) return Text{"${Fn::If}", true};
        return text_of(args.items()[branch], branches);
    }
    if (name == "Fn::Join") return join(args, branches);
    if (name == "Fn::Select") return select_item(args, branches);
    if (name == "Fn::ImportValue" || name == "Fn::FindInMap") return named_form(name, args, branches);
    if (name == "Condition") return Text{"${Condition:" + args.text + "}", true};
    return Text{"${" + std::string(name) + "}", true};
}

std::optional<Text> sub_template(const JsonValue& args, Branches& branches) {
    if (args.is_string()) return Text{std::string(args.text), false};
    if (!args.is_array() || args.items().empty() || !args.items()[0].is_string()) return std::nullopt;
    // Literal variables of the map are substituted; the others stay as placeholders.
    Text result{std::string(args.items()[0].text), false};
    if (args.items().size() > 1 && args.items()[1].is_object()) {
        for (const auto& variable : args.items()[1].members()) {
            auto replacement = text_of(variable.value, branches);
            if (!replacement) continue;
            const std::string placeholder = "${" + variable.key + "}";
            std::string& text = result.text;
            for (auto at = text.find(placeholder); at != std::string::npos;
                 at = text.find(placeholder, at + replacement->text.size())) {
                text.replace(at, placeholder.size(), replacement->text);
                result.computed = result.computed || replacement->computed;
            }
        }
    }
    return result;
}

bool is_sub_placeholder(std::string_view name) {
    if (name.empty() || name[0] == '!') return false;
    if (name == "*" || name == "?" || name == "$") return false;  // IAM's ${*}, ${?}, ${$}
    // IAM policy variables are "service:key" (one colon); CloudFormation's names have none, or "::".
    return name.find("::") != std::string_view::npos || name.find(':') == std::string_view::npos;
}

Text sub_text(std::string_view template_text) {
    Text result;
    std::size_t i = 0;
    while (i < template_text.size()) {
        const auto open = template_text.find("${", i);
        const auto close = open == std::string_view::npos ? open : template_text.find('}', open + 2);
        if (close == std::string_view::npos) {
            result.text += template_text.substr(i);
            break;
        }
        result.text += template_text.substr(i, open - i);
        const std::string_view name = template_text.substr(open + 2, close - open - 2);
        if (!name.empty() && name[0] == '!') {
            result.text += "${";
            result.text += name.substr(1);
            result.text += '}';
        } else {
            result.computed = result.computed || is_sub_placeholder(name);
            result.text += template_text.substr(open, close + 1 - open);
        }
        i = close + 1;
    }
    return result;
}

}  // namespace iamlint::loaders::cfn
