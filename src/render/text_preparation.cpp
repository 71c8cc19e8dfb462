#include "render/text_preparation.hpp"

#include "platform/log.hpp"

#include <algorithm>

namespace signage::render {

TextPreparation::TextPreparation(SDL_Renderer* renderer, std::unique_ptr<SceneFonts> fonts, text::FontRoles roles, int width, int height,
                                 std::size_t cache_bytes)
    : m_renderer(renderer)
    , m_fonts(std::move(fonts))
    , m_roles(std::move(roles))
    , m_width(width)
    , m_height(height)
    , m_cache(cache_bytes)
{
}

SharedTextBlock TextPreparation::make_now(const std::string& key, const TextRecipe& recipe)
{
    auto block = store(key, recipe(*m_fonts));
    for (const auto& line : block->lines)
        line.prime(m_renderer, m_prime_at);
    return block;
}

SharedTextBlock TextPreparation::store(const std::string& key, const ComposedBlock& composed)
{
    auto uploaded = try_upload(m_renderer, composed);
    if (uploaded)
        return m_cache.insert(key, std::move(uploaded.value()));
    // Not cached: the next board that shows this text makes it again (the scene retries soon).
    ++m_failed_uploads;
    if (!m_failure_logged) {
        m_failure_logged = true;
        platform::log({platform::LogLevel::warning, "text",
                       printable_key(key) + " cannot be uploaded (" + uploaded.error().message +
                           "); it stays blank and is made again in a few seconds: if this repeats, give the GPU more memory or lower [text] cache_bytes"});
    }
    auto blank = std::make_shared<TextBlock>();
    blank->pixel_size = composed.pixel_size;
    return blank;
}

void TextPreparation::plan(const std::string& key, const TextRecipe& recipe, PreparedChange& change)
{
    if (!change.waiting.insert(key).second || !m_in_flight.insert(key).second)
        return;
    worker().submit(key, [recipe, fonts = m_worker_fonts.get()] {
        // Fonts that would not open there (they did here) give no text: the key then comes back
        // empty and the change is shown without it rather than never.
        return fonts->fonts ? recipe(*fonts->fonts) : ComposedBlock{};
    });
}

TextWorker& TextPreparation::worker()
{
    if (!m_worker) {
        // Fonts of its own (FreeType is not to be used from two threads at once), opened by its
        // first job so that the render thread does not wait for them.
        m_worker_fonts = std::make_unique<WorkerFonts>();
        m_worker = std::make_unique<TextWorker>();
        m_worker->submit({}, [fonts = m_worker_fonts.get(), roles = m_roles, width = m_width, height = m_height] {
            if (auto library = text::FreeTypeLibrary::create()) {
                fonts->library = std::move(library.value());
                if (auto opened = SceneFonts::open(*fonts->library, roles, width, height))
                    fonts->fonts = std::move(opened.value());
            }
            return ComposedBlock{};
        });
    }
    return *m_worker;
}

PreparedChange& TextPreparation::queue(PreparedChange change)
{
    // Without frames (off hours) nothing else takes the worker's blocks: they would pile up a
    // board after another until the screen turns on. Each new change takes a frame's worth
    // (at least one block) into the cache, and the cache lets go of what the change it
    // replaces held, down to its budget.
    upload_finished(std::chrono::milliseconds(3));
    drop(change.kind);
    // Text no change waits to show need not be primed (that only spares a frame a first use's
    // cost): let go of it, so the cache may drop it too.
    std::erase_if(m_unprimed, [this](const SharedTextBlock& block) {
        return std::none_of(m_pending.begin(), m_pending.end(), [&](const PreparedChange& pending) {
            return std::any_of(pending.held.begin(), pending.held.end(), [&](const auto& held) { return held.second == block; });
        });
    });
    m_cache.trim();
    m_pending.push_back(std::move(change));
    return m_pending.back();
}

void TextPreparation::drop(PreparedKind kind)
{
    std::erase_if(m_pending, [&](const PreparedChange& change) { return change.kind == kind; });
}

bool TextPreparation::waiting_for(PreparedKind kind) const
{
    return std::any_of(m_pending.begin(), m_pending.end(), [&](const PreparedChange& change) { return change.kind == kind; });
}

bool TextPreparation::preparing() const
{
    return std::any_of(m_pending.begin(), m_pending.end(), [](const PreparedChange& change) { return !change.waiting.empty(); });
}

void TextPreparation::upload_finished(std::chrono::microseconds budget)
{
    if (!m_worker)
        return;
    const auto start = std::chrono::steady_clock::now();
    while (auto finished = m_worker->take_finished()) {
        if (!finished->key.empty())  // empty: the job that opened the worker's fonts
            finish(std::move(*finished));
        if (std::chrono::steady_clock::now() - start >= budget)
            break;
    }
}

void TextPreparation::finish(TextWorker::Finished finished)
{
    m_in_flight.erase(finished.key);
    if (finished.failed) {
        // The worker logged what failed; the screen keeps what it shows rather than a change
        // with a hole in it. The next change of the kind tries again.
        std::erase_if(m_pending, [&](const PreparedChange& change) { return change.waiting.count(finished.key) > 0; });
        return;
    }
    SharedTextBlock block = store(finished.key, finished.block);
    m_unprimed.push_back(block);
    for (auto& change : m_pending)
        if (change.waiting.erase(finished.key) > 0)
            change.held.emplace(finished.key, block);
}

std::optional<PreparedChange> TextPreparation::take_ready()
{
    const auto ready = std::find_if(m_pending.begin(), m_pending.end(), [](const PreparedChange& change) { return change.waiting.empty(); });
    if (ready == m_pending.end())
        return std::nullopt;
    PreparedChange change = std::move(*ready);
    m_pending.erase(ready);
    return change;
}

void TextPreparation::prime_uploaded()
{
    for (const auto& block : std::exchange(m_unprimed, {}))
        for (const auto& line : block->lines)
            line.prime(m_renderer, m_prime_at);
}

const TextCacheStats& TextPreparation::trim()
{
    m_cache.trim();
    return m_cache.stats();
}

SharedTextBlock PlanText::make(const std::string& key, const TextRecipe& recipe)
{
    m_preparation.plan(key, recipe, m_change);
    return nullptr;
}

SharedTextBlock ReplayText::find(const std::string& key)
{
    if (auto found = m_preparation.m_cache.find_again(key))
        return found;
    const auto held = m_change.held.find(key);
    return held != m_change.held.end() ? held->second : nullptr;
}

}  // namespace signage::render
