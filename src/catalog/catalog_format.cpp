#include "catalog_format.hpp"

#include <algorithm>
#include <charconv>
#include <string>

#include "case_insensitive.hpp"

namespace iamlint {

namespace {

std::string error_text(std::string_view file, std::size_t line, std::string_view message) {
    std::string text(file);
    if (line != 0) text.append(":").append(std::to_string(line));
    return text.append(": ").append(message);
}

}  // namespace

// Defined with the reader rather than in catalog.cpp: the code generator links the reader alone.
CatalogError::CatalogError(std::string_view file, std::size_t line, std::string_view message)
    : std::runtime_error(error_text(file, line, message)), line_(line) {}

}  // namespace iamlint

namespace iamlint::catalog_format {

namespace {

// A service's records come in this order; S starts the next service.
enum class RecordKind { ConditionKey, ResourceType, Action };

std::string quoted(std::string_view text) {
    return std::string("\"").append(text).append("\"");
}

class Parser {
public:
    Parser(std::string_view text, std::string_view file_name) : text_(text), file_name_(file_name) {}

    ParsedCatalog run() {
        constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
        std::string_view rest =
            text_.starts_with(kByteOrderMark) ? text_.substr(kByteOrderMark.size()) : text_;
        while (!rest.empty()) {
            const std::size_t end = std::min(rest.find('\n'), rest.size());
            std::string_view line = rest.substr(0, end);
            rest.remove_prefix(std::min(end + 1, rest.size()));
            ++line_number_;
            if (line.ends_with('\r')) line.remove_suffix(1);
            if (line.empty() || line.front() == '#') continue;
            split_fields(line);
            parse_record();
        }
        if (!have_header_) {
            line_number_ = 0;
            fail("no C record: this is not an iamlint catalog");
        }
        return std::move(catalog_);
    }

private:
    [[noreturn]] void fail(std::string_view message) const {
        throw CatalogError(file_name_, line_number_, message);
    }

    void split_fields(std::string_view line) {
        fields_.clear();
        for (;;) {
            const std::size_t tab = line.find('\t');
            fields_.push_back(line.substr(0, tab));
            if (tab == std::string_view::npos) break;
            line.remove_prefix(tab + 1);
        }
    }

    void expect_field_count(std::size_t min, std::size_t max) const {
        if (fields_.size() >= min && fields_.size() <= max) return;
        const std::string expected =
            min == max ? std::to_string(min) : std::to_string(min) + " to " + std::to_string(max);
        fail(std::string(fields_[0]) + " record with " + std::to_string(fields_.size()) +
             " fields, expected " + expected);
    }

    std::string_view non_empty_field(std::size_t index, std::string_view what) const {
        if (index >= fields_.size() || fields_[index].empty()) fail(std::string("empty ").append(what));
        return fields_[index];
    }

    void parse_record() {
        const std::string_view kind = fields_[0];
        if (!have_header_ && kind != "C") fail("the first record must be the C record");
        if (kind == "C") return parse_header();
        if (kind == "S") return parse_service();
        if (kind == "K") return parse_condition_key();
        if (kind == "R") return parse_resource_type();
        if (kind == "A") return parse_action();
        fail("unknown record kind " + quoted(kind) + " (expected C, S, K, R or A)");
    }

    void parse_header() {
        if (have_header_) fail("second C record");
        expect_field_count(2, 5);
        int format = 0;
        const std::string_view format_field = fields_[1];
        const auto [end, error] =
            std::from_chars(format_field.data(), format_field.data() + format_field.size(), format);
        if (error != std::errc{} || end != format_field.data() + format_field.size()) {
            fail("format version " + quoted(format_field) + " is not a number");
        }
        if (format != kFormatVersion) {
            fail("catalog format " + std::to_string(format) +
                 " is not supported; this iamlint reads format " + std::to_string(kFormatVersion));
        }
        expect_field_count(5, 5);
        catalog_.version = {non_empty_field(2, "source"), non_empty_field(3, "version"),
                            non_empty_field(4, "date")};
        have_header_ = true;
    }

    void parse_service() {
        expect_field_count(3, 3);
        const std::string_view prefix = non_empty_field(1, "service prefix");
        if (prefix.find(':') != std::string_view::npos)
            fail("service prefix " + quoted(prefix) + " has a colon");
        if (!catalog_.services.empty()) expect_in_order(catalog_.services.back().prefix, prefix, "service");
        catalog_.services.push_back({prefix, non_empty_field(2, "service name"), {}, {}, {}});
        last_kind_ = RecordKind::ConditionKey;
    }

    ParsedService& current_service(RecordKind kind) {
        if (catalog_.services.empty()) fail(std::string(fields_[0]) + " record before the first S record");
        if (kind < last_kind_) {
            fail(std::string(fields_[0]) + " record after " + (last_kind_ == RecordKind::Action ? "A" : "R") +
                 " records; a service lists its K, then R, then A records");
        }
        last_kind_ = kind;
        return catalog_.services.back();
    }

    // Strictly increasing by lower-cased name, which also rules out duplicates.
    void expect_in_order(std::string_view previous, std::string_view name, std::string_view what) const {
        const int order = compare_ci(previous, name);
        if (order == 0)
            fail("duplicate " + std::string(what) + " " + quoted(name) + " (names are case-insensitive)");
        if (order > 0) {
            fail(std::string(what) + " " + quoted(name) + " is out of order: it sorts before " +
                 quoted(previous) + " (lists are sorted by lower-cased name)");
        }
    }

    void parse_condition_key() {
        ParsedService& service = current_service(RecordKind::ConditionKey);
        expect_field_count(3, 3);
        const std::string_view name = non_empty_field(1, "condition key");
        if (name.find(':') == std::string_view::npos)
            fail("condition key " + quoted(name) + " has no prefix");
        if (name.find_first_of(",()") != std::string_view::npos) {
            fail("condition key " + quoted(name) + " contains a list separator");
        }
        if (!service.condition_keys.empty())
            expect_in_order(service.condition_keys.back().name, name, "condition key");
        service.condition_keys.push_back({name, non_empty_field(2, "condition key type")});
    }

    void parse_resource_type() {
        ParsedService& service = current_service(RecordKind::ResourceType);
        expect_field_count(4, SIZE_MAX);
        const std::string_view name = non_empty_field(1, "resource type name");
        if (name.find_first_of(",()") != std::string_view::npos || name.ends_with('*')) {
            fail("resource type name " + quoted(name) + " contains a list separator or ends with '*'");
        }
        if (!service.resource_types.empty())
            expect_in_order(service.resource_types.back().name, name, "resource type");
        ParsedResourceType type{name, {}, parse_condition_key_list(fields_[2], service)};
        for (std::size_t i = 3; i < fields_.size(); ++i)
            type.arn_formats.push_back(non_empty_field(i, "ARN format"));
        service.resource_types.push_back(std::move(type));
    }

    void parse_action() {
        ParsedService& service = current_service(RecordKind::Action);
        expect_field_count(3, 5);
        const std::string_view name = non_empty_field(1, "action name");
        if (name.find_first_of(":*?,") != std::string_view::npos) {
            fail("action name " + quoted(name) + " contains ':', ',' or a wildcard");
        }
        if (!service.actions.empty()) expect_in_order(service.actions.back().name, name, "action");
        ParsedAction action{name, parse_access_level(fields_[2]), {}, {}};
        if (fields_.size() > 3) action.resource_types = parse_resource_type_uses(fields_[3], service);
        if (fields_.size() > 4) action.condition_keys = parse_condition_key_list(fields_[4], service);
        service.actions.push_back(std::move(action));
    }

    AccessLevel parse_access_level(std::string_view code) const {
        if (code == "L") return AccessLevel::List;
        if (code == "R") return AccessLevel::Read;
        if (code == "W") return AccessLevel::Write;
        if (code == "P") return AccessLevel::PermissionsManagement;
        if (code == "T") return AccessLevel::Tagging;
        fail("unknown access level " + quoted(code) + " (expected L, R, W, P or T)");
    }

    // "object*(key,key),accesspoint": top-level commas separate uses; the parenthesised keys belong to
    // the use before them.
    std::vector<ParsedResourceTypeUse> parse_resource_type_uses(std::string_view list,
                                                                const ParsedService& service) {
        std::vector<ParsedResourceTypeUse> uses;
        std::size_t pos = 0;
        while (pos < list.size()) {
            const std::size_t end = std::min(list.find_first_of(",()", pos), list.size());
            std::string_view name = list.substr(pos, end - pos);
            const bool required = name.ends_with('*');
            if (required) name.remove_suffix(1);
            if (name.empty()) fail("empty resource type in " + quoted(list));
            ParsedResourceTypeUse use{find_resource_type(name, service), required, {}};
            for (const ParsedResourceTypeUse& previous : uses) {
                if (previous.resource_type == use.resource_type)
                    fail("resource type " + quoted(name) + " listed twice");
            }
            pos = end;
            if (pos < list.size() && list[pos] == ')') fail("')' without '(' in " + quoted(list));
            if (pos < list.size() && list[pos] == '(') {
                const std::size_t close = list.find(')', pos);
                if (close == std::string_view::npos) fail("'(' without ')' in " + quoted(list));
                use.condition_keys = parse_condition_key_list(list.substr(pos + 1, close - pos - 1), service);
                pos = close + 1;
                if (pos < list.size() && list[pos] != ',') fail("expected ',' after ')' in " + quoted(list));
            }
            uses.push_back(std::move(use));
            if (pos < list.size() && ++pos == list.size()) fail("trailing ',' in " + quoted(list));
        }
        return uses;
    }

    std::uint32_t find_resource_type(std::string_view name, const ParsedService& service) const {
        const auto& types = service.resource_types;
        const auto it = std::lower_bound(
            types.begin(), types.end(), name,
            [](const ParsedResourceType& type, std::string_view n) { return compare_ci(type.name, n) < 0; });
        if (it == types.end() || compare_ci(it->name, name) != 0) {
            fail("resource type " + quoted(name) + " is not declared by an R record of service " +
                 std::string(service.prefix));
        }
        return static_cast<std::uint32_t>(it - types.begin());
    }

    ConditionKeyRefs parse_condition_key_list(std::string_view list, const ParsedService& service) {
        ConditionKeyRefs refs;
        if (list.empty()) return refs;
        for (;;) {
            const std::size_t comma = list.find(',');
            const std::string_view item = list.substr(0, comma);
            if (item.empty()) fail("empty item in condition key list");
            refs.push_back(find_condition_key(item, service));
            if (comma == std::string_view::npos) break;
            list.remove_prefix(comma + 1);
        }
        return refs;
    }

    // A reference without a colon leaves out the service's own "prefix:".
    std::uint32_t find_condition_key(std::string_view reference, const ParsedService& service) {
        std::string_view name = reference;
        if (reference.find(':') == std::string_view::npos) {
            qualified_key_.assign(service.prefix).append(":").append(reference);
            name = qualified_key_;
        }
        const auto& keys = service.condition_keys;
        const auto it = std::lower_bound(
            keys.begin(), keys.end(), name,
            [](const ConditionKey& key, std::string_view n) { return compare_ci(key.name, n) < 0; });
        if (it == keys.end() || compare_ci(it->name, name) != 0) {
            fail("condition key " + quoted(name) + " is not declared by a K record of service " +
                 std::string(service.prefix));
        }
        return static_cast<std::uint32_t>(it - keys.begin());
    }

    std::string_view text_;
    std::string_view file_name_;
    std::size_t line_number_ = 0;
    std::vector<std::string_view> fields_;
    std::string qualified_key_;
    bool have_header_ = false;
    RecordKind last_kind_ = RecordKind::ConditionKey;
    ParsedCatalog catalog_;
};

}  // namespace

ParsedCatalog parse(std::string_view text, std::string_view file_name) {
    return Parser(text, file_name).run();
}

}  // namespace iamlint::catalog_format
