#include "catalog_layout.hpp"

#include <algorithm>
#include <map>

namespace iamlint::catalog_layout {

namespace {

using catalog_format::ConditionKeyRefs;
using catalog_format::ParsedCatalog;
using catalog_format::ParsedService;

// Appends runs to `items`, storing each distinct run once.
template <typename T>
class RunPool {
public:
    explicit RunPool(std::vector<T>& items) : items_(items) {}

    Range add(const std::vector<T>& run) {
        if (run.empty()) return {};
        const auto [it, inserted] = offsets_.try_emplace(run, 0);
        if (inserted) {
            it->second = static_cast<std::uint32_t>(items_.size());
            items_.insert(items_.end(), run.begin(), run.end());
        }
        return {it->second, static_cast<std::uint32_t>(run.size())};
    }

private:
    std::vector<T>& items_;
    std::map<std::vector<T>, std::uint32_t> offsets_;
};

std::uint32_t size32(std::size_t size) {
    return static_cast<std::uint32_t>(size);
}

class LayOut {
public:
    explicit LayOut(const ParsedCatalog& catalog) : catalog_(catalog) { flat_.version = catalog.version; }

    FlatCatalog run() {
        for (const ParsedService& service : catalog_.services) add_service(service);
        return std::move(flat_);
    }

private:
    void add_service(const ParsedService& service) {
        const auto service_index = size32(flat_.services.size());
        FlatService& flat_service = flat_.services.emplace_back();
        flat_service.prefix = service.prefix;
        flat_service.name = service.name;

        flat_service.condition_keys = {size32(flat_.condition_keys.size()),
                                       size32(service.condition_keys.size())};
        flat_.condition_keys.insert(flat_.condition_keys.end(), service.condition_keys.begin(),
                                    service.condition_keys.end());

        const auto first_resource_type = size32(flat_.resource_types.size());
        flat_service.resource_types = {first_resource_type, size32(service.resource_types.size())};
        for (const auto& type : service.resource_types) {
            flat_.resource_types.push_back(
                {type.name, string_runs_.add(type.arn_formats), key_names(service, type.condition_keys)});
        }

        flat_service.actions = {size32(flat_.actions.size()), size32(service.actions.size())};
        for (const auto& action : service.actions) {
            std::vector<FlatResourceTypeUse> uses;
            ConditionKeyRefs keys = action.condition_keys;
            for (const auto& use : action.resource_types) {
                uses.push_back({first_resource_type + use.resource_type, use.required,
                                key_names(service, use.condition_keys)});
                keys.insert(keys.end(), use.condition_keys.begin(), use.condition_keys.end());
            }
            flat_.actions.push_back({service_index, action.name, action.access_level, use_runs_.add(uses),
                                     key_names(service, std::move(keys))});
        }
    }

    // The service's keys are sorted by lower-cased name, so sorting indices sorts the names too.
    Range key_names(const ParsedService& service, ConditionKeyRefs refs) {
        std::sort(refs.begin(), refs.end());
        refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
        std::vector<std::string_view> names;
        names.reserve(refs.size());
        for (const std::uint32_t ref : refs) names.push_back(service.condition_keys[ref].name);
        return string_runs_.add(names);
    }

    const ParsedCatalog& catalog_;
    FlatCatalog flat_;
    RunPool<std::string_view> string_runs_{flat_.strings};
    RunPool<FlatResourceTypeUse> use_runs_{flat_.resource_type_uses};
};

}  // namespace

FlatCatalog lay_out(const ParsedCatalog& catalog) {
    return LayOut(catalog).run();
}

}  // namespace iamlint::catalog_layout
