// The JSON pointer of an element of the policy model: each element's pointer is its parent's plus one
// token, and shares the parent's text instead of repeating it.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

namespace iamlint {

// An immutable RFC 6901 pointer ("/Statement/0/Action/1") that copies and children share. A dump's
// model holds millions of places whose pointers are long ("/RoleDetailList/1234/RolePolicyList/0/
// PolicyDocument/Statement/3/Action/2") and differ only in their last token: each pointer is one node
// that holds that token and refers to its parent's node, so an element's pointer costs one small
// allocation however deep it is, and a copy none. The text is spelled out only where it is read
// (str(), a finding's location), which is once per finding. Copies may be made and dropped on any
// thread: the counts of owners are atomic. Inline, as iamlint_base (finding identities) reads places too.
class JsonPointer {
public:
    JsonPointer() = default;  // "": the whole document; allocates nothing
    // A pointer from its whole text, in one node.
    JsonPointer(std::string_view text) {
        if (!text.empty()) node_ = make_node(nullptr, "", text);
    }
    JsonPointer(const std::string& text) : JsonPointer(std::string_view(text)) {}
    JsonPointer(const char* text) : JsonPointer(std::string_view(text)) {}
    // parent + "/" + token, the token already escaped (json_pointer_child).
    JsonPointer(const JsonPointer& parent, std::string_view token) {
        if (parent.node_ != nullptr) parent.node_->owners.fetch_add(1, std::memory_order_relaxed);
        node_ = make_node(parent.node_, "/", token);
    }
    JsonPointer(const JsonPointer& other) noexcept : node_(other.node_) { add_owner(); }
    JsonPointer(JsonPointer&& other) noexcept : node_(other.node_) { other.node_ = nullptr; }
    JsonPointer& operator=(const JsonPointer& other) noexcept {
        Node* const node = other.node_;  // `other` may be this very pointer, which release() empties
        other.add_owner();
        release();
        node_ = node;
        return *this;
    }
    JsonPointer& operator=(JsonPointer&& other) noexcept {
        if (this != &other) {
            release();
            node_ = other.node_;
            other.node_ = nullptr;
        }
        return *this;
    }
    ~JsonPointer() { release(); }

    std::size_t size() const { return node_ == nullptr ? 0 : node_->size; }
    bool empty() const { return node_ == nullptr; }
    std::string str() const {
        std::string text(size(), '\0');
        for (const Node* node = node_; node != nullptr; node = node->parent) {
            std::memcpy(text.data() + node->size - node->segment_size, node->segment(), node->segment_size);
        }
        return text;
    }

    friend bool operator==(const JsonPointer& pointer, std::string_view text) {
        if (pointer.size() != text.size()) return false;
        for (const Node* node = pointer.node_; node != nullptr; node = node->parent) {
            const std::string_view segment(node->segment(), node->segment_size);
            if (text.substr(node->size - node->segment_size) != segment) return false;
            text.remove_suffix(node->segment_size);
        }
        return true;
    }

private:
    // A node's text is its parent's followed by its segment ("/" and the token; the whole text for a
    // node without a parent), whose characters follow the header in the same allocation. 32 bits
    // each: inputs are under 4 GiB, so no pointer is longer, and no node is shared four billion times.
    struct Node {
        Node* parent;
        std::atomic<std::uint32_t> owners;  // copies of this pointer, and the nodes of its children
        std::uint32_t size;                 // of the whole text
        std::uint32_t segment_size;

        char* segment() { return reinterpret_cast<char*>(this) + kHeaderSize; }
        const char* segment() const { return reinterpret_cast<const char*>(this) + kHeaderSize; }
    };
    // The segment starts right after segment_size, in what would be the struct's tail padding.
    static constexpr std::size_t kHeaderSize = offsetof(Node, segment_size) + sizeof(std::uint32_t);

    static Node* make_node(Node* parent, std::string_view separator, std::string_view token) {
        const std::size_t segment_size = separator.size() + token.size();
        void* memory = ::operator new(kHeaderSize + segment_size);
        const std::uint32_t size =
            (parent == nullptr ? 0 : parent->size) + static_cast<std::uint32_t>(segment_size);
        Node* node = new (memory) Node{parent, {1}, size, static_cast<std::uint32_t>(segment_size)};
        std::memcpy(node->segment(), separator.data(), separator.size());
        std::memcpy(node->segment() + separator.size(), token.data(), token.size());
        return node;
    }

    void add_owner() const noexcept {
        // A new owner needs no ordering: the nodes reached this thread with the pointer copied.
        if (node_ != nullptr) node_->owners.fetch_add(1, std::memory_order_relaxed);
    }

    void release() noexcept {
        // The last owner of a node frees it and gives up its own share of the parent. Every other
        // owner's reads of a node come before (acq_rel).
        Node* node = node_;
        node_ = nullptr;
        while (node != nullptr && node->owners.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            Node* const parent = node->parent;
            node->~Node();
            ::operator delete(node);
            node = parent;
        }
    }

    Node* node_ = nullptr;
};

}  // namespace iamlint
