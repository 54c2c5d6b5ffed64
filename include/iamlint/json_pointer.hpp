// The JSON pointer of an element of the policy model, stored once however often it is copied.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

namespace iamlint {

// An immutable RFC 6901 pointer ("/Statement/0/Action/1") that copies share. A dump's model holds
// millions of places whose pointers are long ("/RoleDetailList/1234/RolePolicyList/0/PolicyDocument/
// Statement/3/Action/2") and often equal (an element's key and its value): each place then costs one
// word for its pointer instead of a std::string's four, and equal copies one allocation. Copies may be
// made and dropped on any thread: the count of owners is atomic. Inline, as iamlint_base (finding
// identities) reads places too.
class JsonPointer {
public:
    JsonPointer() = default;  // "": the whole document; allocates nothing
    JsonPointer(std::string_view text) {
        if (text.empty()) return;
        std::memcpy(allocate(text.size()), text.data(), text.size());
    }
    // parent + "/" + token, the token already escaped (json_pointer_child), with no string in between.
    JsonPointer(std::string_view parent, std::string_view token) {
        char* chars = allocate(parent.size() + 1 + token.size());
        std::memcpy(chars, parent.data(), parent.size());
        chars[parent.size()] = '/';
        std::memcpy(chars + parent.size() + 1, token.data(), token.size());
    }
    JsonPointer(const std::string& text) : JsonPointer(std::string_view(text)) {}
    JsonPointer(const char* text) : JsonPointer(std::string_view(text)) {}
    JsonPointer(const JsonPointer& other) noexcept : shared_(other.shared_) { add_owner(); }
    JsonPointer(JsonPointer&& other) noexcept : shared_(other.shared_) { other.shared_ = nullptr; }
    JsonPointer& operator=(const JsonPointer& other) noexcept {
        Shared* const shared = other.shared_;  // `other` may be this very pointer, which release() empties
        other.add_owner();
        release();
        shared_ = shared;
        return *this;
    }
    JsonPointer& operator=(JsonPointer&& other) noexcept {
        if (this != &other) {
            release();
            shared_ = other.shared_;
            other.shared_ = nullptr;
        }
        return *this;
    }
    ~JsonPointer() { release(); }

    std::string_view view() const {
        if (shared_ == nullptr) return {};
        return {reinterpret_cast<const char*>(shared_ + 1), shared_->size};
    }
    operator std::string_view() const { return view(); }  // reads like the text it is
    std::size_t size() const { return shared_ == nullptr ? 0 : shared_->size; }
    bool empty() const { return shared_ == nullptr; }

    friend bool operator==(const JsonPointer& a, std::string_view b) { return a.view() == b; }

private:
    // The characters follow this header in the same allocation. 32 bits each: inputs are under 4 GiB,
    // so no pointer is longer, and no place is copied four billion times.
    struct Shared {
        std::atomic<std::uint32_t> owners;
        std::uint32_t size;
    };

    char* allocate(std::size_t size) {
        void* memory = ::operator new(sizeof(Shared) + size);
        shared_ = new (memory) Shared{{1}, static_cast<std::uint32_t>(size)};
        return reinterpret_cast<char*>(shared_ + 1);
    }

    void add_owner() const noexcept {
        // A new owner needs no ordering: the text reached this thread with the pointer copied.
        if (shared_ != nullptr) shared_->owners.fetch_add(1, std::memory_order_relaxed);
    }

    void release() noexcept {
        if (shared_ == nullptr) return;
        // The last owner frees the text: every other owner's reads of it come before (acq_rel).
        if (shared_->owners.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            shared_->~Shared();
            ::operator delete(shared_);
        }
        shared_ = nullptr;
    }

    Shared* shared_ = nullptr;
};

}  // namespace iamlint
