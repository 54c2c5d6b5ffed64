// One T per action of a catalog, for answers that rules work out once per action rather than once per
// statement, and share between a run's threads (held through Catalog::derived). A service's slots are
// made when one of its actions is first asked about: slots for all 19,859 actions, zeroed at once, were
// 155 page faults (half a millisecond) for a small policy that names three services. Filling a slot
// is the caller's, and must be safe from several threads (a std::once_flag or an atomic in T).
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>

#include "iamlint/catalog.hpp"

namespace iamlint::rules {

template <typename T>
class PerActionTable {
public:
    explicit PerActionTable(const Catalog& catalog)
        : services_(catalog.services().data()),
          by_service_(std::make_unique<ServiceSlots[]>(catalog.services().size())) {}

    // The action's slot: value-initialized until the caller fills it.
    T& operator[](const Action& action) const {
        const Service& service = *action.service;
        ServiceSlots& slots = by_service_[static_cast<std::size_t>(&service - services_)];
        // Asked for every action of every statement: once the slots are made, a load rather than a call.
        T* by_action = slots.ready.load(std::memory_order_acquire);
        if (by_action == nullptr) {
            std::call_once(slots.once, [&] {
                slots.owned = std::make_unique<T[]>(service.actions.size());
                slots.ready.store(slots.owned.get(), std::memory_order_release);
            });
            by_action = slots.owned.get();
        }
        return by_action[static_cast<std::size_t>(&action - service.actions.data())];
    }

private:
    struct ServiceSlots {
        std::atomic<T*> ready{nullptr};
        std::once_flag once;
        std::unique_ptr<T[]> owned;  // in the order of the service's actions
    };

    const Service* services_;
    std::unique_ptr<ServiceSlots[]> by_service_;  // in the order of the catalog's services
};

}  // namespace iamlint::rules
