#include <algorithm>
#include <cstdlib>
#include <string>

#include "../condition_support.hpp"
#include "../rule_support.hpp"
#include "../rules.hpp"

namespace iamlint::rules {

namespace {

constexpr std::string_view kTags[] = {"conditions", "clarity"};

// The range with the bits after its prefix cleared, as text: "203.0.113.0/24"; empty when no bit
// after the prefix is set.
std::string network_of(const IpRange& range) {
    const int bits = range.v6 ? 128 : 32;
    const int bytes = bits / 8;
    IpRange network = range;
    bool changed = false;
    for (int i = 0; i < bytes; ++i) {
        const int kept = std::clamp(range.prefix - i * 8, 0, 8);
        const auto mask = static_cast<std::uint8_t>(kept == 0 ? 0 : (0xFF << (8 - kept)) & 0xFF);
        if ((network.bytes[i] & ~mask & 0xFF) != 0) changed = true;
        network.bytes[i] = static_cast<std::uint8_t>(network.bytes[i] & mask);
    }
    if (!changed) return {};
    std::string text;
    if (range.v6) {
        static constexpr char kHex[] = "0123456789abcdef";
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) text += ':';
            const unsigned group = (static_cast<unsigned>(network.bytes[i]) << 8) | network.bytes[i + 1];
            std::string digits;
            for (int shift = 12; shift >= 0; shift -= 4) digits += kHex[(group >> shift) & 0xF];
            const std::size_t first = digits.find_first_not_of('0');
            text += first == std::string::npos ? "0" : digits.substr(first);
        }
    } else {
        for (int i = 0; i < 4; ++i) {
            if (i > 0) text += '.';
            text += std::to_string(network.bytes[i]);
        }
    }
    return text + "/" + std::to_string(range.prefix);
}

bool is_ordering(std::string_view op) {
    return op == "NumericLessThan" || op == "NumericLessThanEquals" || op == "NumericGreaterThan" ||
           op == "NumericGreaterThanEquals";
}

class ImpreciseConditionValue final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            .id = "IAM120",
            .name = "imprecise-condition-value",
            .default_severity = Severity::Low,
            .summary =
                "A condition value that says more than IAM reads: host bits in an IP range, several "
                "bounds for one numeric comparison",
            .description =
                "\"203.0.113.5/24\" is read as 203.0.113.0/24; NumericLessThan [2700, 3600] is read as "
                "less than 3600. The policy works, but not as precisely as it reads.",
            .tags = kTags,
            .readme = embedded_readme("imprecise-condition-value"),
        };
        return meta;
    }

    void check(const RuleContext& context, FindingSink& sink) const override {
        for_each_condition(context, [&](const ConditionView& view) {
            const OperatorInfo* op = view.op.info;
            if (op == nullptr || op->is_null) return;
            if (op->type == ValueType::IpAddress) check_ranges(view, sink);
            if (is_ordering(op->name) && view.op.set == SetQualifier::None) check_bounds(view, *op, sink);
        });
    }

private:
    // Access Analyzer's IMPROVE_IP_RANGE.
    static void check_ranges(const ConditionView& view, FindingSink& sink) {
        for (const Entry& value : view.condition.values) {
            if (value.computed || value.json_type != JsonType::String) continue;
            const auto range = parse_ip_range(value.text);
            if (!range) continue;  // IAM108's
            const std::string network = network_of(*range);
            if (network.empty()) continue;
            sink.report(value.place,
                        in_quotes(value.text) + " has bits set after its /" + std::to_string(range->prefix) +
                            " prefix, which IAM ignores: it is the range " + network,
                        "write " + network + ", or the single address with /32 (/128) if one host is meant");
        }
    }

    // Access Analyzer's REDUNDANT_CONDITION_VALUE_NUM: the values of one condition are alternatives, so of
    // several upper bounds only the greatest counts, of several lower bounds only the least.
    static void check_bounds(const ConditionView& view, const OperatorInfo& op, FindingSink& sink) {
        const auto& values = view.condition.values;
        if (values.size() < 2) return;
        std::vector<double> numbers;
        for (const Entry& value : values) {
            if (value.computed || !is_numeric_value(value.text)) return;
            numbers.push_back(std::strtod(value.text.c_str(), nullptr));
        }
        const bool upper = op.name.starts_with("NumericLess");
        const auto kept = upper ? std::max_element(numbers.begin(), numbers.end())
                                : std::min_element(numbers.begin(), numbers.end());
        const Entry& bound = values[static_cast<std::size_t>(kept - numbers.begin())];
        sink.report(Severity::Info, view.condition.key_place,
                    std::string(op.name) + " on " + view.condition.key + " holds if any of its " +
                        std::to_string(values.size()) + " values does, so only the " +
                        (upper ? "greatest, " : "least, ") + bound.text + ", counts",
                    "keep the one value " + bound.text);
    }
};

}  // namespace

const Rule& imprecise_condition_value() {
    static const ImpreciseConditionValue rule;
    return rule;
}

}  // namespace iamlint::rules
