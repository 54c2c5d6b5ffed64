// Writing a report's findings in order while their text is made on several threads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "iamlint/parallel.hpp"

namespace iamlint::reporting {

// Findings whose text one thread makes into one string at a time.
inline constexpr std::size_t kFindingsPerChunk = 512;

// Writes the text of items [0, count) to `out`, in order. append_text(first, last, text) appends the
// text of items [first, last) to `text`; it is called for chunks of kFindingsPerChunk items on up to
// `threads` threads at once, so it must only read what it shares. Chunks are made a few per thread at
// a time and written before the next ones are made: the text of a million findings (hundreds of MB)
// is never all in memory.
template <typename AppendText>
void write_chunks_in_order(std::size_t count, unsigned threads, std::ostream& out, AppendText&& append_text) {
    const std::size_t chunks = (count + kFindingsPerChunk - 1) / kFindingsPerChunk;
    const std::size_t chunks_at_once = std::size_t{std::max(1U, threads)} * 4;
    std::vector<std::string> texts(std::min(chunks, chunks_at_once));
    for (std::size_t done = 0; done < chunks; done += chunks_at_once) {
        const std::size_t now = std::min(chunks_at_once, chunks - done);
        parallel_for(now, threads, [&](std::size_t i) {
            const std::size_t first = (done + i) * kFindingsPerChunk;
            texts[i].clear();
            append_text(first, std::min(count, first + kFindingsPerChunk), texts[i]);
        });
        for (std::size_t i = 0; i < now; ++i)
            out.write(texts[i].data(), static_cast<std::streamsize>(texts[i].size()));
    }
}

}  // namespace iamlint::reporting
