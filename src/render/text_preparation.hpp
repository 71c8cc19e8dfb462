#pragma once
// The scene's text pipeline. Text is made in one of three ways, each a TextSource:
//   MakeText    shapes, rasterizes and uploads what the cache lacks, at once (set_notices);
//   PlanText    a dry run of building a change: what the cache lacks goes to the worker thread,
//               and the change waits for it (prepare_notices);
//   ReplayText  builds a change whose text has all been uploaded: it only looks it up.
// Between frames the worker's text is uploaded a little at a time (upload_finished).
#include "model/alert_board.hpp"
#include "model/notice.hpp"
#include "platform/local_time.hpp"
#include "render/text_source.hpp"
#include "render/text_worker.hpp"

#include <chrono>
#include <deque>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace signage::render {

enum class PreparedKind { notices, urgent, clock, alerts };

// A prepare_ call waiting for its text.
struct PreparedChange {
    PreparedKind kind = PreparedKind::notices;
    std::vector<model::Notice> notices;
    platform::LocalTime time{};  // for the clock; for alerts, the day "until" is told from
    std::unordered_set<std::string> waiting;                 // cache keys of text not uploaded yet
    std::unordered_map<std::string, SharedTextBlock> held;  // uploaded for it: kept from trim() until shown
    bool retry = false;  // the same board made again after an upload failed: not a new board
    std::vector<model::ShownAlert> alerts = {};  // for alerts
};

class TextPreparation {
public:
    TextPreparation(SDL_Renderer* renderer, std::unique_ptr<SceneFonts> fonts, text::FontRoles roles, int width, int height,
                    std::size_t cache_bytes);

    const SceneFonts& fonts() const { return *m_fonts; }

    // Puts a change in line, in place of one of its kind still waiting: a PlanText for it finds
    // what it needs.
    PreparedChange& queue(PreparedChange change);
    void drop(PreparedKind kind);
    const std::deque<PreparedChange>& pending() const { return m_pending; }
    bool waiting_for(PreparedKind kind) const;
    // Whether a change still waits for text.
    bool preparing() const;
    // Uploads what the worker has finished, for about `budget` (at least one block).
    void upload_finished(std::chrono::microseconds budget);
    // The oldest change whose text is all uploaded, out of the line.
    std::optional<PreparedChange> take_ready();
    // Prepares the uploaded text for drawing (see TextSprite::prime), in a frame that paints over it.
    void prime_uploaded();
    // Where the primed pixel goes: a pixel that every frame showing new text paints over (the
    // scene's upper area, which such a frame redraws while the header may keep its pixels).
    void prime_at(SDL_Point at) { m_prime_at = at; }
    // Lets the cache drop what nobody shows any more, down to its budget.
    const TextCacheStats& trim();
    // After a new board: the heap's free pages go back to the system, on the worker's thread
    // (TextWorker::release_heap_later), never stalling a frame.
    void release_heap_later()
    {
        if (m_worker)
            m_worker->release_heap_later();
    }

    // Uploads that failed, ever: text drawn blank until it is made again. Logged once, until
    // failures_cleared() says text was made again without one.
    std::size_t failed_uploads() const { return m_failed_uploads; }
    void failures_cleared() { m_failure_logged = false; }

private:
    friend class MakeText;
    friend class PlanText;
    friend class ReplayText;
    struct WorkerFonts {
        std::optional<text::FreeTypeLibrary> library;
        std::unique_ptr<SceneFonts> fonts;  // null: they would not open
    };

    SharedTextBlock make_now(const std::string& key, const TextRecipe& recipe);
    // The block as uploaded and cached, or (when the upload failed) an empty one not cached.
    SharedTextBlock store(const std::string& key, const ComposedBlock& composed);
    void plan(const std::string& key, const TextRecipe& recipe, PreparedChange& change);
    TextWorker& worker();
    void finish(TextWorker::Finished finished);

    SDL_Renderer* m_renderer;
    std::unique_ptr<SceneFonts> m_fonts;
    text::FontRoles m_roles;  // for the worker's own fonts
    int m_width;
    int m_height;
    TextCache m_cache;
    std::deque<PreparedChange> m_pending;
    std::unordered_set<std::string> m_in_flight;  // keys the worker has been given
    std::vector<SharedTextBlock> m_unprimed;      // uploaded by upload_finished, not drawn yet
    SDL_Point m_prime_at{0, 0};
    std::size_t m_failed_uploads = 0;
    bool m_failure_logged = false;
    std::unique_ptr<WorkerFonts> m_worker_fonts;
    std::unique_ptr<TextWorker> m_worker;  // after its fonts: stops before they close
};

class MakeText : public TextSource {
public:
    explicit MakeText(TextPreparation& preparation) : m_preparation(preparation) {}

protected:
    SharedTextBlock find(const std::string& key) override { return m_preparation.m_cache.find(key); }
    SharedTextBlock make(const std::string& key, const TextRecipe& recipe) override { return m_preparation.make_now(key, recipe); }
    TextPreparation& m_preparation;
};

class PlanText : public TextSource {
public:
    PlanText(TextPreparation& preparation, PreparedChange& change) : m_preparation(preparation), m_change(change) {}

protected:
    SharedTextBlock find(const std::string& key) override { return m_preparation.m_cache.find(key); }
    SharedTextBlock make(const std::string& key, const TextRecipe& recipe) override;

private:
    TextPreparation& m_preparation;
    PreparedChange& m_change;
};

// Lookups already counted when the change was planned are not counted again; text dropped from
// the cache meanwhile (it was not held: it was there when planned) is made at once.
class ReplayText : public MakeText {
public:
    ReplayText(TextPreparation& preparation, const PreparedChange& change) : MakeText(preparation), m_change(change) {}

protected:
    SharedTextBlock find(const std::string& key) override;

private:
    const PreparedChange& m_change;
};

}  // namespace signage::render
