#include "render/text_cache.hpp"

#include <cmath>

namespace signage::render {

std::size_t TextBlock::bytes() const
{
    std::size_t total = 0;
    for (const auto& line : lines)
        total += line.bytes();
    return total;
}

Result<TextBlock> try_upload(SDL_Renderer* renderer, const ComposedBlock& block)
{
    TextBlock uploaded;
    uploaded.pixel_size = block.pixel_size;
    for (const auto& line : block.lines) {
        auto sprite = TextSprite::try_upload(renderer, line);
        if (!sprite)
            return sprite.error();
        uploaded.lines.push_back(std::move(sprite.value()));
    }
    return uploaded;
}

std::string describe(const TextCacheStats& stats)
{
    return "text cache: " + std::to_string(stats.hits) + " hits, " + std::to_string(stats.misses) + " misses (" +
           std::to_string(static_cast<int>(std::lround(stats.hit_rate() * 100))) + "% hits), " + std::to_string(stats.bytes / 1024) +
           " of " + std::to_string(stats.budget_bytes / 1024) + " KiB, " + std::to_string(stats.evictions) + " evicted";
}

TextCache::TextCache(std::size_t budget_bytes)
{
    m_stats.budget_bytes = budget_bytes;
}

std::shared_ptr<const TextBlock> TextCache::get(const std::string& key, const std::function<TextBlock()>& make)
{
    if (auto found = find(key))
        return found;
    return insert(key, make());
}

std::shared_ptr<const TextBlock> TextCache::find(const std::string& key)
{
    auto found = find_again(key);
    if (found)
        ++m_stats.hits;
    return found;
}

std::shared_ptr<const TextBlock> TextCache::find_again(const std::string& key)
{
    const auto found = m_index.find(key);
    if (found == m_index.end())
        return nullptr;
    m_recency.splice(m_recency.begin(), m_recency, found->second);
    return found->second->block;
}

std::shared_ptr<const TextBlock> TextCache::insert(const std::string& key, TextBlock made)
{
    if (auto found = find_again(key))
        return found;  // made twice (a worker's copy came after the text was made here): keep the first
    ++m_stats.misses;
    auto block = std::make_shared<const TextBlock>(std::move(made));
    m_recency.push_front(Entry{key, block});
    m_index.emplace(key, m_recency.begin());
    m_stats.bytes += block->bytes();
    ++m_stats.entries;
    return block;
}

void TextCache::trim()
{
    // From the least recently used end; an entry someone else still holds is on screen, and
    // dropping it would free nothing while costing a re-render when it is asked for again.
    for (auto it = m_recency.end(); it != m_recency.begin() && m_stats.bytes > m_stats.budget_bytes;) {
        --it;
        if (it->block.use_count() > 1)
            continue;
        m_stats.bytes -= it->block->bytes();
        --m_stats.entries;
        ++m_stats.evictions;
        m_index.erase(it->key);
        it = m_recency.erase(it);
    }
}

}  // namespace signage::render
