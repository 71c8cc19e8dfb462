#pragma once
// Rasterized text kept on the GPU between board changes, bounded in bytes: a notice that comes
// back, a counter "3 / 5" that is shown again, costs a lookup instead of shaping and uploading.
// Least recently used text goes first; text on screen is never evicted (the scene holds it).
#include "render/text_sprite.hpp"

#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace signage::render {

// One or more lines of text set together (a wrapped title), as sprites, and the pixel size
// they were set at (auto-fit may have chosen a smaller one).
struct TextBlock {
    std::vector<TextSprite> lines;
    int pixel_size = 0;

    std::size_t bytes() const;
};

// The same, made on the CPU and not yet uploaded (see ComposedText).
struct ComposedBlock {
    std::vector<ComposedText> lines;
    int pixel_size = 0;
};

// The block as textures, or what failed (see TextSprite::try_upload).
Result<TextBlock> try_upload(SDL_Renderer* renderer, const ComposedBlock& block);

struct TextCacheStats {
    std::size_t hits = 0;
    std::size_t misses = 0;
    std::size_t evictions = 0;
    std::size_t entries = 0;
    std::size_t bytes = 0;         // texture memory of every entry held
    std::size_t budget_bytes = 0;  // what `bytes` is kept under, unless the screen alone needs more

    // Hits per lookup, 0..1; 0 before the first lookup.
    double hit_rate() const { return hits + misses == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(hits + misses); }
};

// "text cache: 40 hits, 10 misses (80% hits), 1889 of 32768 KiB, 0 evicted", for the log.
std::string describe(const TextCacheStats& stats);

class TextCache {
public:
    explicit TextCache(std::size_t budget_bytes);

    // The block stored under `key`, else what `make` returns, stored. The key must say all that
    // the pixels depend on: role, size, colour, effects and text.
    std::shared_ptr<const TextBlock> get(const std::string& key, const std::function<TextBlock()>& make);

    // For text made elsewhere (on a worker thread): the block under `key`, counted as a hit,
    // or nullptr; then insert() stores what was made, counted as a miss.
    std::shared_ptr<const TextBlock> find(const std::string& key);
    std::shared_ptr<const TextBlock> insert(const std::string& key, TextBlock block);
    // find() again for a lookup already counted: no count.
    std::shared_ptr<const TextBlock> find_again(const std::string& key);

    // Drops least recently used blocks nobody else holds until the cache is within budget. A
    // lookup never drops anything: the holder trims when it has let go of what it no longer
    // shows (the scene, after each board change), so text about to be asked for again stays.
    void trim();

    const TextCacheStats& stats() const { return m_stats; }

private:
    struct Entry {
        std::string key;
        std::shared_ptr<const TextBlock> block;
    };

    std::list<Entry> m_recency;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> m_index;
    TextCacheStats m_stats;
};

}  // namespace signage::render
