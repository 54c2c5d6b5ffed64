// A string in 16 bytes (a std::string takes 24 or 32), for the millions of texts and keys of a JSON tree.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace iamlint {

// An owned string that reads like a std::string_view. Up to 15 bytes are kept inline, as most of a
// policy's strings are short; longer ones in one heap allocation of exact size. 32-bit sizes: inputs
// are under 4 GiB.
class CompactString {
public:
    CompactString() noexcept { set_inline_size(0); }
    CompactString(std::string_view text) { assign_new(text); }
    CompactString(const std::string& text) : CompactString(std::string_view(text)) {}
    CompactString(const char* text) : CompactString(std::string_view(text)) {}
    CompactString(const CompactString& other) : CompactString(other.view()) {}
    CompactString(CompactString&& other) noexcept {
        std::memcpy(bytes_, other.bytes_, sizeof bytes_);
        other.set_inline_size(0);
    }
    CompactString& operator=(std::string_view text) {
        CompactString copy(text);  // `text` may be a part of this string
        return *this = std::move(copy);
    }
    CompactString& operator=(const std::string& text) { return *this = std::string_view(text); }
    CompactString& operator=(const char* text) { return *this = std::string_view(text); }
    CompactString& operator=(const CompactString& other) { return *this = other.view(); }
    CompactString& operator=(CompactString&& other) noexcept {
        if (this != &other) {
            release();
            std::memcpy(bytes_, other.bytes_, sizeof bytes_);
            other.set_inline_size(0);
        }
        return *this;
    }
    ~CompactString() { release(); }

    std::string_view view() const noexcept { return {data(), size()}; }
    operator std::string_view() const noexcept { return view(); }  // reads like the text it is

    const char* data() const noexcept {
        return on_heap() ? heap_data() : reinterpret_cast<const char*>(bytes_);
    }
    std::size_t size() const noexcept {
        if (!on_heap()) return bytes_[kTag];
        std::uint32_t size;
        std::memcpy(&size, bytes_ + sizeof(char*), sizeof size);
        return size;
    }
    bool empty() const noexcept { return size() == 0; }
    char operator[](std::size_t i) const noexcept { return data()[i]; }
    const char* begin() const noexcept { return data(); }
    const char* end() const noexcept { return data() + size(); }

    bool starts_with(std::string_view prefix) const noexcept { return view().starts_with(prefix); }
    bool ends_with(std::string_view suffix) const noexcept { return view().ends_with(suffix); }
    std::size_t find(std::string_view what, std::size_t from = 0) const noexcept {
        return view().find(what, from);
    }
    std::size_t find(char c, std::size_t from = 0) const noexcept { return view().find(c, from); }
    std::size_t find_first_not_of(std::string_view chars, std::size_t from = 0) const noexcept {
        return view().find_first_not_of(chars, from);
    }
    std::string_view substr(std::size_t from, std::size_t count = std::string_view::npos) const {
        return view().substr(from, count);
    }

    template <typename Text>
    requires std::convertible_to<const Text&, std::string_view>
    friend bool operator==(const CompactString& a, const Text& b) noexcept {
        return a.view() == std::string_view(b);
    }
    // Messages are put together from keys and texts.
    friend std::string operator+(std::string_view a, const CompactString& b) {
        std::string joined;
        joined.reserve(a.size() + b.size());
        return joined.append(a).append(b.view());
    }
    friend std::string operator+(const CompactString& a, std::string_view b) {
        std::string joined;
        joined.reserve(a.size() + b.size());
        return joined.append(a.view()).append(b);
    }

private:
    // Inline: the characters, then their count in the last byte (kTag). On the heap: the pointer, the
    // 32-bit size, and kOnHeap in the last byte.
    static constexpr std::size_t kTag = 15;
    static constexpr std::size_t kInlineCapacity = kTag;
    static constexpr unsigned char kOnHeap = 0x80;

    bool on_heap() const noexcept { return bytes_[kTag] == kOnHeap; }
    char* heap_data() const noexcept {
        char* chars;
        std::memcpy(&chars, bytes_, sizeof chars);
        return chars;
    }
    void set_inline_size(std::size_t size) noexcept { bytes_[kTag] = static_cast<unsigned char>(size); }

    void assign_new(std::string_view text) {
        if (text.size() <= kInlineCapacity) {
            if (!text.empty()) std::memcpy(bytes_, text.data(), text.size());
            set_inline_size(text.size());
            return;
        }
        char* chars = new char[text.size()];
        std::memcpy(chars, text.data(), text.size());
        const auto size = static_cast<std::uint32_t>(text.size());
        std::memcpy(bytes_, &chars, sizeof chars);
        std::memcpy(bytes_ + sizeof chars, &size, sizeof size);
        bytes_[kTag] = kOnHeap;
    }
    void release() noexcept {
        if (on_heap()) delete[] heap_data();
    }

    alignas(char*) unsigned char bytes_[16];
};

}  // namespace iamlint
