#include "render/text_cache.hpp"

#include <cmath>

std::size_t TextBlock::bytes() const
{
    std::size_t total = 0;
    for (const auto& line : lines)
        total += line.bytes();
    return total;
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
    if (auto found = m_index.find(key); found != m_index.end()) {
        ++m_stats.hits;
        m_recency.splice(m_recency.begin(), m_recency, found->second);
        return found->second->block;
    }
    ++m_stats.misses;
    auto block = std::make_shared<const TextBlock>(make());
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
